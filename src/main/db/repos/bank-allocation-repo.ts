/** Cash applications, invoice balances after payment, the payer-IBAN memory and the payments worklist. */
import type Database from 'better-sqlite3'
import type { AllocationView, BankLineState, InvoiceBrief, ReasonTemplate } from '../../../shared/contract/payments'
import { parseTypedAmount } from '../../../shared/money'
import type { Ledger } from '../open'
import { insertRows } from './bank-bulk'
import { escapeLike } from './parties-repo'

export interface NewAllocation {
  bankEntryId: number
  invoiceId: number
  journalEntryId: number
  amount: number
  fee: number
  shortfall: number
  rebate: number | null
  prevStatus: string
  mode: 'auto' | 'manual' | 'direct_debit'
  reason: string
  createdBy: number | null
  createdAt: number
}

const stmts = new WeakMap<Database.Database, { alloc: Database.Statement; inv: Database.Statement; iban: Database.Statement }>()

function prepared(q: Database.Database) {
  let s = stmts.get(q)
  if (!s) {
    s = {
      alloc: q.prepare(
        `insert into bank_allocation (bank_entry_id, invoice_id, journal_entry_id, amount, fee, shortfall, rebate, prev_status, mode, reason, created_by, created_at)
         values (?,?,?,?,?,?,?,?,?,?,?,?)`
      ),
      inv: q.prepare('update invoice set open_amount = ?, status = ?, closed_date = ? where id = ?'),
      iban: q.prepare("insert into debtor_iban (iban, debtor_id, first_seen, source) values (?, ?, ?, 'match') on conflict do nothing")
    }
    stmts.set(q, s)
  }
  return s
}

export function insertAllocation(ledger: Ledger, a: NewAllocation): void {
  prepared(ledger.sqlite).alloc.run(a.bankEntryId, a.invoiceId, a.journalEntryId, a.amount, a.fee, a.shortfall, a.rebate, a.prevStatus, a.mode, a.reason, a.createdBy, a.createdAt)
}

const ALLOCATION_COLUMNS = ['bank_entry_id', 'invoice_id', 'journal_entry_id', 'amount', 'fee', 'shortfall', 'rebate', 'prev_status', 'mode', 'reason', 'created_by', 'created_at'] as const

/** Many allocations at once (a whole file's automatic matches), multi-row. */
export function insertAllocations(ledger: Ledger, list: readonly NewAllocation[]): void {
  insertRows(ledger.sqlite, 'bank_allocation', ALLOCATION_COLUMNS, list.map((a) => [a.bankEntryId, a.invoiceId, a.journalEntryId, a.amount, a.fee, a.shortfall, a.rebate, a.prevStatus, a.mode, a.reason, a.createdBy, a.createdAt]))
}

export function setInvoiceBalance(ledger: Ledger, invoiceId: number, openAmount: number, status: string, closedDate: string | null): void {
  prepared(ledger.sqlite).inv.run(openAmount, status, closedDate, invoiceId)
}

/** Remembers that this account paid for this debtor; the IBAN rung uses it next time. */
export function learnIban(ledger: Ledger, iban: string, debtorId: number, date: string): void {
  if (iban.length >= 15 && iban.length <= 34) prepared(ledger.sqlite).iban.run(iban, debtorId, date)
}

/** A live allocation with what undoing it needs of its invoice. */
export interface LiveAllocation extends Pick<NewAllocation, 'bankEntryId' | 'invoiceId' | 'journalEntryId' | 'amount' | 'fee' | 'shortfall' | 'prevStatus' | 'mode'> {
  id: number
  clientId: number
  debtorId: number
  currency: string
  face: number
  openAmount: number
}

/** The live allocations of one application: what one bank line paid within one journal entry. */
export function liveApplication(ledger: Ledger, bankEntryId: number, journalEntryId: number): LiveAllocation[] {
  return ledger.sqlite
    .prepare(
      `select a.id, a.bank_entry_id as bankEntryId, a.invoice_id as invoiceId, a.journal_entry_id as journalEntryId, a.amount, a.fee, a.shortfall, a.prev_status as prevStatus, a.mode,
         i.client_id as clientId, i.debtor_id as debtorId, i.currency, i.face, i.open_amount as openAmount
       from bank_allocation a join invoice i on i.id = a.invoice_id
       where a.bank_entry_id = ? and a.journal_entry_id = ? and a.reversal_entry_id is null order by a.id`
    )
    .all(bankEntryId, journalEntryId) as LiveAllocation[]
}

export function markReversed(ledger: Ledger, allocationIds: readonly number[], reversalEntryId: number): void {
  const st = ledger.sqlite.prepare('update bank_allocation set reversal_entry_id = ? where id = ? and reversal_entry_id is null')
  for (const id of allocationIds) st.run(reversalEntryId, id)
}

/** A bank_entry row as stored: candidates are the matcher's own suggestions, not yet joined to their invoices. */
export interface BankEntryRow extends BankLineState {
  candidates: ({ invoiceId: number; amount: number; reason: string } & ReasonTemplate)[] | null
}

const ENTRY = `id, import_id as importId, account, currency, amount, booking_date as bookingDate, value_date as valueDate, bank_ref as bankRef, end_to_end_id as endToEndId,
  reference, remittance, counterparty_name as counterpartyName, counterparty_account as counterpartyAccount, status, unapplied, reason, reason_template as reasonTemplate, reason_args as reasonArgs, candidates, debtor_id as debtorId`

function entryRow(r: BankEntryRow & { candidates: unknown; reasonArgs: unknown }): BankEntryRow {
  return { ...r, candidates: typeof r.candidates === 'string' ? JSON.parse(r.candidates) : null, reasonArgs: typeof r.reasonArgs === 'string' ? JSON.parse(r.reasonArgs) : null }
}

export function getBankEntry(ledger: Ledger, id: number): BankEntryRow | null {
  const r = ledger.sqlite.prepare(`select ${ENTRY} from bank_entry where id = ?`).get(id) as (BankEntryRow & { candidates: unknown }) | undefined
  return r ? entryRow(r) : null
}

/**
 * Sets a line's status and unapplied cash; `note` (" | undone: …") is appended to its reason, and to its
 * reason template too unless the note's words look like a placeholder ({0}), which leaves only the plain text.
 */
export function updateBankEntry(ledger: Ledger, id: number, status: string, unapplied: number, note?: string): void {
  if (note === undefined) ledger.sqlite.prepare('update bank_entry set status = ?, unapplied = ? where id = ?').run(status, unapplied, id)
  else {
    const templateNote = /\{\d+\}/.test(note) ? null : note
    ledger.sqlite
      .prepare('update bank_entry set status = ?, unapplied = ?, reason = reason || ?, reason_template = reason_template || ?, reason_args = case when ? is null then null else reason_args end where id = ?')
      .run(status, unapplied, note, templateNote, templateNote, id)
  }
}

export type Worklist = 'open' | 'unmatched' | 'suggested' | 'unapplied' | 'matched' | 'all'

/** Lines waiting for a person; exactly the condition of the partial index bank_entry_open_idx (schema/bank.ts). */
const WAITING = "(status = 'unmatched' or status = 'suggested' or (unapplied > 0 and status <> 'ignored'))"

/** The payments screen: lines waiting for a person (unmatched, suggested, or cash still unapplied), newest first. */
export function listBankEntries(ledger: Ledger, q: { view: Worklist; search?: string; offset: number; limit: number }): { rows: BankEntryRow[]; total: number } {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.view === 'open') conds.push(WAITING)
  // Implied by WAITING; spelled out too so that SQLite reads the few waiting lines from their partial index.
  else if (q.view === 'unapplied') conds.push(WAITING, "unapplied > 0 and status <> 'ignored'")
  else if (q.view !== 'all') conds.push('status = ?'), args.push(q.view)
  if (q.search) {
    const s = `%${escapeLike(q.search.trim())}%`
    conds.push("(counterparty_name like ? escape '\\' or remittance like ? escape '\\' or reference like ? escape '\\' or counterparty_account like ? escape '\\' or cast(amount as text) like ?)")
    args.push(s, s, s, s, `${escapeLike(q.search.replace(/[.,\s]/g, ''))}%`)
  }
  const where = conds.length ? `where ${conds.join(' and ')}` : ''
  const rows = ledger.sqlite.prepare(`select ${ENTRY} from bank_entry ${where} order by booking_date desc, id desc limit ? offset ?`).all(...args, q.limit, q.offset) as (BankEntryRow & { candidates: unknown })[]
  const total = ledger.sqlite.prepare(`select count(*) from bank_entry ${where}`).pluck().get(...args) as number
  return { rows: rows.map(entryRow), total }
}

export function allocationsOfEntry(ledger: Ledger, bankEntryId: number): AllocationView[] {
  return (
    ledger.sqlite
      .prepare(
        `select a.id, a.invoice_id as invoiceId, i.number as invoiceNumber, a.journal_entry_id as journalEntryId, a.amount, a.fee, a.shortfall, a.rebate, a.mode, a.reason, a.reversal_entry_id is not null as reversed
         from bank_allocation a join invoice i on i.id = a.invoice_id where a.bank_entry_id = ? order by a.id`
      )
      .all(bankEntryId) as (Omit<AllocationView, 'reversed'> & { reversed: number })[]
  ).map((r) => ({ ...r, reversed: r.reversed === 1 }))
}

export function invoiceBriefs(ledger: Ledger, ids: readonly number[]): InvoiceBrief[] {
  if (ids.length === 0) return []
  return ledger.sqlite
    .prepare(
      `select i.id, i.number, c.name as clientName, i.debtor_id as debtorId, d.name as debtorName, i.currency, i.open_amount as openAmount, i.due_date as dueDate, i.status, i.rf_ref as rfRef
       from invoice i join client c on c.id = i.client_id join debtor d on d.id = i.debtor_id where i.id in (${ids.map(() => '?').join(',')})`
    )
    .all(...ids) as InvoiceBrief[]
}

/** Open invoices for manual allocation: by number, RF or debtor name prefix. */
/**
 * Open invoices by the start of their number, RF reference or debtor name, or by their open amount when the text is
 * one; soonest due first. Each way of finding them reads its own index for at most `limit` rows (a 1M-invoice
 * ledger scanned whole took 300 ms a keystroke), so a prefix shared by thousands of invoices lists some of them.
 */
export function searchOpenInvoices(ledger: Ledger, text: string, currency: string | undefined, limit: number): InvoiceBrief[] {
  const t = text.trim()
  const rf = t.replace(/\s+/g, '').toUpperCase()
  // Without a currency the amount is read with two decimals, as most currencies have.
  const amount = parseTypedAmount(t, currency ?? 'EUR') ?? -1
  // The unary + keeps SQLite from reading the (large) status index instead of each branch's own.
  const open = `+status in ('funded','partly_paid','disputed')${currency ? ' and +currency = @currency' : ''}`
  // Prefix ranges rather than LIKE, which SQLite cannot answer from an index with its default collation.
  const branch = (where: string, order: string) => `select * from (select id from invoice where ${where} and ${open} order by ${order} limit @limit)`
  return ledger.sqlite
    .prepare(
      `select i.id, i.number, c.name as clientName, i.debtor_id as debtorId, d.name as debtorName, i.currency, i.open_amount as openAmount, i.due_date as dueDate, i.status, i.rf_ref as rfRef
       from invoice i join client c on c.id = i.client_id join debtor d on d.id = i.debtor_id
       where i.id in (
         ${branch("number >= @t and number < @t || char(1114111)", 'number')}
         union ${branch("number >= @upper and number < @upper || char(1114111)", 'number')}
         union ${branch("rf_ref >= @rf and rf_ref < @rf || char(1114111)", 'rf_ref')}
         union ${branch("open_amount = @amount", 'open_amount')}
         union ${branch("debtor_id in (select id from debtor where name like @name escape '\\' limit 200)", 'debtor_id')})
       order by i.due_date, i.id limit @limit`
    )
    .all({ t, upper: t.toUpperCase(), rf, amount, name: `${escapeLike(t)}%`, limit, ...(currency ? { currency } : {}) }) as InvoiceBrief[]
}

export function liveAllocationCount(ledger: Ledger, bankEntryId: number): number {
  return ledger.sqlite.prepare('select count(*) from bank_allocation where bank_entry_id = ? and reversal_entry_id is null').pluck().get(bankEntryId) as number
}
