import { buildEntry, cr, dr } from '../../core/journal'
import { consolidate, renderReminder, type DunningItem, type ReminderDraft, type ReminderLine } from '../../core/collections/reminder'
import { stepsForInvoice, type DunningPlan } from '../../core/collections/plans'
import type { ReferenceRate } from '../../core/collections/interest'
import { addDays, type LocalDate } from '../../shared/dates'
import type { CollectionSettings, RunDebtorResult, RunResult } from '../../shared/contract/collections'
import { enqueue } from '../db/repos/collections-outbox-repo'
import * as run from '../db/repos/collections-run-repo'
import { postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'
import { writeTx, type ServiceContext } from './context'

export interface RunConfig {
  plans: DunningPlan[]
  rates: ReferenceRate[]
  settings: CollectionSettings
  factor: { name: string; iban: string }
}

/** The lines stored on a reminder: the core's lines plus what a rejection needs to restore. */
export type StoredLine = ReminderLine & { previousSentDate: string | null }

const CHUNK = 2000

function pickPlan(cfg: RunConfig, byId: Map<number, DunningPlan>, invoicePlan: number | null, debtorPlan: number | null, risk: string): DunningPlan {
  return byId.get(invoicePlan ?? -1) ?? byId.get(debtorPlan ?? -1) ?? cfg.plans.find((p) => p.segment === risk) ?? cfg.plans[0]
}

/**
 * Decides what is due as of one date, debtor by debtor in id chunks. The decision for a debtor (reminder
 * row with its idempotency key, the new per-invoice levels, outbox messages, claims) is written in one
 * transaction per chunk, so a crash loses only undecided work and a re-run decides nothing twice.
 */
export function runReminders(ctx: ServiceContext, cfg: RunConfig, asOf: LocalDate, dryRun: boolean): RunResult {
  const t0 = performance.now()
  const { ledger } = ctx
  const byId = new Map(cfg.plans.map((p) => [p.id, p]))
  const minOffset = Math.min(0, cfg.settings.preDue.offsetDays, ...cfg.plans.flatMap((p) => p.steps.map((s) => s.offsetDays)))
  const until = addDays(asOf, -minOffset)
  const blocks = run.activeBlocks(ledger, asOf)
  const blockedDebtors = new Map(blocks.filter((b) => b.invoiceId === null).map((b) => [b.debtorId, b.reason]))
  const blockedInvoices = new Set(blocks.filter((b) => b.invoiceId !== null).map((b) => b.invoiceId!))
  const disputes = run.openDisputeAmounts(ledger)
  const promises = run.activePromiseDebtors(ledger)
  const inPlans = run.invoicesInActivePlans(ledger)
  const compensation = cfg.settings.compensation.enabled ? cfg.settings.compensation.amounts : null
  const result: RunResult = { asOf, dryRun, debtorsChecked: 0, invoicesChecked: 0, reminders: [], skipped: [], ms: 0 }
  const { lo, hi } = run.debtorIdRange(ledger)
  for (let a = lo; a <= hi; a += CHUNK) {
    const rows = run.loadRunInvoices(ledger, a, a + CHUNK - 1, until)
    if (rows.length === 0) continue
    result.invoicesChecked += rows.length
    const groups = new Map<number, run.RunInvoiceRow[]>()
    for (const r of rows) (groups.get(r.debtorId) ?? groups.set(r.debtorId, []).get(r.debtorId)!).push(r)
    const debtors = run.loadRunDebtors(ledger, [...groups.keys()])
    const decided: { d: run.RunDebtorRow; draft: ReminderDraft; items: DunningItem[]; final: boolean }[] = []
    for (const [debtorId, inv] of groups) {
      const d = debtors.get(debtorId)
      if (!d) continue
      result.debtorsChecked++
      if (d.handedOver) {
        result.skipped.push({ debtorId, reason: 'handed over to a collection agency' })
        continue
      }
      const block = blockedDebtors.get(debtorId)
      if (block) {
        result.skipped.push({ debtorId, reason: `dunning block: ${block}` })
        continue
      }
      const promised = promises.get(debtorId)
      if (promised) {
        result.skipped.push({ debtorId, reason: `promise to pay by ${promised}` })
        continue
      }
      const items: DunningItem[] = []
      for (const r of inv) {
        if (blockedInvoices.has(r.id) || inPlans.has(r.id)) continue
        const disputed = disputes.get(r.id)
        const chased = r.status === 'disputed' && disputed === undefined ? 0 : Math.max(0, r.open - (disputed ?? 0))
        const plan = pickPlan(cfg, byId, r.planId, d.planId, d.riskClass)
        items.push({
          invoiceId: r.id,
          number: r.number,
          rfRef: r.rfRef,
          currency: r.currency,
          face: r.face,
          open: r.open,
          chased,
          dueDate: r.dueDate,
          steps: stepsForInvoice(plan, r.face, r.currency, cfg.settings.preDue),
          state: { level: r.level, lastSentDate: r.lastSentDate },
          interestClaimed: r.interestClaimed,
          compensationClaimed: r.compensationClaimed === 1
        })
      }
      const rule = cfg.settings.countryRules[d.country] ?? cfg.settings.defaultRule
      const opts = { asOf, rates: cfg.rates, rule, compensation }
      let draft = consolidate(items, opts)
      if (!draft) continue
      if (draft.step.claimInterest) {
        // Only now are payment dates worth reading: interest needs them, the level decision does not.
        const credits = run.receivableCredits(ledger, items.filter((it) => it.dueDate < asOf).map((it) => it.invoiceId))
        for (const it of items) it.payments = (credits.get(it.invoiceId) ?? []).filter((p) => p.date > it.dueDate)
        draft = consolidate(items, opts)!
      }
      const final = items.some((it) => it.steps[it.steps.length - 1] === draft!.step)
      decided.push({ d, draft, items, final })
    }
    if (dryRun) {
      for (const x of decided) result.reminders.push(summarise(x.d, x.draft, 'dry_run', null))
      continue
    }
    writeTx(ctx, () => {
      for (const x of decided) {
        const r = persist(ctx, cfg, asOf, x.d, x.draft, x.items, x.final)
        if (r) result.reminders.push(r)
        else result.skipped.push({ debtorId: x.d.id, reason: `level ${x.draft.level} already decided on ${asOf}` })
      }
    })
  }
  result.ms = Math.round(performance.now() - t0)
  return result
}

function summarise(d: run.RunDebtorRow, draft: ReminderDraft, status: RunDebtorResult['status'], reminderId: number | null): RunDebtorResult {
  return {
    debtorId: d.id,
    debtorName: d.name,
    level: draft.level,
    channel: draft.step.channel,
    status,
    currency: draft.currency,
    invoices: draft.lines.map((l) => ({ number: l.number, level: l.level, dueDate: l.dueDate, amount: l.chased, interest: l.interest })),
    fee: draft.fee,
    interest: draft.interestNew,
    compensation: draft.compensationNew,
    reminderId
  }
}

function persist(ctx: ServiceContext, cfg: RunConfig, asOf: LocalDate, d: run.RunDebtorRow, draft: ReminderDraft, items: DunningItem[], final: boolean): RunDebtorResult | null {
  const { ledger, clock } = ctx
  const step = draft.step
  const status = step.needsApproval ? 'pending_approval' : step.channel === 'phone' ? 'task' : 'queued'
  const text = renderReminder(draft, { debtorName: d.name, language: d.language, factorName: cfg.factor.name, factorIban: cfg.factor.iban, asOf })
  const state = new Map(items.map((i) => [i.invoiceId, i.state]))
  const lines: StoredLine[] = draft.lines.map((l) => ({ ...l, previousSentDate: state.get(l.invoiceId)?.lastSentDate ?? null }))
  const id = run.insertReminder(ledger, {
    debtorId: d.id,
    runDate: asOf,
    level: draft.level,
    channel: step.channel,
    status,
    key: `${d.id}:${draft.level}:${asOf}`,
    currency: draft.currency,
    fee: draft.fee,
    interestNew: draft.interestNew,
    compensationNew: draft.compensationNew,
    subject: text.subject,
    body: text.body,
    lines,
    at: clock.now()
  })
  if (id === null) return null
  const claimNow = status === 'queued'
  // One write per invoice: its new level and, when the reminder goes out now, the claims it carries.
  for (const l of draft.lines) {
    const claims = claimNow && l.currency === draft.currency && (l.interestNew > 0 || l.compensationNew > 0)
    if (l.escalates || claims) {
      const st = state.get(l.invoiceId)!
      run.recordInvoiceDunning(ledger, l.invoiceId, l.escalates ? l.level : st.level, l.escalates ? asOf : st.lastSentDate, claims ? l.interestNew : 0, claims && l.compensationNew > 0)
    }
  }
  if (final) run.markFinalSent(ledger, d.id, asOf)
  if (status === 'task') run.setNextAction(ledger, d.id, asOf)
  if (claimNow) release(ledger, clock.now(), { id, debtorId: d.id, debtorName: d.name, channel: step.channel, recipient: recipientFor(d, step.channel), currency: draft.currency, fee: draft.fee, runDate: asOf, level: draft.level, subject: text.subject, body: text.body, lines }, false)
  return summarise(d, draft, status, id)
}

export function recipientFor(d: { email: string | null; phone: string | null; name: string; address: string | null; postalCode: string | null; city: string | null }, channel: string): string | null {
  if (channel === 'email') return d.email
  if (channel === 'sms') return d.phone
  if (channel === 'letter') return [d.name, d.address, [d.postalCode, d.city].filter(Boolean).join(' ')].filter(Boolean).join('\n')
  return null
}

export interface Releasable {
  id: number
  debtorId: number
  debtorName: string
  channel: string
  recipient: string | null
  currency: string
  fee: number
  runDate: string
  level: number
  subject: string
  body: string
  lines: StoredLine[]
}

/**
 * A decided reminder goes out: its message is queued and its fee, new interest and fixed compensation
 * become claims on the debtor, booked apart from principal (claims receivable against income).
 */
export function release(ledger: Ledger, at: number, r: Releasable, perInvoiceState = true): void {
  if (r.channel !== 'phone') enqueue(ledger, { reminderId: r.id, channel: r.channel as 'email' | 'letter' | 'sms', recipient: r.recipient, subject: r.subject, body: r.body, at })
  const mine = r.lines.filter((l) => l.currency === r.currency)
  const interest = mine.reduce((s, l) => s + l.interestNew, 0)
  const comp = mine.reduce((s, l) => s + l.compensationNew, 0)
  const total = r.fee + interest + comp
  if (total === 0) return
  const entryId = postEntry(
    ledger,
    buildEntry(
      { date: r.runDate, kind: 'claim', memo: `Reminder ${r.id} (level ${r.level}) to ${r.debtorName}: fee, statutory interest and compensation claimed` },
      dr('claimsReceivable', r.currency, total, { debtorId: r.debtorId }),
      cr('feeIncome', r.currency, r.fee, { debtorId: r.debtorId }),
      cr('interestIncome', r.currency, interest + comp, { debtorId: r.debtorId })
    ),
    null,
    at
  )
  // One claim row per kind and reminder; the split per invoice is on the reminder's lines and in invoice_dunning.
  const claim = (kind: string, amount: number) => amount && run.insertClaim(ledger, { debtorId: r.debtorId, invoiceId: null, reminderId: r.id, kind, currency: r.currency, amount, date: r.runDate, entryId })
  claim('fee', r.fee)
  claim('interest', interest)
  claim('compensation', comp)
  if (perInvoiceState) for (const l of mine) if (l.interestNew || l.compensationNew) run.addInvoiceClaims(ledger, l.invoiceId, l.interestNew, l.compensationNew > 0)
}
