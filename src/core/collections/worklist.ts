import { toMajorString } from '../../shared/money'
import type { RiskClass } from './plans'

/** What the score of one debtor is made of; every input is a stored summary figure, not a scan. */
export interface ScoreInput {
  currency: string
  overdueAmount: number
  oldestDaysOverdue: number
  riskClass: RiskClass
  brokenPromises: number
  /** Open exposure over the credit limit, basis points; null when the debtor has no limit. */
  limitUsageBp: number | null
  /** Days since the last logged contact; null when never contacted. */
  daysSinceContact: number | null
  activePromiseUntil: string | null
  disputedAmount: number
}

export interface ScoreReason {
  points: number
  text: string
}

export interface Score {
  /** Tenths of a point, so it sorts as an integer in an index. */
  score: number
  reasons: ScoreReason[]
}

const RISK_POINTS: Record<RiskClass, number> = { low: 0, standard: 10, high: 30 }

/**
 * The collection priority: bigger, older, riskier debts first; broken promises and an exhausted limit
 * push a debtor up, a recent call or a live promise pushes it down. Each part becomes a reason in words.
 */
export function scoreDebtor(s: ScoreInput): Score {
  const r: ScoreReason[] = []
  const amt = `${toMajorString(s.overdueAmount, s.currency)} ${s.currency}`
  const major = s.overdueAmount / 100
  r.push({ points: round1(20 * Math.log10(major + 1)), text: `${amt} overdue` })
  const days = Math.min(s.oldestDaysOverdue, 180)
  r.push({ points: round1(days * 0.5), text: `oldest item ${s.oldestDaysOverdue} days overdue` })
  if (RISK_POINTS[s.riskClass]) r.push({ points: RISK_POINTS[s.riskClass], text: `${s.riskClass}-risk debtor` })
  if (s.brokenPromises > 0) r.push({ points: Math.min(3, s.brokenPromises) * 25, text: `${s.brokenPromises} broken promise${s.brokenPromises > 1 ? 's' : ''} to pay` })
  if (s.limitUsageBp !== null && s.limitUsageBp > 9000) r.push({ points: s.limitUsageBp > 10_000 ? 30 : 20, text: `credit limit ${Math.round(s.limitUsageBp / 100)} % used` })
  if (s.daysSinceContact === null) r.push({ points: 15, text: 'never contacted' })
  else if (s.daysSinceContact > 14) r.push({ points: 10, text: `no contact for ${s.daysSinceContact} days` })
  else if (s.daysSinceContact <= 3) r.push({ points: -20, text: s.daysSinceContact === 0 ? 'contacted today' : `contacted ${s.daysSinceContact} day${s.daysSinceContact > 1 ? 's' : ''} ago` })
  if (s.activePromiseUntil) r.push({ points: -40, text: `promised to pay by ${s.activePromiseUntil}` })
  if (s.disputedAmount > 0) r.push({ points: -15, text: `${toMajorString(s.disputedAmount, s.currency)} ${s.currency} in dispute (not chased)` })
  r.sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
  const total = r.reduce((t, x) => t + x.points, 0)
  return { score: Math.round(total * 10), reasons: r }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/** One sentence for the row: the strongest reasons, in the order they weigh. */
export function reasonSentence(reasons: readonly ScoreReason[], max = 3): string {
  const parts = reasons.filter((r) => r.points !== 0).slice(0, max).map((r) => r.text)
  return parts.length ? parts[0][0].toUpperCase() + parts.join(', ').slice(1) : ''
}
