import { buildEntry, cr, dr, reverseEntry } from '../../core/journal'
import { toMajorString } from '../../shared/money'
import type { ChargebackRow } from '../../shared/contract/collections'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as cb from '../db/repos/collections-chargeback-repo'
import { userRole } from '../db/repos/collections-config-repo'
import { enqueue } from '../db/repos/collections-outbox-repo'
import { accountBalance, loadEntry, postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'
import { writeTx, type ServiceContext } from './context'
import { refreshSummaries } from './collection-summary'

const money = (a: number, c: string) => `${toMajorString(a, c)} ${c}`

export function toChargebackRow(r: cb.ChargebackRecord): ChargebackRow {
  return { ...r }
}

/** The client hears of a booked or undone chargeback by e-mail, or by letter when we have no address for it. */
function notifyClient(ledger: Ledger, at: number, r: cb.ChargebackRecord, subject: string, body: string): number {
  const c = cb.clientContact(ledger, r.clientId)!
  const letter = [c.name, c.address, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join('\n')
  return enqueue(ledger, { reminderId: null, channel: c.email ? 'email' : 'letter', recipient: c.email ?? letter, subject, body, at })
}

/**
 * Deciding chargeback proposals. Accepting books the invoice's open amount from purchased receivables to
 * what the client owes back (clientRecourse, netted from its next funding), closes the invoice as
 * recoursed and tells the client; undoing posts the reversal and reopens the invoice.
 */
export function createCollectionChargebacks(ctx: ServiceContext, factor: () => { name: string; iban: string }) {
  const { ledger, clock } = ctx

  function approver(userId: number | null, what: string): number {
    const role = userId === null ? null : userRole(ledger, userId)
    if (userId === null || (role !== 'approver' && role !== 'admin')) throw new AppError('FORBIDDEN', `${what} needs a signed-in approver or admin${role ? ` (this user is a ${role})` : ''}`)
    return userId
  }

  function proposal(id: number, status: cb.ChargebackRecord['status']): cb.ChargebackRecord {
    const r = cb.getChargeback(ledger, id)
    if (!r) throw notFound('chargeback proposal', id)
    if (r.status !== status) throw new AppError('CONFLICT', `chargeback ${id} is ${r.status}, not ${status}`)
    return r
  }

  const svc = {
    list: (q: { status?: string; clientId?: number } = {}) => cb.listChargebacks(ledger, q).map(toChargebackRow),
    get(id: number): ChargebackRow {
      const r = cb.getChargeback(ledger, id)
      if (!r) throw notFound('chargeback proposal', id)
      return toChargebackRow(r)
    },
    accept(id: number, userId: number | null): ChargebackRow {
      const by = approver(userId, 'accepting a chargeback')
      const day = clock.today()
      writeTx(ctx, () => {
        const r = proposal(id, 'proposed')
        if (!['funded', 'partly_paid', 'disputed'].includes(r.invoiceStatus) || r.openNow <= 0) {
          throw new AppError('CONFLICT', `invoice ${r.invoiceNumber} is ${r.invoiceStatus} with ${money(r.openNow, r.currency)} open: nothing to charge back; reject the proposal`)
        }
        const amount = r.openNow
        const at = clock.now()
        const dims = { clientId: r.clientId, invoiceId: r.invoiceId }
        const entryId = postEntry(
          ledger,
          buildEntry(
            { date: day, kind: 'chargeback', memo: `Recourse: invoice ${r.invoiceNumber} (${r.debtorName}) unpaid at ${r.recourseDate}, charged back to ${r.clientName}`, clientId: r.clientId, invoiceId: r.invoiceId },
            dr('clientRecourse', r.currency, amount, dims),
            cr('receivables', r.currency, amount, { ...dims, debtorId: r.debtorId })
          ),
          by,
          at
        )
        cb.closeAsRecoursed(ledger, r.invoiceId, day)
        const f = factor()
        const noticeId = notifyClient(
          ledger,
          at,
          r,
          `Recourse: invoice ${r.invoiceNumber} charged back`,
          `Dear ${r.clientName},\n\nyour customer ${r.debtorName} has not paid invoice ${r.invoiceNumber} (due ${r.dueDate}) by the recourse date ${r.recourseDate} of our factoring agreement.\n` +
            `We have therefore charged the open amount of ${money(amount, r.currency)} back to you. It will be deducted from your next funding unless you pay it before.\n\n${f.name}`
        )
        cb.markAccepted(ledger, id, { amount, previousStatus: r.invoiceStatus, entryId, userId: by, date: day, noticeId })
        audit(ledger, at, { userId: by, action: 'chargeback.accept', entity: 'chargeback_proposal', entityId: id, details: { invoiceId: r.invoiceId, clientId: r.clientId, amount, currency: r.currency, entryId, noticeId } })
        refreshSummaries(ledger, day, [r.debtorId])
      })
      ctx.emit('ledger.changed', { scope: ['collections', 'invoices', 'journal'] })
      return svc.get(id)
    },
    reject(id: number, reason: string, userId: number | null): ChargebackRow {
      const by = approver(userId, 'rejecting a chargeback')
      writeTx(ctx, () => {
        proposal(id, 'proposed')
        cb.markRejected(ledger, id, by, clock.today(), reason)
        audit(ledger, clock.now(), { userId: by, action: 'chargeback.reject', entity: 'chargeback_proposal', entityId: id, details: { reason } })
      })
      ctx.emit('ledger.changed', { scope: ['collections'] })
      return svc.get(id)
    },
    /** Undo an accepted chargeback: the reversal entry puts the receivable back and the invoice is followed again. */
    reverse(id: number, reason: string, userId: number | null): ChargebackRow {
      const by = approver(userId, 'undoing a chargeback')
      const day = clock.today()
      writeTx(ctx, () => {
        const r = proposal(id, 'accepted')
        const owed = accountBalance(ledger, 'clientRecourse', r.currency, { clientId: r.clientId })
        if (owed < r.bookedAmount!) {
          throw new AppError('CONFLICT', `${r.clientName} owes only ${money(owed, r.currency)} in recourse now: the chargeback was already netted or paid, so it cannot be undone here; book a credit to the client instead`)
        }
        const original = loadEntry(ledger, r.entryId!)!
        const at = clock.now()
        const reversalEntryId = postEntry(ledger, reverseEntry(original, day, reason), by, at)
        cb.reopenInvoice(ledger, r.invoiceId, r.previousStatus ?? 'funded', r.bookedAmount!)
        const noticeId = notifyClient(
          ledger,
          at,
          r,
          `Correction: chargeback of invoice ${r.invoiceNumber} withdrawn`,
          `Dear ${r.clientName},\n\nthe chargeback of ${money(r.bookedAmount!, r.currency)} for invoice ${r.invoiceNumber} (${r.debtorName}) has been withdrawn: ${reason}.\nThe amount will not be deducted from your next funding.\n\n${factor().name}`
        )
        cb.markReversed(ledger, id, reversalEntryId, by, day, reason, noticeId)
        audit(ledger, at, { userId: by, action: 'chargeback.reverse', entity: 'chargeback_proposal', entityId: id, details: { reason, reversalEntryId, noticeId } })
        refreshSummaries(ledger, day, [r.debtorId])
      })
      ctx.emit('ledger.changed', { scope: ['collections', 'invoices', 'journal'] })
      return svc.get(id)
    }
  }
  return svc
}
export type CollectionChargebacks = ReturnType<typeof createCollectionChargebacks>
