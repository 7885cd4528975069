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

export interface DashboardSummary {
  asOf: string
  openBalance: { currency: string; amount: number; count: number; overdue: number }[]
  aging: { currency: string; buckets: Record<AgingBucket, number> }[]
}

export interface DsoSeries {
  asOf: string
  /** Per currency, the last 12 months ending with asOf's month, oldest first. */
  dso: { currency: string; points: DsoPoint[] }[]
}

export const dashboardContract = {
  'dashboard.summary': method(z.object({ asOf: localDate.optional(), currency: currency.optional() })).returns<DashboardSummary>(),
  /** Separate from the summary: it reads every purchased invoice of three years, so the tiles need not wait for it. */
  'dashboard.dso': method(z.object({ asOf: localDate.optional(), currency: currency.optional() })).returns<DsoSeries>()
}
