import type { Statement } from 'better-sqlite3'
import type { InvoiceRow } from '../../../shared/contract'
import type { InvoiceStatus } from '../../../shared/statuses'
import type { Ledger } from '../open'
import { escapeLike } from './parties-repo'

const SORT_COLUMN: Record<string, string> = {
  number: 'i.number',
  issueDate: 'i.issue_date',
  dueDate: 'i.due_date',
  face: 'i.face',
  openAmount: 'i.open_amount',
  status: 'i.status'
}

export interface InvoiceQuery {
  offset: number
  limit: number
  search?: string
  sortBy: string
  sortDir: 'asc' | 'desc'
  status?: InvoiceStatus[]
  clientId?: number
  debtorId?: number
}

const ROW = `i.id, i.number, i.client_id as clientId, c.name as clientName, i.debtor_id as debtorId, d.name as debtorName,
  i.currency, i.face, i.open_amount as openAmount, i.issue_date as issueDate, i.due_date as dueDate, i.status, i.rf_ref as rfRef`

function where(q: InvoiceQuery): { sql: string; args: (string | number)[] } {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.status?.length) {
    conds.push(`i.status in (${q.status.map(() => '?').join(',')})`)
    args.push(...q.status)
  }
  if (q.clientId) conds.push('i.client_id = ?'), args.push(q.clientId)
  if (q.debtorId) conds.push('i.debtor_id = ?'), args.push(q.debtorId)
  if (q.search) {
    // Prefix searches only, so each branch can use an index: number, RF reference, or debtor name.
    const s = escapeLike(q.search.trim())
    const rf = q.search.replace(/\s+/g, '').toUpperCase()
    conds.push(`(i.number like ? escape '\\' or i.rf_ref like ? escape '\\' or i.debtor_id in (select id from debtor where name like ? escape '\\'))`)
    args.push(`${s}%`, `${escapeLike(rf)}%`, `${s}%`)
  }
  return { sql: conds.length ? `where ${conds.join(' and ')}` : '', args }
}

/**
 * A page of the invoice list. The inner query walks one index in sort order and touches only ids,
 * so a page deep in a million rows costs an index skip, not a million row lookups; joins happen per page.
 */
export function listInvoices(ledger: Ledger, q: InvoiceQuery): { rows: InvoiceRow[]; total: number } {
  const col = SORT_COLUMN[q.sortBy] ?? 'i.due_date'
  // Status has few values: within one, rows go by due date, which is also what invoice_status_due_idx holds.
  const then = col === 'i.status' ? `i.due_date ${q.sortDir}, ` : ''
  const w = where(q)
  const ids = ledger.sqlite
    .prepare(`select i.id from invoice i ${w.sql} order by ${col} ${q.sortDir}, ${then}i.id ${q.sortDir} limit ? offset ?`)
    .pluck()
    .all(...w.args, q.limit, q.offset) as number[]
  const total = ledger.sqlite.prepare(`select count(*) from invoice i ${w.sql}`).pluck().get(...w.args) as number
  if (ids.length === 0) return { rows: [], total }
  const rows = ledger.sqlite
    .prepare(`select ${ROW} from invoice i join client c on c.id = i.client_id join debtor d on d.id = i.debtor_id where i.id in (${ids.map(() => '?').join(',')})`)
    .all(...ids) as InvoiceRow[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  return { rows: ids.map((id) => byId.get(id)!), total }
}

export function getInvoice(ledger: Ledger, id: number): (InvoiceRow & { advance: number; fundedDate: string | null; closedDate: string | null }) | null {
  return (
    (ledger.sqlite
      .prepare(
        `select ${ROW}, i.advance, i.funded_date as fundedDate, i.closed_date as closedDate from invoice i join client c on c.id = i.client_id join debtor d on d.id = i.debtor_id where i.id = ?`
      )
      .get(id) as (InvoiceRow & { advance: number; fundedDate: string | null; closedDate: string | null }) | undefined) ?? null
  )
}

export interface NewInvoice {
  clientId: number
  debtorId: number
  requestId: number | null
  number: string
  currency: string
  face: number
  issueDate: string
  dueDate: string
  status: InvoiceStatus
}

/**
 * Inserts an invoice and gives it its RF creditor reference, derived from the row id so it is unique
 * and stable. makeRf is passed in to keep this module free of domain logic.
 */
// Prepared once per connection: a 10,000-invoice request would otherwise spend more time preparing than inserting.
const insertStmts = new WeakMap<Ledger['sqlite'], { insert: Statement; setRf: Statement }>()

export function insertInvoice(ledger: Ledger, inv: NewInvoice, at: number, makeRf: (id: number) => string): number {
  let st = insertStmts.get(ledger.sqlite)
  if (!st) {
    st = {
      insert: ledger.sqlite.prepare(
        `insert into invoice (client_id, debtor_id, request_id, number, currency, face, open_amount, issue_date, due_date, status, rf_ref, created_at)
         values (?,?,?,?,?,?,?,?,?,?, 'pending:' || hex(randomblob(8)), ?)`
      ),
      setRf: ledger.sqlite.prepare('update invoice set rf_ref = ? where id = ?')
    }
    insertStmts.set(ledger.sqlite, st)
  }
  const id = Number(st.insert.run(inv.clientId, inv.debtorId, inv.requestId, inv.number, inv.currency, inv.face, inv.face, inv.issueDate, inv.dueDate, inv.status, at).lastInsertRowid)
  st.setRf.run(makeRf(id), id)
  return id
}
