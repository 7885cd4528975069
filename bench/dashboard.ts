/**
 * Dashboard at 1,000,000 invoices (or --invoices N): the whole dashboard.summary (open balance, aging,
 * 12 months of count-back DSO), and each of its queries, beside a raw full scan of the invoice table
 * measured in the same run: the floor for any figure that must look at every invoice.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLedger, type Ledger } from '../src/main/db/open'
import * as repo from '../src/main/db/repos/dashboard-repo'
import { seedDemo } from '../src/main/demo/seed'
import { createDashboardService } from '../src/main/services/dashboard-service'
import { addDays, fixedClock } from '../src/shared/dates'
import type { BenchRow } from './types'

const TODAY = '2026-11-23'

function timeMs(fn: () => unknown, runs = 5): number {
  fn()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    t.push(performance.now() - t0)
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]
}

export async function benchDashboard(opts: { invoices?: number } = {}): Promise<BenchRow[]> {
  const n = opts.invoices ?? 1_000_000
  const dir = mkdtempSync(join(tmpdir(), 'fd-bench-dash-'))
  let ledger: Ledger | undefined
  try {
    ledger = openLedger(join(dir, 'ledger.db'))
    seedDemo(ledger, { seed: 1, invoices: n, today: TODAY })
    const l = ledger
    const scan = timeMs(() => l.sqlite.prepare('select sum(face), sum(open_amount) from invoice').get())
    const svc = createDashboardService({ ledger: l, clock: fixedClock(TODAY), emit: () => {} })
    const edges = { d30: addDays(TODAY, -30), d60: addDays(TODAY, -60), d90: addDays(TODAY, -90), d120: addDays(TODAY, -120) }
    const size = n.toLocaleString('en-US')
    const base = { baseline: scan, baselineName: 'raw full scan of invoice' }
    const summary = timeMs(() => svc.summary({}))
    const t0 = performance.now()
    svc.dso({})
    const dsoCold = performance.now() - t0
    const dsoWarm = timeMs(() => svc.dso({}))
    return [
      { name: `dashboard.summary (open + aging) at ${size} invoices`, value: summary, unit: 'ms', ...base, target: '< 200', pass: summary < 200 },
      { name: 'dashboard.dso, first call (12 months count-back)', value: dsoCold, unit: 'ms', ...base },
      { name: 'dashboard.dso, nothing posted since', value: dsoWarm, unit: 'ms', target: '< 5', pass: dsoWarm < 5 },
      { name: 'open balance + aging (GROUP BY currency)', value: timeMs(() => repo.openAging(l, TODAY, edges)), unit: 'ms', ...base },
      { name: 'sales by month, 36 months', value: timeMs(() => repo.salesByMonth(l, '2023-12-01', TODAY)), unit: 'ms', ...base },
      { name: 'receivable spans, 12 months', value: timeMs(() => repo.receivableSpans(l, '2025-12-01', TODAY)), unit: 'ms', ...base }
    ]
  } finally {
    ledger?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
