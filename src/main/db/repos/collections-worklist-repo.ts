import type { TodayView, WorklistRow } from '../../../shared/contract/collections'
import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"

export interface DebtorAggregate {
  debtorId: number
  currency: string
  open: number
  overdue: number
  overdueCount: number
  oldestDue: string | null
}

/** Open and overdue sums per debtor and currency: one pass over the open invoices (or a few debtors). */
export function aggregateOpen(ledger: Ledger, asOf: string, debtorIds?: readonly number[]): DebtorAggregate[] {
  const only = debtorIds ? `and i.debtor_id in (${debtorIds.map(() => '?').join(',')})` : ''
  return ledger.sqlite
    .prepare(
      `select i.debtor_id as debtorId, i.currency, sum(i.open_amount) as open, sum(case when i.due_date < ? then i.open_amount else 0 end) as overdue,
        sum(i.due_date < ?) as overdueCount, min(case when i.due_date < ? then i.due_date end) as oldestDue
       from invoice i where i.status in ${OPEN} and i.open_amount > 0 ${only} group by i.debtor_id, i.currency`
    )
    .all(asOf, asOf, asOf, ...(debtorIds ?? [])) as DebtorAggregate[]
}

export interface DebtorFacts {
  debtorId: number
  riskClass: 'low' | 'standard' | 'high'
  creditLimit: number
  limitCurrency: string
  brokenPromises: number
  lastContactDate: string | null
}

export function debtorFacts(ledger: Ledger, debtorIds?: readonly number[]): Map<number, DebtorFacts> {
  const only = debtorIds ? `where d.id in (${debtorIds.map(() => '?').join(',')})` : ''
  const rows = ledger.sqlite
    .prepare(
      `select d.id as debtorId, d.risk_class as riskClass, d.credit_limit as creditLimit, d.limit_currency as limitCurrency,
        coalesce(c.broken_promises, 0) as brokenPromises, c.last_contact_date as lastContactDate from debtor d left join debtor_collection c on c.debtor_id = d.id ${only}`
    )
    .all(...(debtorIds ?? [])) as DebtorFacts[]
  return new Map(rows.map((r) => [r.debtorId, r]))
}

export function disputedByDebtor(ledger: Ledger): Map<number, number> {
  const rows = ledger.sqlite.prepare("select debtor_id as debtorId, sum(amount) as amount from dispute where status = 'open' group by debtor_id").all() as { debtorId: number; amount: number }[]
  return new Map(rows.map((r) => [r.debtorId, r.amount]))
}

export interface SummaryWrite {
  debtorId: number
  currency: string | null
  currencies: unknown
  overdueAmount: number
  overdueCount: number
  oldestDue: string | null
  disputedAmount: number
  openAmount: number
  score: number
  reasons: unknown
  refreshedOn: string
}

export function writeSummaries(ledger: Ledger, rows: readonly SummaryWrite[], zeroOthers: boolean, asOf: string): void {
  if (zeroOthers) {
    ledger.sqlite
      .prepare("update debtor_collection set overdue_amount = 0, currencies = '[]', overdue_count = 0, oldest_due = null, open_amount = 0, disputed_amount = 0, score = 0, reasons = '[]', refreshed_on = ? where overdue_amount <> 0 or open_amount <> 0")
      .run(asOf)
  }
  const stmt = ledger.sqlite.prepare(
    `insert into debtor_collection (debtor_id, currency, currencies, overdue_amount, overdue_count, oldest_due, disputed_amount, open_amount, score, reasons, refreshed_on) values (?,?,?,?,?,?,?,?,?,?,?)
     on conflict(debtor_id) do update set currency = excluded.currency, currencies = excluded.currencies, overdue_amount = excluded.overdue_amount, overdue_count = excluded.overdue_count, oldest_due = excluded.oldest_due,
       disputed_amount = excluded.disputed_amount, open_amount = excluded.open_amount, score = excluded.score, reasons = excluded.reasons, refreshed_on = excluded.refreshed_on`
  )
  for (const r of rows) stmt.run(r.debtorId, r.currency, JSON.stringify(r.currencies), r.overdueAmount, r.overdueCount, r.oldestDue, r.disputedAmount, r.openAmount, r.score, JSON.stringify(r.reasons), r.refreshedOn)
}

export interface WorklistQuery {
  controllerId?: number | null
  riskClass?: string
  clientId?: number
  currency?: string
  asOf: string
  offset: number
  limit: number
}

/** The stored part of the contract's WorklistRow: currencies and reasons still JSON; what is derived at read time omitted. */
export interface WorklistRecord extends Omit<WorklistRow, 'currencies' | 'overdueInBase' | 'daysOverdue' | 'reasons' | 'why'> {
  currencies: string | null
  reasons: string
}

function filters(q: WorklistQuery): { sql: string; args: (string | number)[] } {
  const conds = ['s.overdue_amount > 0']
  const args: (string | number)[] = []
  if (q.controllerId !== undefined) {
    if (q.controllerId === null) conds.push('s.controller_id is null')
    else conds.push('s.controller_id = ?'), args.push(q.controllerId)
  }
  if (q.riskClass) conds.push('d.risk_class = ?'), args.push(q.riskClass)
  // Any currency the debtor has overdue, not only the one the row leads with.
  if (q.currency) conds.push("(s.currency = ? or s.currencies like ?)"), args.push(q.currency, `%"currency":"${q.currency}"%`)
  if (q.clientId) {
    conds.push(`exists (select 1 from invoice i where i.debtor_id = s.debtor_id and i.status in ${OPEN} and i.due_date < ? and i.client_id = ?)`)
    args.push(q.asOf, q.clientId)
  }
  return { sql: conds.join(' and '), args }
}

/** The ranked page walks the stored score index from the top: cost grows with the page, not the ledger. */
export function worklistPage(ledger: Ledger, q: WorklistQuery): { rows: WorklistRecord[]; total: number } {
  const f = filters(q)
  const rows = ledger.sqlite
    .prepare(
      `select s.debtor_id as debtorId, d.name as debtorName, d.country, d.risk_class as riskClass, s.controller_id as controllerId, u.name as controllerName, s.currency, s.currencies,
        s.overdue_amount as overdueAmount, s.overdue_count as overdueCount, s.oldest_due as oldestDue, s.score, s.reasons, s.last_contact_date as lastContactDate,
        s.next_action_date as nextActionDate, (select r.level from reminder r where r.debtor_id = s.debtor_id and r.status <> 'rejected' order by r.id desc limit 1) as level
       from debtor_collection s indexed by debtor_collection_score_idx join debtor d on d.id = s.debtor_id left join app_user u on u.id = s.controller_id
       where ${f.sql} order by s.score desc, s.debtor_id desc limit ? offset ?`
    )
    .all(...f.args, q.limit, q.offset) as WorklistRecord[]
  const total = ledger.sqlite.prepare(`select count(*) from debtor_collection s join debtor d on d.id = s.debtor_id where ${f.sql}`).pluck().get(...f.args) as number
  return { rows, total }
}

/** The same ranking computed from the invoices on every request: the baseline the stored summary beats. */
export function worklistByAggregation(ledger: Ledger, asOf: string, limit: number): { debtorId: number; overdue: number }[] {
  return ledger.sqlite
    .prepare(
      `select debtor_id as debtorId, sum(open_amount) as overdue, min(due_date) as oldest from invoice where status in ${OPEN} and due_date < ? group by debtor_id
       order by sum(open_amount) * (julianday(?) - julianday(min(due_date))) desc limit ?`
    )
    .all(asOf, asOf, limit) as { debtorId: number; overdue: number }[]
}

export function summaryFor(ledger: Ledger, debtorId: number): WorklistRecord | null {
  return (
    (ledger.sqlite
      .prepare(
        `select s.debtor_id as debtorId, d.name as debtorName, d.country, d.risk_class as riskClass, s.controller_id as controllerId, u.name as controllerName, s.currency, s.currencies,
        s.overdue_amount as overdueAmount, s.overdue_count as overdueCount, s.oldest_due as oldestDue, s.score, s.reasons, s.last_contact_date as lastContactDate,
        s.next_action_date as nextActionDate, null as level
       from debtor_collection s join debtor d on d.id = s.debtor_id left join app_user u on u.id = s.controller_id where s.debtor_id = ? and s.overdue_amount > 0`
      )
      .get(debtorId) as WorklistRecord | undefined) ?? null
  )
}

export function followUps(ledger: Ledger, asOf: string, controllerId?: number) {
  return ledger.sqlite
    .prepare(
      `select c.debtor_id as debtorId, d.name as debtorName, c.next_action_date as nextActionDate, c.overdue_amount as overdueAmount, c.currency
       from debtor_collection c join debtor d on d.id = c.debtor_id where c.next_action_date <= ? ${controllerId ? 'and c.controller_id = ?' : ''} order by c.next_action_date, c.score desc limit 500`
    )
    .all(asOf, ...(controllerId ? [controllerId] : [])) as TodayView['followUps']
}

export function promisesDue(ledger: Ledger, asOf: string, controllerId?: number) {
  return ledger.sqlite
    .prepare(
      `select p.id, p.debtor_id as debtorId, d.name as debtorName, p.promised_date as promisedDate, p.amount, p.currency from payment_promise p join debtor d on d.id = p.debtor_id
       ${controllerId ? 'join debtor_collection c on c.debtor_id = p.debtor_id and c.controller_id = ?' : ''} where p.status = 'active' and p.promised_date <= ? order by p.promised_date limit 500`
    )
    .all(...(controllerId ? [controllerId] : []), asOf) as TodayView['promisesDue']
}

/** The newest journal entry: the mark up to which the stored summaries are known to be current. */
export function lastEntryId(ledger: Ledger): number {
  return ledger.sqlite.prepare('select coalesce(max(id), 0) from journal_entry').pluck().get() as number
}

/**
 * Debtors whose invoices had journal lines after an entry: every payment, allocation, credit, funding and
 * chargeback posts one, so the append-only journal doubles as the change log. Walks journal_line_entry_idx
 * from the mark, so its cost follows what changed, not the size of the ledger.
 */
export function debtorsTouchedSince(ledger: Ledger, afterEntryId: number): number[] {
  return ledger.sqlite
    .prepare('select distinct i.debtor_id from journal_line l indexed by journal_line_entry_idx join invoice i on i.id = l.invoice_id where l.entry_id > ? and l.invoice_id is not null')
    .pluck()
    .all(afterEntryId) as number[]
}
