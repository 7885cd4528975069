import { evaluateInstalments, evaluatePromise } from '../../core/collections/state'
import type { LocalDate } from '../../shared/dates'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as cases from '../db/repos/collections-cases-repo'
import { writeTx, type ServiceContext } from './context'
import { refreshSummaries } from './collection-summary'
import type { DunningService } from './dunning-service'

/** Blocks, disputes, promises and instalment plans: the states that hold or resume dunning. */
export function createCollectionCases(ctx: ServiceContext, dunning: DunningService) {
  const { ledger, clock } = ctx
  const svc = {
    block(i: { debtorId: number; invoiceId?: number; reason: string; untilDate?: string }, userId: number | null): { id: number } {
      if (!cases.debtorCollectionRow(ledger, i.debtorId)) throw notFound('debtor', i.debtorId)
      if (i.invoiceId !== undefined && cases.invoiceBrief(ledger, i.invoiceId)?.debtorId !== i.debtorId) throw new AppError('INVALID_INPUT', `invoiceId: invoice ${i.invoiceId} is not owed by debtor ${i.debtorId}`)
      if (i.untilDate && i.untilDate < clock.today()) throw new AppError('INVALID_INPUT', `untilDate: ${i.untilDate} is in the past`)
      return writeTx(ctx, () => {
        const id = cases.insertBlock(ledger, { debtorId: i.debtorId, invoiceId: i.invoiceId ?? null, reason: i.reason, untilDate: i.untilDate ?? null, userId, at: clock.now() })
        audit(ledger, clock.now(), { userId, action: 'collections.block', entity: 'debtor', entityId: i.debtorId, details: { blockId: id, ...i } })
        return { id }
      })
    },
    unblock(id: number, userId: number | null): { id: number } {
      writeTx(ctx, () => {
        if (!cases.endBlock(ledger, id, clock.today())) throw notFound('active dunning block', id)
        audit(ledger, clock.now(), { userId, action: 'collections.unblock', entity: 'dunning_block', entityId: id })
      })
      return { id }
    },
    dispute(i: { invoiceId: number; reason: string; amount: number; ownerId?: number }, userId: number | null): { id: number } {
      const inv = cases.invoiceBrief(ledger, i.invoiceId)
      if (!inv) throw notFound('invoice', i.invoiceId)
      const already = cases.openDisputedOn(ledger, i.invoiceId)
      if (already + i.amount > inv.open) throw new AppError('INVALID_INPUT', `amount: ${i.amount} plus ${already} already disputed exceeds the open ${inv.open} of invoice ${inv.number}`, [{ path: 'amount', message: 'more than the open amount' }])
      return writeTx(ctx, () => {
        const id = cases.insertDispute(ledger, { debtorId: inv.debtorId, invoiceId: i.invoiceId, reason: i.reason, amount: i.amount, ownerId: i.ownerId ?? userId, date: clock.today() })
        audit(ledger, clock.now(), { userId, action: 'collections.dispute', entity: 'invoice', entityId: i.invoiceId, details: { disputeId: id, reason: i.reason, amount: i.amount } })
        refreshSummaries(ledger, clock.today(), [inv.debtorId])
        return { id }
      })
    },
    closeDispute(id: number, status: 'resolved' | 'rejected', resolution: string, userId: number | null): { id: number } {
      writeTx(ctx, () => {
        const r = cases.closeDispute(ledger, id, status, resolution, clock.today())
        if (!r) throw notFound('open dispute', id)
        audit(ledger, clock.now(), { userId, action: 'collections.closeDispute', entity: 'dispute', entityId: id, details: { status, resolution } })
        refreshSummaries(ledger, clock.today(), [r.debtorId])
      })
      return { id }
    },
    promise(i: { debtorId: number; date: string; amount: number; currency: string }, userId: number | null): { id: number } {
      if (i.date < clock.today()) throw new AppError('INVALID_INPUT', `date: ${i.date} is in the past`)
      return writeTx(ctx, () => {
        const baselineOpen = cases.debtorOpen(ledger, i.debtorId, i.currency)
        if (baselineOpen <= 0) throw new AppError('INVALID_INPUT', `currency: debtor ${i.debtorId} owes nothing in ${i.currency}`)
        const id = cases.insertPromise(ledger, { ...i, baselineOpen, createdDate: clock.today() })
        audit(ledger, clock.now(), { userId, action: 'collections.promise', entity: 'debtor', entityId: i.debtorId, details: { promiseId: id, ...i } })
        refreshSummaries(ledger, clock.today(), [i.debtorId])
        return { id }
      })
    },
    instalments(i: { debtorId: number; invoiceIds: number[]; instalments: { dueDate: string; amount: number }[] }, userId: number | null): { id: number } {
      const inv = cases.invoicesOfDebtor(ledger, i.debtorId, i.invoiceIds)
      const missing = i.invoiceIds.filter((id) => !inv.some((x) => x.id === id))
      if (missing.length) throw new AppError('INVALID_INPUT', `invoiceIds: ${missing.join(', ')} are not invoices of debtor ${i.debtorId}`)
      const currencies = new Set(inv.map((x) => x.currency))
      if (currencies.size > 1) throw new AppError('INVALID_INPUT', 'invoiceIds: an instalment plan covers invoices in one currency only')
      const open = inv.reduce((s, x) => s + x.open, 0)
      const planned = i.instalments.reduce((s, x) => s + x.amount, 0)
      if (planned !== open) throw new AppError('INVALID_INPUT', `instalments: they add up to ${planned} but the invoices have ${open} open`, [{ path: 'instalments', message: 'must add up to the open amount' }])
      return writeTx(ctx, () => {
        const id = cases.insertInstalmentPlan(ledger, { debtorId: i.debtorId, currency: [...currencies][0], invoiceIds: i.invoiceIds, baselineOpen: open, instalments: i.instalments, date: clock.today() })
        audit(ledger, clock.now(), { userId, action: 'collections.instalments', entity: 'debtor', entityId: i.debtorId, details: { planId: id, ...i } })
        return { id }
      })
    },
    /**
     * Daily: promises are kept or broken, instalment plans complete or break. Breaking escalates: the
     * debtor gets a follow-up today, a broken-promise count (which raises its score) and its next
     * reminder level without waiting for the plan's spacing.
     */
    evaluate(asOf?: LocalDate): { kept: number; broken: number; plansBroken: number; plansCompleted: number } {
      const day = asOf ?? clock.today()
      const s = dunning.settings()
      const out = { kept: 0, broken: 0, plansBroken: 0, plansCompleted: 0 }
      writeTx(ctx, () => {
        const touched = new Set<number>()
        for (const p of cases.activePromises(ledger)) {
          const status = evaluatePromise(p, cases.debtorOpen(ledger, p.debtorId, p.currency), day, s.promiseGraceDays)
          if (status === 'active') continue
          cases.closePromise(ledger, p.id, status, day)
          touched.add(p.debtorId)
          if (status === 'kept') out.kept++
          else {
            out.broken++
            cases.countBrokenPromise(ledger, p.debtorId, day)
            cases.dropSpacing(ledger, p.debtorId)
          }
          audit(ledger, clock.now(), { userId: null, action: `collections.promise.${status}`, entity: 'payment_promise', entityId: p.id, details: { debtorId: p.debtorId } })
        }
        for (const p of cases.instalmentPlans(ledger, { status: 'active' })) {
          const ev = evaluateInstalments(p.instalments, p.baselineOpen, cases.invoicesOpen(ledger, p.invoiceIds), day, s.instalmentGraceDays)
          if (ev.status === 'active') continue
          cases.closeInstalmentPlan(ledger, p.id, ev.status, day)
          touched.add(p.debtorId)
          if (ev.status === 'completed') out.plansCompleted++
          else {
            out.plansBroken++
            cases.countBrokenPromise(ledger, p.debtorId, day)
            cases.dropSpacing(ledger, p.debtorId)
          }
          audit(ledger, clock.now(), { userId: null, action: `collections.instalments.${ev.status}`, entity: 'instalment_plan', entityId: p.id, details: { debtorId: p.debtorId, brokenBy: ev.brokenBy } })
        }
        if (touched.size) refreshSummaries(ledger, day, [...touched])
      })
      return out
    }
  }
  return svc
}
export type CollectionCases = ReturnType<typeof createCollectionCases>
