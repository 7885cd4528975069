import type { Agreement } from '../../../shared/agreement'
import type { Ledger } from '../open'

/**
 * Set-based reads for checking a batch: every query takes the whole batch's keys as one JSON array
 * (json_each), so the cost is one indexed pass per query, never one query per row.
 */
const OPEN = "('funded','partly_paid','disputed')"
const EXPOSED = "('funded','partly_paid','disputed','submitted','approved')"
/** Open purchased invoices count with what is still owed; submitted ones with their face. */
const EXPOSURE = `case when i.status in ${OPEN} then i.open_amount else i.face end`

export interface DebtorRecord {
  id: number
  name: string
  nameNorm: string
  country: string
  regNo: string | null
  needsReview: boolean
  creditLimit: number
  limitCurrency: string
}

const DEBTOR_COLS = 'd.id, d.name, d.name_norm as nameNorm, d.country, d.reg_no as regNo, d.needs_review as needsReview, d.credit_limit as creditLimit, d.limit_currency as limitCurrency'
const asDebtor = (r: Omit<DebtorRecord, 'needsReview'> & { needsReview: unknown }): DebtorRecord => ({ ...r, needsReview: r.needsReview === 1 })

export function debtorsByRegNo(ledger: Ledger, keys: { country: string; regNo: string }[]): DebtorRecord[] {
  if (!keys.length) return []
  return (
    ledger.sqlite
      .prepare(`select ${DEBTOR_COLS} from debtor d join json_each(?) j on d.country = j.value ->> '$[0]' and d.reg_no = j.value ->> '$[1]'`)
      .all(JSON.stringify(keys.map((k) => [k.country, k.regNo]))) as (Omit<DebtorRecord, 'needsReview'> & { needsReview: unknown })[]
  ).map(asDebtor)
}

export function debtorsById(ledger: Ledger, ids: number[]): DebtorRecord[] {
  if (!ids.length) return []
  return (ledger.sqlite.prepare(`select ${DEBTOR_COLS} from debtor d where d.id in (select value from json_each(?))`).all(JSON.stringify(ids)) as (Omit<DebtorRecord, 'needsReview'> & { needsReview: unknown })[]).map(asDebtor)
}

/** Invoices of a request as lines to check again, in the order they were stored. */
export function storedLines(ledger: Ledger, requestId: number, invoiceIds?: number[]): { id: number; clientId: number; debtorId: number; number: string; issueDate: string; dueDate: string; currency: string; amount: number }[] {
  const only = invoiceIds ? ' and id in (select value from json_each(?))' : ''
  return ledger.sqlite
    .prepare(`select id, client_id as clientId, debtor_id as debtorId, number, issue_date as issueDate, due_date as dueDate, currency, face as amount from invoice where request_id = ?${only} order by id`)
    .all(...(invoiceIds ? [requestId, JSON.stringify(invoiceIds)] : [requestId])) as { id: number; clientId: number; debtorId: number; number: string; issueDate: string; dueDate: string; currency: string; amount: number }[]
}

/** The check codes already stored per invoice of a request (with or without override). */
export function storedCheckCodes(ledger: Ledger, requestId: number): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>()
  for (const r of ledger.sqlite.prepare('select invoice_id as invoiceId, code from request_check where request_id = ?').all(requestId) as { invoiceId: number; code: string }[]) {
    const set = out.get(r.invoiceId) ?? new Set<string>()
    set.add(r.code)
    out.set(r.invoiceId, set)
  }
  return out
}

export function debtorsByName(ledger: Ledger, names: string[]): DebtorRecord[] {
  if (!names.length) return []
  return (ledger.sqlite.prepare(`select ${DEBTOR_COLS} from debtor d where d.name_norm in (select value from json_each(?)) order by d.id`).all(JSON.stringify(names)) as (Omit<DebtorRecord, 'needsReview'> & { needsReview: unknown })[]).map(asDebtor)
}

/**
 * Rechecking invoices already stored leaves their own request out (they are the lines being tested),
 * and at funding counts only what is really bought: other requests' pending invoices are not money out.
 */
export interface SnapshotScope {
  excludeRequestId?: number
  fundedOnly?: boolean
}
const notRequest = (scope: SnapshotScope, alias = 'i') => (scope.excludeRequestId === undefined ? '' : ` and coalesce(${alias}.request_id, 0) <> ${Number(scope.excludeRequestId)}`)
const exposedIn = (scope: SnapshotScope) => (scope.fundedOnly ? OPEN : EXPOSED)

export interface ExposureRow {
  debtorId: number
  currency: string
  exposure: number
  pairExposure: number
  pairOpen: number
  pairAged: number
}

/** Per debtor and currency: exposure across all clients, and this client's share, open and aged parts. */
export function debtorExposures(ledger: Ledger, debtorIds: number[], clientId: number, agedBefore: string, scope: SnapshotScope = {}): ExposureRow[] {
  if (!debtorIds.length) return []
  return ledger.sqlite
    .prepare(
      `select i.debtor_id as debtorId, i.currency, sum(${EXPOSURE}) as exposure,
         sum(case when i.client_id = ? then ${EXPOSURE} else 0 end) as pairExposure,
         sum(case when i.client_id = ? and i.status in ${OPEN} then i.open_amount else 0 end) as pairOpen,
         sum(case when i.client_id = ? and i.status in ${OPEN} and i.issue_date < ? then i.open_amount else 0 end) as pairAged
       from invoice i where i.debtor_id in (select value from json_each(?)) and i.status in ${exposedIn(scope)}${notRequest(scope)}
       group by i.debtor_id, i.currency`
    )
    .all(clientId, clientId, clientId, agedBefore, JSON.stringify(debtorIds)) as ExposureRow[]
}

export function pairTerms(ledger: Ledger, clientId: number, debtorIds: number[]): { debtorId: number; creditLimit: number | null; noaStatus: 'none' | 'sent' | 'acknowledged' }[] {
  if (!debtorIds.length) return []
  return ledger.sqlite
    .prepare('select debtor_id as debtorId, credit_limit as creditLimit, noa_status as noaStatus from client_debtor where client_id = ? and debtor_id in (select value from json_each(?))')
    .all(clientId, JSON.stringify(debtorIds)) as { debtorId: number; creditLimit: number | null; noaStatus: 'none' | 'sent' | 'acknowledged' }[]
}

export function clientExposure(ledger: Ledger, clientId: number, currency: string, scope: SnapshotScope = {}): number {
  return ledger.sqlite.prepare(`select coalesce(sum(${EXPOSURE}), 0) from invoice i where i.client_id = ? and i.currency = ? and i.status in ${exposedIn(scope)}${notRequest(scope)}`).pluck().get(clientId, currency) as number
}

/** clientExposure for every client and currency in one pass over the exposed invoices (the status index). */
export function allClientExposures(ledger: Ledger): { clientId: number; currency: string; exposure: number }[] {
  return ledger.sqlite
    .prepare(`select i.client_id as clientId, i.currency, sum(${EXPOSURE}) as exposure from invoice i indexed by invoice_status_due_idx where i.status in ${EXPOSED} group by i.client_id, i.currency`)
    .all() as { clientId: number; currency: string; exposure: number }[]
}

export function existingNumbers(ledger: Ledger, clientId: number, numbers: string[], scope: SnapshotScope = {}): string[] {
  if (!numbers.length) return []
  return ledger.sqlite.prepare(`select number from invoice i where client_id = ? and number in (select value from json_each(?))${notRequest(scope)}`).pluck().all(clientId, JSON.stringify(numbers)) as string[]
}

/** Invoices to the same debtor with the same amount and date: matched on the face index, then filtered. */
export function existingTriples(ledger: Ledger, triples: { debtorId: number; amount: number; issueDate: string }[], scope: SnapshotScope = {}): { debtorId: number; amount: number; issueDate: string }[] {
  if (!triples.length) return []
  return ledger.sqlite
    .prepare(
      `select distinct i.debtor_id as debtorId, i.face as amount, i.issue_date as issueDate from json_each(?) j
       join invoice i indexed by invoice_face_idx on i.face = j.value ->> '$[1]' and i.debtor_id = j.value ->> '$[0]' and i.issue_date = j.value ->> '$[2]'${notRequest(scope)}`
    )
    .all(JSON.stringify(triples.map((t) => [t.debtorId, t.amount, t.issueDate]))) as { debtorId: number; amount: number; issueDate: string }[]
}

/** Open, undisputed purchased receivables and the part of their advances not yet recovered from collections. */
export function clientFundsPosition(ledger: Ledger, clientId: number, currency: string): { eligibleOpen: number; fundsEmployed: number } {
  return ledger.sqlite
    .prepare(
      `select coalesce(sum(case when status in ('funded','partly_paid') then open_amount else 0 end), 0) as eligibleOpen,
         coalesce(sum(max(0, advance - (face - open_amount))), 0) as fundsEmployed
       from invoice indexed by invoice_client_number_uq where client_id = ? and currency = ? and status in ${OPEN}`
    )
    .get(clientId, currency) as { eligibleOpen: number; fundsEmployed: number }
}

export function getSettingValue(ledger: Ledger, key: string): unknown {
  const v = ledger.sqlite.prepare('select value from setting where key = ?').pluck().get(key) as string | undefined
  return v === undefined ? undefined : JSON.parse(v)
}

export function setSettingValue(ledger: Ledger, key: string, value: unknown): void {
  ledger.sqlite.prepare('insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value').run(key, JSON.stringify(value))
}

/** Only what intake needs of the client: the agreement, without the open-balance sums of getClient. */
export function clientTerms(ledger: Ledger, id: number): { id: number; name: string; agreement: Agreement } | null {
  const r = ledger.sqlite.prepare('select id, name, agreement from client where id = ?').get(id) as { id: number; name: string; agreement: string } | undefined
  return r ? { ...r, agreement: JSON.parse(r.agreement) as Agreement } : null
}
