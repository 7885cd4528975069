import { Text, View } from '@react-pdf/renderer'
import type { FactorDetails } from '../../shared/contract/admin'
import type { DocClient, DocRequest } from '../db/repos/document-repo'
import { AddressWindow, BodyStart, InfoBlock, KeyValues, Letterhead, LetterDocument, LetterPage, s, Table } from './base'
import { addressLines, formatAmount, formatBp, formatDate, formatIban, formatPlain, localeFor } from './format'
import { FactorFooter, factorReturnLine } from './letter-parts'

/** One funded invoice on the statement; amounts in minor units of the request's currency. */
export interface StatementLine {
  number: string
  debtorName: string
  dueDate: string
  face: number
  advance: number
  reserve: number
  fees: number
}

export interface StatementTotals {
  face: number
  advance: number
  reserve: number
  fees: number
  /** Fees posted for the request as a whole rather than per invoice: a line of their own in the table. */
  requestFees: number
  /** Chargebacks or other items netted against the payout: advance - fees - payout. */
  otherDeductions: number
  netPayout: number
}

export interface FundingStatementProps {
  factor: FactorDetails
  client: DocClient
  clientLogo: string
  request: DocRequest
  lines: StatementLine[]
  totals: StatementTotals
  /** Where the figures come from: the posted funding journal, or the agreement when nothing is posted yet. */
  source: 'journal' | 'agreement'
  today: string
}

const sum = (lines: StatementLine[], k: 'fees') => lines.reduce((t, l) => t + l[k], 0)

/** The client's record of what was bought in one financing request and what was paid out for it. */
export function FundingStatement({ factor, client, clientLogo, request, lines, totals, source, today }: FundingStatementProps) {
  const locale = localeFor(null, client.country)
  const money = (n: number) => formatAmount(n, request.currency, locale)
  const plain = (n: number) => formatPlain(n, request.currency, locale)
  const date = (d: string) => formatDate(d, locale)
  const a = client.agreement
  const title = `Funding statement, request ${request.id}`
  return (
    <LetterDocument title={title} author={factor.name}>
      <LetterPage footer={<FactorFooter factor={factor} />} pageNumbers>
        <Letterhead left={{ name: factor.name, logo: factor.logo }} right={{ name: client.name, logo: clientLogo, caption: 'Statement for' }} />
        <AddressWindow returnLine={factorReturnLine(factor)} lines={addressLines(client, factor.country)} />
        <InfoBlock
          rows={[
            ['Request', String(request.id)],
            ['Submitted', date(request.submittedDate)],
            ['Funded', request.fundedDate ? date(request.fundedDate) : 'not yet'],
            ['Currency', request.currency],
            ['Advance rate', formatBp(a.advanceRateBp, locale)],
            ['Date', date(today)]
          ]}
        />
        <BodyStart />
        <Text style={s.title}>{title}</Text>
        <Text style={s.paragraph}>
          The invoices below were purchased under your factoring agreement. The advance is paid to your account; the reserve is held until
          your customers pay and is then released less the fees due.
        </Text>
        <Table
          columns={[
            { label: 'Invoice', width: 2.2 },
            { label: 'Debtor', width: 3.4 },
            { label: 'Due', width: 1.9 },
            { label: `Face ${request.currency}`, width: 2.4, align: 'right' },
            { label: 'Advance', width: 2.4, align: 'right' },
            { label: 'Reserve', width: 2.2, align: 'right' },
            { label: 'Fees', width: 1.8, align: 'right' }
          ]}
          rows={[
            ...lines.map((l) => [l.number, l.debtorName, date(l.dueDate), plain(l.face), plain(l.advance), plain(l.reserve), plain(l.fees)]),
            ...(totals.requestFees > 0 ? [['', 'Fees for the request as a whole', '', '', '', '', plain(totals.requestFees)]] : [])
          ]}
          total={[`${lines.length} invoice${lines.length === 1 ? '' : 's'}`, '', '', plain(totals.face), plain(totals.advance), plain(totals.reserve), plain(sum(lines, 'fees') + totals.requestFees)]}
        />
        <View style={s.box} wrap={false}>
          <KeyValues
            labelWidth={45}
            rows={[
              ['Face value purchased', money(totals.face)],
              [`Advance (${formatBp(a.advanceRateBp, locale)})`, money(totals.advance)],
              ['Reserve held', money(totals.reserve)],
              ['Fees', `− ${money(totals.fees)}`],
              ...(totals.otherDeductions !== 0 ? ([['Chargebacks netted', `− ${money(totals.otherDeductions)}`]] as [string, string][]) : []),
              ['Net payout', money(totals.netPayout)],
              ...(client.iban ? ([['Paid to', `${formatIban(client.iban)}${client.bic ? ` (BIC ${client.bic})` : ''}`]] as [string, string][]) : [])
            ]}
          />
        </View>
        {source === 'agreement' ? (
          <Text style={[s.small, s.muted]}>Fees are shown as the agreement sets them; no funding has been posted for this request yet.</Text>
        ) : null}
      </LetterPage>
    </LetterDocument>
  )
}
