import { addDays, diffDays, type LocalDate } from '../../shared/dates'

/**
 * Statutory late-payment interest (EU Directive 2011/7/EU): simple interest at a reference rate plus a
 * margin, ACT/365. The reference rate is the one in force on 1 January for January-June and on 1 July
 * for July-December, so the table is keyed by half-year start.
 */
export interface ReferenceRate {
  series: string
  /** First day of the half-year: YYYY-01-01 or YYYY-07-01. */
  from: LocalDate
  rateBp: number
}

/** ECB main refinancing operations rate in force on each 1 January / 1 July (editable in the ledger). */
export const ECB_MRO_RATES: ReferenceRate[] = [
  { series: 'ECB', from: '2022-01-01', rateBp: 0 },
  { series: 'ECB', from: '2022-07-01', rateBp: 0 },
  { series: 'ECB', from: '2023-01-01', rateBp: 250 },
  { series: 'ECB', from: '2023-07-01', rateBp: 400 },
  { series: 'ECB', from: '2024-01-01', rateBp: 450 },
  { series: 'ECB', from: '2024-07-01', rateBp: 425 },
  { series: 'ECB', from: '2025-01-01', rateBp: 315 },
  { series: 'ECB', from: '2025-07-01', rateBp: 215 },
  { series: 'ECB', from: '2026-01-01', rateBp: 215 }
]

/** Points above the reference rate per creditor country: 8 by default, more where national law says so. */
export interface CountryRule {
  series: string
  marginBp: number
}
export const DEFAULT_COUNTRY_RULE: CountryRule = { series: 'ECB', marginBp: 800 }
export const COUNTRY_RULES: Record<string, CountryRule> = {
  // BGB §288(2): Basiszinssatz + 9 points for B2B; the ECB series is used until a DE series is entered.
  DE: { series: 'ECB', marginBp: 900 },
  // C. com. L441-10: ECB rate + 10 points by default.
  FR: { series: 'ECB', marginBp: 1000 }
}

export function halfYearStart(d: LocalDate): LocalDate {
  return `${d.slice(0, 4)}-${+d.slice(5, 7) <= 6 ? '01' : '07'}-01`
}

function nextHalfYear(d: LocalDate): LocalDate {
  const y = +d.slice(0, 4)
  return +d.slice(5, 7) <= 6 ? `${y}-07-01` : `${y + 1}-01-01`
}

export interface RateLookup {
  rateBp: number
  /** The half-year the rate was entered for; differs from the asked half-year when the table has a gap. */
  from: LocalDate
  assumed: boolean
}

/** The reference rate for the half-year containing d; a missing half-year falls back to the latest earlier one and says so. */
export function referenceRateFor(rates: readonly ReferenceRate[], series: string, d: LocalDate): RateLookup {
  const hy = halfYearStart(d)
  let best: ReferenceRate | undefined
  for (const r of rates) if (r.series === series && r.from <= hy && (!best || r.from > best.from)) best = r
  if (!best) throw new RangeError(`no ${series} reference rate on or before ${hy}: enter one in the interest rate table`)
  return { rateBp: best.rateBp, from: best.from, assumed: best.from !== hy }
}

export interface Payment {
  date: LocalDate
  amount: number
}

export interface InterestPeriod {
  from: LocalDate
  to: LocalDate
  days: number
  outstanding: number
  rateBp: number
  /** Interest of this period before rounding the total, in minor units (may be fractional). */
  interest: number
  rateAssumed: boolean
}

export interface InterestResult {
  interest: number
  periods: InterestPeriod[]
  daysLate: number
}

/**
 * Interest from the day after dueDate up to and including asOf. A payment dated P still leaves day P
 * charged on the old balance (paid on day P = P - due days late). Periods split at half-year starts
 * and payment dates; the total is summed exactly and rounded once (half away from zero).
 */
export function statutoryInterest(args: {
  principal: number
  dueDate: LocalDate
  asOf: LocalDate
  payments?: readonly Payment[]
  rates: readonly ReferenceRate[]
  rule: CountryRule
}): InterestResult {
  const { principal, dueDate, asOf, rates, rule } = args
  const daysLate = Math.max(0, diffDays(dueDate, asOf))
  if (daysLate === 0 || principal <= 0) return { interest: 0, periods: [], daysLate }
  // Balance on day d = principal - payments dated before d.
  const pays = [...(args.payments ?? [])].filter((p) => p.amount > 0).sort((a, b) => (a.date < b.date ? -1 : 1))
  const breaks = new Set<LocalDate>()
  for (const p of pays) breaks.add(addDays(p.date, 1))
  const first = addDays(dueDate, 1)
  for (let h = nextHalfYear(first); h <= asOf; h = nextHalfYear(h)) breaks.add(h)
  const cuts = [...breaks].filter((b) => b > first && b <= asOf).sort()
  const starts = [first, ...cuts]
  const periods: InterestPeriod[] = []
  let num = 0n
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]
    const to = i + 1 < starts.length ? addDays(starts[i + 1], -1) : asOf
    const paid = pays.filter((p) => p.date < from).reduce((s, p) => s + p.amount, 0)
    const outstanding = Math.max(0, principal - paid)
    const days = diffDays(from, to) + 1
    if (outstanding === 0 || days <= 0) continue
    const ref = referenceRateFor(rates, rule.series, from)
    const rateBp = Math.max(0, ref.rateBp + rule.marginBp)
    const n = BigInt(outstanding) * BigInt(rateBp) * BigInt(days)
    num += n
    periods.push({ from, to, days, outstanding, rateBp, interest: Number(n) / 3_650_000, rateAssumed: ref.assumed })
  }
  // Round half away from zero over 10_000 bp x 365 days.
  const den = 3_650_000n
  const interest = Number((num * 2n + den) / (den * 2n))
  return { interest, periods, daysLate }
}
