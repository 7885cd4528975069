import { countBackDso } from '../../core/dso'
import type { AgingBucket, DashboardSummary, DsoPoint, DsoSeries } from '../../shared/contract'
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
  // The DSO series reads three years of invoices; it only changes when something is posted or added.
  const dsoCache = new Map<string, DsoSeries>()

  function computeDso(asOf: string, currency?: string): DsoSeries {
    const chart = monthList(asOf, MONTHS)
    const salesMonths = monthList(asOf, MONTHS + LOOKBACK)
    const sales = repo.salesByMonth(ctx.ledger, `${salesMonths[0]}-01`, asOf, currency)
    const spans = repo.receivableSpans(ctx.ledger, `${chart[0]}-01`, asOf, currency)
    const currencies = [...new Set([...sales.map((r) => r.currency), ...spans.map((r) => r.currency)])].sort()
    const dso = currencies.map((cur) => {
      const salesOf = new Map(sales.filter((s) => s.currency === cur).map((s) => [s.month, s.face]))
      const mySpans = spans.filter((s) => s.currency === cur)
      const points: DsoPoint[] = chart.map((month) => {
        // In AR at the month's end: issued in or before the month, closed after it (or still open).
        const arEnd = mySpans.filter((s) => s.issued <= month && s.closed > month).reduce((sum, s) => sum + s.amount, 0)
        const back = salesMonths.filter((m) => m <= month).reverse().map((m) => ({ sales: salesOf.get(m) ?? 0, days: monthDays(m, asOf) }))
        return { month, arEnd, sales: salesOf.get(month) ?? 0, dso: countBackDso(arEnd, back) }
      })
      return { currency: cur, points }
    })
    return { asOf, dso }
  }

  return {
    summary(input: { asOf?: string; currency?: string }): DashboardSummary {
      const asOf = input.asOf ?? ctx.clock.today()
      const edges = { d30: addDays(asOf, -30), d60: addDays(asOf, -60), d90: addDays(asOf, -90), d120: addDays(asOf, -120) }
      const open = byCurrency(repo.openAging(ctx.ledger, asOf, edges, input.currency))
      return {
        asOf,
        openBalance: open.map((r) => ({ currency: r.currency, amount: r.amount, count: r.count, overdue: r.amount - r.notDue })),
        aging: open.map((r) => ({
          currency: r.currency,
          buckets: { notDue: r.notDue, d1_30: r.d1_30, d31_60: r.d31_60, d61_90: r.d61_90, d91_120: r.d91_120, over120: r.over120 } satisfies Record<AgingBucket, number>
        }))
      }
    },

    dso(input: { asOf?: string; currency?: string }): DsoSeries {
      const asOf = input.asOf ?? ctx.clock.today()
      const key = `${asOf}|${input.currency ?? ''}|${repo.ledgerFingerprint(ctx.ledger)}`
      const hit = dsoCache.get(key)
      if (hit) return hit
      const fresh = computeDso(asOf, input.currency)
      if (dsoCache.size > 20) dsoCache.clear()
      dsoCache.set(key, fresh)
      return fresh
    }
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
