import { describe, expect, it } from 'vitest'
import { anAgreement, testBackend } from '../support/backend'

type B = ReturnType<typeof testBackend>

/** Puts an invoice straight into a given state: the dashboard reads invoices, not how they got there. */
function anInvoice(b: B, p: { clientId: number; debtorId: number; n: string; currency?: string; face: number; open?: number; issue: string; due: string; status: string; closed?: string }): void {
  const id = b.services.invoices.insert({ clientId: p.clientId, debtorId: p.debtorId, requestId: null, number: p.n, currency: p.currency ?? 'EUR', face: p.face, issueDate: p.issue, dueDate: p.due, status: 'submitted' })
  b.ledger.sqlite.prepare('update invoice set status = ?, open_amount = ?, closed_date = ? where id = ?').run(p.status, p.open ?? p.face, p.closed ?? null, id)
}

async function parties(b: B) {
  const c = await b.call2('clients.create', { name: 'Acme Oy', country: 'FI', agreement: anAgreement() })
  const d = await b.call2('debtors.create', { name: 'Buyer AB', country: 'SE', creditLimit: 10_000_000, limitCurrency: 'EUR', riskClass: 'standard' })
  return { clientId: c.id, debtorId: d.id }
}

describe('dashboard.summary', () => {
  it('puts open items into days-past-due buckets per currency, ignoring closed and unbought invoices', async () => {
    const b = testBackend('2026-11-23')
    const p = await parties(b)
    anInvoice(b, { ...p, n: 'A1', face: 1000, issue: '2026-11-01', due: '2026-11-23', status: 'funded' }) // due today: not due
    anInvoice(b, { ...p, n: 'A2', face: 2000, issue: '2026-10-01', due: '2026-11-22', status: 'funded' }) // 1 day
    anInvoice(b, { ...p, n: 'A3', face: 3000, open: 2500, issue: '2026-09-01', due: '2026-10-24', status: 'partly_paid' }) // 30 days
    anInvoice(b, { ...p, n: 'A4', face: 4000, issue: '2026-08-01', due: '2026-10-23', status: 'disputed' }) // 31 days
    anInvoice(b, { ...p, n: 'A5', face: 5000, issue: '2026-05-01', due: '2026-07-25', status: 'funded' }) // 121 days
    anInvoice(b, { ...p, n: 'A6', face: 6000, issue: '2026-05-01', due: '2026-06-01', status: 'paid', open: 0, closed: '2026-06-10' })
    anInvoice(b, { ...p, n: 'A7', face: 7000, issue: '2026-11-01', due: '2026-12-01', status: 'submitted' })
    anInvoice(b, { ...p, n: 'S1', currency: 'SEK', face: 90000, issue: '2026-06-01', due: '2026-07-26', status: 'funded' }) // 120 days

    const s = await b.call2('dashboard.summary', {})
    expect(s.asOf).toBe('2026-11-23')
    expect(s.openBalance).toEqual([
      { currency: 'EUR', amount: 1000 + 2000 + 2500 + 4000 + 5000, count: 5, overdue: 2000 + 2500 + 4000 + 5000 },
      { currency: 'SEK', amount: 90000, count: 1, overdue: 90000 }
    ])
    expect(s.aging.find((a) => a.currency === 'EUR')!.buckets).toEqual({ notDue: 1000, d1_30: 4500, d31_60: 4000, d61_90: 0, d91_120: 0, over120: 5000 })
    expect(s.aging.find((a) => a.currency === 'SEK')!.buckets.d91_120).toBe(90000)

    const onlySek = await b.call2('dashboard.summary', { currency: 'SEK' })
    expect(onlySek.openBalance.map((o) => o.currency)).toEqual(['SEK'])
  })

  it('computes count-back DSO per month from sales and the receivables open at each month end', async () => {
    const b = testBackend('2026-11-30')
    const p = await parties(b)
    // October: 3,100 sold, 1,550 of it paid in October -> 1,550 open at 31 Oct = half of October's sales.
    anInvoice(b, { ...p, n: 'O1', face: 1550, issue: '2026-10-05', due: '2026-11-04', status: 'paid', open: 0, closed: '2026-10-20' })
    anInvoice(b, { ...p, n: 'O2', face: 1550, issue: '2026-10-06', due: '2026-11-05', status: 'paid', open: 0, closed: '2026-11-10' })
    // November: 3,000 sold and all open, plus nothing from October left -> AR 3,000 = all of November.
    anInvoice(b, { ...p, n: 'N1', face: 3000, issue: '2026-11-02', due: '2026-12-02', status: 'funded' })

    const s = await b.call2('dashboard.dso', {})
    const pts = s.dso.find((d) => d.currency === 'EUR')!.points
    expect(pts).toHaveLength(12)
    expect(pts[11].month).toBe('2026-11')
    expect(pts[10]).toEqual({ month: '2026-10', arEnd: 1550, sales: 3100, dso: 15.5 })
    expect(pts[11]).toEqual({ month: '2026-11', arEnd: 3000, sales: 3000, dso: 30 })
    expect(pts[0].dso).toBeNull()

    // A new posting or invoice must not be hidden by the cached series.
    anInvoice(b, { ...p, n: 'N2', face: 1000, issue: '2026-11-03', due: '2026-12-03', status: 'funded' })
    const after = await b.call2('dashboard.dso', {})
    expect(after.dso[0].points[11]).toMatchObject({ arEnd: 4000, sales: 4000 })
  })

  it('computes CEI over the last 90 days and the at-risk share of open AR', async () => {
    const b = testBackend('2026-11-30')
    const p = await parties(b)
    // Open at the period start (end of 1 Sep): B1 1,000 and B2 2,000.
    anInvoice(b, { ...p, n: 'B1', face: 1000, issue: '2026-08-01', due: '2026-08-31', status: 'funded' }) // 91 days past due
    anInvoice(b, { ...p, n: 'B2', face: 2000, issue: '2026-08-10', due: '2026-09-10', status: 'paid', open: 0, closed: '2026-10-15' })
    // Sold in the period: 3,500.
    anInvoice(b, { ...p, n: 'P1', face: 3000, issue: '2026-10-01', due: '2026-12-15', status: 'funded' }) // not yet due
    anInvoice(b, { ...p, n: 'P2', face: 500, open: 200, issue: '2026-10-05', due: '2026-11-04', status: 'partly_paid' })
    anInvoice(b, { ...p, n: 'X1', face: 9999, issue: '2026-11-01', due: '2026-12-01', status: 'rejected' }) // never bought

    const s = await b.call2('dashboard.summary', {})
    const k = s.kpis.find((x) => x.currency === 'EUR')!
    // End AR 1,000 + 3,000 + 200 = 4,200, of which 3,000 current.
    expect(k.ceiInputs).toEqual({ from: '2026-09-02', to: '2026-11-30', beginAr: 3000, sales: 3500, endAr: 4200, endCurrentAr: 3000 })
    // (3,000 + 3,500 - 4,200) / (3,000 + 3,500 - 3,000) = 2,300 / 3,500
    expect(k.cei).toBe(65.7)
    // 1,000 of 4,200 is more than 90 days past due.
    expect(k.atRisk).toBe(23.8)
    expect(s.currencies).toEqual(['EUR'])

    // As of an earlier date, invoices issued later are not there yet and ages are shorter.
    const earlier = await b.call2('dashboard.summary', { asOf: '2026-09-30' })
    expect(earlier.openBalance[0]).toMatchObject({ amount: 1000, count: 1 })
    expect(earlier.kpis[0].atRisk).toBe(0)
    // B2 was still open then: AR at 30 Sep = 3,000 at face.
    expect(earlier.kpis[0].ceiInputs.endAr).toBe(3000)
  })

  it('refuses a malformed date naming the field', async () => {
    const b = testBackend()
    const r = await b.call('dashboard.summary', { asOf: '2026-02-30' }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues?.[0].path).toBe('asOf')
  })
})
