import { Text, View } from '@react-pdf/renderer'
import type { FactorDetails } from '../../shared/contract/admin'
import type { ClientStatement } from '../../shared/contract/payments'
import type { DocClient } from '../db/repos/document-repo'
import { AddressWindow, BodyStart, InfoBlock, KeyValues, Letterhead, LetterDocument, LetterPage, s, Table } from './base'
import { addressLines, formatAmount, formatDate, formatPlain, localeFor } from './format'
import { FactorFooter, factorReturnLine } from './letter-parts'

export interface ClientStatementProps {
  factor: FactorDetails
  client: DocClient
  statement: ClientStatement
  today: string
}

/** What each journal entry kind means to the client, for the movements table. */
const KIND_LABEL: Record<string, string> = {
  funding: 'Funding',
  payment: 'Payment',
  allocation: 'Payment allocated',
  reserve_release: 'Reserve released',
  chargeback: 'Chargeback',
  reversal: 'Correction',
  fee: 'Fee'
}

/** Movements listed at most; the summary above them always covers the whole period. */
const MOVEMENT_ROWS = 3000

type Line = ClientStatement['lines'][number]

function describe(l: Line, folded: boolean): string {
  if (l.kind === 'advance') return 'Advance paid to you'
  if (l.kind === 'collection') return l.amount < 0 ? 'Payment undone' : 'Payment received from debtor'
  if (l.kind === 'fee') return 'Factoring fee'
  if (l.entryKind === 'funding') return 'Reserve held at funding'
  if (folded) return l.entryKind === 'fee' ? 'Fee charged to your reserve' : 'Factoring fee to date, at payment'
  if (l.entryKind === 'payment' || l.entryKind === 'allocation') return l.reserveEffect < 0 ? 'Short payment charged to reserve' : 'Reserve credit at payment'
  return KIND_LABEL[l.entryKind] ?? l.memo
}

/**
 * Table rows: a fee and the reserve debit that pays it are one event, so a fee line folds into the reserve
 * line of the same entry and invoice (Amount = the fee, Reserve = the effect on the reserve).
 */
function movementRows(lines: readonly Line[]): { line: Line; amount: number; folded: boolean }[] {
  const key = (l: Line) => `${l.entryId}|${l.invoiceNumber ?? ''}`
  const fees = new Map<string, number>()
  for (const l of lines) if (l.kind === 'fee') fees.set(key(l), (fees.get(key(l)) ?? 0) + l.amount)
  const reserveKeys = new Set(lines.filter((l) => l.kind === 'reserve' && l.entryKind !== 'funding').map(key))
  const used = new Set<string>()
  const out: { line: Line; amount: number; folded: boolean }[] = []
  for (const l of lines) {
    if (l.kind === 'fee' && reserveKeys.has(key(l))) continue
    const fee = l.kind === 'reserve' && l.entryKind !== 'funding' && !used.has(key(l)) ? fees.get(key(l)) : undefined
    if (fee !== undefined) used.add(key(l))
    out.push({ line: l, amount: fee ?? l.amount, folded: fee !== undefined })
  }
  return out
}

/** The reserve reconciliation: labels left, amounts right-aligned, a rule above the closing balance. */
function ReserveSummary({ rows }: { rows: [string, string, boolean?][] }) {
  return (
    <View>
      {rows.map(([label, value, strong], i) => (
        <View key={label} style={[{ flexDirection: 'row', paddingVertical: 1 }, i === rows.length - 1 ? { borderTopWidth: 0.8, borderTopColor: '#1f2933', marginTop: 2, paddingTop: 3 } : {}]} wrap={false}>
          <Text style={[{ flex: 1 }, strong ? s.bold : s.muted]}>{label}</Text>
          <Text style={[{ width: 110, textAlign: 'right' }, strong ? s.bold : {}]}>{value}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * The client's statement for a period: the reserve from opening to closing balance split by cause, the period's
 * advances, fees and collections, every movement, and the invoices still open. The reserve is what the factor
 * owes the client: face less advance at funding, less fees and accepted short payments, less what was released.
 */
export function ClientStatementDocument({ factor, client, statement: st, today }: ClientStatementProps) {
  const locale = localeFor(null, client.country)
  const money = (n: number) => formatAmount(n, st.currency, locale)
  const plain = (n: number) => formatPlain(n, st.currency, locale)
  const signed = (n: number) => (n < 0 ? `− ${money(-n)}` : n > 0 ? `+ ${money(n)}` : money(0))
  const date = (d: string) => formatDate(d, locale)
  const title = `Client statement ${date(st.from)} – ${date(st.to)}`
  const r = st.reserve
  const reserveRows: [string, string, boolean?][] = [
    [`Opening reserve ${date(st.from)}`, money(st.openingReserve), true],
    ['Reserve held on invoices funded', signed(r.funding)],
    ['Fees charged to the reserve', signed(r.fees)],
    ...(r.shortfalls !== 0 ? ([['Short payments accepted', signed(r.shortfalls)]] as [string, string][]) : []),
    ['Reserve released to you', signed(r.releases)],
    ...(r.chargebacks !== 0 ? ([['Chargebacks', signed(r.chargebacks)]] as [string, string][]) : []),
    ...(r.other !== 0 ? ([['Other movements and corrections', signed(r.other)]] as [string, string][]) : []),
    [`Closing reserve ${date(st.to)}`, money(st.closingReserve), true]
  ]
  const all = movementRows(st.lines)
  const moves = all.slice(0, MOVEMENT_ROWS)
  const open = st.openItemsTotal
  return (
    <LetterDocument title={title} author={factor.name}>
      <LetterPage footer={<FactorFooter factor={factor} />} pageNumbers>
        <Letterhead left={{ name: factor.name, logo: factor.logo }} />
        <AddressWindow returnLine={factorReturnLine(factor)} lines={addressLines(client, factor.country)} />
        <InfoBlock
          rows={[
            ['Client', client.name],
            ['Client no.', String(client.id)],
            ['Period', `${date(st.from)} – ${date(st.to)}`],
            ['Currency', st.currency],
            ['Date', date(today)]
          ]}
        />
        <BodyStart />
        <Text style={s.title}>{title}</Text>
        <View style={s.box} wrap={false}>
          <Text style={[s.bold, { marginBottom: 2 }]}>Your reserve</Text>
          <ReserveSummary rows={reserveRows} />
        </View>
        <View style={{ marginBottom: 8 }} wrap={false}>
          <Text style={[s.bold, { marginBottom: 2 }]}>Activity in the period</Text>
          <KeyValues
            columns={2}
            labelWidth={38}
            rows={[
              ['Advances paid', money(st.totals.advances)],
              ['Fees', money(st.totals.fees)],
              ['Collections', money(st.totals.collections)],
              ['Rebates', money(st.rebates)]
            ]}
          />
        </View>
        <Text style={[s.bold, { marginBottom: 3 }]}>Movements</Text>
        {moves.length === 0 ? (
          <Text style={[s.paragraph, s.muted]}>No movements in this period.</Text>
        ) : (
          <Table
            columns={[
              { label: 'Date', width: 1.7 },
              { label: 'Description', width: 4.6 },
              { label: 'Invoice', width: 2 },
              { label: `Amount ${st.currency}`, width: 2.2, align: 'right' },
              { label: 'Reserve', width: 2.1, align: 'right' }
            ]}
            rows={moves.map(({ line: l, amount, folded }) => [date(l.date), describe(l, folded), l.invoiceNumber ?? '', plain(amount), l.reserveEffect ? plain(l.reserveEffect) : ''])}
            total={['', 'Reserve movement', '', '', plain(st.closingReserve - st.openingReserve)]}
          />
        )}
        {all.length > moves.length ? <Text style={[s.small, s.muted]}>{`${all.length - moves.length} further movements are not listed; the summary covers all of them.`}</Text> : null}
        <Text style={[s.bold, { marginTop: 10, marginBottom: 3 }]} minPresenceAhead={40}>{`Open invoices on ${date(today)}`}</Text>
        {open.count === 0 ? (
          <Text style={[s.paragraph, s.muted]}>No open invoices.</Text>
        ) : (
          <Table
            columns={[
              { label: 'Invoice', width: 2 },
              { label: 'Debtor', width: 4 },
              { label: 'Due', width: 1.7 },
              { label: `Face ${st.currency}`, width: 2.2, align: 'right' },
              { label: 'Open', width: 2.2, align: 'right' }
            ]}
            rows={st.openItems.map((i) => [i.number, i.debtorName, date(i.dueDate), plain(i.face), plain(i.openAmount)])}
            total={[`${open.count} invoice${open.count === 1 ? '' : 's'}`, '', '', plain(open.face), plain(open.openAmount)]}
          />
        )}
        {open.count > st.openItems.length ? <Text style={[s.small, s.muted]}>{`The ${st.openItems.length} oldest are listed; the total covers all ${open.count}.`}</Text> : null}
      </LetterPage>
    </LetterDocument>
  )
}
