import { ACCOUNTS } from '../../../core/journal'
import type { InvoiceHistoryEntry } from '../../../shared/contract'
import type { Ledger } from '../open'

/**
 * The journal entries that touch one invoice: those posted for it (journal_entry.invoice_id) and those
 * with a line for it (a payment run or funding covers many invoices in one entry). Only the lines about
 * this invoice come back for the latter, or a payment run would list hundreds of other invoices' lines.
 * Both lookups seek an index on invoice_id.
 */
export function invoiceHistory(ledger: Ledger, invoiceId: number): InvoiceHistoryEntry[] {
  const rows = ledger.sqlite
    .prepare(
      `with touched as (
         select entry_id as id from journal_line where invoice_id = @id
         union
         select id from journal_entry where invoice_id = @id
       )
       select e.id as entryId, e.date, e.kind, e.memo, e.reverses_entry_id as reversesEntryId,
         l.account, l.currency, l.amount
       from touched t
       join journal_entry e on e.id = t.id
       join journal_line l on l.entry_id = e.id and (l.invoice_id = @id or e.invoice_id = @id)
       order by e.date, e.id, l.id`
    )
    .all({ id: invoiceId }) as (Omit<InvoiceHistoryEntry, 'lines'> & { account: string; currency: string; amount: number })[]
  const out: InvoiceHistoryEntry[] = []
  for (const r of rows) {
    let last = out[out.length - 1]
    if (!last || last.entryId !== r.entryId) out.push((last = { entryId: r.entryId, date: r.date, kind: r.kind, memo: r.memo, reversesEntryId: r.reversesEntryId, lines: [] }))
    last.lines.push({ account: r.account, accountName: ACCOUNTS[r.account as keyof typeof ACCOUNTS] ?? r.account, currency: r.currency, amount: r.amount })
  }
  return out
}
