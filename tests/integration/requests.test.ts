import { describe, expect, it } from 'vitest'
import { csv, ledgerWithClient, upload } from '../unit/requests/builders'

const count = (b: { ledger: { sqlite: { prepare(s: string): { pluck(): { get(): unknown } } } } }, table: string) => b.ledger.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number

describe('financing request intake', () => {
  it('previews the FactorDesk CSV without storing anything, matching debtors by reg no and by name', async () => {
    const { b, client, acme, kauf } = await ledgerWithClient()
    const file = upload('invoices.csv', '\ufeff' + csv('INV-1,Acme Retail,HRB 1234,DE,2026-11-01,2026-12-01,EUR,1200.50', 'INV-2,KAUFHAUS NORD A.G.,,DE,2026-11-10,2026-12-10,EUR,300.00', 'INV-3,Brand New Oy,FI123,FI,2026-11-15,2026-12-15,EUR,99.99'))
    const debtorsBefore = count(b, 'debtor')
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file] })
    expect(p.errors).toEqual([])
    expect(p.files).toEqual([{ name: 'invoices.csv', format: 'factordesk-csv', rows: 3 }])
    expect(p.rows.map((r) => [r.number, r.debtorId, r.debtorMatch, r.amount])).toEqual([
      ['INV-1', acme.id, 'reg_no', 120050],
      ['INV-2', kauf.id, 'name', 30000],
      ['INV-3', null, 'new', 9999]
    ])
    expect(p.rows[2].checks.map((c) => c.code).sort()).toEqual(['NEW_DEBTOR', 'NO_NOTICE', 'VERIFICATION'])
    expect(p.rows[2].eligible).toBe(true)
    expect(p.rows[0].checks).toEqual([])
    expect(count(b, 'invoice')).toBe(0)
    expect(count(b, 'debtor')).toBe(debtorsBefore)
    expect(count(b, 'financing_request')).toBe(0)
  })

  it('reports a malformed row by file, line and field, and stores nothing from that file', async () => {
    const { b, client } = await ledgerWithClient()
    const file = upload('invoices.csv', csv('INV-1,Acme Retail,HRB 1234,DE,2026-11-01,2026-12-01,EUR,100.00', 'INV-2,Acme Retail,HRB 1234,DE,2026-11-01,2026-02-30,EUR,100.00', 'INV-3,Acme Retail,HRB 1234,DE,2026-11-01,2026-12-01,EUR,12,50'))
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file] })
    expect(p.errors.map((e) => e.message)).toEqual(['invoices.csv line 3, field due_date: 2026-02-30 is not a date', 'invoices.csv line 4: 9 fields where the header has 8 (an unquoted value containing the delimiter ","?)'])
    const r = await b.call('requests.import', { clientId: client.id, files: [file] }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('FILE_ERRORS')
      expect(r.error.message).toContain('invoices.csv line 3, field due_date')
    }
    expect(count(b, 'invoice')).toBe(0)
    expect(count(b, 'financing_request')).toBe(0)
  })

  it('imports exactly what the preview showed, once; the same file again is caught as DUPLICATE', async () => {
    const { b, client, anna } = await ledgerWithClient()
    const file = upload('batch.csv', csv('A-1,Acme Retail GmbH,HRB 1234,DE,2026-11-01,2026-12-01,EUR,1000.00', 'A-2,New Debtor SA,FR777,FR,2026-11-02,2026-12-02,EUR,2500.00'))
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file] })
    const imp = await b.call2('requests.import', { clientId: client.id, files: [file], token: p.token }, anna.id)
    expect(imp.requestId).toBeGreaterThan(0)
    expect(imp.stored).toBe(2)
    expect(imp.rows.map((r) => r.checks)).toEqual(p.rows.map((r) => r.checks))
    const stored = await b.call2('invoices.list', { clientId: client.id, sortBy: 'number' })
    expect(stored.rows.map((i) => [i.number, i.face, i.status])).toEqual([['A-1', 100000, 'submitted'], ['A-2', 250000, 'submitted']])
    expect(stored.rows.every((i) => /^RF\d\d/.test(i.rfRef))).toBe(true)
    const newDebtor = await b.call2('debtors.list', { needsReview: true })
    expect(newDebtor.rows.map((d) => d.name)).toEqual(['New Debtor SA'])

    const again = await b.call2('requests.import', { clientId: client.id, files: [file] }, anna.id)
    expect(again.requestId).toBeNull()
    expect(again.stored).toBe(0)
    expect(again.rows.every((r) => r.skipped && r.checks.some((c) => c.code === 'DUPLICATE'))).toBe(true)
    expect(count(b, 'invoice')).toBe(2)
    const audit = await b.call2('audit.list', { entity: 'financing_request' })
    expect(audit.map((a) => a.action)).toEqual(['request.import'])
    expect(audit[0].userName).toBe('Anna Approver')
  })

  it('refuses an import when the ledger changed after the preview', async () => {
    const { b, client } = await ledgerWithClient()
    const first = upload('one.csv', csv('X-1,Acme Retail GmbH,HRB 1234,DE,2026-11-01,2026-12-01,EUR,100.00'))
    const p = await b.call2('requests.preview', { clientId: client.id, files: [first] })
    await b.call2('requests.import', { clientId: client.id, files: [first] })
    const r = await b.call('requests.import', { clientId: client.id, files: [first], token: p.token }, { userId: null, transport: 'test' })
    expect(r.ok ? 'ok' : r.error.code).toBe('STALE_PREVIEW')
  })
})

describe('eligibility checks explain themselves with numbers', () => {
  it('flags limits cumulatively, age, dates, currency and same debtor+amount+date', async () => {
    const { b, client } = await ledgerWithClient()
    const file = upload('checks.csv', csv(
      'L-1,Acme Retail GmbH,HRB 1234,DE,2026-11-01,2026-12-01,EUR,30000.00',
      'L-2,Acme Retail GmbH,HRB 1234,DE,2026-11-02,2026-12-02,EUR,30000.00',
      'O-1,Kaufhaus Nord AG,HRB 999,DE,2026-08-01,2026-09-30,EUR,100.00',
      'F-1,Kaufhaus Nord AG,HRB 999,DE,2026-12-24,2027-01-24,EUR,100.00',
      'C-1,Kaufhaus Nord AG,HRB 999,DE,2026-11-20,2026-12-20,SEK,100.00',
      'D-1,Kaufhaus Nord AG,HRB 999,DE,2026-11-20,2026-12-20,EUR,77.00',
      'D-2,Kaufhaus Nord AG,HRB 999,DE,2026-11-20,2026-12-21,EUR,77.00'
    ))
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file] })
    const by = Object.fromEntries(p.rows.map((r) => [r.number, r]))
    expect(by['L-1'].checks).toEqual([])
    expect(by['L-2'].checks).toEqual([{ code: 'DEBTOR_LIMIT', severity: 'error', message: "Acme Retail GmbH's exposure across all clients would reach 60,000.00 EUR against its limit of 50,000.00 EUR (10,000.00 EUR over)." }])
    expect(by['O-1'].checks.map((c) => [c.code, c.severity])).toEqual([['OVER_AGE', 'error']])
    expect(by['O-1'].checks[0].message).toBe('Issued 2026-08-01, 114 days ago; the agreement buys invoices up to 60 days old.')
    expect(by['F-1'].checks.map((c) => c.message)).toEqual(['Issue date 2026-12-24 is 31 days in the future.'])
    expect(by['C-1'].checks.map((c) => c.code)).toEqual(['CURRENCY'])
    expect(by['D-1'].eligible).toBe(true)
    expect(by['D-2'].checks.map((c) => c.code)).toEqual(['DUPLICATE'])
    expect(p.totals.eligible).toBe(2)
  })
})
