import { statutoryInterest } from '../../core/collections/interest'
import { diffDays, type LocalDate } from '../../shared/dates'
import type { DebtorCollection, TodayView, WorklistRow } from '../../shared/contract/collections'
import type { Page } from '../../shared/contract/common'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as cfgRepo from '../db/repos/collections-config-repo'
import * as cases from '../db/repos/collections-cases-repo'
import { listReminders, openDisputeAmounts, activeBlocks } from '../db/repos/collections-run-repo'
import * as wl from '../db/repos/collections-worklist-repo'
import { writeTx, type ServiceContext } from './context'
import { rankingRates, refreshAll, refreshChanged, refreshSummaries, toWorklistRow } from './collection-summary'
import type { DunningService } from './dunning-service'
import { evaluateInstalments } from '../../core/collections/state'

export function createCollectionService(ctx: ServiceContext, dunning: DunningService) {
  const { ledger, clock } = ctx
  const svc = {
    worklist(q: Omit<wl.WorklistQuery, 'asOf'> & { asOf?: LocalDate }): Page<WorklistRow> {
      const asOf = q.asOf ?? clock.today()
      const r = wl.worklistPage(ledger, { ...q, asOf })
      const fx = rankingRates(ledger)
      return { rows: r.rows.map((x) => toWorklistRow(x, asOf, fx)), total: r.total, offset: q.offset }
    },
    refresh(asOf?: LocalDate, debtorIds?: number[]): { debtors: number; ms: number } {
      const t0 = performance.now()
      const day = asOf ?? clock.today()
      const n = writeTx(ctx, () => (debtorIds ? refreshSummaries(ledger, day, debtorIds) : refreshAll(ledger, day)))
      return { debtors: n, ms: Math.round(performance.now() - t0) }
    },
    /** The summaries of debtors whose invoices were posted to since the last refresh, brought up to date now. */
    refreshChanged(asOf?: LocalDate): { debtorIds: number[]; ms: number } {
      const t0 = performance.now()
      const debtorIds = writeTx(ctx, () => refreshChanged(ledger, asOf ?? clock.today()))
      return { debtorIds, ms: Math.round(performance.now() - t0) }
    },
    /**
     * Wired to 'ledger.changed' by the composition root: whatever service committed a payment, allocation,
     * funding or chargeback, the worklist is current the moment it returns instead of at the next tick.
     * A failure here must not fail the caller's committed change: it is logged and the tick catches up.
     */
    onLedgerChanged(log: (msg: string, e: unknown) => void = () => {}): void {
      try {
        const r = svc.refreshChanged()
        if (r.debtorIds.length) ctx.emit('ledger.changed', { scope: ['collections'] })
      } catch (e) {
        log('collections: refreshing the worklist after a ledger change failed', e)
      }
    },
    debtor(debtorId: number, asOf?: LocalDate): DebtorCollection {
      const day = asOf ?? clock.today()
      const d = cases.debtorCollectionRow(ledger, debtorId)
      if (!d) throw notFound('debtor', debtorId)
      const plans = dunning.plans()
      const plan = plans.find((p) => p.id === d.planId) ?? plans.find((p) => p.segment === d.riskClass) ?? plans[0]
      const blocks = cases.blocksOf(ledger, debtorId, day)
      const disputed = openDisputeAmounts(ledger)
      const s = dunning.settings()
      const rule = s.countryRules[d.country] ?? s.defaultRule
      const rates = cfgRepo.listRates(ledger)
      const summary = wl.summaryFor(ledger, debtorId)
      const items = cases.openItemsOf(ledger, debtorId).map((i) => ({
        invoiceId: i.invoiceId,
        number: i.number,
        clientName: i.clientName,
        currency: i.currency,
        open: i.open,
        disputed: disputed.get(i.invoiceId) ?? (i.status === 'disputed' ? i.open : 0),
        dueDate: i.dueDate,
        daysOverdue: Math.max(0, diffDays(i.dueDate, day)),
        level: i.level,
        planName: (plans.find((p) => p.id === i.planId) ?? plan).name,
        blocked: blocks.some((b) => b.invoiceId === i.invoiceId || b.invoiceId === null),
        interest: i.dueDate < day ? statutoryInterest({ principal: i.open, dueDate: i.dueDate, asOf: day, rates, rule }).interest : 0
      }))
      const plansOf = cases.instalmentPlans(ledger, { debtorId }).map((p) => {
        const ev = evaluateInstalments(p.instalments, p.baselineOpen, cases.invoicesOpen(ledger, p.invoiceIds), day, s.instalmentGraceDays)
        return { id: p.id, status: p.status, currency: p.currency, instalments: ev.instalments.map((i) => ({ dueDate: i.dueDate, amount: i.amount, state: i.state })) }
      })
      return {
        debtorId,
        debtorName: d.name,
        language: d.language,
        email: d.email,
        phone: d.phone,
        riskClass: d.riskClass,
        planId: d.planId,
        planName: plan.name,
        controllerId: d.controllerId,
        handedOver: d.handedOver === 1,
        summary: summary ? toWorklistRow(summary, day, rankingRates(ledger)) : null,
        items,
        blocks,
        disputes: cases.disputesOf(ledger, debtorId),
        promises: cases.promisesOf(ledger, debtorId),
        instalmentPlans: plansOf,
        contacts: cases.contactsOf(ledger, debtorId),
        reminders: cases.remindersOf(ledger, debtorId),
        claims: cases.claimsOf(ledger, debtorId)
      }
    },
    today(asOf?: LocalDate, controllerId?: number): TodayView {
      const day = asOf ?? clock.today()
      const s = dunning.settings()
      const approvals = listReminders(ledger, { status: 'pending_approval', limit: 500 }).map((r) => {
        const lines = JSON.parse(r.lines) as { currency: string; chased: number }[]
        return { id: r.id, debtorId: r.debtorId, debtorName: r.debtorName, level: r.level, channel: r.channel, currency: r.currency, fee: r.fee, total: lines.filter((l) => l.currency === r.currency).reduce((t, l) => t + l.chased, 0) }
      })
      const instalmentsDue = cases.instalmentPlans(ledger, { status: 'active' }).flatMap((p) => {
        const ev = evaluateInstalments(p.instalments, p.baselineOpen, cases.invoicesOpen(ledger, p.invoiceIds), day, s.instalmentGraceDays)
        return ev.instalments.filter((i) => i.state !== 'paid' && i.dueDate <= day).map((i) => ({ planId: p.id, debtorId: p.debtorId, debtorName: p.debtorName, dueDate: i.dueDate, amount: i.amount, currency: p.currency }))
      })
      return { asOf: day, followUps: wl.followUps(ledger, day, controllerId), promisesDue: wl.promisesDue(ledger, day, controllerId), approvals, instalmentsDue }
    },
    logCall(
      input: { debtorId: number; outcome: string; note?: string; promise?: { date: string; amount: number; currency: string }; nextActionDate?: string },
      userId: number | null
    ): DebtorCollection {
      const day = clock.today()
      if (!cases.debtorCollectionRow(ledger, input.debtorId)) throw notFound('debtor', input.debtorId)
      if (input.promise && input.promise.date < day) throw new AppError('INVALID_INPUT', `promise.date: ${input.promise.date} is in the past`, [{ path: 'promise.date', message: 'must be today or later' }])
      if (input.nextActionDate && input.nextActionDate < day) throw new AppError('INVALID_INPUT', `nextActionDate: ${input.nextActionDate} is in the past`, [{ path: 'nextActionDate', message: 'must be today or later' }])
      writeTx(ctx, () => {
        let promiseId: number | null = null
        if (input.promise) {
          const baselineOpen = cases.debtorOpen(ledger, input.debtorId, input.promise.currency)
          if (baselineOpen <= 0) throw new AppError('INVALID_INPUT', `promise.currency: the debtor owes nothing in ${input.promise.currency}`)
          promiseId = cases.insertPromise(ledger, { debtorId: input.debtorId, ...input.promise, baselineOpen, createdDate: day })
        }
        // A promise without an explicit next action is followed up on its date.
        const next = input.nextActionDate ?? input.promise?.date ?? null
        const id = cases.insertContact(ledger, { debtorId: input.debtorId, userId, date: day, channel: 'phone', outcome: input.outcome, note: input.note ?? null, nextActionDate: next, promiseId, at: clock.now() })
        audit(ledger, clock.now(), { userId, action: 'collections.logCall', entity: 'debtor', entityId: input.debtorId, details: { contactId: id, outcome: input.outcome, promise: input.promise ?? null, nextActionDate: next } })
        refreshSummaries(ledger, day, [input.debtorId])
      })
      ctx.emit('ledger.changed', { scope: ['collections'] })
      return svc.debtor(input.debtorId)
    },
    assign(debtorIds: number[], controllerId: number | null, userId: number | null): { updated: number } {
      if (controllerId !== null && cfgRepo.userRole(ledger, controllerId) === null) throw new AppError('INVALID_INPUT', `controllerId: user ${controllerId} does not exist or is inactive`)
      const known = cfgRepo.existingDebtorIds(ledger, debtorIds)
      const missing = debtorIds.filter((d) => !known.includes(d))
      if (missing.length) throw new AppError('NOT_FOUND', `debtorIds: no debtor ${missing.slice(0, 5).join(', ')}`)
      const updated = writeTx(ctx, () => {
        const n = cfgRepo.assignController(ledger, debtorIds, controllerId)
        audit(ledger, clock.now(), { userId, action: 'collections.assign', entity: 'debtor', entityId: null, details: { debtorIds, controllerId } })
        return n
      })
      return { updated }
    },
    setPlan(debtorId: number, planId: number | null, userId: number | null): DebtorCollection {
      if (planId !== null && !dunning.plans().some((p) => p.id === planId)) throw notFound('dunning plan', planId)
      if (!cases.debtorCollectionRow(ledger, debtorId)) throw notFound('debtor', debtorId)
      writeTx(ctx, () => {
        cfgRepo.setDebtorPlan(ledger, debtorId, planId)
        audit(ledger, clock.now(), { userId, action: 'collections.setPlan', entity: 'debtor', entityId: debtorId, details: { planId } })
      })
      return svc.debtor(debtorId)
    },
    setInvoicePlan(invoiceId: number, planId: number | null, userId: number | null) {
      if (planId !== null && !dunning.plans().some((p) => p.id === planId)) throw notFound('dunning plan', planId)
      if (!cfgRepo.invoiceExists(ledger, invoiceId)) throw notFound('invoice', invoiceId)
      writeTx(ctx, () => {
        cfgRepo.setInvoicePlan(ledger, invoiceId, planId)
        audit(ledger, clock.now(), { userId, action: 'collections.setInvoicePlan', entity: 'invoice', entityId: invoiceId, details: { planId } })
      })
      return { invoiceId, planId }
    },
    activeBlocks: (asOf?: LocalDate) => activeBlocks(ledger, asOf ?? clock.today())
  }
  return svc
}
export type CollectionService = ReturnType<typeof createCollectionService>
