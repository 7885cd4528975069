import { describe, expect, it } from 'vitest'
import { csv, ledgerWithClient, upload } from '../unit/requests/builders'

async function importedRequest() {
  const env = await ledgerWithClient()
  const { b, client, anna } = env
  const file = upload('batch.csv', csv(
    'A-1,Acme Retail GmbH,HRB 1234,DE,2026-11-01,2026-12-01,EUR,10000.00',
    'A-2,Kaufhaus Nord AG,HRB 999,DE,2026-11-02,2026-12-02,EUR,20000.00',
    'A-3,Fresh Start Oy,FI555,FI,2026-11-03,2026-12-03,EUR,1000.00',
    'A-4,Kaufhaus Nord AG,HRB 999,DE,2026-06-01,2026-07-01,EUR,500.00'
  ))
  const imp = await b.call2('requests.import', { clientId: client.id, files: [file] }, anna.id)
  const got = await b.call2('requests.get', { id: imp.requestId! })
  const inv = Object.fromEntries(got.invoices.map((i) => [i.number, i]))
  return { ...env, requestId: imp.requestId!, inv }
}

describe('approval queue', () => {
  it('lists waiting requests oldest first with totals, and filters invoices by flag', async () => {
    const { b, requestId } = await importedRequest()
    const q = await b.call2('requests.queue', {})
    expect(q.rows.map((r) => [r.id, r.invoices, r.total, r.eligible, r.withErrors, r.withWarnings, r.pending])).toEqual([[requestId, 4, 3150000, 3, 1, 1, 4]])
    expect(q.totals).toEqual({ requests: 1, invoices: 4, amounts: [{ currency: 'EUR', total: 3150000, eligible: 3100000 }] })
    const newOnes = await b.call2('requests.get', { id: requestId, flag: 'NEW_DEBTOR' })
    expect(newOnes.invoices.map((i) => i.number)).toEqual(['A-3'])
    expect(newOnes.flags).toEqual(expect.arrayContaining([{ code: 'OVER_AGE', count: 1 }, { code: 'NEW_DEBTOR', count: 1 }]))
  })

  it('pages a request\'s invoices with their own checks, filtered by flag, for the virtual table', async () => {
    const { b, requestId } = await importedRequest()
    const first = await b.call2('requests.invoices', { id: requestId, offset: 0, limit: 3 })
    const rest = await b.call2('requests.invoices', { id: requestId, offset: 3, limit: 3 })
    expect([first.total, first.rows.length, rest.rows.length, rest.offset]).toEqual([4, 3, 1, 3])
    const whole = await b.call2('requests.get', { id: requestId })
    expect([...first.rows, ...rest.rows]).toEqual(whole.invoices)
    const aged = await b.call2('requests.invoices', { id: requestId, flag: 'OVER_AGE', offset: 0, limit: 50 })
    expect([aged.total, aged.rows.map((i) => i.number), aged.rows[0].eligible]).toEqual([1, ['A-4'], false])
    expect((await b.call2('requests.get', { id: requestId, withInvoices: false })).invoices).toEqual([])
  })

  it('refuses to approve an error, requires an override reason for warnings, and a reason to reject', async () => {
    const { b, requestId, inv, anna } = await importedRequest()
    const err = await b.call('requests.decide', { requestId, invoiceIds: [inv['A-4'].id], decision: 'approve' }, { userId: anna.id, transport: 'test' })
    expect(err.ok ? 'ok' : err.error.message).toMatch(/^invoice A-4 cannot be approved: ineligible: Issued 2026-06-01, 175 days ago/)
    const warn = await b.call('requests.decide', { requestId, invoiceIds: [inv['A-3'].id], decision: 'approve' }, { userId: anna.id, transport: 'test' })
    expect(warn.ok ? 'ok' : warn.error.message).toContain('needs an override with a reason for')
    const noReason = await b.call('requests.decide', { requestId, invoiceIds: [inv['A-4'].id], decision: 'reject' }, { userId: anna.id, transport: 'test' })
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('INVALID_INPUT')

    const ok = await b.call2('requests.decide', { requestId, invoiceIds: [inv['A-3'].id], decision: 'approve', overrides: [{ code: 'NEW_DEBTOR', reason: 'known from trade fair' }, { code: 'NO_NOTICE', reason: 'notice sent today' }, { code: 'VERIFICATION', reason: 'called buyer, confirmed' }] }, anna.id)
    expect(ok.approved).toBe(1)
    const after = await b.call2('requests.get', { id: requestId, decision: 'approved' })
    expect(Object.fromEntries(after.invoices[0].checks.map((c) => [c.code, c.override]))).toEqual({
      NEW_DEBTOR: { by: 'Anna Approver', reason: 'known from trade fair' },
      NO_NOTICE: { by: 'Anna Approver', reason: 'notice sent today' },
      VERIFICATION: { by: 'Anna Approver', reason: 'called buyer, confirmed' }
    })
  })

  it('bulk-approves what is eligible and reports the rest, then funds with four eyes above the threshold', async () => {
    const { b, requestId, inv, anna, bo, client } = await importedRequest()
    await b.call2('requests.setFourEyesThreshold', { amount: 2_000_000 }, anna.id)
    const bulk = await b.call2('requests.decide', { requestId, decision: 'approve' }, anna.id)
    expect(bulk.approved).toBe(2)
    expect(bulk.refused.map((r) => r.number).sort()).toEqual(['A-3', 'A-4'])
    await b.call2('requests.decide', { requestId, invoiceIds: [inv['A-3'].id, inv['A-4'].id], decision: 'reject', reason: 'not financed this time' }, anna.id)

    const view = await b.call2('requests.get', { id: requestId })
    expect(view.request.needsTwoApprovals).toBe(true)
    expect(view.figures).toMatchObject({ status: 'projected', face: 3000000, advance: 2550000, reserve: 450000, fees: 15000, netPayout: 2535000 })
    expect(view.figures.availability.available).toBe(2550000)

    const first = await b.call2('requests.fund', { requestId }, anna.id)
    expect(first.status).toBe('awaiting_second_approval')
    const same = await b.call('requests.fund', { requestId }, { userId: anna.id, transport: 'test' })
    expect(same.ok ? 'ok' : same.error.code).toBe('FOUR_EYES')
    const funded = await b.call2('requests.fund', { requestId }, bo.id)
    expect(funded).toMatchObject({ status: 'funded', invoices: 2, face: 3000000, advance: 2550000, reserve: 450000, fees: 15000, chargebacksNetted: 0, netPayout: 2535000, fundedDate: '2026-11-23', approvals: ['Anna Approver', 'Bo Second'] })

    const a1 = await b.call2('invoices.get', { id: inv['A-1'].id })
    expect([a1.status, a1.advance, a1.fundedDate]).toEqual(['funded', 850000, '2026-11-23'])
    const stats = await b.call2('ledger.stats', {})
    expect(stats.journal.balanced).toBe(true)
    const bank = b.ledger.sqlite.prepare("select sum(amount) from journal_line where account = 'bank'").pluck().get()
    expect(bank).toBe(-2535000)
    const after = await b.call2('requests.availability', { clientId: client.id })
    expect(after).toMatchObject({ eligibleReceivables: 3000000, fundsEmployed: 2550000, available: 0 })
    const actions = (await b.call2('audit.list', { entity: 'financing_request' })).map((a) => a.action)
    expect(actions).toEqual(['request.fund', 'request.signoff', 'request.reject', 'request.approve', 'request.import'])
    const q = await b.call2('requests.queue', {})
    expect(q.rows).toEqual([])
  })

  it('below the threshold one approver funds; the payout file carries the net amount to the client IBAN', async () => {
    const { b, requestId, inv, anna } = await importedRequest()
    await b.call2('settings.setFactor', { name: 'Factor Finans AB', country: 'SE', iban: 'SE3550000000054910000003', bic: 'ESSESESS' })
    await b.call2('requests.decide', { requestId, invoiceIds: [inv['A-1'].id], decision: 'approve' }, anna.id)
    await b.call2('requests.decide', { requestId, decision: 'reject', reason: 'only A-1 now' }, anna.id)
    const f = await b.call2('requests.fund', { requestId }, anna.id)
    expect(f).toMatchObject({ status: 'funded', face: 1000000, advance: 850000, fees: 5000, netPayout: 845000 })
    const out = await b.call2('payout.export', { requestId, version: '09' }, anna.id)
    expect(out.amount).toBe(845000)
    expect(out.xml).toContain('<InstdAmt Ccy="EUR">8450.00</InstdAmt>')
    expect(out.xml).toContain('<IBAN>SE4550000000058398257466</IBAN>')
    expect(out.xml).toContain('<CtrlSum>8450.00</CtrlSum>')
  })
})
