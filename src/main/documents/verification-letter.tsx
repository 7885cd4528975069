import { Text, View } from '@react-pdf/renderer'
import type { FactorDetails } from '../../shared/contract/admin'
import type { DocClient, DocDebtor, DocInvoice } from '../db/repos/document-repo'
import { AddressWindow, BodyStart, InfoBlock, Letterhead, LetterDocument, LetterPage, s, Table } from './base'
import { addressLines, formatAmount, formatDate, localeFor } from './format'
import { FactorFooter, factorReturnLine } from './letter-parts'

/**
 * Asks the debtor to confirm that the listed invoices are genuine, delivered and undisputed, before or
 * after funding. The reply slip repeats the invoice count and total so a returned slip can be matched.
 */
export interface VerificationProps {
  factor: FactorDetails
  client: DocClient
  clientLogo: string
  debtor: DocDebtor
  invoices: DocInvoice[]
  today: string
  /** Where the debtor should reply by; defaults to two weeks from today in the service. */
  replyBy: string
}

export function VerificationLetter({ factor, client, clientLogo, debtor, invoices, today, replyBy }: VerificationProps) {
  const locale = localeFor(debtor.language, debtor.country)
  const date = (d: string) => formatDate(d, locale)
  const currencies = [...new Set(invoices.map((i) => i.currency))]
  const totals = currencies.map((c) => formatAmount(invoices.filter((i) => i.currency === c).reduce((t, i) => t + i.face, 0), c, locale)).join(' + ')
  const title = 'Request for confirmation of invoices'
  return (
    <LetterDocument title={`${title}: ${debtor.name}`} author={factor.name}>
      <LetterPage footer={<FactorFooter factor={factor} />} pageNumbers>
        <Letterhead left={{ name: factor.name, logo: factor.logo }} right={{ name: client.name, logo: clientLogo, caption: 'On behalf of our client' }} />
        <AddressWindow returnLine={factorReturnLine(factor)} lines={addressLines(debtor, factor.country)} />
        <InfoBlock
          rows={[
            ['Date', date(today)],
            ['Our client', client.name],
            ['Invoices', String(invoices.length)],
            ['Please reply by', date(replyBy)]
          ]}
        />
        <BodyStart />
        <Text style={s.title}>{title}</Text>
        <Text style={s.paragraph}>
          Dear Sir or Madam, {client.name} has offered the invoices below to {factor.name} for financing. As part of our routine audit, please
          confirm that each invoice is correct, that the goods or services have been delivered, and that you have no claims against{' '}
          {client.name} that could reduce the amount payable. Please check the list, complete the reply slip and return it to us by{' '}
          {date(replyBy)}, by post or as a scan to {factor.email || 'us'}.
        </Text>
        <Table
          columns={[
            { label: 'Invoice', width: 3 },
            { label: 'Invoice date', width: 2.4 },
            { label: 'Due date', width: 2.4 },
            { label: 'Amount', width: 3, align: 'right' }
          ]}
          rows={invoices.map((i) => [i.number, date(i.issueDate), date(i.dueDate), formatAmount(i.face, i.currency, locale)])}
          total={[`${invoices.length} invoice${invoices.length === 1 ? '' : 's'}`, '', '', totals]}
        />
        <Text style={[s.small, s.muted, { marginTop: 6 }]}>
          This letter is not a demand for payment, and it does not change where you pay: follow the payment instructions on each invoice.
        </Text>
        <View style={s.cutLine} wrap={false}>
          <Text style={[s.bold, { marginBottom: 3 }]}>Reply slip: return to {factor.name}</Text>
          <Text style={[s.small, { marginBottom: 4 }]}>
            {debtor.name} confirms the {invoices.length} invoice{invoices.length === 1 ? '' : 's'} of {client.name} listed above, totalling {totals}:
          </Text>
          <Text style={[s.small, { marginBottom: 2 }]}>☐  as correct, delivered and undisputed.</Text>
          <Text style={[s.small, { marginBottom: 10 }]}>☐  except for the following (invoice number, amount, reason): ____________________________________</Text>
          <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 14 }}>
            <Text style={s.signatureLine}>Place and date</Text>
            <Text style={s.signatureLine}>Signature and name in capitals</Text>
          </View>
        </View>
      </LetterPage>
    </LetterDocument>
  )
}
