import type { Page } from '../../shared/contract/common'
import type { Availability, CheckCode, FundingFigures, QueueRow, RecheckNote, RequestInvoice } from '../../shared/contract/requests'
import { isLocalDate, type LocalDate } from '../../shared/dates'
import { availabilityOf, computeFunding, fundingEntries } from '../../core/requests/funding'
import { money } from '../../core/requests/checks'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { accountBalance, postEntry } from '../db/repos/journal-repo'
import { getClient } from '../db/repos/parties-repo'
import * as repo from '../db/repos/request-repo'
import { clientFundsPosition, getSettingValue, setSettingValue, storedCheckCodes } from '../db/repos/request-snapshot-repo'
import { writeTx, type ServiceContext } from './context'
import { newSince, recheckStored } from './request-recheck'

export const FOUR_EYES_SETTING = 'requests.fourEyesThreshold'
/** 100,000.00 in minor units: above this approved face, funding needs two different people. */
export const DEFAULT_FOUR_EYES = 10_000_000

export function createRequestApprovalService(ctx: ServiceContext) {
  const { ledger, clock } = ctx
  const threshold = (): number => {
    const v = getSettingValue(ledger, FOUR_EYES_SETTING)
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : DEFAULT_FOUR_EYES
  }
  const head = (id: number) => repo.getRequestHead(ledger, id) ?? (() => { throw notFound('financing request', id) })()
  const clientOf = (id: number) => getClient(ledger, id) ?? (() => { throw notFound('client', id) })()
  const withFourEyes = (r: Omit<QueueRow, 'needsTwoApprovals'>): QueueRow => ({ ...r, needsTwoApprovals: r.approvedAmount > threshold() })
  const queueRow = (id: number): QueueRow => withFourEyes(repo.queueRows(ledger, { ids: [id] })[0])

  function availability(clientId: number, requestId?: number): Availability {
    const client = clientOf(clientId)
    const a = client.agreement
    const pos = clientFundsPosition(ledger, clientId, a.currency)
    let pending = 0
    if (requestId !== undefined) {
      // The request's invoices that could still be funded: eligible and not rejected, not yet funded.
      pending = repo.requestInvoices(ledger, requestId).filter((i) => i.eligible && i.decision !== 'rejected' && i.currency === a.currency && i.status !== 'funded').reduce((s, i) => s + i.face, 0)
    }
    const eligibleReceivables = pos.eligibleOpen + pending
    return { clientId, currency: a.currency, advanceRateBp: a.advanceRateBp, eligibleReceivables, fundsEmployed: pos.fundsEmployed, available: availabilityOf(a, eligibleReceivables, pos.fundsEmployed) }
  }

  function figures(requestId: number): FundingFigures {
    const h = head(requestId)
    const client = clientOf(h.clientId)
    const names = repo.queueRows(ledger, { ids: [requestId] })[0].approvals.map((a) => a.userName)
    const done = repo.getFunding(ledger, requestId)
    if (done) {
      const { requestId: _r, fundedBy: _f, date, ...rest } = done
      return { requestId, status: 'funded', ...rest, availability: availability(h.clientId), approvals: names, fundedDate: date }
    }
    const candidates = repo.requestInvoices(ledger, requestId).filter((i) => i.decision === 'approved' || (i.decision === 'pending' && i.eligible && i.currency === client.agreement.currency))
    const f = computeFunding(client.agreement, candidates.map((i) => ({ invoiceId: i.id, debtorId: i.debtorId, face: i.face })), Math.max(0, accountBalance(ledger, 'clientRecourse', client.agreement.currency, { clientId: h.clientId })))
    const { invoices, ...totals } = f
    return { requestId, status: names.length ? 'awaiting_second_approval' : 'projected', ...totals, invoices: invoices.length, availability: availability(h.clientId, requestId), approvals: names, fundedDate: null }
  }

  /**
   * Inside the funding transaction: the approved invoices' checks run again against the ledger as it is
   * now (other fundings, payments, limits, age on the funding date). A new error rejects the invoice
   * with the reason; a new warning sends it back for a decision with an override. Both are stored as
   * check rows, so the queue shows them like any other flag.
   */
  function recheckApproved(requestId: number, clientId: number, date: string, userId: number, at: number): { notFunded: RecheckNote[]; needsOverride: RecheckNote[] } {
    const client = clientOf(clientId)
    const approved = repo.approvedInvoices(ledger, requestId)
    const fresh = recheckStored(ctx, client, requestId, { invoiceIds: approved.map((i) => i.invoiceId), today: date as LocalDate, mode: 'funding' })
    const added = newSince(fresh, storedCheckCodes(ledger, requestId))
    const notFunded: RecheckNote[] = []
    const needsOverride: RecheckNote[] = []
    if (!added.size) return { notFunded, needsOverride }
    const numbers = new Map(repo.requestInvoices(ledger, requestId, { decision: 'approved' }).map((i) => [i.id, i.number]))
    repo.insertChecks(ledger, [...added].map(([invoiceId, checks]) => ({ requestId, invoiceId, checks })))
    for (const [invoiceId, checks] of added) {
      const errors = checks.filter((c) => c.severity === 'error')
      const note = { invoiceId, number: numbers.get(invoiceId) ?? String(invoiceId), codes: checks.map((c) => c.code), reason: (errors.length ? errors : checks).map((c) => `${c.code}: ${c.message}`).join(' ') }
      if (errors.length) {
        repo.recordDecision(ledger, { invoiceId, requestId, decision: 'rejected', reason: `not eligible at funding: ${note.reason}`.slice(0, 500), userId }, at)
        notFunded.push(note)
      } else {
        repo.withdrawDecision(ledger, invoiceId)
        needsOverride.push(note)
      }
    }
    audit(ledger, at, { userId, action: 'request.recheck', entity: 'financing_request', entityId: requestId, details: { date, notFunded: notFunded.map((n) => [n.number, n.codes]), needsOverride: needsOverride.map((n) => [n.number, n.codes]) } })
    return { notFunded, needsOverride }
  }

  return {
    fourEyesThreshold: threshold,
    setFourEyesThreshold(amount: number, userId: number | null): number {
      writeTx(ctx, () => {
        setSettingValue(ledger, FOUR_EYES_SETTING, amount)
        audit(ledger, clock.now(), { userId, action: 'settings.fourEyesThreshold', entity: 'setting', entityId: FOUR_EYES_SETTING, details: { amount } })
      })
      return threshold()
    },

    queue(f: { status: 'waiting' | 'all'; clientId?: number }) {
      const rows = repo.queueRows(ledger, { waiting: f.status === 'waiting', clientId: f.clientId }).map(withFourEyes)
      const amounts = new Map<string, { currency: string; total: number; eligible: number }>()
      for (const r of rows) {
        const a = amounts.get(r.currency) ?? { currency: r.currency, total: 0, eligible: 0 }
        a.total += r.total
        a.eligible += r.eligibleAmount
        amounts.set(r.currency, a)
      }
      return { rows, totals: { requests: rows.length, invoices: rows.reduce((s, r) => s + r.invoices, 0), amounts: [...amounts.values()] } }
    },

    get(id: number, f: { flag?: CheckCode; decision?: 'pending' | 'approved' | 'rejected'; withInvoices?: boolean } = {}) {
      head(id)
      return { request: queueRow(id), invoices: f.withInvoices === false ? [] : repo.requestInvoices(ledger, id, f), flags: repo.flagCounts(ledger, id), figures: figures(id), fourEyesThreshold: threshold() }
    },

    availability,
    figures,

    invoicePage(id: number, f: { flag?: CheckCode; decision?: 'pending' | 'approved' | 'rejected' }, offset: number, limit: number): Page<RequestInvoice> {
      head(id)
      return { ...repo.requestInvoicePage(ledger, id, f, { offset, limit }), offset }
    },

    /**
     * Approves or rejects invoices. Errors cannot be approved; warnings only with an override naming a
     * reason. Naming invoices explicitly is all-or-nothing; a bulk decision (no ids) approves what it
     * may and reports the rest. Changing decisions withdraws earlier funding sign-offs.
     */
    decide(input: { requestId: number; invoiceIds?: number[]; decision: 'approve' | 'reject'; reason: string; overrides: { code: CheckCode; reason: string }[] }, userId: number | null) {
      const h = head(input.requestId)
      if (!['open', 'approved'].includes(h.status)) throw new AppError('REQUEST_CLOSED', `request ${h.id} is ${h.status}; decisions can no longer change`)
      if (input.decision === 'reject' && input.reason.length < 3) throw new AppError('INVALID_INPUT', 'reason: rejecting needs a reason of at least 3 characters', [{ path: 'reason', message: 'required when rejecting' }])
      const result = writeTx(ctx, () => {
        const all = repo.requestInvoices(ledger, h.id)
        const byId = new Map(all.map((i) => [i.id, i]))
        const missing = (input.invoiceIds ?? []).filter((id) => !byId.has(id))
        if (missing.length) throw new AppError('NOT_FOUND', `invoice${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not part of request ${h.id}`)
        const targets = input.invoiceIds ? input.invoiceIds.map((id) => byId.get(id)!) : all.filter((i) => i.decision === 'pending')
        const at = clock.now()
        const refused: { invoiceId: number; number: string; reason: string }[] = []
        let approved = 0
        let rejected = 0
        for (const inv of targets) {
          if (input.decision === 'reject') {
            repo.recordDecision(ledger, { invoiceId: inv.id, requestId: h.id, decision: 'rejected', reason: input.reason, userId }, at)
            rejected++
            continue
          }
          const errors = inv.checks.filter((c) => c.severity === 'error')
          if (errors.length) {
            refused.push({ invoiceId: inv.id, number: inv.number, reason: `ineligible: ${errors.map((c) => c.message).join(' ')}` })
            continue
          }
          for (const o of input.overrides) if (inv.checks.some((c) => c.code === o.code && !c.override)) repo.overrideCheck(ledger, inv.id, o.code, userId, o.reason, at)
          const open = inv.checks.filter((c) => !c.override && !input.overrides.some((o) => o.code === c.code))
          if (open.length) {
            refused.push({ invoiceId: inv.id, number: inv.number, reason: `needs an override with a reason for ${open.map((c) => c.code).join(', ')}` })
            continue
          }
          repo.recordDecision(ledger, { invoiceId: inv.id, requestId: h.id, decision: 'approved', reason: input.reason, userId }, at)
          approved++
        }
        if (input.invoiceIds && refused.length) {
          throw new AppError('NOT_ELIGIBLE', `invoice ${refused[0].number} cannot be approved: ${refused[0].reason}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}`, refused.map((r) => ({ path: r.number, message: r.reason })))
        }
        const summary = repo.queueRows(ledger, { ids: [h.id] })[0]
        if (approved + rejected > 0 && summary.approvals.length) repo.clearApprovals(ledger, h.id)
        repo.setRequestStatus(ledger, h.id, summary.pending > 0 ? 'open' : summary.approved > 0 ? 'approved' : 'rejected')
        audit(ledger, at, { userId, action: `request.${input.decision}`, entity: 'financing_request', entityId: h.id, details: { invoices: targets.map((t) => t.number).slice(0, 1000), approved, rejected, refused: refused.length, reason: input.reason, overrides: input.overrides } })
        return { approved, rejected, refused }
      })
      ctx.emit('ledger.changed', { scope: ['requests', 'invoices'] })
      return { ...result, request: queueRow(h.id) }
    },

    /**
     * Signs off and, once enough people have, funds the approved invoices: journal, invoice status and
     * the stored figures in one transaction. Above the four-eyes threshold the second sign-off must
     * come from someone who neither prepared the request nor gave the first sign-off.
     */
    fund(requestId: number, userId: number | null, date?: string): FundingFigures {
      if (userId === null) throw new AppError('USER_REQUIRED', 'funding needs the approving user (who signs off)')
      const h = head(requestId)
      if (h.status === 'funded' || h.status === 'partly_funded') throw new AppError('ALREADY_FUNDED', `request ${h.id} is already funded`)
      const summary = repo.queueRows(ledger, { ids: [h.id] })[0]
      if (summary.pending > 0) throw new AppError('UNDECIDED', `request ${h.id} still has ${summary.pending} undecided invoice${summary.pending > 1 ? 's' : ''}; approve or reject them first`)
      if (summary.approved === 0) throw new AppError('NOTHING_APPROVED', `request ${h.id} has no approved invoices to fund`)
      const client = clientOf(h.clientId)
      const fundedDate = date ?? clock.today()
      if (!isLocalDate(fundedDate)) throw new AppError('INVALID_INPUT', `date: ${fundedDate} is not a date`)
      const out = writeTx(ctx, () => {
        const signed = repo.approvals(ledger, h.id)
        const needsTwo = summary.approvedAmount > threshold()
        const at = clock.now()
        if (signed.some((s) => s.userId === userId)) throw new AppError('FOUR_EYES', `${repo.userName(ledger, userId)} has already signed off request ${h.id}; a different approver must give the second sign-off`)
        if (needsTwo && signed.length === 1 && userId === h.preparedBy) throw new AppError('FOUR_EYES', `${repo.userName(ledger, userId)} prepared request ${h.id}; the second sign-off above ${money(threshold(), client.agreement.currency)} must come from someone else`)
        repo.addApproval(ledger, h.id, signed.length + 1, userId, at)
        if (needsTwo && signed.length === 0) {
          audit(ledger, at, { userId, action: 'request.signoff', entity: 'financing_request', entityId: h.id, details: { step: 1, approvedAmount: summary.approvedAmount, threshold: threshold() } })
          return null
        }
        const recheck = recheckApproved(h.id, h.clientId, fundedDate, userId, at)
        const invoices = repo.approvedInvoices(ledger, h.id)
        if (recheck.needsOverride.length || !invoices.length) {
          // Decisions changed, so the sign-offs given for the old set no longer hold.
          repo.clearApprovals(ledger, h.id)
          repo.setRequestStatus(ledger, h.id, invoices.length || recheck.needsOverride.length ? 'open' : 'rejected')
          return { f: null, recheck }
        }
        const f = computeFunding(client.agreement, invoices, Math.max(0, accountBalance(ledger, 'clientRecourse', client.agreement.currency, { clientId: h.clientId })))
        for (const e of fundingEntries(f, { clientId: h.clientId, requestId: h.id, date: fundedDate })) postEntry(ledger, e, userId, at)
        repo.markFunded(ledger, f.invoices, fundedDate)
        repo.insertFunding(ledger, { requestId: h.id, date: fundedDate, currency: f.currency, invoices: f.invoices.length, face: f.face, advance: f.advance, reserve: f.reserve, fees: f.fees, chargebacksNetted: f.chargebacksNetted, netPayout: f.netPayout, fundedBy: userId }, at)
        repo.setRequestStatus(ledger, h.id, summary.rejected > 0 || recheck.notFunded.length > 0 ? 'partly_funded' : 'funded', { approvedBy: userId, fundedDate })
        audit(ledger, at, { userId, action: 'request.fund', entity: 'financing_request', entityId: h.id, details: { step: signed.length + 1, invoices: f.invoices.length, face: f.face, advance: f.advance, fees: f.fees, chargebacksNetted: f.chargebacksNetted, netPayout: f.netPayout, date: fundedDate, notFunded: recheck.notFunded.map((n) => n.number) } })
        return { f, recheck }
      })
      ctx.emit('ledger.changed', { scope: ['requests', 'invoices', 'journal'] })
      const rc = out?.recheck
      return rc && (rc.notFunded.length || rc.needsOverride.length) ? { ...figures(h.id), recheck: rc } : figures(h.id)
    },

    invoicesOf: (requestId: number): RequestInvoice[] => repo.requestInvoices(ledger, requestId),
    /** A user by id or exact name, as the CLI's --by takes it. */
    resolveUser(ref: string): { id: number; name: string } {
      return repo.findUser(ledger, ref) ?? (() => { throw new AppError('NOT_FOUND', `no active user with id or name "${ref}"`) })()
    }
  }
}
export type RequestApprovalService = ReturnType<typeof createRequestApprovalService>
