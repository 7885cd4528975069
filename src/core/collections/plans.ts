import { toDayNumber, type LocalDate } from '../../shared/dates'
import { shippedTemplates } from './templates'

// A run evaluates every open invoice against a handful of distinct dates: memoise the date parsing.
const dayCache = new Map<string, number>()
export function dayNo(d: LocalDate): number {
  let n = dayCache.get(d)
  if (n === undefined) {
    if (dayCache.size > 50_000) dayCache.clear()
    dayCache.set(d, (n = toDayNumber(d)))
  }
  return n
}

export const CHANNELS = ['email', 'letter', 'sms', 'phone'] as const
export type Channel = (typeof CHANNELS)[number]
export type RiskClass = 'low' | 'standard' | 'high'

export interface StepTemplate {
  subject: string
  body: string
}

/** One step of a dunning plan. Level 0 is the friendly reminder before the due date; 1..n escalate. */
export interface DunningStep {
  level: number
  /** Days from the due date; negative = before it. */
  offsetDays: number
  channel: Channel
  /** Per language code ('en', 'de', 'sv', ...); 'en' is the fallback. */
  templates: Record<string, StepTemplate>
  /** Minor units, in the currency of the reminder. */
  fee: number
  claimInterest: boolean
  needsApproval: boolean
}

export interface DunningPlan {
  id: number
  name: string
  /** The risk segment this plan is the default for, if any. */
  segment: RiskClass | null
  steps: DunningStep[]
}

export const PLACEHOLDERS = [
  'debtorName',
  'level',
  'asOf',
  'items',
  'total',
  'fee',
  'interest',
  'compensation',
  'grandTotal',
  'factorName',
  'factorIban',
  'references',
  'oldestDueDate'
] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

const PLACEHOLDER_RE = /\{\{\s*([^}]*?)\s*\}\}/g

/** Names in {{...}} that the renderer does not know; a template using one is refused when saved. */
export function unknownPlaceholders(text: string): string[] {
  const bad = new Set<string>()
  for (const m of text.matchAll(PLACEHOLDER_RE)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) bad.add(m[1])
  return [...bad]
}

export interface PlanProblem {
  path: string
  message: string
}

/** Every problem of a plan, each naming the step and field, so a form can show them all at once. */
export function validatePlan(plan: Omit<DunningPlan, 'id'>): PlanProblem[] {
  const out: PlanProblem[] = []
  if (plan.steps.length === 0) out.push({ path: 'steps', message: 'a plan needs at least one step' })
  const levels = new Set<number>()
  plan.steps.forEach((s, i) => {
    if (levels.has(s.level)) out.push({ path: `steps[${i}].level`, message: `level ${s.level} appears twice` })
    levels.add(s.level)
    if (s.level === 0 && s.offsetDays >= 0) out.push({ path: `steps[${i}].offsetDays`, message: 'level 0 is the pre-due reminder and needs a negative offset' })
    if (s.level > 0 && s.offsetDays < 0) out.push({ path: `steps[${i}].offsetDays`, message: 'only level 0 may come before the due date' })
    if (!s.templates.en) out.push({ path: `steps[${i}].templates.en`, message: 'an English template is required as the fallback' })
    for (const [lang, t] of Object.entries(s.templates)) {
      for (const field of ['subject', 'body'] as const) {
        const bad = unknownPlaceholders(t[field])
        if (bad.length) out.push({ path: `steps[${i}].templates.${lang}.${field}`, message: `unknown placeholder ${bad.map((b) => `{{${b}}}`).join(', ')} (known: ${PLACEHOLDERS.join(', ')})` })
      }
    }
  })
  const sorted = [...plan.steps].sort((a, b) => a.level - b.level)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].offsetDays <= sorted[i - 1].offsetDays) out.push({ path: 'steps', message: `level ${sorted[i].level} must come later than level ${sorted[i - 1].level}` })
  }
  return out
}

export function renderTemplate(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER_RE, (_m, name: string) => values[name as Placeholder] ?? '')
}

export function templateFor(step: DunningStep, language: string): StepTemplate {
  return step.templates[language] ?? step.templates.en
}

/** The pre-due step a large invoice gets when its plan has none (the amount rule). */
export interface PreDueRule {
  /** Minor units per currency; an invoice whose face reaches it gets a pre-due reminder. */
  thresholds: Record<string, number>
  offsetDays: number
}

export function preDueStep(offsetDays: number): DunningStep {
  return {
    level: 0,
    offsetDays,
    channel: 'email',
    templates: shippedTemplates('preDue'),
    fee: 0,
    claimInterest: false,
    needsApproval: false
  }
}

/** The steps that apply to one invoice: its plan's, plus the pre-due step when the amount rule says so. */
export function stepsForInvoice(plan: DunningPlan, face: number, currency: string, rule: PreDueRule | null): DunningStep[] {
  const steps = [...plan.steps].sort((a, b) => a.level - b.level)
  const threshold = rule?.thresholds[currency]
  if (rule && threshold !== undefined && face >= threshold && !steps.some((s) => s.level === 0)) steps.unshift(preDueStep(rule.offsetDays))
  return steps
}

export interface ItemDunningState {
  /** Highest level already sent for this invoice, or null. */
  level: number | null
  lastSentDate: LocalDate | null
}

/**
 * The next level an invoice may get as of asOf, or null. Levels are never skipped: after level k the
 * next is k+1, due at its offset from the due date, but never sooner after level k than the plan's own
 * spacing between the two steps, so a catch-up after days offline keeps the debtor's time to react.
 */
export function nextDueStep(steps: readonly DunningStep[], dueDate: LocalDate, state: ItemDunningState, asOf: LocalDate): DunningStep | null {
  let rest = state.level === null ? [...steps] : steps.filter((s) => s.level > state.level!)
  // A pre-due reminder that was missed is pointless once the invoice is due.
  if (rest[0]?.level === 0 && asOf >= dueDate) rest = rest.slice(1)
  const step = rest[0]
  const today = dayNo(asOf)
  if (!step || today - dayNo(dueDate) < step.offsetDays) return null
  const prev = state.level === null ? null : steps.find((s) => s.level === state.level)
  if (prev && state.lastSentDate && today < dayNo(state.lastSentDate) + step.offsetDays - prev.offsetDays) return null
  return step
}

/** Shipped plans: written into a new ledger once, then the firm's to edit. */
export const DEFAULT_PLANS: Omit<DunningPlan, 'id'>[] = [
  {
    name: 'Low risk',
    segment: 'low',
    steps: [
      { level: 1, offsetDays: 7, channel: 'email', templates: shippedTemplates('first'), fee: 0, claimInterest: false, needsApproval: false },
      { level: 2, offsetDays: 21, channel: 'email', templates: shippedTemplates('second', true), fee: 500, claimInterest: false, needsApproval: false },
      { level: 3, offsetDays: 45, channel: 'letter', templates: shippedTemplates('final', true), fee: 1000, claimInterest: true, needsApproval: true }
    ]
  },
  {
    name: 'Standard',
    segment: 'standard',
    steps: [
      { level: 1, offsetDays: 3, channel: 'email', templates: shippedTemplates('first'), fee: 0, claimInterest: false, needsApproval: false },
      { level: 2, offsetDays: 14, channel: 'email', templates: shippedTemplates('second', true), fee: 500, claimInterest: true, needsApproval: false },
      { level: 3, offsetDays: 30, channel: 'letter', templates: shippedTemplates('final', true), fee: 1000, claimInterest: true, needsApproval: true }
    ]
  },
  {
    name: 'High risk',
    segment: 'high',
    steps: [
      preDueStep(-5),
      { level: 1, offsetDays: 1, channel: 'email', templates: shippedTemplates('overdue'), fee: 0, claimInterest: false, needsApproval: false },
      { level: 2, offsetDays: 7, channel: 'sms', templates: shippedTemplates('sms'), fee: 0, claimInterest: false, needsApproval: false },
      { level: 3, offsetDays: 14, channel: 'phone', templates: { en: { subject: 'Call about {{references}}', body: 'Call {{debtorName}} about {{total}} overdue.' } }, fee: 0, claimInterest: false, needsApproval: false },
      { level: 4, offsetDays: 21, channel: 'letter', templates: shippedTemplates('final', true), fee: 1000, claimInterest: true, needsApproval: true }
    ]
  }
]

export function finalLevel(plan: DunningPlan): number {
  return Math.max(...plan.steps.map((s) => s.level))
}
