import type Database from 'better-sqlite3'
import { assertBalanced, type JournalEntry, type JournalLine } from '../../../core/journal'
import type { Ledger } from '../open'
import { insertRows } from './bank-bulk'

const stmts = new WeakMap<Database.Database, { entry: Database.Statement; line: Database.Statement }>()

function prepared(sqlite: Database.Database) {
  let s = stmts.get(sqlite)
  if (!s) {
    s = {
      entry: sqlite.prepare(
        'insert into journal_entry (date, kind, memo, client_id, invoice_id, reverses_entry_id, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)'
      ),
      line: sqlite.prepare('insert into journal_line (entry_id, account, currency, amount, client_id, debtor_id, invoice_id) values (?, ?, ?, ?, ?, ?, ?)')
    }
    stmts.set(sqlite, s)
  }
  return s
}

const LINE_COLUMNS = ['entry_id', 'account', 'currency', 'amount', 'client_id', 'debtor_id', 'invoice_id'] as const
// A bank file's batch entry has a line per invoice paid: multi-row statements cost far less per row than one each.
const BULK_FROM = 20

/** Posts a balanced entry; call inside the service's transaction. Returns the entry id. */
export function postEntry(ledger: Ledger, entry: JournalEntry, userId: number | null, at: number): number {
  assertBalanced(entry)
  const s = prepared(ledger.sqlite)
  const id = Number(
    s.entry.run(entry.date, entry.kind, entry.memo, entry.clientId ?? null, entry.invoiceId ?? null, entry.reversesEntryId ?? null, userId, at).lastInsertRowid
  )
  if (entry.lines.length > BULK_FROM) {
    insertRows(ledger.sqlite, 'journal_line', LINE_COLUMNS, entry.lines.map((l) => [id, l.account, l.currency, l.debit - l.credit, l.clientId ?? null, l.debtorId ?? null, l.invoiceId ?? null]))
  } else for (const l of entry.lines) s.line.run(id, l.account, l.currency, l.debit - l.credit, l.clientId ?? null, l.debtorId ?? null, l.invoiceId ?? null)
  return id
}

/** Loads a posted entry in the core's shape, for reversals. */
export function loadEntry(ledger: Ledger, id: number): (JournalEntry & { id: number }) | null {
  const e = ledger.sqlite.prepare('select * from journal_entry where id = ?').get(id) as Record<string, unknown> | undefined
  if (!e) return null
  const lines = ledger.sqlite.prepare('select * from journal_line where entry_id = ? order by id').all(id) as Record<string, number | string | null>[]
  return {
    id,
    date: e.date as string,
    kind: e.kind as JournalEntry['kind'],
    memo: e.memo as string,
    clientId: e.client_id as number | null,
    invoiceId: e.invoice_id as number | null,
    lines: lines.map(
      (l): JournalLine => ({
        account: l.account as JournalLine['account'],
        currency: l.currency as string,
        debit: Math.max(l.amount as number, 0),
        credit: Math.max(-(l.amount as number), 0),
        clientId: l.client_id as number | null,
        debtorId: l.debtor_id as number | null,
        invoiceId: l.invoice_id as number | null
      })
    )
  }
}

export interface JournalCheck {
  balanced: boolean
  entries: number
  lines: number
  totals: { currency: string; sum: number }[]
  unbalancedEntries: number[]
}

/** The invariant every test re-checks: each entry, and so the whole journal, sums to zero per currency. */
export function checkJournal(ledger: Ledger): JournalCheck {
  const q = ledger.sqlite
  const totals = q.prepare('select currency, sum(amount) as sum from journal_line group by currency order by currency').all() as { currency: string; sum: number }[]
  const bad = q.prepare('select entry_id from journal_line group by entry_id, currency having sum(amount) <> 0 limit 20').pluck().all() as number[]
  const { entries } = q.prepare('select count(*) as entries from journal_entry').get() as { entries: number }
  const { lines } = q.prepare('select count(*) as lines from journal_line').get() as { lines: number }
  return { balanced: bad.length === 0 && totals.every((t) => t.sum === 0), entries, lines, totals, unbalancedEntries: bad }
}

/** Balance of one account, optionally for one client (the reserve sub-ledger) or invoice. */
export function accountBalance(ledger: Ledger, account: string, currency: string, dims: { clientId?: number; invoiceId?: number } = {}): number {
  let sql = 'select coalesce(sum(amount), 0) from journal_line where account = ? and currency = ?'
  const args: (string | number)[] = [account, currency]
  // The extra condition lets SQLite use the partial journal_line_client_idx.
  if (dims.clientId !== undefined) (sql += account === 'receivables' ? ' and client_id = ?' : " and client_id = ? and account <> 'receivables'"), args.push(dims.clientId)
  if (dims.invoiceId !== undefined) (sql += ' and invoice_id = ?'), args.push(dims.invoiceId)
  return ledger.sqlite.prepare(sql).pluck().get(...args) as number
}
