import { describe, expect, it } from 'vitest'
import { defaultAgreement } from '../../../src/shared/agreement'
import { checkBatch, type CheckSnapshot, type CheckedLine, type DebtorFacts } from '../../../src/core/requests/checks'
import { computeFunding, fundingEntries } from '../../../src/core/requests/funding'
import { assertBalanced } from '../../../src/core/journal'

const facts = (over: Partial<DebtorFacts> = {}): DebtorFacts => ({ key: 'd1', name: 'Acme', isNew: false, needsReview: false, creditLimit: 1_000_000_00, limitCurrency: 'EUR', exposure: 0, pairLimit: null, pairExposure: 0, noaStatus: 'acknowledged', pairOpen: 0, pairAged: 0, ...over })
const line = (over: Partial<CheckedLine> = {}): CheckedLine => ({ file: 'f.csv', line: 2, number: 'N1', debtorName: 'Acme', debtorRegNo: null, debtorCountry: 'DE', issueDate: '2026-11-01', dueDate: '2026-12-01', currency: 'EUR', amount: 100_00, debtorKey: 'd1', ...over })
const snapshot = (debtors: DebtorFacts[], over: Partial<CheckSnapshot> = {}): CheckSnapshot => ({ today: '2026-11-23', clientName: 'Nordic', agreement: { ...defaultAgreement, concentrationLimitBp: 2500, crossAgingBp: 5000 }, debtors: new Map(debtors.map((d) => [d.key, d])), existingNumbers: new Set(), existingTriples: new Set(), clientExposure: 0, ...over })

describe('eligibility checks', () => {
  it('flags concentration on every line of the debtor, with the share and the limit', () => {
    const s = snapshot([facts(), facts({ key: 'd2', name: 'Small' })], { clientExposure: 100_000_00 })
    const r = checkBatch([line({ amount: 30_000_00 }), line({ number: 'N2', amount: 10_000_00, issueDate: '2026-11-02' }), line({ number: 'N3', debtorKey: 'd2', amount: 1_000_00 })], s)
    expect(r[0]).toEqual([{ code: 'CONCENTRATION', severity: 'warning', message: "Acme would be 28.4 % of Nordic's receivables (40,000.00 EUR of 141,000.00 EUR); the agreement allows 25 %." }])
    expect(r[1].map((c) => c.code)).toEqual(['CONCENTRATION'])
    expect(r[2]).toEqual([])
  })

  it('makes all of a cross-aged debtor ineligible, and names the aged share', () => {
    const r = checkBatch([line()], snapshot([facts({ pairOpen: 10_000_00, pairAged: 6_000_00 })], { agreement: { ...defaultAgreement, concentrationLimitBp: 0, crossAgingBp: 5000 } }))
    expect(r[0]).toEqual([{ code: 'CROSS_AGING', severity: 'error', message: "60 % of Acme's open balance with Nordic (6,000.00 EUR of 10,000.00 EUR) is more than 90 days past invoice date; the agreement allows 50 %." }])
  })

  it('checks the pair limit cumulatively and leaves lines that fit eligible', () => {
    const s = snapshot([facts({ pairLimit: 250_00, pairExposure: 100_00 })], { agreement: { ...defaultAgreement, concentrationLimitBp: 0 } })
    const r = checkBatch([line(), line({ number: 'N2', issueDate: '2026-11-02' })], s)
    expect(r[0]).toEqual([])
    expect(r[1].map((c) => c.message)).toEqual(["Nordic's exposure on Acme would reach 300.00 EUR against the pair limit of 250.00 EUR (50.00 EUR over)."])
  })

  it('flags verification above the threshold and a missing notice as warnings', () => {
    const r = checkBatch([line({ amount: 60_000_00 })], snapshot([facts({ noaStatus: 'none' })], { agreement: { ...defaultAgreement, concentrationLimitBp: 0 } }))
    expect(r[0].map((c) => [c.code, c.severity])).toEqual([['NO_NOTICE', 'warning'], ['VERIFICATION', 'warning']])
  })
})

describe('funding figures', () => {
  it('rounds the advance per invoice, keeps face = advance + reserve, nets chargebacks no further than the payout', () => {
    const a = { ...defaultAgreement, advanceRateBp: 8500, upfrontFeeBp: 50 }
    const f = computeFunding(a, [{ invoiceId: 1, debtorId: 1, face: 333 }, { invoiceId: 2, debtorId: 1, face: 100_001 }], 1_000_000)
    expect(f.invoices.map((i) => [i.advance, i.reserve, i.fee])).toEqual([[283, 50, 2], [85_001, 15_000, 500]])
    expect(f.advance + f.reserve).toBe(f.face)
    expect(f.chargebacksNetted).toBe(f.advance - f.fees)
    expect(f.netPayout).toBe(0)
    const entries = fundingEntries(f, { clientId: 7, requestId: 3, date: '2026-11-23' })
    entries.forEach(assertBalanced)
    expect(entries.map((e) => e.kind)).toEqual(['funding', 'fee', 'chargeback'])
  })
})
