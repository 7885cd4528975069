import type { FormattableReason } from '../reason-text'
import { z } from 'zod'
import { currency, id, localDate, minorAmount, type Page } from './common'
import { method } from './define'

const riskClass = z.enum(['low', 'standard', 'high'])
const channel = z.enum(['email', 'letter', 'sms', 'phone'])
const template = z.object({ subject: z.string().max(300), body: z.string().max(20_000) })

export const dunningStepSchema = z.object({
  level: z.number().int().min(0).max(20),
  offsetDays: z.number().int().min(-60).max(720),
  channel,
  templates: z.record(z.string().regex(/^[a-z]{2}$/, 'a two-letter language code'), template),
  fee: minorAmount.min(0),
  claimInterest: z.boolean(),
  needsApproval: z.boolean()
})
export const dunningPlanInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(2).max(80),
  segment: riskClass.nullable(),
  steps: z.array(dunningStepSchema).min(1).max(20)
})
export type DunningPlanInput = z.infer<typeof dunningPlanInput>
export interface DunningPlanRow extends DunningPlanInput {
  id: number
}

const smtp = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().optional(),
  pass: z.string().optional(),
  from: z.string().min(3)
})

/** Everything the reminder run and the outbox are configured by; stored as one setting and validated here. */
export const collectionSettingsSchema = z.object({
  smtp: smtp.nullable().default(null),
  sms: z.object({ url: z.url(), token: z.string().optional(), sender: z.string().max(11).optional() }).nullable().default(null),
  letterDir: z.string().nullable().default(null),
  /** Where agency handover files are written when the export names no folder. */
  agencyDir: z.string().nullable().default(null),
  preDue: z.object({ thresholds: z.record(z.string(), minorAmount.min(0)), offsetDays: z.number().int().min(-60).max(-1) }).default({ thresholds: { EUR: 5_000_000 }, offsetDays: -5 }),
  compensation: z.object({ enabled: z.boolean(), amounts: z.record(z.string(), minorAmount.min(0)) }).default({ enabled: true, amounts: { EUR: 4000 } }),
  countryRules: z.record(z.string(), z.object({ series: z.string(), marginBp: z.number().int().min(0).max(5000) })).default({ DE: { series: 'ECB', marginBp: 900 }, FR: { series: 'ECB', marginBp: 1000 } }),
  defaultRule: z.object({ series: z.string(), marginBp: z.number().int().min(0).max(5000) }).default({ series: 'ECB', marginBp: 800 }),
  promiseGraceDays: z.number().int().min(0).max(60).default(3),
  instalmentGraceDays: z.number().int().min(0).max(60).default(7),
  handover: z.object({ minDaysOverdue: z.number().int().min(1), finalReminderDaysAgo: z.number().int().min(0) }).default({ minDaysOverdue: 90, finalReminderDaysAgo: 14 }),
  /** Ranking only: units of the base currency per unit of another, so debtors owing in several currencies rank by the sum. */
  ranking: z
    .object({ base: currency, rates: z.record(currency, z.number().positive('must be more than zero').max(100_000)) })
    .default({ base: 'EUR', rates: { SEK: 0.087, NOK: 0.085, DKK: 0.134, USD: 0.92, GBP: 1.17, CHF: 1.05, PLN: 0.23 } }),
  maxAttempts: z.number().int().min(1).max(50).default(6),
  retryBaseMs: z.number().int().min(100).default(60_000)
})
export type CollectionSettings = z.infer<typeof collectionSettingsSchema>

/** One part of a debtor's collection score; render it with reasonText so amounts follow the reader's locale. */
export type ScoreReasonRow = FormattableReason

export interface WorklistRow {
  debtorId: number
  debtorName: string
  country: string
  riskClass: 'low' | 'standard' | 'high'
  controllerId: number | null
  controllerName: string | null
  /** The largest overdue currency (by value in the ranking base currency). */
  currency: string
  overdueAmount: number
  /** Every currency with money overdue, largest first. */
  currencies: { currency: string; overdue: number }[]
  /** The sum in the ranking base currency when more than one currency is owed (approximate, for ranking). */
  overdueInBase: { currency: string; amount: number } | null
  overdueCount: number
  oldestDue: string | null
  daysOverdue: number
  score: number
  reasons: ScoreReasonRow[]
  why: string
  lastContactDate: string | null
  nextActionDate: string | null
  level: number | null
}

export interface ReminderLineRow {
  invoiceId: number
  number: string
  rfRef: string
  currency: string
  dueDate: string
  daysOverdue: number
  open: number
  chased: number
  /** The level this reminder records for the invoice (its previous one when it does not escalate). */
  level: number | null
  previousLevel: number | null
  escalates: boolean
  /** Interest to date and the part of it newly claimed with this reminder. */
  interest: number
  interestNew: number
  compensationNew: number
}

export interface ReminderRow {
  id: number
  debtorId: number
  debtorName: string
  runDate: string
  level: number
  channel: 'email' | 'letter' | 'sms' | 'phone'
  status: 'pending_approval' | 'queued' | 'task' | 'rejected'
  currency: string
  fee: number
  interestNew: number
  compensationNew: number
  subject: string
  body: string
  lines: ReminderLineRow[]
  delivery: { id: number; status: string; attempts: number; lastError: string | null }[]
}

/** One debtor in a run: what was (or, in a dry run, would be) sent. */
export interface RunDebtorResult {
  debtorId: number
  debtorName: string
  level: number
  channel: 'email' | 'letter' | 'sms' | 'phone'
  status: 'pending_approval' | 'queued' | 'task' | 'dry_run'
  currency: string
  invoices: { number: string; level: number | null; dueDate: string; amount: number; interest: number }[]
  fee: number
  interest: number
  compensation: number
  reminderId: number | null
}

export interface RunResult {
  asOf: string
  dryRun: boolean
  debtorsChecked: number
  invoicesChecked: number
  reminders: RunDebtorResult[]
  skipped: { debtorId: number; reason: string }[]
  ms: number
}

export interface OutboxRow {
  id: number
  reminderId: number | null
  channel: 'email' | 'letter' | 'sms'
  recipient: string | null
  subject: string
  status: 'queued' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  sentAt: number | null
  nextAttemptAt: number
}

export interface DeliveryReport {
  attempted: number
  sent: number
  failed: number
  stillQueued: number
  errors: { id: number; error: string }[]
}

export interface DebtorCollection {
  debtorId: number
  debtorName: string
  language: string
  email: string | null
  phone: string | null
  riskClass: 'low' | 'standard' | 'high'
  planId: number | null
  planName: string
  controllerId: number | null
  handedOver: boolean
  summary: WorklistRow | null
  items: { invoiceId: number; number: string; clientName: string; currency: string; open: number; disputed: number; dueDate: string; daysOverdue: number; level: number | null; planName: string; blocked: boolean; interest: number }[]
  blocks: { id: number; invoiceId: number | null; reason: string; untilDate: string | null }[]
  disputes: { id: number; invoiceId: number; invoiceNumber: string; reason: string; amount: number; status: string; ownerId: number | null; openedDate: string }[]
  promises: { id: number; promisedDate: string; amount: number; currency: string; status: string; createdDate: string }[]
  instalmentPlans: { id: number; status: string; currency: string; instalments: { dueDate: string; amount: number; state: string }[] }[]
  contacts: { id: number; date: string; channel: string; outcome: string; note: string | null; nextActionDate: string | null; userName: string | null }[]
  reminders: { id: number; runDate: string; level: number; channel: string; status: string; fee: number; interestNew: number }[]
  claims: { currency: string; fee: number; interest: number; compensation: number }[]
}

export interface TodayView {
  asOf: string
  followUps: { debtorId: number; debtorName: string; nextActionDate: string; overdueAmount: number; currency: string | null }[]
  promisesDue: { id: number; debtorId: number; debtorName: string; promisedDate: string; amount: number; currency: string }[]
  approvals: { id: number; debtorId: number; debtorName: string; level: number; channel: string; currency: string; fee: number; total: number }[]
  instalmentsDue: { planId: number; debtorId: number; debtorName: string; dueDate: string; amount: number; currency: string }[]
}

export interface InterestBreakdown {
  invoiceId: number
  number: string
  currency: string
  principal: number
  dueDate: string
  asOf: string
  marginBp: number
  series: string
  interest: number
  compensation: number
  periods: { from: string; to: string; days: number; outstanding: number; rateBp: number; rateAssumed: boolean }[]
}

export interface AgencyCaseRow {
  id: number
  debtorId: number
  debtorName: string
  status: 'proposed' | 'approved' | 'exported' | 'rejected'
  /** Why the handover rule proposed it, in words. */
  reason: string
  proposedDate: string
  exportFile: string | null
  decidedByName: string | null
  /** What the debtor has overdue now, per currency. */
  overdue: { currency: string; overdue: number }[]
  oldestDue: string | null
  /** Internal dunning is stopped for the debtor. */
  handedOver: boolean
}

export interface ChargebackRow {
  id: number
  invoiceId: number
  invoiceNumber: string
  debtorId: number
  debtorName: string
  clientId: number
  clientName: string
  currency: string
  /** Open when proposed; openNow is what accepting would book today. */
  amount: number
  openNow: number
  invoiceStatus: string
  dueDate: string
  recourseDate: string
  status: 'proposed' | 'accepted' | 'rejected' | 'reversed'
  bookedAmount: number | null
  entryId: number | null
  reversalEntryId: number | null
  decidedByName: string | null
  decidedDate: string | null
  /** Why it was rejected or reversed. */
  note: string | null
  noticeId: number | null
  noticeStatus: string | null
}

const asOf = { asOf: localDate.optional() }
export const callOutcomes = ['reached', 'no_answer', 'promised', 'disputed', 'wrong_contact', 'left_message', 'other'] as const

export const collectionsContract = {
  'collections.worklist': method(
    z.object({ ...asOf, controllerId: id.nullish(), riskClass: riskClass.optional(), clientId: id.optional(), currency: currency.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) })
  ).returns<Page<WorklistRow>>(),
  'collections.debtor': method(z.object({ debtorId: id, ...asOf })).returns<DebtorCollection>(),
  'collections.today': method(z.object({ ...asOf, controllerId: id.optional() })).returns<TodayView>(),
  'collections.refresh': method(z.object({ ...asOf })).returns<{ debtors: number; ms: number }>(),
  'collections.logCall': method(
    z.object({
      debtorId: id,
      outcome: z.enum(callOutcomes),
      note: z.string().trim().max(2000).optional(),
      promise: z.object({ date: localDate, amount: minorAmount.positive('must be more than zero'), currency }).optional(),
      nextActionDate: localDate.optional()
    })
  ).returns<DebtorCollection>(),
  'collections.assign': method(z.object({ debtorIds: z.array(id).min(1).max(10_000), controllerId: id.nullable() })).returns<{ updated: number }>(),
  'collections.setPlan': method(z.object({ debtorId: id, planId: id.nullable() })).returns<DebtorCollection>(),
  'collections.setInvoicePlan': method(z.object({ invoiceId: id, planId: id.nullable() })).returns<{ invoiceId: number; planId: number | null }>(),
  'collections.block': method(z.object({ debtorId: id, invoiceId: id.optional(), reason: z.string().trim().min(3).max(500), untilDate: localDate.optional() })).returns<{ id: number }>(),
  'collections.unblock': method(z.object({ id })).returns<{ id: number }>(),
  'collections.dispute': method(z.object({ invoiceId: id, reason: z.string().trim().min(3).max(500), amount: minorAmount.positive('must be more than zero'), ownerId: id.optional() })).returns<{ id: number }>(),
  'collections.closeDispute': method(z.object({ id, status: z.enum(['resolved', 'rejected']), resolution: z.string().trim().min(3).max(500) })).returns<{ id: number }>(),
  'collections.promise': method(z.object({ debtorId: id, date: localDate, amount: minorAmount.positive('must be more than zero'), currency })).returns<{ id: number }>(),
  'collections.instalments': method(
    z.object({ debtorId: id, invoiceIds: z.array(id).min(1), instalments: z.array(z.object({ dueDate: localDate, amount: minorAmount.positive() })).min(1).max(120) })
  ).returns<{ id: number }>(),
  'collections.settings': method(z.object({})).returns<CollectionSettings>(),
  'collections.saveSettings': method(collectionSettingsSchema).returns<CollectionSettings>(),
  'dunning.plans': method(z.object({})).returns<DunningPlanRow[]>(),
  'dunning.savePlan': method(dunningPlanInput).returns<DunningPlanRow>(),
  'reminders.run': method(z.object({ ...asOf, dryRun: z.boolean().default(false) })).returns<RunResult>(),
  'reminders.list': method(z.object({ status: z.enum(['pending_approval', 'queued', 'task', 'rejected']).optional(), debtorId: id.optional(), limit: z.number().int().min(1).max(1000).default(100) })).returns<ReminderRow[]>(),
  'reminders.approve': method(z.object({ id })).returns<ReminderRow>(),
  'reminders.reject': method(z.object({ id, reason: z.string().trim().min(3).max(500) })).returns<ReminderRow>(),
  'outbox.list': method(z.object({ status: z.enum(['queued', 'sent', 'failed']).optional(), limit: z.number().int().min(1).max(1000).default(100) })).returns<OutboxRow[]>(),
  'outbox.deliver': method(z.object({})).returns<DeliveryReport>(),
  'outbox.retry': method(z.object({ id })).returns<OutboxRow>(),
  'outbox.printLetters': method(z.object({ dir: z.string().min(1).optional() })).returns<{ file: string | null; letters: number }>(),
  'interest.rates': method(z.object({})).returns<{ series: string; from: string; rateBp: number }[]>(),
  'interest.setRate': method(z.object({ series: z.string().regex(/^[A-Z_]{2,12}$/), from: localDate.refine((d) => /-(01|07)-01$/.test(d), 'must be 1 January or 1 July'), rateBp: z.number().int().min(-1000).max(5000) })).returns<{ series: string; from: string; rateBp: number }[]>(),
  'interest.calculate': method(z.object({ invoiceId: id, ...asOf })).returns<InterestBreakdown>(),
  'agency.propose': method(z.object({ ...asOf })).returns<AgencyCaseRow[]>(),
  'agency.proposeDebtor': method(z.object({ debtorId: id, reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) })).returns<AgencyCaseRow>(),
  'agency.cases': method(z.object({ status: z.enum(['proposed', 'approved', 'exported', 'rejected']).optional() })).returns<AgencyCaseRow[]>(),
  'agency.decide': method(z.object({ id, approve: z.boolean() })).returns<AgencyCaseRow>(),
  'agency.export': method(z.object({ id, format: z.enum(['json', 'csv']).default('json'), dir: z.string().min(1).optional() })).returns<AgencyCaseRow>(),
  'chargebacks.propose': method(z.object({ ...asOf })).returns<ChargebackRow[]>(),
  'chargebacks.list': method(z.object({ status: z.enum(['proposed', 'accepted', 'rejected', 'reversed']).optional(), clientId: id.optional() })).returns<ChargebackRow[]>(),
  'chargebacks.accept': method(z.object({ id })).returns<ChargebackRow>(),
  'chargebacks.reject': method(z.object({ id, reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) })).returns<ChargebackRow>(),
  'chargebacks.reverse': method(z.object({ id, reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) })).returns<ChargebackRow>()
}

