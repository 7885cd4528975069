import { describe, expect, it } from 'vitest'
import { csv, ledgerWithClient, upload } from '../unit/requests/builders'

/** One request with two clean invoices, both approved by Anna: what changes before funding decides the rest. */
async function approvedRequest() {
  const env = await ledgerWithClient()
  const { b, client, anna } = env
  const imp = await b.call2('requests.import', { clientId: client.id, files: [upload('r.csv', csv(
    'R-1,Acme Retail GmbH,HRB 1234,DE,2026-11-01,2026-12-01,EUR,30000.00',
    'R-2,Kaufhaus Nord AG,HRB 999,DE,2026-11-10,2026-12-10,EUR,10000.00'
  ))] }, anna.id)
  const requestId = imp.requestId!
  expect(imp.rows.map((r) => r.checks)).toEqual([[], []])
  const ok = await b.call2('requests.decide', { requestId, decision: 'approve' }, anna.id)
  expect(ok.approved).toBe(2)
  const inv = Object.fromEntries((await b.call2('requests.get', { id: requestId })).invoices.map((i) => [i.number, i]))
  return { ...env, requestId, inv }
}

describe('checks run again inside the funding transaction', () => {
  it('funds without a word when nothing changed since approval', async () => {
    const { b, requestId, anna } = await approvedRequest()
    const f = await b.call2('requests.fund', { requestId }, anna.id)
    expect(f).toMatchObject({ status: 'funded', invoices: 2, face: 4000000 })
    expect(f.recheck).toBeUndefined()
  })

  it('does not fund an invoice whose debtor limit was lowered after approval, and says why', async () => {
    const { b, requestId, anna, acme, inv } = await approvedRequest()
    // Credit control cuts Acme's limit from 50,000 to 20,000 between approval and funding.
    await b.call2('debtors.update', { id: acme.id, patch: { name: 'Acme Retail GmbH', regNo: 'HRB 1234', country: 'DE', creditLimit: 2_000_000, limitCurrency: 'EUR', riskClass: 'standard' } })
    const f = await b.call2('requests.fund', { requestId }, anna.id)
    expect(f).toMatchObject({ status: 'funded', invoices: 1, face: 1000000, advance: 850000 })
    expect(f.recheck?.needsOverride).toEqual([])
    expect(f.recheck?.notFunded.map((n) => [n.number, n.codes])).toEqual([['R-1', ['DEBTOR_LIMIT']]])
    expect(f.recheck?.notFunded[0].reason).toBe("DEBTOR_LIMIT: Acme Retail GmbH's exposure across all clients would reach 30,000.00 EUR against its limit of 20,000.00 EUR (10,000.00 EUR over).")

    const after = await b.call2('requests.get', { id: requestId })
    const r1 = after.invoices.find((i) => i.id === inv['R-1'].id)!
    expect([r1.status, r1.decision, r1.eligible, r1.checks.map((c) => c.code)]).toEqual(['rejected', 'rejected', false, ['DEBTOR_LIMIT']])
    expect(r1.decisionReason).toMatch(/^not eligible at funding: DEBTOR_LIMIT: /)
    expect(after.request.status).toBe('partly_funded')
    // Only R-2 reached the journal.
    const receivables = b.ledger.sqlite.prepare("select sum(amount) from journal_line where account = 'receivables'").pluck().get()
    expect(receivables).toBe(1000000)
    expect((await b.call2('audit.list', { entity: 'financing_request' })).map((a) => a.action).slice(0, 2)).toEqual(['request.fund', 'request.recheck'])
  })

  it('counts what another request funded in between, not what other requests still have pending', async () => {
    const { b, requestId, anna, bo, client, acme } = await approvedRequest()
    const other = await b.call2('clients.create', { name: 'Baltic Parts OÜ', country: 'EE', iban: 'EE38 2200 2210 2014 5685', bic: 'HABAEE2X', agreement: (await b.call2('clients.get', { id: client.id })).agreement })
    const bought = await b.call2('requests.import', { clientId: other.id, files: [upload('o.csv', csv('O-1,Acme Retail GmbH,HRB 1234,DE,2026-11-05,2026-12-05,EUR,15000.00'))] }, bo.id)
    await b.call2('requests.decide', { requestId: bought.requestId!, decision: 'approve', overrides: [{ code: 'NO_NOTICE', reason: 'notice on its way' }] }, bo.id)
    expect((await b.call2('requests.fund', { requestId: bought.requestId! }, bo.id)).status).toBe('funded')
    const pending = await b.call2('requests.import', { clientId: other.id, files: [upload('p.csv', csv('O-2,Acme Retail GmbH,HRB 1234,DE,2026-11-06,2026-12-06,EUR,4000.00'))] }, bo.id)
    expect(pending.rows[0].eligible).toBe(true)
    await b.call2('debtors.update', { id: acme.id, patch: { name: 'Acme Retail GmbH', regNo: 'HRB 1234', country: 'DE', creditLimit: 4_400_000, limitCurrency: 'EUR', riskClass: 'standard' } })

    // 15,000 bought by the other client + our 30,000 = 45,000 over 44,000; the 4,000 still pending is not money out.
    const f = await b.call2('requests.fund', { requestId }, anna.id)
    expect(f.recheck?.notFunded.map((n) => n.reason)).toEqual(["DEBTOR_LIMIT: Acme Retail GmbH's exposure across all clients would reach 45,000.00 EUR against its limit of 44,000.00 EUR (1,000.00 EUR over)."])
    expect([f.status, f.invoices]).toEqual(['funded', 1])
  })

  it('sends an invoice with a new warning back for an override, funds nothing until it is decided again', async () => {
    const { b, requestId, anna, client, inv } = await approvedRequest()
    // The client's agreement gains a 50 % concentration limit: Acme (30,000 of 40,000) is now over it.
    const c = await b.call2('clients.get', { id: client.id })
    await b.call2('clients.update', { id: client.id, patch: { name: c.name, country: c.country, iban: c.iban, bic: c.bic, agreement: { ...c.agreement, concentrationLimitBp: 5000 } } })
    const stopped = await b.call2('requests.fund', { requestId }, anna.id)
    expect(stopped.status).toBe('projected')
    expect(stopped.recheck?.notFunded).toEqual([])
    expect(stopped.recheck?.needsOverride.map((n) => [n.number, n.codes])).toEqual([['R-1', ['CONCENTRATION']]])
    expect(stopped.recheck?.needsOverride[0].reason).toContain('Acme Retail GmbH would be 75 % of Nordic Tools AB')
    expect(b.ledger.sqlite.prepare('select count(*) from journal_line').pluck().get()).toBe(0)
    const q = (await b.call2('requests.queue', {})).rows[0]
    expect([q.status, q.pending, q.approved, q.approvals]).toEqual(['open', 1, 1, []])

    // The approver overrides the new warning with a reason; funding then goes through.
    const again = await b.call('requests.decide', { requestId, invoiceIds: [inv['R-1'].id], decision: 'approve' }, { userId: anna.id, transport: 'test' })
    expect(again.ok ? 'ok' : again.error.message).toContain('needs an override with a reason for CONCENTRATION')
    await b.call2('requests.decide', { requestId, invoiceIds: [inv['R-1'].id], decision: 'approve', overrides: [{ code: 'CONCENTRATION', reason: 'Acme is a blue chip' }] }, anna.id)
    const f = await b.call2('requests.fund', { requestId }, anna.id)
    expect([f.status, f.invoices, f.face, f.recheck]).toEqual(['funded', 2, 4000000, undefined])
  })

  it('rejects at funding what has become too old on the funding date', async () => {
    const { b, requestId, anna } = await approvedRequest()
    const f = await b.call2('requests.fund', { requestId, date: '2027-01-05' }, anna.id)
    expect(f.recheck?.notFunded.map((n) => [n.number, n.codes])).toEqual([['R-1', ['OVER_AGE']]])
    expect(f.recheck?.notFunded[0].reason).toBe('OVER_AGE: Issued 2026-11-01, 65 days ago; the agreement buys invoices up to 60 days old.')
    expect([f.status, f.invoices, f.fundedDate]).toEqual(['funded', 1, '2027-01-05'])
  })
})
