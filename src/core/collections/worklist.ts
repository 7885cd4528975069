import type { ScoreReasonRow } from '../../shared/contract/collections'
import { fillReason, plainReasonFormat, type ReasonArg } from '../../shared/reason-text'
import type { RiskClass } from './plans'

/** Overdue in one currency, minor units. */
export interface CurrencyAmount {
  currency: string
  amount: number
}

/**
 * Rates for ranking only (never for booking): how many units of the base currency one unit of another is
 * worth. A currency without a rate is scored on its own amount and the larger score counts.
 */
export interface RankingRates {
  base: string
  rates: Record<string, number>
}

export const NO_RATES: RankingRates = { base: 'EUR', rates: {} }

/** What the score of one debtor is made of; every input is a stored summary figure, not a scan. */
export interface ScoreInput {
  /** Overdue per currency; a single-currency debtor has one entry. */
  overdue: readonly CurrencyAmount[]
  fx?: RankingRates
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

/** One reason behind a score; the renderer shows it as is, so it is declared once in the contract. */
export type ScoreReason = ScoreReasonRow

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
  const owed = overdueInBase(s.overdue, s.fx ?? NO_RATES)
  const money = (amount: number, currency: string): ReasonArg => ({ money: { amount, currency } })
  const overdueArgs = owed.list.map((o) => money(o.amount, o.currency))
  const approx = owed.list.length > 1 && owed.converted
  const overdueTemplate = `${overdueArgs.map((_, i) => `{${i}}`).join(' + ')} overdue${approx ? ` (≈ {${overdueArgs.length}})` : ''}`
  r.push(reason(round1(20 * Math.log10(owed.scoredMajor + 1)), overdueTemplate, approx ? [...overdueArgs, money(owed.base, owed.baseCurrency)] : overdueArgs))
  const days = Math.min(s.oldestDaysOverdue, 180)
  r.push({ points: round1(days * 0.5), text: `oldest item ${s.oldestDaysOverdue} days overdue` })
  if (RISK_POINTS[s.riskClass]) r.push({ points: RISK_POINTS[s.riskClass], text: `${s.riskClass}-risk debtor` })
  if (s.brokenPromises > 0) r.push({ points: Math.min(3, s.brokenPromises) * 25, text: `${s.brokenPromises} broken promise${s.brokenPromises > 1 ? 's' : ''} to pay` })
  if (s.limitUsageBp !== null && s.limitUsageBp > 9000) r.push({ points: s.limitUsageBp > 10_000 ? 30 : 20, text: `credit limit ${Math.round(s.limitUsageBp / 100)} % used` })
  if (s.daysSinceContact === null) r.push({ points: 15, text: 'never contacted' })
  else if (s.daysSinceContact > 14) r.push({ points: 10, text: `no contact for ${s.daysSinceContact} days` })
  else if (s.daysSinceContact <= 3) r.push({ points: -20, text: s.daysSinceContact === 0 ? 'contacted today' : `contacted ${s.daysSinceContact} day${s.daysSinceContact > 1 ? 's' : ''} ago` })
  if (s.activePromiseUntil) r.push(reason(-40, 'promised to pay by {0}', [{ date: s.activePromiseUntil }]))
  const main = owed.list[0]?.currency ?? owed.baseCurrency
  if (s.disputedAmount > 0) r.push(reason(-15, '{0} in dispute (not chased)', [money(s.disputedAmount, main)]))
  r.sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
  const total = r.reduce((t, x) => t + x.points, 0)
  return { score: Math.round(total * 10), reasons: r }
}

export interface OverdueInBase {
  /** Currencies by weight, largest first (converted value; unconverted ones by their own amount). */
  list: (CurrencyAmount & { weight: number; converted: boolean })[]
  baseCurrency: string
  /** Sum of the converted currencies, minor units of the base currency, rounded. */
  base: number
  converted: boolean
  /** Major units the amount score is taken from: the converted sum, or a larger unconverted currency. */
  scoredMajor: number
}

/** Adds overdue amounts across currencies in the base currency, for ranking; see RankingRates. */
export function overdueInBase(overdue: readonly CurrencyAmount[], fx: RankingRates): OverdueInBase {
  const rate = (c: string) => (c === fx.base ? 1 : fx.rates[c])
  const list = overdue
    .filter((o) => o.amount > 0)
    .map((o) => {
      const k = rate(o.currency)
      return { ...o, converted: k !== undefined, weight: k !== undefined ? o.amount * k : o.amount }
    })
    .sort((a, b) => b.weight - a.weight || (a.currency < b.currency ? -1 : 1))
  const conv = list.filter((o) => o.converted)
  const base = Math.round(conv.reduce((t, o) => t + o.weight, 0))
  const loose = list.filter((o) => !o.converted).map((o) => o.amount)
  return { list, baseCurrency: fx.base, base, converted: conv.length > 0, scoredMajor: Math.max(base, ...loose) / 100 }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/** A reason whose amounts and dates stay values, so the screen can show them in the reader's locale. */
function reason(points: number, template: string, args: ReasonArg[]): ScoreReason {
  return { points, text: fillReason(template, args, plainReasonFormat), template, args }
}

export { reasonSentence } from '../../shared/reason-text'
