/** The figures of a client statement for a period: advances, fees, collections and reserve movements. */
import type { ClientStatement } from '../../../shared/contract/payments'
import type { Ledger } from '../open'

type Line = ClientStatement['lines'][number]

export function clientStatementLines(ledger: Ledger, clientId: number, currency: string, from: string, to: string): { opening: number; closing: number; lines: Line[] } {
  const q = ledger.sqlite
  // Reserve lines are credits when owed to the client, so the client's view is the negated sum.
  const reserveAt = (before: string): number =>
    -(q.prepare(`select coalesce(sum(l.amount),0) from journal_line l join journal_entry e on e.id = l.entry_id where l.account = 'clientReserve' and l.client_id = ? and l.currency = ? and e.date < ?`).pluck().get(clientId, currency, before) as number)
  const advances = q
    .prepare(`select funded_date as date, number, advance from invoice where client_id = ? and currency = ? and funded_date between ? and ? and advance > 0 order by funded_date, id`)
    .all(clientId, currency, from, to) as { date: string; number: string; advance: number }[]
  const journal = q
    .prepare(
      `select e.date, e.kind, e.memo, l.account, l.amount, i.number from journal_line l join journal_entry e on e.id = l.entry_id left join invoice i on i.id = l.invoice_id
       where l.client_id = ? and l.currency = ? and l.account in ('feeIncome','clientReserve') and e.date between ? and ? order by e.date, e.id, l.id`
    )
    .all(clientId, currency, from, to) as { date: string; kind: string; memo: string; account: string; amount: number; number: string | null }[]
  const collections = q
    .prepare(
      `select e.date, i.number, a.amount, 'Payment received' as memo from bank_allocation a join journal_entry e on e.id = a.journal_entry_id join invoice i on i.id = a.invoice_id
         where i.client_id = ? and i.currency = ? and e.date between ? and ?
       union all
       select r.date, i.number, -a.amount, 'Payment undone' as memo from bank_allocation a join journal_entry r on r.id = a.reversal_entry_id join invoice i on i.id = a.invoice_id
         where i.client_id = ? and i.currency = ? and r.date between ? and ?
       order by 1, 2`
    )
    .all(clientId, currency, from, to, clientId, currency, from, to) as { date: string; number: string; amount: number; memo: string }[]
  const lines: Line[] = [
    ...advances.map((a): Line => ({ date: a.date, kind: 'advance', memo: 'Advance paid', invoiceNumber: a.number, amount: a.advance, reserveEffect: 0 })),
    ...collections.map((c): Line => ({ date: c.date, kind: 'collection', memo: c.memo, invoiceNumber: c.number, amount: c.amount, reserveEffect: 0 })),
    ...journal.map(
      (j): Line =>
        j.account === 'feeIncome'
          ? { date: j.date, kind: 'fee', memo: j.memo, invoiceNumber: j.number, amount: -j.amount, reserveEffect: 0 }
          : { date: j.date, kind: 'reserve', memo: j.memo, invoiceNumber: j.number, amount: -j.amount, reserveEffect: -j.amount }
    )
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return { opening: reserveAt(from), closing: reserveAt(next), lines }
}
