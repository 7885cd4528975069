import { z } from 'zod'
import { currency, localDate } from './common'
import { method } from './define'

/** Days-past-due buckets (domain-research 8.8): not due, 1-30, 31-60, 61-90, 91-120, >120. */
export const AGING_BUCKETS = ['notDue', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over120'] as const
export type AgingBucket = (typeof AGING_BUCKETS)[number]

export interface DsoPoint {
  /** 'YYYY-MM' */
  month: string
  /** Receivables open at the end of the month (minor units). */
  arEnd: number
  /** Face purchased in the month: the "credit sales" of the count-back formula. */
  sales: number
  /** Count-back DSO in days, one decimal; null when there were no sales to count back over. */
  dso: number | null
}

/** Days the CEI period spans, ending with asOf. */
export const CEI_DAYS = 90

export interface CurrencyKpis {
  currency: string
  /**
   * Collection effectiveness index over the CEI_DAYS days ending asOf, percent, one decimal:
   * (BeginAR + Sales - EndAR) / (BeginAR + Sales - EndCurrentAR) x 100 (sales not divided by months).
   * Null when nothing was collectable.
   */
  cei: number | null
  /** The figures the CEI was computed from (minor units), for the tooltip. */
  ceiInputs: { from: string; to: string; beginAr: number; sales: number; endAr: number; endCurrentAr: number }
  /** Open AR more than 90 days past due as a percent of open AR, one decimal; null when nothing is open. */
  atRisk: number | null
}

export interface DashboardSummary {
  asOf: string
  /** Every currency with purchased invoices, whatever the filter: the currency picker's choices. */
  currencies: string[]
  openBalance: { currency: string; amount: number; count: number; overdue: number }[]
  aging: { currency: string; buckets: Record<AgingBucket, number> }[]
  kpis: CurrencyKpis[]
}

export interface DsoSeries {
  asOf: string
  /** Per currency, the last 12 months ending with asOf's month, oldest first. */
  dso: { currency: string; points: DsoPoint[] }[]
}

export const dashboardContract = {
  'dashboard.summary': method(z.object({ asOf: localDate.optional(), currency: currency.optional() })).returns<DashboardSummary>(),
  /** Separate from the summary so the tiles and the chart load independently. */
  'dashboard.dso': method(z.object({ asOf: localDate.optional(), currency: currency.optional() })).returns<DsoSeries>()
}
