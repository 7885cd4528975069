import type { ReminderLineRow } from '../../shared/contract/collections'
import type { LocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import { statutoryInterest, type CountryRule, type Payment, type ReferenceRate } from './interest'
import { itemWords } from './templates'
import { dayNo, nextDueStep, renderTemplate, templateFor, type DunningStep, type ItemDunningState, type Placeholder } from './plans'

/** One open invoice of a debtor as the dunning run sees it. */
export interface DunningItem {
  invoiceId: number
  number: string
  rfRef: string
  currency: string
  face: number
  open: number
  /** Open less disputed amounts: what may be chased. */
  chased: number
  dueDate: LocalDate
  steps: readonly DunningStep[]
  state: ItemDunningState
  /** Payments after the due date: interest runs on chased + these until each was paid. */
  payments?: readonly Payment[]
  /** Interest already claimed on earlier reminders and whether the fixed compensation was. */
  interestClaimed: number
  compensationClaimed: boolean
}

/** One invoice on a reminder; declared once in the contract, which shows it to the renderer as stored. */
export type ReminderLine = ReminderLineRow

export interface ReminderDraft {
  level: number
  step: DunningStep
  currency: string
  lines: ReminderLine[]
  totals: { currency: string; chased: number; interest: number }[]
  fee: number
  interestNew: number
  compensationNew: number
}

export interface ConsolidateOptions {
  asOf: LocalDate
  rates: readonly ReferenceRate[]
  rule: CountryRule
  /** Fixed compensation per invoice by currency (EUR 40 = 4000); absent currency = none. */
  compensation: Record<string, number> | null
}

/**
 * One reminder per debtor: when any invoice has a level due, every overdue item is listed (each at its
 * own highest level), and the reminder carries the highest level among them, whose step decides the
 * channel, fee, interest and approval. Returns null when nothing escalates today.
 */
export function consolidate(items: readonly DunningItem[], o: ConsolidateOptions): ReminderDraft | null {
  const lines: ReminderLine[] = []
  let top: DunningStep | null = null
  let topCurrency = ''
  for (const it of items) {
    if (it.chased <= 0) continue
    const next = nextDueStep(it.steps, it.dueDate, it.state, o.asOf)
    const overdue = it.dueDate < o.asOf
    if (!next && !overdue) continue
    if (next && (!top || next.level > top.level)) (top = next), (topCurrency = it.currency)
    lines.push({
      invoiceId: it.invoiceId,
      number: it.number,
      rfRef: it.rfRef,
      currency: it.currency,
      dueDate: it.dueDate,
      daysOverdue: Math.max(0, dayNo(o.asOf) - dayNo(it.dueDate)),
      open: it.open,
      chased: it.chased,
      level: next ? next.level : it.state.level,
      previousLevel: it.state.level,
      escalates: next !== null,
      interest: 0,
      interestNew: 0,
      compensationNew: 0
    })
  }
  if (!top) return null
  if (top.claimInterest) {
    for (const l of lines) {
      if (l.daysOverdue === 0) continue
      const it = items.find((i) => i.invoiceId === l.invoiceId)!
      const paidLate = (it.payments ?? []).reduce((s, p) => s + p.amount, 0)
      l.interest = statutoryInterest({ principal: it.chased + paidLate, dueDate: it.dueDate, asOf: o.asOf, payments: it.payments, rates: o.rates, rule: o.rule }).interest
      l.interestNew = Math.max(0, l.interest - it.interestClaimed)
      const comp = o.compensation?.[it.currency]
      if (comp && !it.compensationClaimed) l.compensationNew = comp
    }
  }
  lines.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.invoiceId - b.invoiceId))
  const totals = new Map<string, { currency: string; chased: number; interest: number }>()
  for (const l of lines) {
    const t = totals.get(l.currency) ?? { currency: l.currency, chased: 0, interest: 0 }
    t.chased += l.daysOverdue > 0 || l.escalates ? l.chased : 0
    t.interest += l.interest
    totals.set(l.currency, t)
  }
  const inTop = lines.filter((l) => l.currency === topCurrency)
  return {
    level: top.level,
    step: top,
    currency: topCurrency,
    lines,
    totals: [...totals.values()],
    fee: top.fee,
    interestNew: inTop.reduce((s, l) => s + l.interestNew, 0),
    compensationNew: inTop.reduce((s, l) => s + l.compensationNew, 0)
  }
}

const m = (amount: number, currency: string) => `${toMajorString(amount, currency)} ${currency}`

export interface RenderContext {
  debtorName: string
  language: string
  factorName: string
  factorIban: string
  asOf: LocalDate
}

/** Subject and body of a reminder in the debtor's language (English when the step has none). */
export function renderReminder(d: ReminderDraft, c: RenderContext): { subject: string; body: string } {
  const t = templateFor(d.step, c.language)
  // The item lines speak the language of the template actually used (English when the step has none in the debtor's).
  const w = itemWords(d.step.templates[c.language] ? c.language : 'en')
  const items = d.lines
    .map((l) => `  ${l.number}  ${w.ref} ${l.rfRef}  ${w.due} ${l.dueDate}  ${l.daysOverdue > 0 ? `${l.daysOverdue} ${w.daysOverdue}` : w.notYetDue}  ${m(l.chased, l.currency)}${l.level !== null ? `  (${w.level} ${l.level})` : ''}${l.interest ? `  ${w.interest} ${m(l.interest, l.currency)}` : ''}`)
    .join('\n')
  const cur = d.currency
  const total = d.totals.map((t) => m(t.chased, t.currency)).join(' + ')
  const interest = d.totals.reduce((s, t) => s + (t.currency === cur ? t.interest : 0), 0)
  const comp = d.lines.filter((l) => l.currency === cur).reduce((s, l) => s + l.compensationNew, 0)
  const main = d.totals.find((t) => t.currency === cur)?.chased ?? 0
  const values: Record<Placeholder, string> = {
    debtorName: c.debtorName,
    level: String(d.level),
    asOf: c.asOf,
    items,
    total,
    fee: m(d.fee, cur),
    interest: m(interest, cur),
    compensation: m(comp, cur),
    grandTotal: m(main + d.fee + interest + comp, cur),
    factorName: c.factorName,
    factorIban: c.factorIban,
    references: d.lines.map((l) => l.number).join(', '),
    oldestDueDate: d.lines[0]?.dueDate ?? ''
  }
  return { subject: renderTemplate(t.subject, values), body: renderTemplate(t.body, values) }
}
