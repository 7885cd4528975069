import { atRiskPercent, ceiPercent, countBackDso } from '../../core/dso'
import { CEI_DAYS, type AgingBucket, type CurrencyKpis, type DashboardSummary, type DsoPoint, type DsoSeries } from '../../shared/contract'
import { addDays, addMonths, diffDays, endOfMonth, startOfMonth } from '../../shared/dates'
import * as repo from '../db/repos/dashboard-repo'
import type { ServiceContext } from './context'

const MONTHS = 12
/** How far before the chart's first month count-back may reach for sales. */
const LOOKBACK = 12

function monthList(asOf: string, n: number): string[] {
  const first = addMonths(startOfMonth(asOf), -(n - 1))
  return Array.from({ length: n }, (_, i) => addMonths(first, i).slice(0, 7))
}

/** Days a month contributes: the whole month, or up to asOf for the running month. */
function monthDays(month: string, asOf: string): number {
  const start = `${month}-01`
  const end = endOfMonth(start) < asOf ? endOfMonth(start) : asOf
  return diffDays(start, end) + 1
}

/** Adds the per-status rows of one currency together. */
function byCurrency(rows: repo.OpenAgingRow[]): repo.OpenAgingRow[] {
  const out = new Map<string, repo.OpenAgingRow>()
  for (const { status: _s, ...r } of rows) {
    const acc = out.get(r.currency)
    if (!acc) out.set(r.currency, { ...r })
    else for (const k of ['count', 'amount', 'notDue', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over120'] as const) acc[k] += r[k]
  }
  return [...out.values()].sort((a, b) => a.currency.localeCompare(b.currency))
}

export function createDashboardService(ctx: ServiceContext) {
  return {
    summary(input: { asOf?: string; currency?: string }): DashboardSummary {
      const asOf = input.asOf ?? ctx.clock.today()
      const edges = { d30: addDays(asOf, -30), d60: addDays(asOf, -60), d90: addDays(asOf, -90), d120: addDays(asOf, -120) }
      const open = byCurrency(repo.openAging(ctx.ledger, asOf, edges, input.currency))
      const begin = addDays(asOf, -CEI_DAYS)
      const period = repo.periodReceivables(ctx.ledger, begin, asOf, input.currency)
      const kpis: CurrencyKpis[] = period.map((p) => {
        const o = open.find((r) => r.currency === p.currency)
        // Current (not yet due) AR can only come from the open items; never more than the period-end AR.
        const endCurrentAr = Math.min(o?.notDue ?? 0, p.endAr)
        const ceiInputs = { from: addDays(begin, 1), to: asOf, beginAr: p.beginAr, sales: p.sales, endAr: p.endAr, endCurrentAr }
        return { currency: p.currency, cei: ceiPercent(ceiInputs), ceiInputs, atRisk: o ? atRiskPercent(o.amount, o.d91_120 + o.over120) : null }
      })
      return {
        asOf,
        currencies: repo.receivableCurrencies(ctx.ledger),
        openBalance: open.map((r) => ({ currency: r.currency, amount: r.amount, count: r.count, overdue: r.amount - r.notDue })),
        aging: open.map((r) => ({
          currency: r.currency,
          buckets: { notDue: r.notDue, d1_30: r.d1_30, d31_60: r.d31_60, d61_90: r.d61_90, d91_120: r.d91_120, over120: r.over120 } satisfies Record<AgingBucket, number>
        })),
        kpis
      }
    },

    /** Reads the receivable_day rollup (a few hundred rows), so there is nothing to cache. */
    dso(input: { asOf?: string; currency?: string }): DsoSeries {
      const asOf = input.asOf ?? ctx.clock.today()
      const chart = monthList(asOf, MONTHS)
      const salesMonths = monthList(asOf, MONTHS + LOOKBACK)
      const rows = repo.monthlyReceivables(ctx.ledger, asOf, input.currency)
      const currencies = [...new Set(rows.map((r) => r.currency))]
      const dso = currencies.map((cur) => {
        const mine = rows.filter((r) => r.currency === cur)
        const salesOf = new Map(mine.map((r) => [r.month, r.sales]))
        // AR at a month end = every change up to and including that month.
        const arAt = (month: string) => mine.reduce((sum, r) => (r.month <= month ? sum + r.arChange : sum), 0)
        const points: DsoPoint[] = chart.map((month) => {
          const arEnd = arAt(month)
          const back = salesMonths.filter((m) => m <= month).reverse().map((m) => ({ sales: salesOf.get(m) ?? 0, days: monthDays(m, asOf) }))
          return { month, arEnd, sales: salesOf.get(month) ?? 0, dso: countBackDso(arEnd, back) }
        })
        return { currency: cur, points }
      })
      return { asOf, dso }
    }
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
