/** The figures of a client statement for a period: advances, fees, collections and reserve movements. */
import type { ClientStatement } from '../../../shared/contract/payments'
import type { Ledger } from '../open'

type Line = ClientStatement['lines'][number]

export function clientStatementLines(ledger: Ledger, clientId: number, currency: string, from: string, to: string): { opening: number; closing: number; lines: Line[] } {
  const q = ledger.sqlite
  // Reserve lines are credits when owed to the client, so the client's view is the negated sum.
  const reserveAt = (before: string): number =>
    0 - (q.prepare(`select coalesce(sum(l.amount),0) from journal_line l join journal_entry e on e.id = l.entry_id where l.account = 'clientReserve' and l.account <> 'receivables' and l.client_id = ? and l.currency = ? and e.date < ?`).pluck().get(clientId, currency, before) as number)
  const advances = q
    .prepare(`select funded_date as date, id, number, advance from invoice where client_id = ? and currency = ? and funded_date between ? and ? and advance > 0 order by funded_date, id`)
    .all(clientId, currency, from, to) as { date: string; id: number; number: string; advance: number }[]
  const journal = q
    .prepare(
      `select e.id, e.date, e.kind, e.memo, l.account, l.amount, i.id as invoiceId, i.number from journal_line l join journal_entry e on e.id = l.entry_id left join invoice i on i.id = l.invoice_id
       where l.client_id = ? and l.currency = ? and l.account in ('feeIncome','clientReserve') and l.account <> 'receivables' and e.date between ? and ? order by e.date, e.id, l.id`
    )
    .all(clientId, currency, from, to) as { id: number; date: string; kind: string; memo: string; account: string; amount: number; invoiceId: number | null; number: string | null }[]
  const collections = q
    .prepare(
      `select e.date, i.number, a.amount, 'Payment received' as memo, e.id, i.id as invoiceId from bank_allocation a join journal_entry e on e.id = a.journal_entry_id join invoice i on i.id = a.invoice_id
         where i.client_id = ? and i.currency = ? and e.date between ? and ?
       union all
       select r.date, i.number, -a.amount, 'Payment undone' as memo, r.id, i.id from bank_allocation a join journal_entry r on r.id = a.reversal_entry_id join invoice i on i.id = a.invoice_id
         where i.client_id = ? and i.currency = ? and r.date between ? and ?
       union all
       -- Payments posted straight to the journal, with no bank line behind them (history taken over from an
       -- earlier system, the demo ledger): each receivable credit of such a payment entry is a collection.
       select e.date, i.number, -l.amount, 'Payment received' as memo, e.id, i.id from journal_entry e join journal_line l on l.entry_id = e.id join invoice i on i.id = l.invoice_id
         where e.kind = 'payment' and e.date between ? and ? and l.account = 'receivables' and l.client_id = ? and l.currency = ? and l.amount < 0
           and not exists (select 1 from bank_allocation a where a.journal_entry_id = e.id)
       order by 1, 2`
    )
    .all(clientId, currency, from, to, clientId, currency, from, to, from, to, clientId, currency) as { date: string; number: string; amount: number; memo: string; id: number; invoiceId: number }[]
  const lines: Line[] = [
    ...advances.map((a): Line => ({ date: a.date, kind: 'advance', memo: 'Advance paid', invoiceId: a.id, invoiceNumber: a.number, amount: a.advance, reserveEffect: 0, entryKind: 'funding', entryId: null })),
    ...collections.map((c): Line => ({ date: c.date, kind: 'collection', memo: c.memo, invoiceId: c.invoiceId, invoiceNumber: c.number, amount: c.amount, reserveEffect: 0, entryKind: c.amount < 0 ? 'reversal' : 'payment', entryId: c.id })),
    ...journal.map(
      (j): Line =>
        j.account === 'feeIncome'
          ? { date: j.date, kind: 'fee', memo: j.memo, invoiceId: j.invoiceId, invoiceNumber: j.number, amount: -j.amount, reserveEffect: 0, entryKind: j.kind, entryId: j.id }
          : { date: j.date, kind: 'reserve', memo: j.memo, invoiceId: j.invoiceId, invoiceNumber: j.number, amount: -j.amount, reserveEffect: -j.amount, entryKind: j.kind, entryId: j.id }
    )
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return { opening: reserveAt(from), closing: reserveAt(next), lines }
}

/** Short payments charged to the reserve and rebates on invoices closed, by payments dated in the period that still stand. */
export function paymentFigures(ledger: Ledger, clientId: number, currency: string, from: string, to: string): { shortfalls: number; rebates: number } {
  return ledger.sqlite
    .prepare(
      `select coalesce(sum(a.shortfall), 0) as shortfalls, coalesce(sum(a.rebate), 0) as rebates from bank_allocation a join journal_entry e on e.id = a.journal_entry_id join invoice i on i.id = a.invoice_id
       where i.client_id = ? and i.currency = ? and e.date between ? and ? and a.reversal_entry_id is null`
    )
    .get(clientId, currency, from, to) as { shortfalls: number; rebates: number }
}

type OpenItem = ClientStatement['openItems'][number]

/** The client's open invoices in one currency, oldest due first, with the count and sums of all of them. */
export function clientOpenItems(ledger: Ledger, clientId: number, currency: string, limit: number): { items: OpenItem[]; total: ClientStatement['openItemsTotal'] } {
  const q = ledger.sqlite
  const where = "i.client_id = ? and i.currency = ? and i.status in ('funded','partly_paid','disputed')"
  const items = q
    .prepare(`select i.number, d.name as debtorName, i.due_date as dueDate, i.face, i.open_amount as openAmount, i.status from invoice i join debtor d on d.id = i.debtor_id where ${where} order by i.due_date, i.id limit ?`)
    .all(clientId, currency, limit) as OpenItem[]
  const total = q.prepare(`select count(*) as count, coalesce(sum(i.face), 0) as face, coalesce(sum(i.open_amount), 0) as openAmount from invoice i where ${where}`).get(clientId, currency) as ClientStatement['openItemsTotal']
  return { items, total }
}
