import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/main'
import { createBackend } from '../../src/main/backend'
import { openLedger } from '../../src/main/db/open'
import { fixedClock } from '../../src/shared/dates'
import { addInvoice, collectionsLedger } from './collections-fixture'

async function ranked() {
  const l = await collectionsLedger('2026-11-23')
  const { b, clientId, debtor } = l
  const big = await debtor('Big Old GmbH', 'standard')
  const small = await debtor('Small New GmbH', 'standard')
  const risky = await debtor('Risky GmbH', 'high', { creditLimit: 100_000 })
  const paid = await debtor('Current GmbH', 'low')
  addInvoice(b, clientId, big, 2_500_000, '2026-09-01')
  addInvoice(b, clientId, small, 50_000, '2026-11-20')
  addInvoice(b, clientId, risky, 120_000, '2026-10-20')
  addInvoice(b, clientId, paid, 90_000, '2026-12-20')
  await b.call2('collections.refresh', {})
  return { ...l, big, small, risky, paid }
}

describe('collection list', () => {
  it('lists every debtor with money overdue, ranked, each row saying why', async () => {
    const { b, big, small, risky } = await ranked()
    const page = await b.call2('collections.worklist', {})
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => r.debtorId)).toEqual([big, risky, small])
    const rk = page.rows[1]
    expect(rk.why).toMatch(/overdue/)
    expect(rk.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['high-risk debtor', 'credit limit 120 % used', 'never contacted']))
    expect(page.rows[0]).toMatchObject({ overdueAmount: 2_500_000, daysOverdue: 83, currency: 'EUR' })
  })

  it('logs a call with a promise: the debtor drops, the promise shows in today view on its date', async () => {
    const { b, big } = await ranked()
    const before = (await b.call2('collections.worklist', {})).rows[0]
    const view = await b.call2('collections.logCall', { debtorId: big, outcome: 'promised', note: 'CFO confirmed payment run', promise: { date: '2026-11-27', amount: 2_500_000, currency: 'EUR' } })
    expect(view.contacts[0]).toMatchObject({ outcome: 'promised', note: 'CFO confirmed payment run', nextActionDate: '2026-11-27' })
    const after = (await b.call2('collections.worklist', {})).rows.find((r) => r.debtorId === big)!
    expect(after.score).toBeLessThan(before.score)
    expect(after.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['promised to pay by 2026-11-27', 'contacted today']))
    const today = await b.call2('collections.today', { asOf: '2026-11-27' })
    expect(today.promisesDue.map((p) => p.debtorId)).toEqual([big])
    expect(today.followUps.map((f) => f.debtorId)).toEqual([big])
    const r = await b.call('collections.logCall', { debtorId: big, outcome: 'reached', nextActionDate: '2026-01-01' }, { userId: null, transport: 'test' })
    expect(r.ok ? null : r.error.message).toBe('nextActionDate: 2026-01-01 is in the past')
  })

  it('assigns debtors to controllers and filters by controller, segment, client and currency', async () => {
    const { b, big, risky, clientId } = await ranked()
    const u = await b.call2('users.create', { name: 'Carla Controller', role: 'controller' })
    await b.call2('collections.assign', { debtorIds: [big, risky], controllerId: u.id })
    expect((await b.call2('collections.worklist', { controllerId: u.id })).rows.map((r) => [r.debtorId, r.controllerName])).toEqual([
      [big, 'Carla Controller'],
      [risky, 'Carla Controller']
    ])
    expect((await b.call2('collections.worklist', { controllerId: null })).total).toBe(1)
    expect((await b.call2('collections.worklist', { riskClass: 'high' })).rows.map((r) => r.debtorId)).toEqual([risky])
    expect((await b.call2('collections.worklist', { clientId })).total).toBe(3)
    expect((await b.call2('collections.worklist', { clientId: clientId + 99 })).total).toBe(0)
    expect((await b.call2('collections.worklist', { currency: 'SEK' })).total).toBe(0)
  })

  it('serves the first page from the score index, not by scanning invoices', async () => {
    const { b } = await ranked()
    const plan = b.ledger.sqlite
      .prepare("explain query plan select s.debtor_id from debtor_collection s indexed by debtor_collection_score_idx where s.overdue_amount > 0 order by s.score desc, s.debtor_id desc limit 50")
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/SCAN s USING INDEX debtor_collection_score_idx/)
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/)
  })

  it('refuses a plan whose template has an unknown placeholder, naming the field', async () => {
    const { b } = await ranked()
    const [low] = await b.call2('dunning.plans', {})
    const bad = { ...low, steps: low.steps.map((s, i) => (i === 1 ? { ...s, templates: { ...s.templates, de: { subject: 'Mahnung', body: 'Bitte zahlen Sie {{betrag}}' } } } : s)) }
    const r = await b.call('dunning.savePlan', bad, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/steps\[1\]\.templates\.de\.body: unknown placeholder \{\{betrag\}\}/)
    const good = { ...bad, steps: bad.steps.map((s, i) => (i === 1 ? { ...s, templates: { ...s.templates, de: { subject: 'Mahnung {{references}}', body: 'Bitte zahlen Sie {{total}}' } } } : s)) }
    expect((await b.call2('dunning.savePlan', good)).steps[1].templates.de.subject).toBe('Mahnung {{references}}')
  })
})

describe('collections CLI', () => {
  let dir = ''
  afterEach(() => {
    vi.restoreAllMocks()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function cli(...argv: string[]) {
    let out = ''
    let err = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
    const code = await runCli(argv)
    vi.restoreAllMocks()
    return { code, out, err }
  }

  it('reminders run --dry-run and worklist --top print per-debtor JSON', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fd-coll-'))
    const db = join(dir, 'l.db')
    const b = createBackend(openLedger(db), { clock: fixedClock('2026-11-23'), log: () => {} })
    const c = await b.services.parties.createClient({ name: 'Nordic Tools AB', country: 'SE', agreement: (await import('../support/backend')).anAgreement() } as never, null)
    const d = b.services.parties.createDebtor({ name: 'Acme GmbH', country: 'DE', creditLimit: 0, limitCurrency: 'EUR', riskClass: 'standard', paymentRating: 'B', language: 'en', email: 'a@example.com' }, null)
    addInvoice(b, c.id, d.id, 1_000_000, '2026-11-01')
    b.close()
    const dry = await cli('reminders', 'run', '--db', db, '--as-of', '2026-11-23', '--dry-run', '--json')
    expect(dry.code).toBe(0)
    const j = JSON.parse(dry.out)
    expect(j.debtors).toEqual([expect.objectContaining({ debtor: 'Acme GmbH', level: 1, channel: 'email', status: 'dry_run', fee: 0, interest: 0, invoices: [expect.objectContaining({ amount: 1_000_000, level: 1 })] })])
    const real = JSON.parse((await cli('reminders', 'run', '--db', db, '--as-of', '2026-11-23', '--json')).out)
    expect(real.debtors[0].status).toBe('queued')
    expect(JSON.parse((await cli('reminders', 'run', '--db', db, '--as-of', '2026-11-23', '--json')).out).debtors).toEqual([])
    const wl = await cli('worklist', '--db', db, '--as-of', '2026-11-23', '--top', '5', '--json')
    expect(wl.code).toBe(0)
    const w = JSON.parse(wl.out)
    expect(w.rows[0]).toMatchObject({ rank: 1, debtor: 'Acme GmbH', overdueAmount: 1_000_000, daysOverdue: 22 })
    expect(w.rows[0].why).toMatch(/^10000\.00 EUR overdue/)
    const bad = await cli('worklist', '--db', db, '--as-of', '2026-13-01', '--json')
    expect(bad.code).toBe(1)
    expect(bad.err.trim().split('\n')).toHaveLength(1)
    expect(bad.err).toMatch(/--as-of must be a real date/)
  })
})
