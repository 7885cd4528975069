import { describe, expect, it } from 'vitest'
import { assertBalanced, buildEntry, cr, dr, reverseEntry, UnbalancedEntryError } from '../../../src/core/journal'

describe('double-entry journal core', () => {
  it('accepts an entry that balances per currency', () => {
    const e = buildEntry({ date: '2026-11-23', kind: 'funding', memo: 'fund' }, dr('receivables', 'EUR', 10000), cr('bank', 'EUR', 8500), cr('clientReserve', 'EUR', 1500))
    expect(e.lines).toHaveLength(3)
  })
  it('refuses an entry off by one cent, naming the currency', () => {
    expect(() => buildEntry({ date: '2026-11-23', kind: 'payment', memo: 'x' }, dr('bank', 'EUR', 10000), cr('receivables', 'EUR', 9999))).toThrow(UnbalancedEntryError)
    expect(() => buildEntry({ date: '2026-11-23', kind: 'payment', memo: 'x' }, dr('bank', 'EUR', 100), cr('receivables', 'SEK', 100))).toThrow(/EUR/)
  })
  it('refuses two-sided, negative or fractional lines', () => {
    const base = { date: '2026-11-23', kind: 'payment' as const, memo: 'x' }
    expect(() => assertBalanced({ ...base, lines: [{ account: 'bank', currency: 'EUR', debit: 5, credit: 5 }, { account: 'receivables', currency: 'EUR', debit: 0, credit: 0 }] })).toThrow(/either/)
    expect(() => assertBalanced({ ...base, lines: [{ account: 'bank', currency: 'EUR', debit: 0.5, credit: 0 }, { account: 'receivables', currency: 'EUR', debit: 0, credit: 0.5 }] })).toThrow(/integer/)
  })
  it('drops zero lines and flips negative amounts to the other side', () => {
    expect(dr('bank', 'EUR', 0)).toEqual([])
    expect(dr('bank', 'EUR', -5)[0]).toMatchObject({ debit: 0, credit: 5 })
  })
  it('reverses an entry into its exact mirror', () => {
    const e = buildEntry({ date: '2026-11-01', kind: 'payment', memo: 'p', invoiceId: 7 }, dr('bank', 'EUR', 300), cr('receivables', 'EUR', 300, { invoiceId: 7 }))
    const r = reverseEntry({ ...e, id: 12 }, '2026-11-23', 'wrong invoice')
    expect(r.reversesEntryId).toBe(12)
    expect(r.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['bank', 0, 300], ['receivables', 300, 0]])
    expect(r.memo).toMatch(/wrong invoice/)
  })
})
