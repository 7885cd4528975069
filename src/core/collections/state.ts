import { addDays, diffDays, type LocalDate } from '../../shared/dates'

export type PromiseStatus = 'active' | 'kept' | 'broken'

/**
 * A promise is kept once the debtor's open balance fell by the promised amount since it was made;
 * it breaks when its date plus the grace days passed without that.
 */
export function evaluatePromise(p: { promisedDate: LocalDate; amount: number; baselineOpen: number }, currentOpen: number, asOf: LocalDate, graceDays: number): PromiseStatus {
  if (p.baselineOpen - currentOpen >= p.amount) return 'kept'
  return asOf > addDays(p.promisedDate, graceDays) ? 'broken' : 'active'
}

export interface Instalment {
  dueDate: LocalDate
  amount: number
}

export type InstalmentState = 'paid' | 'open' | 'overdue' | 'missed'

export interface InstalmentPlanStatus {
  status: 'active' | 'completed' | 'broken'
  paid: number
  instalments: (Instalment & { state: InstalmentState; daysOverdue: number })[]
  /** The first missed instalment, when the plan broke. */
  brokenBy: LocalDate | null
}

/**
 * Payments fill instalments in date order. An unpaid instalment past its date is overdue (followed like
 * an invoice) and, past the grace days, missed: the plan breaks and the whole balance falls due again.
 */
export function evaluateInstalments(instalments: readonly Instalment[], baselineOpen: number, currentOpen: number, asOf: LocalDate, graceDays: number): InstalmentPlanStatus {
  const paid = Math.max(0, baselineOpen - currentOpen)
  let left = paid
  let brokenBy: LocalDate | null = null
  const sorted = [...instalments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))
  const out = sorted.map((i) => {
    const covered = Math.min(left, i.amount)
    left -= covered
    const daysOverdue = Math.max(0, diffDays(i.dueDate, asOf))
    let state: InstalmentState = 'open'
    if (covered >= i.amount) state = 'paid'
    else if (daysOverdue > graceDays) state = 'missed'
    else if (daysOverdue > 0) state = 'overdue'
    if (state === 'missed' && !brokenBy) brokenBy = i.dueDate
    return { ...i, state, daysOverdue: state === 'paid' ? 0 : daysOverdue }
  })
  const status = out.every((i) => i.state === 'paid') ? 'completed' : brokenBy ? 'broken' : 'active'
  return { status, paid, instalments: out, brokenBy }
}

export interface HandoverRule {
  minDaysOverdue: number
  /** Days since the final reminder went out. */
  finalReminderDaysAgo: number
}

/** Whether a debtor should be proposed for a collection agency, and why (or why not). */
export function handoverCheck(d: { oldestDaysOverdue: number; finalSentDate: LocalDate | null; activePromise: boolean; openDispute: boolean }, rule: HandoverRule, asOf: LocalDate): { propose: boolean; reason: string } {
  if (d.oldestDaysOverdue < rule.minDaysOverdue) return { propose: false, reason: `oldest item ${d.oldestDaysOverdue} of ${rule.minDaysOverdue} days overdue` }
  if (!d.finalSentDate) return { propose: false, reason: 'final reminder not sent yet' }
  const since = diffDays(d.finalSentDate, asOf)
  if (since < rule.finalReminderDaysAgo) return { propose: false, reason: `final reminder sent ${since} of ${rule.finalReminderDaysAgo} days ago` }
  if (d.activePromise) return { propose: false, reason: 'active promise to pay' }
  if (d.openDispute) return { propose: false, reason: 'open dispute' }
  return { propose: true, reason: `${d.oldestDaysOverdue} days overdue, final reminder sent ${since} days ago, no promise or dispute` }
}

/** The day the factor may charge an unpaid invoice back to its client: due date plus the agreement's recourse days. */
export function recourseDate(dueDate: LocalDate, recourseDays: number): LocalDate {
  return addDays(dueDate, recourseDays)
}
