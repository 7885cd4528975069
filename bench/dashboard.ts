/**
 * Dashboard at 1,000,000 invoices (or --invoices N): dashboard.summary (open balance, aging, CEI, at-risk)
 * and dashboard.dso (12 months of count-back DSO), each of their queries, beside a raw full scan of the
 * invoice table measured in the same run: the floor for any figure that must look at every invoice.
 * FD_BENCH_DASHBOARD_DB=path reuses an existing ledger (made with `factordesk init --invoices N`) instead of
 * seeding one, and also reports how long its migration to the dashboard rollup took, if it needed one.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLedger, type Ledger } from '../src/main/db/open'
import * as repo from '../src/main/db/repos/dashboard-repo'
import { seedDemo } from '../src/main/demo/seed'
import { createDashboardService } from '../src/main/services/dashboard-service'
import { addDays, fixedClock } from '../src/shared/dates'
import type { BenchRow } from './types'
import { timeMs as medianMs } from './util'

const TODAY = '2026-11-23'

/** Each dashboard figure is the median of five runs after a warm-up. */
const timeMs = (fn: () => unknown): number => medianMs(fn, 5)

/** Size of one table or index in MB, from SQLite's dbstat. */
function sizeMb(l: Ledger, name: string): number {
  const bytes = l.sqlite.prepare('select coalesce(sum(pgsize), 0) from dbstat where name = ?').pluck().get(name) as number
  return Math.round((bytes / 1048576) * 10) / 10
}

export async function benchDashboard(opts: { invoices?: number } = {}): Promise<BenchRow[]> {
  const reuse = process.env.FD_BENCH_DASHBOARD_DB
  const dir = reuse ? undefined : mkdtempSync(join(tmpdir(), 'fd-bench-dash-'))
  let ledger: Ledger | undefined
  try {
    const rows: BenchRow[] = []
    if (reuse) {
      const t0 = performance.now()
      ledger = openLedger(reuse, { create: false })
      rows.push({ name: `open ${reuse} (incl. any pending migration)`, value: performance.now() - t0, unit: 'ms' })
    } else {
      ledger = openLedger(join(dir!, 'ledger.db'))
      seedDemo(ledger, { seed: 1, invoices: opts.invoices ?? 1_000_000, today: TODAY })
    }
    const l = ledger
    const n = l.sqlite.prepare('select count(*) from invoice').pluck().get() as number
    const scan = timeMs(() => l.sqlite.prepare('select sum(face), sum(open_amount) from invoice').get())
    const svc = createDashboardService({ ledger: l, clock: fixedClock(TODAY), emit: () => {} })
    const edges = { d30: addDays(TODAY, -30), d60: addDays(TODAY, -60), d90: addDays(TODAY, -90), d120: addDays(TODAY, -120) }
    const base = { baseline: scan, baselineName: 'raw full scan of invoice' }
    // Cold: the first call after opening, before SQLite has the pages in its cache.
    let t0 = performance.now()
    svc.summary({})
    const summaryCold = performance.now() - t0
    t0 = performance.now()
    svc.dso({})
    const dsoCold = performance.now() - t0
    const summary = timeMs(() => svc.summary({}))
    const dso = timeMs(() => svc.dso({}))
    const file = l.path === ':memory:' ? 0 : statSync(l.path).size / 1048576
    rows.push(
      { name: `dashboard.summary (open, aging, CEI, at-risk) at ${n.toLocaleString('en-US')} invoices, first call`, value: summaryCold, unit: 'ms', ...base, target: '< 150', pass: summaryCold < 150 },
      { name: 'dashboard.summary, again', value: summary, unit: 'ms', ...base, target: '< 150', pass: summary < 150 },
      { name: 'dashboard.dso (12 months count-back), first call', value: dsoCold, unit: 'ms', ...base, target: '< 150', pass: dsoCold < 150 },
      { name: 'dashboard.dso, again', value: dso, unit: 'ms', ...base, target: '< 150', pass: dso < 150 },
      { name: 'open balance + aging (open_item_day rollup)', value: timeMs(() => repo.openAging(l, TODAY, edges)), unit: 'ms', ...base },
      { name: 'monthly receivables from receivable_day', value: timeMs(() => repo.monthlyReceivables(l, TODAY)), unit: 'ms', ...base },
      { name: 'ledger file size', value: Math.round(file * 10) / 10, unit: 'MB' },
      { name: 'of which open_item_day (rows: ' + (l.sqlite.prepare('select count(*) from open_item_day').pluck().get() as number) + ')', value: sizeMb(l, 'open_item_day'), unit: 'MB' },
      { name: 'of which receivable_day (rows: ' + (l.sqlite.prepare('select count(*) from receivable_day').pluck().get() as number) + ')', value: sizeMb(l, 'receivable_day'), unit: 'MB' }
    )
    return rows
  } finally {
    ledger?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}
