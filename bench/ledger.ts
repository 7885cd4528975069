/**
 * Ledger benchmark at 1,000,000 invoices (or --invoices N): seeding speed, ledger size, the invoice list
 * (first and a deep page, sorted by every offered column) and the debtor detail, each beside a raw
 * better-sqlite3 baseline measured in the same run on the same machine.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLedger, type Ledger } from '../src/main/db/open'
import { debtorDetail } from '../src/main/db/repos/debtor-detail-repo'
import { listInvoices } from '../src/main/db/repos/invoices-repo'
import { seedDemo } from '../src/main/demo/seed'
import type { BenchRow } from './types'
import { timed, timeMs } from './util'

const TODAY = '2026-11-23'
const SORTS = ['number', 'issueDate', 'dueDate', 'face', 'openAmount', 'status'] as const

function fileMb(path: string): number {
  const size = (p: string) => {
    try {
      return statSync(p).size
    } catch {
      return 0
    }
  }
  return (size(path) + size(`${path}-wal`)) / 1_048_576
}

/** Where the bytes are: the big tables and their indexes, from SQLite's dbstat (no targets, for reading). */
function sizeBreakdown(ledger: Ledger): BenchRow[] {
  try {
    const parts = ledger.sqlite
      .prepare(
        `select case when m.type = 'table' then 'table ' || s.name else 'indexes of ' || m.tbl_name end as part, sum(s.pgsize) / 1048576.0 as mb
         from dbstat s join sqlite_master m on m.name = s.name where m.tbl_name in ('invoice', 'journal_line', 'journal_entry', 'financing_request', 'debtor')
         group by part order by mb desc`
      )
      .all() as { part: string; mb: number }[]
    return parts.map((p) => ({ name: `  of which ${p.part}`, value: p.mb, unit: 'MB' }))
  } catch {
    return [] // dbstat is a compile-time option of SQLite
  }
}

/** The floor: the same number of bare rows through one prepared statement in one transaction. */
function rawInsert(dir: string, n: number): { perSec: number; perCpuSec: number; mb: number } {
  const path = join(dir, 'raw.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('create table t (id integer primary key, a integer not null, b text not null, c integer not null)')
  const ins = db.prepare('insert into t (id, a, b, c) values (?, ?, ?, ?)')
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  db.transaction(() => {
    for (let i = 1; i <= n; i++) ins.run(i, i % 300, 'INV-' + i, i * 7)
  })()
  const cpu = process.cpuUsage(cpu0)
  const perSec = n / ((performance.now() - t0) / 1000)
  const perCpuSec = n / ((cpu.user + cpu.system) / 1e6)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { perSec, perCpuSec, mb: fileMb(path) }
}

export async function benchLedger(opts: { invoices?: number } = {}): Promise<BenchRow[]> {
  const n = opts.invoices ?? 1_000_000
  const dir = mkdtempSync(join(tmpdir(), 'fd-bench-'))
  const rows: BenchRow[] = []
  let ledger: Ledger | undefined
  try {
    const raw = rawInsert(dir, n)
    const path = join(dir, 'ledger.db')
    ledger = openLedger(path)
    const cpu0 = process.cpuUsage()
    const seeded = seedDemo(ledger, { seed: 1, invoices: n, today: TODAY })
    const cpu = process.cpuUsage(cpu0)
    const cpuS = (cpu.user + cpu.system) / 1e6
    const perSec = n / (seeded.ms / 1000)
    rows.push({ name: `seed ${n.toLocaleString('en-US')} invoices + ${seeded.journalLines.toLocaleString('en-US')} journal lines`, value: perSec, unit: 'invoices/s', baseline: raw.perSec, baselineName: 'raw insert, bare rows/s', target: '>= 50,000', pass: perSec >= 50_000 })
    // On a shared machine wall time includes waiting for a core; CPU time shows what the load itself costs.
    rows.push({ name: 'seed, per CPU second (this process)', value: n / cpuS, unit: 'invoices/s', baseline: raw.perCpuSec, baselineName: 'raw insert, bare rows/CPU s' })
    rows.push({ name: 'seed wall time', value: seeded.ms / 1000, unit: 's', target: n >= 1_000_000 ? '< 20' : undefined, pass: n >= 1_000_000 ? seeded.ms < 20_000 : undefined })
    ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const mb = fileMb(path)
    rows.push({ name: 'ledger file size', value: mb, unit: 'MB', baseline: raw.mb, baselineName: 'bare rows file MB', target: '< 250', pass: mb < 250 })
    rows.push(...sizeBreakdown(ledger))

    const l = ledger
    const deep = Math.floor(n / 2)
    const rawFirst = timeMs(() => l.sqlite.prepare('select id from invoice order by id limit 100').pluck().all())
    const rawDeep = timeMs(() => l.sqlite.prepare('select id from invoice order by id limit 100 offset ?').pluck().all(deep))
    let worstCpu = { ms: 0, what: '' }
    for (const sortBy of SORTS) {
      for (const [label, offset, base] of [['first page', 0, rawFirst], [`page at ${deep.toLocaleString('en-US')}`, deep, rawDeep]] as const) {
        for (const sortDir of ['asc', 'desc'] as const) {
          const t = timed(() => listInvoices(l, { offset, limit: 100, sortBy, sortDir }))
          const ms = t.wall
          if (t.cpu > worstCpu.ms) worstCpu = { ms: t.cpu, what: `${sortBy} ${sortDir}, ${label}` }
          rows.push({ name: `invoice list by ${sortBy} ${sortDir}, ${label}`, value: ms, unit: 'ms', baseline: base, baselineName: `raw select id order by id${offset ? ' offset' : ''}`, target: '< 50', pass: ms < 50 })
        }
      }
    }
    rows.push({ name: `invoice list, slowest of the above in CPU time (${worstCpu.what})`, value: worstCpu.ms, unit: 'ms CPU', target: '< 50', pass: worstCpu.ms < 50 })
    // The debtor with the most invoices is the worst case for the detail screen; the median one is typical.
    const byCount = l.sqlite.prepare('select debtor_id id, count(*) n from invoice group by debtor_id order by n desc, id').all() as { id: number; n: number }[]
    for (const [label, d] of [['largest', byCount[0]], ['median', byCount[Math.floor(byCount.length / 2)]]] as const) {
      const t = timed(() => debtorDetail(l, d.id, TODAY))
      const base = timed(() => l.sqlite.prepare("select id, open_amount from invoice where debtor_id = ? and status in ('funded','partly_paid','disputed')").all(d.id))
      rows.push({ name: `debtor detail, ${label} debtor (${d.n.toLocaleString('en-US')} invoices)`, value: t.wall, unit: 'ms', baseline: base.wall, baselineName: "raw select debtor's open invoices", target: '< 20', pass: t.wall < 20 })
      rows.push({ name: `debtor detail, ${label} debtor, CPU time`, value: t.cpu, unit: 'ms CPU', baseline: base.cpu, baselineName: 'same raw select, CPU', target: '< 20', pass: t.cpu < 20 })
    }
    return rows
  } finally {
    ledger?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
