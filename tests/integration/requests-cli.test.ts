import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/main'
import { callOrThrow, createBackend } from '../../src/main/backend'
import { fixedClock } from '../../src/shared/dates'
import { defaultAgreement } from '../../src/shared/agreement'
import { csv } from '../unit/requests/builders'

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  try {
    const code = await runCli(argv)
    return { code, out, err }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

async function ledger(): Promise<{ db: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-cli-'))
  const db = join(dir, 'ledger.db')
  const b = createBackend(db, { clock: fixedClock('2026-11-23'), log: () => {} })
  await callOrThrow(b, 'clients.create', { name: 'Nordic Tools AB', country: 'SE', iban: 'SE4550000000058398257466', bic: 'ESSESESS', agreement: { ...defaultAgreement, concentrationLimitBp: 0 } })
  await callOrThrow(b, 'users.create', { name: 'Anna', role: 'approver' })
  await callOrThrow(b, 'users.create', { name: 'Bo', role: 'approver' })
  await callOrThrow(b, 'debtors.create', { name: 'Acme Retail GmbH', regNo: 'HRB 1', country: 'DE', creditLimit: 100_000_000, limitCurrency: 'EUR', riskClass: 'standard' })
  await callOrThrow(b, 'settings.setFactor', { name: 'Factor Finans AB', country: 'SE', iban: 'SE3550000000054910000003', bic: 'ESSESESS' })
  b.ledger.sqlite.prepare("insert into client_debtor (client_id, debtor_id, noa_status) values (1, 1, 'acknowledged')").run()
  b.close()
  return { db, dir }
}

describe('factordesk request / payout commands', () => {
  process.env.FACTORDESK_TODAY = '2026-11-23'
  afterEach(() => vi.restoreAllMocks())

  it('imports, approves with an override, funds and exports the payout', async () => {
    const { db, dir } = await ledger()
    const file = join(dir, 'invoices.csv')
    writeFileSync(file, csv('C-1,Acme Retail GmbH,HRB 1,DE,2026-11-01,2026-12-01,EUR,1000.00', 'C-2,Beta Handel AB,5561,SE,2026-11-02,2026-12-02,EUR,50.00'))
    const imp = await cli('request', 'import', '--db', db, '--client', 'Nordic Tools AB', '--file', file, '--by', 'Anna', '--json')
    expect(imp.err).toBe('')
    const r = JSON.parse(imp.out)
    expect(r.requestId).toBe(1)
    expect(r.invoices.map((i: { number: string; eligible: boolean; checks: { code: string }[] }) => [i.number, i.eligible, i.checks.map((c) => c.code)])).toEqual([
      ['C-1', true, []],
      ['C-2', true, ['NO_NOTICE', 'NEW_DEBTOR', 'VERIFICATION']]
    ])

    const missing = await cli('request', 'approve', '--db', db, '--request', '1', '--by', 'Bo', '--invoice', 'C-2', '--json')
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^factordesk request approve: invoice C-2 cannot be approved: needs an override with a reason for NO_NOTICE, NEW_DEBTOR, VERIFICATION\n$/)

    const ok = await cli('request', 'approve', '--db', db, '--request', '1', '--by', 'Bo', '--override', 'NO_NOTICE:notice sent', '--override', 'NEW_DEBTOR:checked registry', '--override', 'VERIFICATION:confirmed by phone', '--json')
    expect(ok.code).toBe(0)
    const f = JSON.parse(ok.out)
    expect(f.figures).toMatchObject({ status: 'funded', invoices: 2, face: 105000, advance: 89250, reserve: 15750, fees: 525, netPayout: 88725 })

    const out = join(dir, 'payout.xml')
    const pay = await cli('payout', 'export', '--db', db, '--request', '1', '--out', out, '--version', '03')
    expect(pay.out).toBe(`wrote ${out}: pain.001.001.03, 887.25 EUR\n`)
    expect(readFileSync(out, 'utf8')).toContain('<ReqdExctnDt>2026-11-23</ReqdExctnDt>')
  })

  it('fails with one line naming file, line and field for a bad file', async () => {
    const { db, dir } = await ledger()
    const file = join(dir, 'bad.csv')
    writeFileSync(file, csv('C-1,Acme Retail GmbH,HRB 1,DE,2026-11-01,2026-13-01,EUR,1000.00'))
    const r = await cli('request', 'import', '--db', db, '--client', '1', '--file', file)
    expect(r.code).toBe(1)
    expect(r.err).toBe('factordesk request import: 1 problem in the file, nothing was stored; first: bad.csv line 2, field due_date: 2026-13-01 is not a date\n')
  })
})
