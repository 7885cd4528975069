import { DEFAULT_PLANS, validatePlan } from '../../core/collections/plans'
import { ECB_MRO_RATES, statutoryInterest } from '../../core/collections/interest'
import type { LocalDate } from '../../shared/dates'
import {
  collectionSettingsSchema,
  type CollectionSettings,
  type DunningPlanInput,
  type DunningPlanRow,
  type InterestBreakdown,
  type ReminderRow,
  type RunResult
} from '../../shared/contract/collections'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as cfgRepo from '../db/repos/collections-config-repo'
import { deliveryFor } from '../db/repos/collections-outbox-repo'
import * as run from '../db/repos/collections-run-repo'
import { getInvoice } from '../db/repos/invoices-repo'
import { writeTx, type ServiceContext } from './context'
import { recipientFor, release, runReminders, type RunConfig, type StoredLine } from './dunning-run'

function toRow(r: run.ReminderRecord, ctx: ServiceContext): ReminderRow {
  return { ...r, lines: JSON.parse(r.lines) as StoredLine[], delivery: deliveryFor(ctx.ledger, r.id) }
}

export function createDunningService(ctx: ServiceContext) {
  const { ledger, clock } = ctx

  // Shipped defaults land in a ledger the first time it is opened, then belong to the firm.
  if (cfgRepo.countPlans(ledger) === 0 || cfgRepo.listRates(ledger).length === 0) {
    writeTx(ctx, () => {
      if (cfgRepo.countPlans(ledger) === 0) for (const p of DEFAULT_PLANS) cfgRepo.insertPlan(ledger, p, clock.now())
      if (cfgRepo.listRates(ledger).length === 0) for (const r of ECB_MRO_RATES) cfgRepo.upsertRate(ledger, r)
    })
  }

  const svc = {
    settings(): CollectionSettings {
      return collectionSettingsSchema.parse(cfgRepo.getSetting(ledger, 'collections') ?? {})
    },
    saveSettings(s: CollectionSettings, userId: number | null): CollectionSettings {
      writeTx(ctx, () => {
        cfgRepo.setSetting(ledger, 'collections', s)
        audit(ledger, clock.now(), { userId, action: 'collections.settings', entity: 'setting', entityId: 'collections', details: { ...s, smtp: s.smtp ? { ...s.smtp, pass: s.smtp.pass ? '(set)' : undefined } : null } })
      })
      return svc.settings()
    },
    factor(): { name: string; iban: string } {
      const f = cfgRepo.getSetting(ledger, 'factor') as { name?: string; iban?: string } | undefined
      return { name: f?.name ?? 'FactorDesk', iban: f?.iban ?? '' }
    },
    plans: (): DunningPlanRow[] => cfgRepo.listPlans(ledger),
    savePlan(input: DunningPlanInput, userId: number | null): DunningPlanRow {
      const problems = validatePlan(input)
      if (problems.length) throw new AppError('INVALID_INPUT', `plan "${input.name}": ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems)
      const plan = { ...input, steps: [...input.steps].sort((a, b) => a.level - b.level) }
      const id = writeTx(ctx, () => {
        const id = input.id ?? cfgRepo.insertPlan(ledger, plan, clock.now())
        if (input.id) {
          if (!cfgRepo.listPlans(ledger).some((p) => p.id === input.id)) throw notFound('dunning plan', input.id)
          cfgRepo.updatePlan(ledger, { ...plan, id }, clock.now())
        }
        audit(ledger, clock.now(), { userId, action: input.id ? 'dunning.plan.update' : 'dunning.plan.create', entity: 'dunning_plan', entityId: id, details: plan })
        return id
      })
      return cfgRepo.listPlans(ledger).find((p) => p.id === id)!
    },
    rates: () => cfgRepo.listRates(ledger),
    setRate(r: { series: string; from: string; rateBp: number }, userId: number | null) {
      writeTx(ctx, () => {
        cfgRepo.upsertRate(ledger, r)
        audit(ledger, clock.now(), { userId, action: 'interest.rate', entity: 'reference_rate', entityId: `${r.series}:${r.from}`, details: r })
      })
      return cfgRepo.listRates(ledger)
    },
    config(): RunConfig {
      return { plans: cfgRepo.listPlans(ledger), rates: cfgRepo.listRates(ledger), settings: svc.settings(), factor: svc.factor() }
    },
    run(asOf: LocalDate | undefined, dryRun: boolean, userId: number | null): RunResult {
      const day = asOf ?? clock.today()
      const r = runReminders(ctx, svc.config(), day, dryRun)
      if (!dryRun) {
        writeTx(ctx, () => audit(ledger, clock.now(), { userId, action: 'reminders.run', entity: 'reminder', entityId: day, details: { reminders: r.reminders.length, skipped: r.skipped.length, ms: r.ms } }))
        if (r.reminders.length) ctx.emit('ledger.changed', { scope: ['reminders', 'collections'] })
      }
      return r
    },
    listReminders: (q: { status?: string; debtorId?: number; limit: number }) => run.listReminders(ledger, q).map((r) => toRow(r, ctx)),
    getReminder(id: number): ReminderRow {
      const r = run.getReminder(ledger, id)
      if (!r) throw notFound('reminder', id)
      return toRow(r, ctx)
    },
    /** Four-eyes on the reminders a plan marks for approval: only an approved one is queued and claimed. */
    approve(id: number, userId: number | null): ReminderRow {
      const r = svc.getReminder(id)
      if (r.status !== 'pending_approval') throw new AppError('CONFLICT', `reminder ${id} is ${r.status}, not waiting for approval`)
      const d = run.loadRunDebtors(ledger, [r.debtorId]).get(r.debtorId)!
      writeTx(ctx, () => {
        const next = r.channel === 'phone' ? 'task' : 'queued'
        run.setReminderStatus(ledger, id, next, userId)
        if (next === 'task') run.setNextAction(ledger, r.debtorId, clock.today())
        else release(ledger, clock.now(), { ...r, recipient: recipientFor(d, r.channel), lines: r.lines as StoredLine[] })
        audit(ledger, clock.now(), { userId, action: 'reminders.approve', entity: 'reminder', entityId: id, details: { level: r.level, debtorId: r.debtorId } })
      })
      ctx.emit('ledger.changed', { scope: ['reminders'] })
      return svc.getReminder(id)
    },
    /** A rejected reminder puts its invoices back at their previous level, so the run may propose again later. */
    reject(id: number, reason: string, userId: number | null): ReminderRow {
      const r = svc.getReminder(id)
      if (r.status !== 'pending_approval') throw new AppError('CONFLICT', `reminder ${id} is ${r.status}, not waiting for approval`)
      writeTx(ctx, () => {
        run.setReminderStatus(ledger, id, 'rejected', userId)
        for (const l of r.lines as StoredLine[]) {
          if (l.escalates && run.currentInvoiceLevel(ledger, l.invoiceId) === l.level) run.setInvoiceLevel(ledger, l.invoiceId, l.previousLevel, l.previousSentDate)
        }
        audit(ledger, clock.now(), { userId, action: 'reminders.reject', entity: 'reminder', entityId: id, details: { reason } })
      })
      return svc.getReminder(id)
    },
    interest(invoiceId: number, asOf?: LocalDate): InterestBreakdown {
      const inv = getInvoice(ledger, invoiceId)
      if (!inv) throw notFound('invoice', invoiceId)
      const day = asOf ?? clock.today()
      const s = svc.settings()
      const debtor = run.loadRunDebtors(ledger, [inv.debtorId]).get(inv.debtorId)!
      const rule = s.countryRules[debtor.country] ?? s.defaultRule
      const payments = (run.receivableCredits(ledger, [invoiceId]).get(invoiceId) ?? []).filter((p) => p.date > inv.dueDate)
      const principal = inv.openAmount + payments.reduce((t, p) => t + p.amount, 0)
      const r = statutoryInterest({ principal, dueDate: inv.dueDate, asOf: day, payments, rates: cfgRepo.listRates(ledger), rule })
      const comp = s.compensation.enabled && r.daysLate > 0 ? (s.compensation.amounts[inv.currency] ?? 0) : 0
      return { invoiceId, number: inv.number, currency: inv.currency, principal, dueDate: inv.dueDate, asOf: day, marginBp: rule.marginBp, series: rule.series, interest: r.interest, compensation: comp, periods: r.periods }
    }
  }
  return svc
}
export type DunningService = ReturnType<typeof createDunningService>
