import { Text, View } from '@react-pdf/renderer'
import type { FactorDetails } from '../../shared/contract/admin'
import type { InvoiceDocData } from '../db/repos/document-repo'
import { AddressWindow, BodyStart, InfoBlock, KeyValues, Letterhead, LetterDocument, LetterPage, s, Table } from './base'
import { addressLines, formatAmount, formatDate, formatIban, formatRf, localeFor } from './format'
import { assignmentSentence, FactorFooter, factorReturnLine } from './letter-parts'

/**
 * The document sent to the debtor for each funded invoice. Where the debtor has not yet been told of the
 * assignment (noa_status 'none') it is a notice of assignment with an acknowledgement slip; otherwise a
 * copy of the invoice carrying the assignment notation. Both name the client and the factor and tell the
 * debtor where payment discharges the debt.
 */
export type InvoiceDocVariant = 'copy' | 'notice'

export interface InvoiceDocProps {
  data: InvoiceDocData
  factor: FactorDetails
  clientLogo: string
  variant: InvoiceDocVariant
  today: string
}

export function chooseVariant(noaStatus: InvoiceDocData['noaStatus']): InvoiceDocVariant {
  return noaStatus === 'none' ? 'notice' : 'copy'
}

export const VARIANT_TITLE: Record<InvoiceDocVariant, string> = { copy: 'Invoice copy', notice: 'Notice of assignment' }

export function InvoiceNotice({ data, factor, clientLogo, variant, today }: InvoiceDocProps) {
  const { invoice: inv, client, debtor } = data
  const locale = localeFor(debtor.language, debtor.country)
  const money = (n: number) => formatAmount(n, inv.currency, locale)
  const date = (d: string) => formatDate(d, locale)
  const title = `${VARIANT_TITLE[variant]} ${inv.number}`
  return (
    <LetterDocument title={title} author={factor.name}>
      <LetterPage footer={<FactorFooter factor={factor} />}>
        <Letterhead left={{ name: client.name, logo: clientLogo, caption: 'Invoice issued by' }} right={{ name: factor.name, logo: factor.logo, caption: 'Assigned to' }} />
        <AddressWindow returnLine={factorReturnLine(factor)} note={variant === 'notice' ? 'NOTICE OF ASSIGNMENT' : undefined} lines={addressLines(debtor, factor.country)} />
        <InfoBlock
          rows={[
            ['Invoice number', inv.number],
            ['Invoice date', date(inv.issueDate)],
            ['Due date', date(inv.dueDate)],
            ['Reference', formatRf(inv.rfRef)],
            ...(debtor.regNo ? ([['Your reg. no.', debtor.regNo]] as [string, string][]) : []),
            ['Date', date(today)]
          ]}
        />
        <BodyStart />
        <Text style={s.title}>{title}</Text>
        {variant === 'notice' ? (
          <Text style={s.paragraph}>
            Dear Sir or Madam, {client.name} has assigned its receivables against you to {factor.name}: the invoice below and every invoice it
            issues to you from now on. Payments discharge your debt only when made to {factor.name} as set out below. Please update your
            supplier records and return the signed slip at the foot of this page.
          </Text>
        ) : (
          <Text style={s.paragraph}>
            Copy of invoice {inv.number} issued by {client.name} to {debtor.name}, carrying the notice of its assignment to {factor.name}.
          </Text>
        )}
        <Table
          columns={[
            { label: 'Invoice', width: 3 },
            { label: 'Invoice date', width: 2.4 },
            { label: 'Due date', width: 2.4 },
            { label: 'Currency', width: 1.6 },
            { label: 'Amount', width: 3, align: 'right' }
          ]}
          rows={[[inv.number, date(inv.issueDate), date(inv.dueDate), inv.currency, money(inv.face)]]}
          total={['Amount due', '', '', '', money(inv.openAmount)]}
        />
        <View style={s.box} wrap={false}>
          <Text style={[s.bold, { marginBottom: 4 }]}>{assignmentSentence(factor, inv.rfRef)}</Text>
          <KeyValues
            rows={[
              ['Payee', factor.name],
              ['IBAN', formatIban(factor.iban)],
              ['BIC', factor.bic],
              ['Reference', formatRf(inv.rfRef)],
              ['Amount', inv.openAmount > 0 ? money(inv.openAmount) : 'nothing: paid in full'],
              ['Due date', date(inv.dueDate)]
            ]}
          />
        </View>
        <Text style={[s.small, s.muted]}>
          Payments to {client.name} or to any other account do not discharge the debt. Please quote the reference exactly as printed so
          your payment is matched automatically.
        </Text>
        {variant === 'notice' ? (
          <View style={s.cutLine} wrap={false}>
            <Text style={[s.bold, { marginBottom: 3 }]}>Acknowledgement: return to {factor.name}</Text>
            <Text style={[s.paragraph, s.small]}>
              We, {debtor.name}, acknowledge the assignment of the receivables of {client.name} to {factor.name}, including invoice{' '}
              {inv.number} of {money(inv.face)}, and will pay them only to IBAN {formatIban(factor.iban)}.
            </Text>
            <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 18 }}>
              <Text style={s.signatureLine}>Place and date</Text>
              <Text style={s.signatureLine}>Signature and name in capitals</Text>
            </View>
          </View>
        ) : null}
      </LetterPage>
    </LetterDocument>
  )
}
