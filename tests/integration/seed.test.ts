import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isValidBIC, isValidIBAN } from 'ibantools'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openLedger, type Ledger } from '../../src/main/db/open'
import { debtorDetail } from '../../src/main/db/repos/debtor-detail-repo'
import { checkJournal } from '../../src/main/db/repos/journal-repo'
import { seedDemo } from '../../src/main/demo/seed'
import { runCli } from '../../src/cli/main'
import { agreementSchema } from '../../src/shared/agreement'
import { factorDetailsSchema } from '../../src/shared/contract/admin'
import { addDays } from '../../src/shared/dates'

vi.mock('electron', () => ({}))

const TODAY = '2026-11-23'
const TABLES = ['app_user', 'setting', 'client', 'debtor', 'client_debtor', 'debtor_iban', 'financing_request', 'invoice', 'journal_entry', 'journal_line']

function digest(ledger: Ledger): string {
  const h = createHash('sha256')
  for (const t of TABLES) for (const row of ledger.sqlite.prepare(`select * from ${t} order by 1, 2`).raw().iterate()) h.update(JSON.stringify(row))
  return h.digest('hex')
}

function seeded(seed: number, invoices: number): Ledger {
  const ledger = openLedger(':memory:')
  seedDemo(ledger, { seed, invoices, today: TODAY })
  return ledger
}

describe('demo data generator', () => {
  let demo: Ledger
  beforeAll(() => {
    demo = seeded(1, 6000)
  })
  afterAll(() => demo.close())
  const all = <T>(sql: string, ...args: unknown[]) => demo.sqlite.prepare(sql).all(...args) as T[]
  const one = (sql: string, ...args: unknown[]) => demo.sqlite.prepare(sql).pluck().get(...args) as number

  it('gives the same ledger for the same seed and a different one for another seed', () => {
    const a = seeded(42, 1500)
    const b = seeded(42, 1500)
    const c = seeded(43, 1500)
    expect(digest(a)).toBe(digest(b))
    expect(digest(a)).not.toBe(digest(c))
    for (const l of [a, b, c]) l.close()
  })

  it('makes a small firm: 8 clients, 300 debtors, 6,000 invoices in EUR and SEK over 18 months', () => {
    expect(one('select count(*) from client')).toBe(8)
    expect(one('select count(*) from debtor')).toBe(300)
    expect(one('select count(*) from invoice')).toBe(6000)
    expect(all<{ currency: string }>('select distinct currency from invoice order by 1').map((r) => r.currency)).toEqual(['EUR', 'SEK'])
    expect(one('select min(issue_date) >= ? and max(issue_date) <= ? from invoice', addDays(TODAY, -560), TODAY)).toBe(1)
    expect(one('select max(date) <= ? from journal_entry', TODAY)).toBe(1)
    // Invoice numbers are unique per client, RF references unique overall (the unique indexes would refuse otherwise).
    expect(one('select count(distinct rf_ref) from invoice')).toBe(6000)
  })

  it('posts a balanced journal whose receivables tie to every open invoice', () => {
    const j = checkJournal(demo)
    expect(j.balanced).toBe(true)
    expect(j.lines).toBeGreaterThan(12_000)
    // The sub-ledger check an accountant does: receivables lines per invoice equal its open amount.
    const mismatched = one(
      `select count(*) from invoice i left join (select invoice_id, sum(amount) s from journal_line where account = 'receivables' group by invoice_id) r on r.invoice_id = i.id
       where coalesce(r.s, 0) <> case when i.status in ('funded','partly_paid','disputed') then i.open_amount else 0 end`
    )
    expect(mismatched).toBe(0)
    // Funded invoices were paid out: the funding entries credit the bank by advance less upfront fees.
    expect(one("select count(*) from journal_entry where kind = 'funding'")).toBeGreaterThan(300)
    for (const kind of ['payment', 'fee', 'reserve_release', 'chargeback', 'write_off']) expect(one('select count(*) from journal_entry where kind = ?', kind), kind).toBeGreaterThan(0)
  })

  it('has the mix the screens need: mostly paid history, overdue, partly paid, disputed, losses and open requests', () => {
    const by = Object.fromEntries(all<{ status: string; n: number }>('select status, count(*) n from invoice group by status').map((r) => [r.status, r.n]))
    expect(by.paid / 6000).toBeGreaterThan(0.7)
    for (const s of ['funded', 'partly_paid', 'disputed', 'submitted', 'rejected']) expect(by[s], s).toBeGreaterThan(0)
    expect((by.written_off ?? 0) + (by.recoursed ?? 0)).toBeGreaterThan(0)
    expect(by.disputed / 6000).toBeLessThan(0.03)
    const overdue = one("select count(*) from invoice where status in ('funded','partly_paid') and due_date < ?", TODAY)
    expect(overdue).toBeGreaterThan(30)
    // Old items are settled: almost nothing issued over a year ago is still merely funded.
    expect(one("select count(*) from invoice where status = 'funded' and issue_date < ?", addDays(TODAY, -365))).toBeLessThan(60)
    expect(one("select count(*) from financing_request where status = 'open'")).toBeGreaterThanOrEqual(3)
    expect(one("select count(*) from invoice i join financing_request r on r.id = i.request_id where r.status = 'open' and i.status <> 'submitted'")).toBe(0)
  })

  it('has at least one debtor over its credit limit, seen the way the debtor screen sees it', () => {
    const ids = all<{ id: number }>('select id from debtor order by id').map((r) => r.id)
    const over = ids.filter((id) => debtorDetail(demo, id, TODAY)!.limitUsageBp > 10_000)
    expect(over.length).toBeGreaterThanOrEqual(1)
    expect(over.length).toBeLessThan(30)
  })

  it('fills parties with valid details, agreements of every fee kind, users and the factor', () => {
    const clients = all<{ iban: string; bic: string; agreement: string }>('select iban, bic, agreement from client')
    for (const c of clients) {
      expect(isValidIBAN(c.iban), c.iban).toBe(true)
      expect(isValidBIC(c.bic), c.bic).toBe(true)
    }
    const agreements = clients.map((c) => agreementSchema.parse(JSON.parse(c.agreement)))
    expect(new Set(agreements.map((a) => a.fee.kind))).toEqual(new Set(['flat', 'tiered', 'daily', 'base_margin']))
    expect(new Set(agreements.map((a) => a.currency))).toEqual(new Set(['EUR', 'SEK']))
    const ibans = all<{ iban: string }>('select iban from debtor_iban')
    expect(ibans.length).toBeGreaterThan(50)
    for (const i of ibans) expect(isValidIBAN(i.iban), i.iban).toBe(true)
    expect(one('select count(distinct country) from debtor')).toBeGreaterThanOrEqual(6)
    expect(one("select count(*) from client_debtor where noa_status = 'acknowledged'")).toBeGreaterThan(0)
    expect(all<{ role: string }>('select role from app_user order by id').map((u) => u.role)).toEqual(['admin', 'approver', 'controller', 'accountant'])
    const factor = factorDetailsSchema.parse(JSON.parse(demo.sqlite.prepare("select value from setting where key = 'factor'").pluck().get() as string))
    expect(isValidIBAN(factor.iban)).toBe(true)
  })

  it('refuses to seed a ledger that already has data', () => {
    expect(() => seedDemo(demo, { seed: 1, invoices: 10, today: TODAY })).toThrow(/empty ledger/)
  })
})

describe('factordesk init --demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-seed-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function cli(argv: string[]): Promise<{ code: number; out: string }> {
    let out = ''
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true))
    try {
      return { code: await runCli(argv), out }
    } finally {
      spy.mockRestore()
    }
  }

  it('creates a demo ledger that stats reports as balanced', async () => {
    process.env.FACTORDESK_TODAY = TODAY
    const db = join(dir, 'demo.db')
    const init = await cli(['init', '--db', db, '--demo', '--invoices', '2000', '--json'])
    expect(init.code).toBe(0)
    expect(JSON.parse(init.out).seeded.invoices).toBe(2000)
    const stats = await cli(['stats', '--db', db, '--json'])
    expect(stats.code).toBe(0)
    const s = JSON.parse(stats.out)
    expect(s.invoices).toBe(2000)
    expect(s.journal.balanced).toBe(true)
    expect(s.openBalance.map((o: { currency: string }) => o.currency)).toEqual(['EUR', 'SEK'])
    const again = await cli(['init', '--db', db, '--demo', '--json'])
    expect(again.code).toBe(1)
  })
})

describe('demo RF references', () => {
  it('agree with the service rule for every id the generator can hand out', async () => {
    const { demoRf } = await import('../../src/main/demo/business')
    const { rfForInvoiceId } = await import('../../src/main/services/invoices-service')
    for (const id of [1, 2, 96, 97, 98, 6000, 123_456, 999_999, 1_000_000, 987_654_321, 999_999_999]) expect(demoRf(id)).toBe(rfForInvoiceId(id))
    for (let id = 1; id < 5000; id += 7) expect(demoRf(id)).toBe(rfForInvoiceId(id))
  })
})
