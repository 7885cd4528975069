import { describe, expect, it } from 'vitest'
import { paymentEntry, settle, type SettleInvoice } from '../../../src/core/settlement/settle'
import { defaultAgreement } from '../../../src/shared/agreement'
import { assertBalanced } from '../../../src/core/journal'

const inv: SettleInvoice = { id: 1, number: 'A-1', clientId: 2, debtorId: 3, currency: 'EUR', face: 10_000_00, advance: 8_500_00, openAmount: 10_000_00, fundedDate: '2026-10-01', status: 'funded', collected: 0, feeCharged: 0 }
// Tiered default agreement: up to 30 days 2.5 %, up to 60 days 4 %.
const flat = { ...defaultAgreement, fee: { kind: 'flat' as const, rateBp: 300 }, minFee: 0 }

describe('settlement', () => {
  it('charges the fee to date and computes the rebate on full payment', () => {
    const s = settle(inv, defaultAgreement, 10_000_00, '2026-10-21')
    expect(s).toMatchObject({ fee: 250_00, status: 'paid', closedDate: '2026-10-21', newOpen: 0 })
    expect(s.rebate).toBe(10_000_00 - 8_500_00 - 250_00)
  })

  it('charges only the increment at a later partial payment and settles the short rest against the reserve', () => {
    const first = settle(inv, defaultAgreement, 4_000_00, '2026-10-21')
    expect(first).toMatchObject({ fee: 250_00, status: 'partly_paid', rebate: null, newOpen: 6_000_00 })
    const later = { ...inv, openAmount: 6_000_00, collected: 4_000_00, feeCharged: 250_00 }
    const second = settle(later, defaultAgreement, 5_900_00, '2026-11-15', true)
    // 45 days: the 4 % tier, 400.00 in all, 150.00 more than before.
    expect(second).toMatchObject({ fee: 150_00, shortfall: 100_00, status: 'paid' })
    // A negative rebate is possible and stays negative: it nets against the client's other rebates.
    expect(second.rebate).toBe(9_900_00 - 8_500_00 - 400_00)
    const small = settle({ ...inv, advance: 9_500_00 }, flat, 9_000_00, '2026-10-10', true)
    expect(small.rebate).toBe(9_000_00 - 9_500_00 - 300_00)
  })

  it('refuses to apply more than is open', () => {
    expect(() => settle(inv, defaultAgreement, 10_000_01, '2026-10-21')).toThrow(/exceeds the open amount/)
  })

  it('builds one balanced entry with the excess as unapplied cash', () => {
    const s = settle(inv, defaultAgreement, 10_000_00, '2026-10-21')
    const e = paymentEntry({ date: '2026-10-21', currency: 'EUR', source: 'bank', amount: 10_050_00, memo: 'x', kind: 'payment', debtorId: 3, parts: [{ inv, s }] })
    expect(() => assertBalanced(e)).not.toThrow()
    const unapplied = e.lines.find((l) => l.account === 'unappliedCash')
    expect(unapplied?.credit).toBe(50_00)
    const reserve = e.lines.filter((l) => l.account === 'clientReserve').reduce((a, l) => a + l.debit, 0)
    expect(reserve).toBe(250_00)
  })
})
