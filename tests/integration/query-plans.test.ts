import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLedger, type Ledger } from '../../src/main/db/open'
import { openAging, rebuildRollups } from '../../src/main/db/repos/dashboard-repo'
import { debtorDetail } from '../../src/main/db/repos/debtor-detail-repo'
import { listInvoices } from '../../src/main/db/repos/invoices-repo'
import { seedDemo } from '../../src/main/demo/seed'
import { createDashboardService, type DashboardService } from '../../src/main/services/dashboard-service'
import { fixedClock } from '../../src/shared/dates'
import { capture as captureSql, queryPlan, type Captured } from '../support/sql-capture'

/**
 * The screens' queries must walk indexes, not the invoice table: at a million invoices a full scan is a
 * second, an index walk milliseconds. Plans are read from the real repo functions, on a ledger without
 * ANALYZE statistics (as a ledger grown through the app is), so the plans hold without them.
 */
const TODAY = '2026-11-23'
const SORTS = ['number', 'issueDate', 'dueDate', 'face', 'openAmount', 'status']

const capture = (ledger: Ledger, fn: () => unknown): Captured[] => captureSql(ledger.sqlite, fn)
const plan = (ledger: Ledger, c: Captured): string[] => queryPlan(ledger.sqlite, c)

/** A line that reads a whole table row by row: "SCAN i", "SCAN invoice", "SCAN l" without an index. */
const fullScan = (line: string, alias: string) => new RegExp(`^SCAN ${alias}( |$)(?!USING)`).test(line)

describe('query plans of the screens', () => {
  let ledger: Ledger
  beforeAll(() => {
    ledger = openLedger(':memory:')
    seedDemo(ledger, { seed: 3, invoices: 3000, today: TODAY })
  })
  afterAll(() => ledger.close())

  for (const sortBy of SORTS) {
    for (const sortDir of ['asc', 'desc'] as const) {
      it(`invoice list sorted by ${sortBy} ${sortDir} walks an index in sort order, first and deep pages`, () => {
        for (const offset of [0, 2000]) {
          const stmts = capture(ledger, () => listInvoices(ledger, { offset, limit: 100, sortBy, sortDir }))
          const page = stmts.find((s) => /order by/i.test(s.sql) && /limit \? offset \?/i.test(s.sql))!
          const p = plan(ledger, page)
          expect(p.join('\n'), page.sql).toMatch(/^SCAN i USING (COVERING )?INDEX invoice_\w+/m)
          expect(p.join('\n')).not.toMatch(/TEMP B-TREE/)
          for (const s of stmts) for (const line of plan(ledger, s)) expect(fullScan(line, 'i') || fullScan(line, 'invoice'), `${s.sql}\n${line}`).toBe(false)
        }
      })
    }
  }

  it('invoice list filtered by debtor or status seeks the index for it', () => {
    const byDebtor = capture(ledger, () => listInvoices(ledger, { offset: 0, limit: 50, sortBy: 'dueDate', sortDir: 'asc', debtorId: 5 }))
    expect(plan(ledger, byDebtor[0]).join('\n')).toMatch(/SEARCH i USING (COVERING )?INDEX invoice_debtor_idx/)
    const byStatus = capture(ledger, () => listInvoices(ledger, { offset: 0, limit: 50, sortBy: 'dueDate', sortDir: 'asc', status: ['disputed'] }))
    expect(plan(ledger, byStatus[0]).join('\n')).toMatch(/SEARCH i USING (COVERING )?INDEX invoice_status_due_idx/)
  })

  it('debtor detail reads every part through an index seek on the debtor', () => {
    const id = ledger.sqlite.prepare('select debtor_id from invoice group by debtor_id order by count(*) desc limit 1').pluck().get() as number
    const stmts = capture(ledger, () => expect(debtorDetail(ledger, id, TODAY)).not.toBeNull())
    expect(stmts.length).toBeGreaterThanOrEqual(5)
    for (const s of stmts) {
      const p = plan(ledger, s)
      for (const line of p) {
        for (const alias of ['i', 'invoice', 'l', 'journal_line', 'e', 'cd', 'client_debtor', 'debtor_iban']) expect(fullScan(line, alias), `${s.sql}\n${line}`).toBe(false)
        // Summing a client's share must not walk all of that client's invoices.
        expect(line, s.sql).not.toMatch(/invoice_client_number_uq/)
      }
    }
    const onInvoices = stmts.filter((s) => /from invoice i/.test(s.sql) || /from invoice where/.test(s.sql))
    expect(onInvoices.length).toBeGreaterThanOrEqual(3)
    for (const s of onInvoices) expect(plan(ledger, s).join('\n'), s.sql).toMatch(/USING (COVERING )?INDEX invoice_debtor_idx/)
  })

  it('aging reads the open-items rollup, and overdue lists seek an index on status, never scan invoice', () => {
    const stmts = capture(ledger, () => openAging(ledger, TODAY, { d30: '2026-10-24', d60: '2026-09-24', d90: '2026-08-25', d120: '2026-07-26' }))
    for (const line of plan(ledger, stmts[0])) expect(line).not.toMatch(/\binvoice\b(?!_)/)
    const overdue = { sql: "select id, open_amount from invoice where status in ('funded','partly_paid','disputed') and due_date < ? order by status, due_date limit 200", args: [TODAY] }
    expect(plan(ledger, overdue).join('\n')).toMatch(/SEARCH invoice USING (COVERING )?INDEX \w+ \(status=\?/)
  })
})

describe('query plans of the dashboard', () => {
  let ledger: Ledger
  beforeAll(() => {
    ledger = openLedger(':memory:')
    seedDemo(ledger, { seed: 5, invoices: 3000, today: TODAY })
  })
  afterAll(() => ledger.close())

  const run = (fn: (s: DashboardService) => unknown) => capture(ledger, () => fn(createDashboardService({ ledger, clock: fixedClock(TODAY), emit: () => {} })))

  it('summary reads the open balance and aging from the open_item_day rollup, never from the invoice table', () => {
    for (const currency of [undefined, 'EUR']) {
      const stmts = run((s) => s.summary({ currency }))
      expect(stmts.filter((s) => /from invoice\b/i.test(s.sql))).toHaveLength(0)
      const aging = stmts.filter((s) => /from open_item_day/i.test(s.sql))
      expect(aging).toHaveLength(1)
      expect(plan(ledger, aging[0]).join('\n')).not.toMatch(/\binvoice\b(?!_)/)
    }
  })

  it('summary and DSO never read the invoice table for sales or receivables: they read the receivable_day rollup by its key', () => {
    const stmts = [...run((s) => s.summary({})), ...run((s) => s.dso({})), ...run((s) => s.dso({ currency: 'SEK', asOf: '2026-06-30' }))]
    const rollup = stmts.filter((s) => /from receivable_day/i.test(s.sql))
    expect(rollup.length).toBeGreaterThanOrEqual(4)
    for (const s of stmts.filter((x) => !/from invoice\b/i.test(x.sql))) {
      for (const line of plan(ledger, s)) expect(line, s.sql).not.toMatch(/\binvoice\b(?!_)/)
    }
    const withCurrency = rollup.find((s) => /currency = @currency/.test(s.sql))!
    expect(plan(ledger, withCurrency).join('\n')).toMatch(/SEARCH receivable_day USING (PRIMARY KEY|(COVERING )?INDEX sqlite_autoindex_receivable_day_1) \(currency=\?/)
  })

  it('the rollup kept by the triggers equals one recomputed from the invoices', () => {
    // Seeded below the bulk threshold, so every invoice went through the triggers; then change a few.
    ledger.sqlite.prepare("update invoice set status = 'paid', open_amount = 0, closed_date = '2026-11-20' where id in (select id from invoice where status = 'funded' limit 5)").run()
    ledger.sqlite.prepare("update invoice set open_amount = open_amount - 1 where id in (select id from invoice where status = 'partly_paid' and open_amount > 1 limit 5)").run()
    const kept = readRollups(ledger)
    expect(kept.days.length).toBeGreaterThan(100)
    expect(kept.open.length).toBeGreaterThan(10)
    rebuildRollups(ledger)
    expect(readRollups(ledger)).toEqual(kept)
  })
})

describe('journal sub-ledger query plans', () => {
  it('reads a client reserve balance through the partial client index, not a scan of every line', async () => {
    const { openLedger } = await import('../../src/main/db/open')
    const l = openLedger(':memory:')
    const plan = (sql: string) => (l.sqlite.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan("select coalesce(sum(amount), 0) from journal_line where account = 'clientReserve' and currency = 'EUR' and client_id = 1 and account <> 'receivables'")).toMatch(/USING INDEX journal_line_client_idx/)
    l.close()
  })
})

/** Both rollups, without the rows whose counts have all gone back to zero (the triggers leave those behind). */
function readRollups(ledger: Ledger) {
  const q = ledger.sqlite
  return {
    days: q.prepare('select currency, day, sales, ar_in, ar_out from receivable_day where sales <> 0 or ar_in <> 0 or ar_out <> 0 order by currency, day').all(),
    open: q.prepare('select status, currency, due_date, issue_date, count, amount from open_item_day where count <> 0 or amount <> 0 order by 1, 2, 3, 4').all()
  }
}

describe('rollup triggers on every kind of invoice change', () => {
  it('keep the rollup equal to a recomputation through part payments, closings, reopenings and corrections', () => {
    const ledger = openLedger(':memory:')
    seedDemo(ledger, { seed: 9, invoices: 1500, today: TODAY })
    const q = ledger.sqlite
    q.prepare("update invoice set open_amount = open_amount - 100, status = 'partly_paid' where id in (select id from invoice where status = 'funded' and open_amount > 100 limit 20)").run()
    q.prepare("update invoice set open_amount = 0, status = 'paid', closed_date = '2026-11-21' where id in (select id from invoice where status = 'partly_paid' limit 10)").run()
    q.prepare("update invoice set open_amount = face, status = 'funded', closed_date = null where id in (select id from invoice where status = 'paid' limit 10)").run()
    q.prepare("update invoice set issue_date = date(issue_date, '-1 day') where id in (select id from invoice where status = 'funded' limit 5)").run()
    q.prepare("update invoice set status = 'rejected' where id in (select id from invoice where status = 'submitted' limit 3)").run()
    q.prepare("update invoice set open_amount = open_amount where id in (select id from invoice limit 50)").run()
    q.prepare("update invoice set status = 'disputed' where id in (select id from invoice where status = 'partly_paid' limit 4)").run()
    q.prepare("update invoice set due_date = date(due_date, '+7 day') where id in (select id from invoice where status = 'funded' limit 6)").run()
    q.prepare("update invoice set currency = 'SEK' where id in (select id from invoice where status = 'funded' and currency = 'EUR' limit 2)").run()
    q.prepare("delete from invoice where id in (select id from invoice where status = 'funded' and id not in (select invoice_id from journal_line where invoice_id is not null) and id not in (select invoice_id from bank_allocation) limit 3)").run()
    const kept = readRollups(ledger)
    rebuildRollups(ledger)
    expect(readRollups(ledger)).toEqual(kept)
    ledger.close()
  })
})
