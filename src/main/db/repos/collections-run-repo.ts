import type Database from 'better-sqlite3'
import type { ReminderRow } from '../../../shared/contract/collections'
import type { Ledger } from '../open'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** Per-connection prepared statements: a run touches every open invoice, and preparing per row dominated it. */
export function cached(ledger: Ledger, sql: string): Database.Statement {
  let m = cache.get(ledger.sqlite)
  if (!m) cache.set(ledger.sqlite, (m = new Map()))
  let st = m.get(sql)
  if (!st) m.set(sql, (st = ledger.sqlite.prepare(sql)))
  return st
}

const OPEN = "('funded','partly_paid','disputed')"

export interface RunInvoiceRow {
  id: number
  debtorId: number
  clientId: number
  number: string
  rfRef: string
  currency: string
  face: number
  open: number
  dueDate: string
  status: string
  planId: number | null
  level: number | null
  lastSentDate: string | null
  interestClaimed: number
  compensationClaimed: number
}

export interface RunDebtorRow {
  id: number
  name: string
  country: string
  language: string
  email: string | null
  phone: string | null
  address: string | null
  postalCode: string | null
  city: string | null
  riskClass: 'low' | 'standard' | 'high'
  planId: number | null
  handedOver: number
}

export function debtorIdRange(ledger: Ledger): { lo: number; hi: number } {
  const r = ledger.sqlite.prepare('select coalesce(min(id), 0) as lo, coalesce(max(id), -1) as hi from debtor').get() as { lo: number; hi: number }
  return r
}

/**
 * Open invoices of a debtor-id range due up to `until` (which reaches into the pre-due window), with
 * their dunning state. Pinned to the (debtor, status, due) index: left to itself the planner walks the
 * status index, which visits every open invoice once per chunk.
 */
export function loadRunInvoices(ledger: Ledger, lo: number, hi: number, until: string): RunInvoiceRow[] {
  return cached(ledger,
    
      `select i.id, i.debtor_id as debtorId, i.client_id as clientId, i.number, i.rf_ref as rfRef, i.currency, i.face, i.open_amount as open, i.due_date as dueDate, i.status,
        d.plan_id as planId, d.level, d.last_sent_date as lastSentDate, coalesce(d.interest_claimed, 0) as interestClaimed, coalesce(d.compensation_claimed, 0) as compensationClaimed
       from invoice i indexed by invoice_debtor_idx left join invoice_dunning d on d.invoice_id = i.id
       where i.debtor_id between ? and ? and i.status in ${OPEN} and i.due_date <= ? and i.open_amount > 0`
    )
    .all(lo, hi, until) as RunInvoiceRow[]
}

export function loadRunDebtors(ledger: Ledger, ids: readonly number[]): Map<number, RunDebtorRow> {
  const out = new Map<number, RunDebtorRow>()
  const stmt = cached(ledger, 
    `select d.id, d.name, d.country, d.language, d.email, d.phone, d.address, d.postal_code as postalCode, d.city, d.risk_class as riskClass,
      c.plan_id as planId, coalesce(c.handed_over, 0) as handedOver from debtor d left join debtor_collection c on c.debtor_id = d.id where d.id = ?`
  )
  for (const id of ids) {
    const r = stmt.get(id) as RunDebtorRow | undefined
    if (r) out.set(id, r)
  }
  return out
}

/** Blocks in force on a date: debtor-wide ones (invoiceId null) and per invoice. */
export function activeBlocks(ledger: Ledger, asOf: string): { debtorId: number; invoiceId: number | null; reason: string }[] {
  return ledger.sqlite
    .prepare('select debtor_id as debtorId, invoice_id as invoiceId, reason from dunning_block where ended_date is null and (until_date is null or until_date >= ?)')
    .all(asOf) as { debtorId: number; invoiceId: number | null; reason: string }[]
}

export function openDisputeAmounts(ledger: Ledger): Map<number, number> {
  const rows = ledger.sqlite.prepare("select invoice_id as invoiceId, sum(amount) as amount from dispute where status = 'open' group by invoice_id").all() as { invoiceId: number; amount: number }[]
  return new Map(rows.map((r) => [r.invoiceId, r.amount]))
}

export function activePromiseDebtors(ledger: Ledger): Map<number, string> {
  const rows = ledger.sqlite.prepare("select debtor_id as debtorId, max(promised_date) as d from payment_promise where status = 'active' group by debtor_id").all() as { debtorId: number; d: string }[]
  return new Map(rows.map((r) => [r.debtorId, r.d]))
}

/** Invoices inside an active instalment plan are followed through their instalments, not dunned. */
export function invoicesInActivePlans(ledger: Ledger): Set<number> {
  const rows = ledger.sqlite.prepare("select invoice_ids from instalment_plan where status = 'active'").pluck().all() as string[]
  return new Set(rows.flatMap((r) => JSON.parse(r) as number[]))
}

/** Reductions of invoices' receivables (payments, credit notes) with their dates, for interest by period; batched by id. */
export function receivableCredits(ledger: Ledger, invoiceIds: readonly number[]): Map<number, { date: string; amount: number }[]> {
  const out = new Map<number, { date: string; amount: number }[]>()
  for (let k = 0; k < invoiceIds.length; k += 500) {
    const ids = invoiceIds.slice(k, k + 500)
    const rows = cached(
      ledger,
      `select l.invoice_id as id, e.date, -sum(l.amount) as amount from journal_line l join journal_entry e on e.id = l.entry_id
       where l.invoice_id in (${ids.map(() => '?').join(',')}) and l.account = 'receivables' and l.amount < 0 group by l.invoice_id, e.date order by e.date`
    ).all(...ids) as { id: number; date: string; amount: number }[]
    for (const r of rows) (out.get(r.id) ?? out.set(r.id, []).get(r.id)!).push({ date: r.date, amount: r.amount })
  }
  return out
}

/** What a run stores for one reminder: the contract's columns plus its idempotency key; lines are serialised to JSON. */
export interface NewReminder extends Omit<ReminderRow, 'id' | 'debtorName' | 'lines' | 'delivery'> {
  key: string
  lines: unknown
  at: number
}

/** Inserts the decision unless its idempotency key exists; returns the new id or null when it was already decided. */
export function insertReminder(ledger: Ledger, r: NewReminder): number | null {
  const res = cached(ledger,
    
      `insert or ignore into reminder (debtor_id, run_date, level, channel, status, idempotency_key, currency, fee, interest_new, compensation_new, subject, body, lines, created_at)
       values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
    )
    .run(r.debtorId, r.runDate, r.level, r.channel, r.status, r.key, r.currency, r.fee, r.interestNew, r.compensationNew, r.subject, r.body, JSON.stringify(r.lines), r.at)
  return res.changes === 0 ? null : Number(res.lastInsertRowid)
}

export function setInvoiceLevel(ledger: Ledger, invoiceId: number, level: number | null, sentDate: string | null): void {
  cached(ledger,
    'insert into invoice_dunning (invoice_id, level, last_sent_date) values (?, ?, ?) on conflict(invoice_id) do update set level = excluded.level, last_sent_date = excluded.last_sent_date')
    .run(invoiceId, level, sentDate)
}

/** Level, send date and newly claimed interest/compensation of one invoice in a single write. */
export function recordInvoiceDunning(ledger: Ledger, invoiceId: number, level: number | null, sentDate: string | null, interest: number, compensation: boolean): void {
  cached(
    ledger,
    `insert into invoice_dunning (invoice_id, level, last_sent_date, interest_claimed, compensation_claimed) values (?, ?, ?, ?, ?) on conflict(invoice_id) do update set
      level = excluded.level, last_sent_date = excluded.last_sent_date, interest_claimed = interest_claimed + excluded.interest_claimed, compensation_claimed = max(compensation_claimed, excluded.compensation_claimed)`
  ).run(invoiceId, level, sentDate, interest, compensation ? 1 : 0)
}

export function addInvoiceClaims(ledger: Ledger, invoiceId: number, interest: number, compensation: boolean): void {
  cached(ledger,
    
      'insert into invoice_dunning (invoice_id, interest_claimed, compensation_claimed) values (?, ?, ?) on conflict(invoice_id) do update set interest_claimed = interest_claimed + excluded.interest_claimed, compensation_claimed = max(compensation_claimed, excluded.compensation_claimed)'
    )
    .run(invoiceId, interest, compensation ? 1 : 0)
}

export function insertClaim(ledger: Ledger, c: { debtorId: number; invoiceId: number | null; reminderId: number; kind: string; currency: string; amount: number; date: string; entryId: number | null }): void {
  cached(ledger,
    'insert into collection_claim (debtor_id, invoice_id, reminder_id, kind, currency, amount, date, entry_id) values (?,?,?,?,?,?,?,?)')
    .run(c.debtorId, c.invoiceId, c.reminderId, c.kind, c.currency, c.amount, c.date, c.entryId)
}

export function markFinalSent(ledger: Ledger, debtorId: number, date: string): void {
  cached(ledger, 'insert or ignore into debtor_collection (debtor_id) values (?)').run(debtorId)
  cached(ledger, 'update debtor_collection set final_sent_date = ? where debtor_id = ?').run(date, debtorId)
}

export function setNextAction(ledger: Ledger, debtorId: number, date: string | null): void {
  cached(ledger, 'insert or ignore into debtor_collection (debtor_id) values (?)').run(debtorId)
  cached(ledger, 'update debtor_collection set next_action_date = ? where debtor_id = ?').run(date, debtorId)
}

/** A stored reminder: the contract's ReminderRow with lines still as JSON, no delivery yet, plus the debtor's addresses. */
export interface ReminderRecord extends Omit<ReminderRow, 'lines' | 'delivery'> {
  lines: string
  email: string | null
  phone: string | null
}

const REMINDER = `select r.id, r.debtor_id as debtorId, d.name as debtorName, r.run_date as runDate, r.level, r.channel, r.status, r.currency, r.fee, r.interest_new as interestNew,
  r.compensation_new as compensationNew, r.subject, r.body, r.lines, d.email, d.phone from reminder r join debtor d on d.id = r.debtor_id`

export function getReminder(ledger: Ledger, id: number): ReminderRecord | null {
  return (ledger.sqlite.prepare(`${REMINDER} where r.id = ?`).get(id) as ReminderRecord | undefined) ?? null
}

export function listReminders(ledger: Ledger, q: { status?: string; debtorId?: number; limit: number }): ReminderRecord[] {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.status) conds.push('r.status = ?'), args.push(q.status)
  if (q.debtorId) conds.push('r.debtor_id = ?'), args.push(q.debtorId)
  return ledger.sqlite.prepare(`${REMINDER} ${conds.length ? 'where ' + conds.join(' and ') : ''} order by r.id desc limit ?`).all(...args, q.limit) as ReminderRecord[]
}

export function setReminderStatus(ledger: Ledger, id: number, status: string, userId: number | null): void {
  ledger.sqlite.prepare('update reminder set status = ?, decided_by = ? where id = ?').run(status, userId, id)
}

export function currentInvoiceLevel(ledger: Ledger, invoiceId: number): number | null {
  return (cached(ledger, 'select level from invoice_dunning where invoice_id = ?').pluck().get(invoiceId) as number | null | undefined) ?? null
}
