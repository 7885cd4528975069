import type { ChargebackRow } from '../../../shared/contract/collections'
import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"

/** The contract's row plus what only the service needs (who decided, and the invoice status to restore on reversal). */
export interface ChargebackRecord extends ChargebackRow {
  previousStatus: string | null
  decidedBy: number | null
}

const ROW = `select p.id, p.invoice_id as invoiceId, i.number as invoiceNumber, i.debtor_id as debtorId, d.name as debtorName, p.client_id as clientId, c.name as clientName,
  p.currency, p.amount, i.open_amount as openNow, i.status as invoiceStatus, i.due_date as dueDate, p.recourse_date as recourseDate, p.status, p.booked_amount as bookedAmount,
  p.previous_status as previousStatus, p.entry_id as entryId, p.reversal_entry_id as reversalEntryId, p.decided_by as decidedBy, u.name as decidedByName,
  p.decided_date as decidedDate, p.note, p.notice_id as noticeId, o.status as noticeStatus
  from chargeback_proposal p join invoice i on i.id = p.invoice_id join client c on c.id = p.client_id join debtor d on d.id = i.debtor_id
  left join app_user u on u.id = p.decided_by left join outbox_message o on o.id = p.notice_id`

export function listChargebacks(ledger: Ledger, q: { status?: string; clientId?: number; limit?: number } = {}): ChargebackRecord[] {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.status) conds.push('p.status = ?'), args.push(q.status)
  if (q.clientId) conds.push('p.client_id = ?'), args.push(q.clientId)
  return ledger.sqlite.prepare(`${ROW} ${conds.length ? 'where ' + conds.join(' and ') : ''} order by p.id desc limit ?`).all(...args, q.limit ?? 1000) as ChargebackRecord[]
}

export function getChargeback(ledger: Ledger, id: number): ChargebackRecord | null {
  return (ledger.sqlite.prepare(`${ROW} where p.id = ?`).get(id) as ChargebackRecord | undefined) ?? null
}

export function clientContact(ledger: Ledger, clientId: number) {
  return ledger.sqlite.prepare('select id, name, email, address, postal_code as postalCode, city, country from client where id = ?').get(clientId) as
    | { id: number; name: string; email: string | null; address: string | null; postalCode: string | null; city: string | null; country: string }
    | undefined
}

/** The invoice leaves the debtor's open items: what is left of it is now the client's to pay back. */
export function closeAsRecoursed(ledger: Ledger, invoiceId: number, date: string): void {
  ledger.sqlite.prepare(`update invoice set status = 'recoursed', open_amount = 0, closed_date = ? where id = ? and status in ${OPEN}`).run(date, invoiceId)
}

export function reopenInvoice(ledger: Ledger, invoiceId: number, status: string, open: number): void {
  ledger.sqlite.prepare("update invoice set status = ?, open_amount = ?, closed_date = null where id = ? and status = 'recoursed'").run(status, open, invoiceId)
}

export function markAccepted(ledger: Ledger, id: number, a: { amount: number; previousStatus: string; entryId: number; userId: number; date: string; noticeId: number | null }): void {
  ledger.sqlite
    .prepare("update chargeback_proposal set status = 'accepted', booked_amount = ?, previous_status = ?, entry_id = ?, decided_by = ?, decided_date = ?, notice_id = ? where id = ? and status = 'proposed'")
    .run(a.amount, a.previousStatus, a.entryId, a.userId, a.date, a.noticeId, id)
}

export function markRejected(ledger: Ledger, id: number, userId: number, date: string, reason: string): void {
  ledger.sqlite.prepare("update chargeback_proposal set status = 'rejected', decided_by = ?, decided_date = ?, note = ? where id = ? and status = 'proposed'").run(userId, date, reason, id)
}

export function markReversed(ledger: Ledger, id: number, reversalEntryId: number, userId: number, date: string, reason: string, noticeId: number | null): void {
  ledger.sqlite
    .prepare("update chargeback_proposal set status = 'reversed', reversal_entry_id = ?, decided_by = ?, decided_date = ?, note = ?, notice_id = coalesce(?, notice_id) where id = ? and status = 'accepted'")
    .run(reversalEntryId, userId, date, reason, noticeId, id)
}
