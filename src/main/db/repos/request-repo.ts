import type { CheckResult, FundingAmounts, QueueRow, RequestInvoice } from '../../../shared/contract/requests'
import type { Ledger } from '../open'

export interface NewRequest {
  clientId: number
  source: string
  fileName: string | null
  currency: string
  total: number
  submittedDate: string
  preparedBy: number | null
}

export function insertRequest(ledger: Ledger, r: NewRequest, at: number): number {
  return Number(
    ledger.sqlite
      .prepare("insert into financing_request (client_id, status, source, file_name, currency, total, submitted_date, prepared_by, created_at) values (?, 'open', ?, ?, ?, ?, ?, ?, ?)")
      .run(r.clientId, r.source, r.fileName, r.currency, r.total, r.submittedDate, r.preparedBy, at).lastInsertRowid
  )
}

/** One prepared statement for the whole batch: preparing per row costs more than the insert itself. */
export function insertChecks(ledger: Ledger, rows: { requestId: number; invoiceId: number; checks: CheckResult[] }[]): void {
  const st = ledger.sqlite.prepare('insert into request_check (request_id, invoice_id, code, severity, message) values (?, ?, ?, ?, ?)')
  for (const r of rows) for (const c of r.checks) st.run(r.requestId, r.invoiceId, c.code, c.severity, c.message)
}

/** Every debtor in a request gets a client-debtor pair (no notice yet), so limits and notices have a row to live on. */
export function ensurePairs(ledger: Ledger, clientId: number, debtorIds: Iterable<number>): void {
  const st = ledger.sqlite.prepare('insert or ignore into client_debtor (client_id, debtor_id) values (?, ?)')
  for (const id of debtorIds) st.run(clientId, id)
}

export interface RequestHead {
  id: number
  clientId: number
  status: string
  currency: string
  preparedBy: number | null
  submittedDate: string
}

export function getRequestHead(ledger: Ledger, id: number): RequestHead | null {
  return (ledger.sqlite.prepare('select id, client_id as clientId, status, currency, prepared_by as preparedBy, submitted_date as submittedDate from financing_request where id = ?').get(id) as RequestHead | undefined) ?? null
}

export function setRequestStatus(ledger: Ledger, id: number, status: string, fields: { approvedBy?: number | null; fundedDate?: string } = {}): void {
  ledger.sqlite.prepare('update financing_request set status = ?, approved_by = coalesce(?, approved_by), funded_date = coalesce(?, funded_date) where id = ?').run(status, fields.approvedBy ?? null, fields.fundedDate ?? null, id)
}

const WAITING = "('open','approved')"

/** Queue rows with their totals; aggregates come from the request_id indexes of invoice, check and decision. */
export function queueRows(ledger: Ledger, f: { ids?: number[]; waiting?: boolean; clientId?: number }): Omit<QueueRow, 'needsTwoApprovals'>[] {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (f.ids) conds.push('r.id in (select value from json_each(?))'), args.push(JSON.stringify(f.ids))
  if (f.waiting) conds.push(`r.status in ${WAITING}`)
  if (f.clientId) conds.push('r.client_id = ?'), args.push(f.clientId)
  const where = conds.length ? `where ${conds.join(' and ')}` : ''
  const heads = ledger.sqlite
    .prepare(
      `select r.id, r.client_id as clientId, c.name as clientName, r.status, r.source, r.file_name as fileName, r.submitted_date as submittedDate, r.currency, u.name as preparedBy
       from financing_request r join client c on c.id = r.client_id left join app_user u on u.id = r.prepared_by ${where} order by r.submitted_date, r.id limit 500`
    )
    .all(...args) as Pick<QueueRow, 'id' | 'clientId' | 'clientName' | 'status' | 'source' | 'fileName' | 'submittedDate' | 'currency' | 'preparedBy'>[]
  if (!heads.length) return []
  const ids = JSON.stringify(heads.map((h) => h.id))
  const sums = ledger.sqlite
    .prepare(
      `select i.request_id as id, count(*) as invoices, sum(i.face) as total,
         sum(case when f.err is null or f.err = 0 then 1 else 0 end) as eligible,
         sum(case when f.err is null or f.err = 0 then i.face else 0 end) as eligibleAmount,
         sum(case when f.err = 1 then 1 else 0 end) as withErrors,
         sum(case when f.warn = 1 and (f.err is null or f.err = 0) then 1 else 0 end) as withWarnings,
         sum(case when d.decision is null then 1 else 0 end) as pending,
         sum(case when d.decision = 'approved' then 1 else 0 end) as approved,
         sum(case when d.decision = 'approved' then i.face else 0 end) as approvedAmount,
         sum(case when d.decision = 'rejected' then 1 else 0 end) as rejected
       from invoice i
       left join (select invoice_id, max(severity = 'error') as err, max(severity = 'warning' and override_by is null) as warn from request_check
                  where request_id in (select value from json_each(?)) group by invoice_id) f on f.invoice_id = i.id
       left join request_decision d on d.invoice_id = i.id
       where i.request_id in (select value from json_each(?)) group by i.request_id`
    )
    .all(ids, ids) as (Pick<QueueRow, 'id' | 'invoices' | 'total' | 'eligible' | 'eligibleAmount' | 'withErrors' | 'withWarnings' | 'pending' | 'approved' | 'approvedAmount' | 'rejected'>)[]
  const approvals = ledger.sqlite
    .prepare('select a.request_id as id, a.user_id as userId, u.name as userName, a.at from request_approval a join app_user u on u.id = a.user_id where a.request_id in (select value from json_each(?)) order by a.step')
    .all(ids) as { id: number; userId: number; userName: string; at: number }[]
  const byId = new Map(sums.map((s) => [s.id, s]))
  const empty = { invoices: 0, total: 0, eligible: 0, eligibleAmount: 0, withErrors: 0, withWarnings: 0, pending: 0, approved: 0, approvedAmount: 0, rejected: 0 }
  return heads.map((h) => ({ ...h, ...empty, ...byId.get(h.id), id: h.id, approvals: approvals.filter((a) => a.id === h.id).map(({ userId, userName, at }) => ({ userId, userName, at })) }))
}

type InvoiceFilter = { flag?: string; decision?: 'pending' | 'approved' | 'rejected' }
type CheckRow = { invoiceId: number; code: RequestInvoice['checks'][number]['code']; severity: 'error' | 'warning'; message: string; overrideBy: string | null; overrideReason: string | null }

function invoiceWhere(requestId: number, f: InvoiceFilter): { where: string; args: (string | number)[] } {
  const conds = ['i.request_id = ?']
  const args: (string | number)[] = [requestId]
  if (f.flag) conds.push('i.id in (select invoice_id from request_check where request_id = ? and code = ?)'), args.push(requestId, f.flag)
  if (f.decision === 'pending') conds.push('d.decision is null')
  else if (f.decision) conds.push('d.decision = ?'), args.push(f.decision)
  return { where: conds.join(' and '), args }
}

const INVOICE_COLS = `i.id, i.number, i.debtor_id as debtorId, db.name as debtorName, i.issue_date as issueDate, i.due_date as dueDate, i.currency, i.face, i.status,
  coalesce(d.decision, 'pending') as decision, d.reason as decisionReason`
const INVOICE_FROM = 'invoice i join debtor db on db.id = i.debtor_id left join request_decision d on d.invoice_id = i.id'
const CHECK_SELECT = `select c.invoice_id as invoiceId, c.code, c.severity, c.message, u.name as overrideBy, c.override_reason as overrideReason
  from request_check c left join app_user u on u.id = c.override_by`

function withChecks(rows: Omit<RequestInvoice, 'checks' | 'eligible'>[], checks: CheckRow[]): RequestInvoice[] {
  const byInvoice = new Map<number, RequestInvoice['checks']>()
  for (const c of checks) {
    const list = byInvoice.get(c.invoiceId) ?? []
    list.push({ code: c.code, severity: c.severity, message: c.message, override: c.overrideReason ? { by: c.overrideBy ?? '?', reason: c.overrideReason } : null })
    byInvoice.set(c.invoiceId, list)
  }
  return rows.map((r) => {
    const cs = byInvoice.get(r.id) ?? []
    return { ...r, decisionReason: r.decisionReason ?? null, checks: cs, eligible: cs.every((c) => c.severity !== 'error') }
  })
}

/** The invoices of a request with their flags and decisions, optionally only those with one flag. */
export function requestInvoices(ledger: Ledger, requestId: number, f: InvoiceFilter = {}): RequestInvoice[] {
  const { where, args } = invoiceWhere(requestId, f)
  const rows = ledger.sqlite.prepare(`select ${INVOICE_COLS} from ${INVOICE_FROM} where ${where} order by i.id`).all(...args) as Omit<RequestInvoice, 'checks' | 'eligible'>[]
  const checks = ledger.sqlite.prepare(`${CHECK_SELECT} where c.request_id = ? order by c.id`).all(requestId) as CheckRow[]
  return withChecks(rows, checks)
}

/** One page of the same list, with the checks of that page only: what a screen scrolling 10,000 invoices asks for. */
export function requestInvoicePage(ledger: Ledger, requestId: number, f: InvoiceFilter, page: { offset: number; limit: number }): { rows: RequestInvoice[]; total: number } {
  const { where, args } = invoiceWhere(requestId, f)
  const total = ledger.sqlite.prepare(`select count(*) from ${INVOICE_FROM} where ${where}`).pluck().get(...args) as number
  const rows = ledger.sqlite.prepare(`select ${INVOICE_COLS} from ${INVOICE_FROM} where ${where} order by i.id limit ? offset ?`).all(...args, page.limit, page.offset) as Omit<RequestInvoice, 'checks' | 'eligible'>[]
  if (!rows.length) return { rows: [], total }
  const checks = ledger.sqlite.prepare(`${CHECK_SELECT} where c.invoice_id in (select value from json_each(?)) order by c.id`).all(JSON.stringify(rows.map((r) => r.id))) as CheckRow[]
  return { rows: withChecks(rows, checks), total }
}

export function flagCounts(ledger: Ledger, requestId: number): { code: RequestInvoice['checks'][number]['code']; count: number }[] {
  return ledger.sqlite.prepare('select code, count(distinct invoice_id) as count from request_check where request_id = ? group by code order by code').all(requestId) as { code: RequestInvoice['checks'][number]['code']; count: number }[]
}

export function overrideCheck(ledger: Ledger, invoiceId: number, code: string, userId: number | null, reason: string, at: number): number {
  return ledger.sqlite.prepare("update request_check set override_by = ?, override_reason = ?, override_at = ? where invoice_id = ? and code = ? and severity = 'warning'").run(userId, reason, at, invoiceId, code).changes
}

export function recordDecision(ledger: Ledger, d: { invoiceId: number; requestId: number; decision: 'approved' | 'rejected'; reason: string; userId: number | null }, at: number): void {
  ledger.sqlite
    .prepare('insert into request_decision (invoice_id, request_id, decision, reason, user_id, at) values (?, ?, ?, ?, ?, ?) on conflict(invoice_id) do update set decision = excluded.decision, reason = excluded.reason, user_id = excluded.user_id, at = excluded.at')
    .run(d.invoiceId, d.requestId, d.decision, d.reason, d.userId, at)
  ledger.sqlite.prepare("update invoice set status = ? where id = ? and status in ('submitted','approved','rejected')").run(d.decision, d.invoiceId)
}

/** Back to undecided: a check found at funding needs a fresh decision (and its override). */
export function withdrawDecision(ledger: Ledger, invoiceId: number): void {
  ledger.sqlite.prepare('delete from request_decision where invoice_id = ?').run(invoiceId)
  ledger.sqlite.prepare("update invoice set status = 'submitted' where id = ? and status = 'approved'").run(invoiceId)
}

export function approvals(ledger: Ledger, requestId: number): { step: number; userId: number }[] {
  return ledger.sqlite.prepare('select step, user_id as userId from request_approval where request_id = ? order by step').all(requestId) as { step: number; userId: number }[]
}

export function addApproval(ledger: Ledger, requestId: number, step: number, userId: number, at: number): void {
  ledger.sqlite.prepare('insert into request_approval (request_id, step, user_id, at) values (?, ?, ?, ?)').run(requestId, step, userId, at)
}

export function approvedInvoices(ledger: Ledger, requestId: number): { invoiceId: number; debtorId: number; face: number }[] {
  return ledger.sqlite
    .prepare("select i.id as invoiceId, i.debtor_id as debtorId, i.face from invoice i join request_decision d on d.invoice_id = i.id where i.request_id = ? and d.decision = 'approved' and i.status = 'approved' order by i.id")
    .all(requestId) as { invoiceId: number; debtorId: number; face: number }[]
}

export function markFunded(ledger: Ledger, invoices: { invoiceId: number; advance: number }[], date: string): void {
  const st = ledger.sqlite.prepare("update invoice set status = 'funded', funded_date = ?, advance = ? where id = ? and status = 'approved'")
  for (const i of invoices) if (st.run(date, i.advance, i.invoiceId).changes !== 1) throw new Error(`invoice ${i.invoiceId} is no longer approved`)
}

export interface FundingRecord extends FundingAmounts {
  requestId: number
  date: string
  currency: string
  invoices: number
  fundedBy: number | null
}

export function insertFunding(ledger: Ledger, f: FundingRecord, at: number): void {
  ledger.sqlite
    .prepare('insert into request_funding (request_id, date, currency, invoices, face, advance, reserve, fees, chargebacks_netted, net_payout, funded_by, at) values (?,?,?,?,?,?,?,?,?,?,?,?)')
    .run(f.requestId, f.date, f.currency, f.invoices, f.face, f.advance, f.reserve, f.fees, f.chargebacksNetted, f.netPayout, f.fundedBy, at)
}

export function getFunding(ledger: Ledger, requestId: number): FundingRecord | null {
  return (
    (ledger.sqlite
      .prepare('select request_id as requestId, date, currency, invoices, face, advance, reserve, fees, chargebacks_netted as chargebacksNetted, net_payout as netPayout, funded_by as fundedBy from request_funding where request_id = ?')
      .get(requestId) as FundingRecord | undefined) ?? null
  )
}

export function userName(ledger: Ledger, id: number | null): string | null {
  if (id === null) return null
  return (ledger.sqlite.prepare('select name from app_user where id = ?').pluck().get(id) as string | undefined) ?? null
}

export function findUser(ledger: Ledger, ref: string): { id: number; name: string } | null {
  const byName = ledger.sqlite.prepare('select id, name from app_user where name = ? and active = 1').get(ref) as { id: number; name: string } | undefined
  if (byName) return byName
  if (/^\d+$/.test(ref)) return (ledger.sqlite.prepare('select id, name from app_user where id = ? and active = 1').get(Number(ref)) as { id: number; name: string } | undefined) ?? null
  return null
}

/** Sign-offs given before a decision changed no longer describe what is funded. */
export function clearApprovals(ledger: Ledger, requestId: number): void {
  ledger.sqlite.prepare('delete from request_approval where request_id = ?').run(requestId)
}
