import { describe, expect, it } from 'vitest'
import { csv, ledgerWithClient, upload } from '../unit/requests/builders'

describe('INVALID_DATES', () => {
  it('refuses a file with an invoice due before it is issued, naming the check, line, field and the days', async () => {
    const { b, client } = await ledgerWithClient()
    const file = upload('dates.csv', csv('D-1,Acme Retail GmbH,HRB 1234,DE,2026-11-10,2026-11-20,EUR,100.00', 'D-2,Acme Retail GmbH,HRB 1234,DE,2026-11-10,2026-10-31,EUR,100.00'))
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file] })
    expect(p.errors).toEqual([{ file: 'dates.csv', line: 3, field: 'due_date', message: 'dates.csv line 3, field due_date: INVALID_DATES: due 2026-10-31 is 10 days before the issue date 2026-11-10; an invoice cannot fall due before it is issued' }])
    const r = await b.call('requests.import', { clientId: client.id, files: [file] }, { userId: null, transport: 'test' })
    expect(r.ok ? 'stored' : r.error.code).toBe('FILE_ERRORS')
    expect(b.ledger.sqlite.prepare('select count(*) from invoice').pluck().get()).toBe(0)
  })

  it('stores far-past, future and far-due dates as INVALID_DATES flags that block approval', async () => {
    const { b, client, anna } = await ledgerWithClient()
    const imp = await b.call2('requests.import', { clientId: client.id, files: [upload('odd.csv', csv(
      'P-1,Kaufhaus Nord AG,HRB 999,DE,1999-02-01,1999-03-03,EUR,100.00',
      'F-1,Kaufhaus Nord AG,HRB 999,DE,2199-01-01,2199-01-31,EUR,100.00',
      'T-1,Kaufhaus Nord AG,HRB 999,DE,2026-11-01,2028-11-01,EUR,100.00',
      'OK-1,Kaufhaus Nord AG,HRB 999,DE,2026-11-01,2026-12-01,EUR,120.00'
    ))] }, anna.id)
    expect(imp.errors).toEqual([])
    expect(imp.stored).toBe(4)
    // Day counts worked out here with Date.UTC, independently of the app's date arithmetic.
    const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000
    const dates = Object.fromEntries(imp.rows.map((r) => [r.number, r.checks.filter((c) => c.code === 'INVALID_DATES').map((c) => c.message)]))
    expect(dates).toEqual({
      'P-1': [`Issue date 1999-02-01 is ${days('1999-02-01', '2026-11-23')} days ago: more than 730 days in the past.`],
      'F-1': [`Issue date 2199-01-01 is ${days('2026-11-23', '2199-01-01')} days in the future.`],
      'T-1': ['Due date 2028-11-01 is 731 days after the issue date: more than 365.'],
      'OK-1': []
    })
    const got = await b.call2('requests.get', { id: imp.requestId!, flag: 'INVALID_DATES' })
    expect(got.invoices.map((i) => [i.number, i.eligible, i.checks.find((c) => c.code === 'INVALID_DATES')?.severity])).toEqual([['P-1', false, 'error'], ['F-1', false, 'error'], ['T-1', false, 'error']])
    const bulk = await b.call2('requests.decide', { requestId: imp.requestId!, decision: 'approve' }, anna.id)
    expect([bulk.approved, bulk.refused.map((r) => r.number)]).toEqual([1, ['P-1', 'F-1', 'T-1']])
  })
})
