import type { AgencyCaseRow } from '../../../shared/contract/collections'
import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"

export function insertBlock(ledger: Ledger, b: { debtorId: number; invoiceId: number | null; reason: string; untilDate: string | null; userId: number | null; at: number }): number {
  return Number(
    ledger.sqlite
      .prepare('insert into dunning_block (debtor_id, invoice_id, reason, until_date, created_by, created_at) values (?,?,?,?,?,?)')
      .run(b.debtorId, b.invoiceId, b.reason, b.untilDate, b.userId, b.at).lastInsertRowid
  )
}

export function endBlock(ledger: Ledger, id: number, date: string): boolean {
  return ledger.sqlite.prepare('update dunning_block set ended_date = ? where id = ? and ended_date is null').run(date, id).changes > 0
}

export function blocksOf(ledger: Ledger, debtorId: number, asOf: string) {
  return ledger.sqlite
    .prepare('select id, invoice_id as invoiceId, reason, until_date as untilDate from dunning_block where debtor_id = ? and ended_date is null and (until_date is null or until_date >= ?) order by id')
    .all(debtorId, asOf) as { id: number; invoiceId: number | null; reason: string; untilDate: string | null }[]
}

export function invoiceBrief(ledger: Ledger, id: number) {
  return (
    (ledger.sqlite.prepare('select id, debtor_id as debtorId, client_id as clientId, number, currency, open_amount as open, due_date as dueDate, status from invoice where id = ?').get(id) as
      | { id: number; debtorId: number; clientId: number; number: string; currency: string; open: number; dueDate: string; status: string }
      | undefined) ?? null
  )
}

export function insertDispute(ledger: Ledger, d: { debtorId: number; invoiceId: number; reason: string; amount: number; ownerId: number | null; date: string }): number {
  return Number(
    ledger.sqlite
      .prepare("insert into dispute (debtor_id, invoice_id, reason, amount, owner_id, status, opened_date) values (?,?,?,?,?,'open',?)")
      .run(d.debtorId, d.invoiceId, d.reason, d.amount, d.ownerId, d.date).lastInsertRowid
  )
}

export function openDisputedOn(ledger: Ledger, invoiceId: number): number {
  return ledger.sqlite.prepare("select coalesce(sum(amount), 0) from dispute where invoice_id = ? and status = 'open'").pluck().get(invoiceId) as number
}

export function closeDispute(ledger: Ledger, id: number, status: string, resolution: string, date: string): { debtorId: number } | null {
  const r = ledger.sqlite.prepare("update dispute set status = ?, resolution = ?, closed_date = ? where id = ? and status = 'open' returning debtor_id as debtorId").get(status, resolution, date, id) as { debtorId: number } | undefined
  return r ?? null
}

export function disputesOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare(
      'select x.id, x.invoice_id as invoiceId, i.number as invoiceNumber, x.reason, x.amount, x.status, x.owner_id as ownerId, x.opened_date as openedDate from dispute x join invoice i on i.id = x.invoice_id where x.debtor_id = ? order by x.id desc'
    )
    .all(debtorId) as { id: number; invoiceId: number; invoiceNumber: string; reason: string; amount: number; status: string; ownerId: number | null; openedDate: string }[]
}

/** The debtor's open balance in one currency: the yardstick promises and instalment plans are measured by. */
export function debtorOpen(ledger: Ledger, debtorId: number, currency: string): number {
  return ledger.sqlite.prepare(`select coalesce(sum(open_amount), 0) from invoice where debtor_id = ? and currency = ? and status in ${OPEN}`).pluck().get(debtorId, currency) as number
}

export function invoicesOpen(ledger: Ledger, ids: readonly number[]): number {
  if (!ids.length) return 0
  return ledger.sqlite.prepare(`select coalesce(sum(open_amount), 0) from invoice where id in (${ids.map(() => '?').join(',')}) and status in ${OPEN}`).pluck().get(...ids) as number
}

export function invoicesOfDebtor(ledger: Ledger, debtorId: number, ids: readonly number[]) {
  return ledger.sqlite
    .prepare(`select id, currency, open_amount as open, status from invoice where debtor_id = ? and id in (${ids.map(() => '?').join(',')})`)
    .all(debtorId, ...ids) as { id: number; currency: string; open: number; status: string }[]
}

export function insertPromise(ledger: Ledger, p: { debtorId: number; date: string; amount: number; currency: string; baselineOpen: number; createdDate: string }): number {
  return Number(
    ledger.sqlite
      .prepare("insert into payment_promise (debtor_id, promised_date, amount, currency, baseline_open, status, created_date) values (?,?,?,?,?,'active',?)")
      .run(p.debtorId, p.date, p.amount, p.currency, p.baselineOpen, p.createdDate).lastInsertRowid
  )
}

export function activePromises(ledger: Ledger) {
  return ledger.sqlite
    .prepare("select id, debtor_id as debtorId, promised_date as promisedDate, amount, currency, baseline_open as baselineOpen from payment_promise where status = 'active'")
    .all() as { id: number; debtorId: number; promisedDate: string; amount: number; currency: string; baselineOpen: number }[]
}

export function closePromise(ledger: Ledger, id: number, status: 'kept' | 'broken', date: string): void {
  ledger.sqlite.prepare('update payment_promise set status = ?, closed_date = ? where id = ?').run(status, date, id)
}

export function promisesOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare('select id, promised_date as promisedDate, amount, currency, status, created_date as createdDate from payment_promise where debtor_id = ? order by id desc limit 50')
    .all(debtorId) as { id: number; promisedDate: string; amount: number; currency: string; status: string; createdDate: string }[]
}

export function countBrokenPromise(ledger: Ledger, debtorId: number, today: string): void {
  ledger.sqlite.prepare('insert or ignore into debtor_collection (debtor_id) values (?)').run(debtorId)
  ledger.sqlite.prepare('update debtor_collection set broken_promises = broken_promises + 1, next_action_date = ? where debtor_id = ?').run(today, debtorId)
}

/** Escalation after a broken promise or plan: the next level may go out at once, without the plan's spacing. */
export function dropSpacing(ledger: Ledger, debtorId: number): void {
  ledger.sqlite.prepare(`update invoice_dunning set last_sent_date = null where invoice_id in (select id from invoice where debtor_id = ? and status in ${OPEN})`).run(debtorId)
}

export function insertInstalmentPlan(ledger: Ledger, p: { debtorId: number; currency: string; invoiceIds: number[]; baselineOpen: number; instalments: { dueDate: string; amount: number }[]; date: string }): number {
  return Number(
    ledger.sqlite
      .prepare("insert into instalment_plan (debtor_id, currency, invoice_ids, baseline_open, instalments, status, created_date) values (?,?,?,?,?,'active',?)")
      .run(p.debtorId, p.currency, JSON.stringify(p.invoiceIds), p.baselineOpen, JSON.stringify(p.instalments), p.date).lastInsertRowid
  )
}

export interface InstalmentPlanRecord {
  id: number
  debtorId: number
  debtorName: string
  currency: string
  invoiceIds: number[]
  baselineOpen: number
  instalments: { dueDate: string; amount: number }[]
  status: string
}

export function instalmentPlans(ledger: Ledger, q: { debtorId?: number; status?: string }): InstalmentPlanRecord[] {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.debtorId) conds.push('p.debtor_id = ?'), args.push(q.debtorId)
  if (q.status) conds.push('p.status = ?'), args.push(q.status)
  const rows = ledger.sqlite
    .prepare(
      `select p.id, p.debtor_id as debtorId, d.name as debtorName, p.currency, p.invoice_ids as invoiceIds, p.baseline_open as baselineOpen, p.instalments, p.status
       from instalment_plan p join debtor d on d.id = p.debtor_id ${conds.length ? 'where ' + conds.join(' and ') : ''} order by p.id desc`
    )
    .all(...args) as (Omit<InstalmentPlanRecord, 'invoiceIds' | 'instalments'> & { invoiceIds: string; instalments: string })[]
  return rows.map((r) => ({ ...r, invoiceIds: JSON.parse(r.invoiceIds) as number[], instalments: JSON.parse(r.instalments) as { dueDate: string; amount: number }[] }))
}

export function closeInstalmentPlan(ledger: Ledger, id: number, status: 'completed' | 'broken', date: string): void {
  ledger.sqlite.prepare('update instalment_plan set status = ?, closed_date = ? where id = ?').run(status, date, id)
}

export function insertContact(ledger: Ledger, c: { debtorId: number; userId: number | null; date: string; channel: string; outcome: string; note: string | null; nextActionDate: string | null; promiseId: number | null; at: number }): number {
  const id = Number(
    ledger.sqlite
      .prepare('insert into contact_log (debtor_id, user_id, date, channel, outcome, note, next_action_date, promise_id, at) values (?,?,?,?,?,?,?,?,?)')
      .run(c.debtorId, c.userId, c.date, c.channel, c.outcome, c.note, c.nextActionDate, c.promiseId, c.at).lastInsertRowid
  )
  ledger.sqlite.prepare('insert or ignore into debtor_collection (debtor_id) values (?)').run(c.debtorId)
  ledger.sqlite.prepare('update debtor_collection set last_contact_date = ?, next_action_date = ? where debtor_id = ?').run(c.date, c.nextActionDate, c.debtorId)
  return id
}

export function contactsOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare(
      'select c.id, c.date, c.channel, c.outcome, c.note, c.next_action_date as nextActionDate, u.name as userName from contact_log c left join app_user u on u.id = c.user_id where c.debtor_id = ? order by c.id desc limit 100'
    )
    .all(debtorId) as { id: number; date: string; channel: string; outcome: string; note: string | null; nextActionDate: string | null; userName: string | null }[]
}

export function debtorCollectionRow(ledger: Ledger, debtorId: number) {
  return (
    (ledger.sqlite
      .prepare(
        `select d.id, d.name, d.language, d.email, d.phone, d.risk_class as riskClass, d.country, d.address, d.postal_code as postalCode, d.city, d.reg_no as regNo,
          c.plan_id as planId, c.controller_id as controllerId, coalesce(c.handed_over, 0) as handedOver, c.final_sent_date as finalSentDate, c.oldest_due as oldestDue
         from debtor d left join debtor_collection c on c.debtor_id = d.id where d.id = ?`
      )
      .get(debtorId) as
      | { id: number; name: string; language: string; email: string | null; phone: string | null; riskClass: 'low' | 'standard' | 'high'; country: string; address: string | null; postalCode: string | null; city: string | null; regNo: string | null; planId: number | null; controllerId: number | null; handedOver: number; finalSentDate: string | null; oldestDue: string | null }
      | undefined) ?? null
  )
}

export function openItemsOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare(
      `select i.id as invoiceId, i.number, c.name as clientName, i.currency, i.open_amount as open, i.face, i.due_date as dueDate, i.status, i.rf_ref as rfRef, x.plan_id as planId, x.level
       from invoice i join client c on c.id = i.client_id left join invoice_dunning x on x.invoice_id = i.id where i.debtor_id = ? and i.status in ${OPEN} and i.open_amount > 0 order by i.due_date, i.id`
    )
    .all(debtorId) as { invoiceId: number; number: string; clientName: string; currency: string; open: number; face: number; dueDate: string; status: string; rfRef: string; planId: number | null; level: number | null }[]
}

export function claimsOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare(
      `select currency, sum(case when kind = 'fee' then amount else 0 end) as fee, sum(case when kind = 'interest' then amount else 0 end) as interest,
        sum(case when kind = 'compensation' then amount else 0 end) as compensation from collection_claim where debtor_id = ? group by currency`
    )
    .all(debtorId) as { currency: string; fee: number; interest: number; compensation: number }[]
}

export function remindersOf(ledger: Ledger, debtorId: number) {
  return ledger.sqlite
    .prepare('select id, run_date as runDate, level, channel, status, fee, interest_new as interestNew, subject from reminder where debtor_id = ? order by id desc limit 100')
    .all(debtorId) as { id: number; runDate: string; level: number; channel: string; status: string; fee: number; interestNew: number; subject: string }[]
}

export interface AgencyCandidate {
  debtorId: number
  oldestDue: string
  finalSentDate: string | null
}

/** Debtors with money overdue, not handed over and without a live agency case. */
export function agencyCandidates(ledger: Ledger, oldestBefore: string): AgencyCandidate[] {
  return ledger.sqlite
    .prepare(
      `select c.debtor_id as debtorId, c.oldest_due as oldestDue, c.final_sent_date as finalSentDate from debtor_collection c
       where c.overdue_amount > 0 and c.handed_over = 0 and c.oldest_due <= ?
         and not exists (select 1 from agency_case a where a.debtor_id = c.debtor_id and a.status in ('proposed','approved','exported'))`
    )
    .all(oldestBefore) as AgencyCandidate[]
}

export function insertAgencyCase(ledger: Ledger, debtorId: number, reason: string, date: string, at: number): number {
  return Number(ledger.sqlite.prepare("insert into agency_case (debtor_id, status, reason, proposed_date, created_at) values (?, 'proposed', ?, ?, ?)").run(debtorId, reason, date, at).lastInsertRowid)
}

const CASE = `select a.id, a.debtor_id as debtorId, d.name as debtorName, a.status, a.reason, a.proposed_date as proposedDate, a.export_file as exportFile,
  u.name as decidedByName, c.currencies, coalesce(c.handed_over, 0) as handedOver, c.oldest_due as oldestDue
  from agency_case a join debtor d on d.id = a.debtor_id left join debtor_collection c on c.debtor_id = a.debtor_id left join app_user u on u.id = a.decided_by`

/** The contract's AgencyCaseRow as stored: overdue still the summary's JSON currencies, handedOver a 0/1 column. */
export interface AgencyCaseRecord extends Omit<AgencyCaseRow, 'overdue' | 'handedOver'> {
  currencies: string | null
  handedOver: number
}

export function agencyCases(ledger: Ledger, status?: string): AgencyCaseRecord[] {
  return ledger.sqlite.prepare(`${CASE} ${status ? 'where a.status = ?' : ''} order by a.id desc limit 500`).all(...(status ? [status] : [])) as AgencyCaseRecord[]
}

export function agencyCase(ledger: Ledger, id: number) {
  return (ledger.sqlite.prepare(`${CASE} where a.id = ?`).get(id) as AgencyCaseRecord | undefined) ?? null
}

export function setAgencyCase(ledger: Ledger, id: number, status: string, userId: number | null, file: string | null): void {
  ledger.sqlite.prepare('update agency_case set status = ?, decided_by = coalesce(?, decided_by), export_file = coalesce(?, export_file) where id = ?').run(status, userId, file, id)
}

export function setHandedOver(ledger: Ledger, debtorId: number, on: boolean): void {
  ledger.sqlite.prepare('insert or ignore into debtor_collection (debtor_id) values (?)').run(debtorId)
  ledger.sqlite.prepare('update debtor_collection set handed_over = ? where debtor_id = ?').run(on ? 1 : 0, debtorId)
}

export function clientsWithAgreements(ledger: Ledger): { id: number; agreement: string }[] {
  return ledger.sqlite.prepare('select id, agreement from client').all() as { id: number; agreement: string }[]
}

/** Open invoices of a client due on or before a date that have no chargeback proposal yet. */
export function recourseCandidates(ledger: Ledger, clientId: number, dueOnOrBefore: string) {
  return ledger.sqlite
    .prepare(
      `select i.id, i.currency, i.open_amount as open, i.due_date as dueDate from invoice i where i.client_id = ? and i.status in ${OPEN} and i.due_date <= ? and i.open_amount > 0
       and not exists (select 1 from chargeback_proposal p where p.invoice_id = i.id)`
    )
    .all(clientId, dueOnOrBefore) as { id: number; currency: string; open: number; dueDate: string }[]
}

export function insertChargeback(ledger: Ledger, c: { invoiceId: number; clientId: number; currency: string; amount: number; recourseDate: string; at: number }): void {
  ledger.sqlite
    .prepare("insert or ignore into chargeback_proposal (invoice_id, client_id, currency, amount, recourse_date, status, created_at) values (?,?,?,?,?, 'proposed', ?)")
    .run(c.invoiceId, c.clientId, c.currency, c.amount, c.recourseDate, c.at)
}

export function userName(ledger: Ledger, id: number): string | null {
  return (ledger.sqlite.prepare('select name from app_user where id = ?').pluck().get(id) as string | undefined) ?? null
}
