import { describe, expect, it } from 'vitest'
import { applicationEntry, settle, unapplicationEntry, type SettleInvoice } from '../../../src/core/settlement/settle'
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

  it('applies unapplied cash to invoices in one balanced entry, fee moved from the reserve to income', () => {
    const s = settle(inv, defaultAgreement, 10_000_00, '2026-10-21')
    const e = applicationEntry({ date: '2026-10-21', memo: 'x', kind: 'allocation', debtorId: 3, parts: [{ inv, s }] })
    expect(() => assertBalanced(e)).not.toThrow()
    expect(e.lines.find((l) => l.account === 'unappliedCash')).toMatchObject({ debit: 10_000_00, debtorId: 3 })
    expect(e.lines.filter((l) => l.account === 'receivables').reduce((a, l) => a + l.credit, 0)).toBe(10_000_00)
    expect(e.lines.filter((l) => l.account === 'clientReserve').reduce((a, l) => a + l.debit, 0)).toBe(250_00)
    expect(e.invoiceId).toBe(inv.id)
  })

  it('puts a whole file of applications in several currencies into one entry that balances per currency', () => {
    const sek = { ...inv, id: 8, currency: 'SEK' }
    const parts = [
      { inv, s: settle(inv, defaultAgreement, 4_000_00, '2026-10-21') },
      { inv: sek, s: settle(sek, defaultAgreement, 10_000_00, '2026-10-21') }
    ]
    const e = applicationEntry({ date: '2026-10-21', memo: 'file', kind: 'payment', parts })
    expect(() => assertBalanced(e)).not.toThrow()
    const cash = e.lines.filter((l) => l.account === 'unappliedCash')
    expect(cash.map((l) => [l.currency, l.debit])).toEqual([['EUR', 4_000_00], ['SEK', 10_000_00]])
    expect(e.invoiceId).toBeNull()
  })

  it('undoes one application by mirroring its lines, so the two sum to nothing per account', () => {
    const s = settle(inv, defaultAgreement, 9_000_00, '2026-10-21', true)
    const input = { date: '2026-10-21', memo: 'x', kind: 'payment' as const, debtorId: 3, parts: [{ inv, s }] }
    const forward = applicationEntry(input)
    const back = unapplicationEntry({ ...input, memo: 'undo' })
    expect(back.kind).toBe('reversal')
    expect(() => assertBalanced(back)).not.toThrow()
    const net = new Map<string, number>()
    for (const l of [...forward.lines, ...back.lines]) net.set(l.account, (net.get(l.account) ?? 0) + l.debit - l.credit)
    expect([...net.values()].every((v) => v === 0)).toBe(true)
    expect(back.lines.find((l) => l.account === 'unappliedCash')?.credit).toBe(9_000_00)
  })
})
