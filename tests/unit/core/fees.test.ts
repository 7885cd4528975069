import { describe, expect, it } from 'vitest'
import { advanceFor, chargeableDays, feeToDate } from '../../../src/core/fees'
import { defaultAgreement, type Agreement } from '../../../src/shared/agreement'

const ag = (over: Partial<Agreement>): Agreement => ({ ...defaultAgreement, minFee: 0, minDays: 0, ...over })
const inv = { face: 1_000_000, advance: 800_000, fundedDate: '2026-01-01' }

describe('fee schedules', () => {
  it('flat: a fixed share of face whatever the days', () => {
    const a = ag({ fee: { kind: 'flat', rateBp: 300 } })
    expect(feeToDate(a, { ...inv, asOf: '2026-01-05' })).toBe(30_000)
    expect(feeToDate(a, { ...inv, asOf: '2026-06-05' })).toBe(30_000)
  })

  it('tiered: the rate of the bucket the days fall in (cloudfactoring table)', () => {
    const a = ag({ fee: { kind: 'tiered', tiers: [{ upToDays: 10, rateBp: 200 }, { upToDays: 20, rateBp: 300 }, { upToDays: 30, rateBp: 400 }], aboveRateBp: 2000 } })
    expect(feeToDate(a, { ...inv, asOf: '2026-01-10' })).toBe(20_000) // 9 days
    expect(feeToDate(a, { ...inv, asOf: '2026-01-11' })).toBe(20_000) // 10 days
    expect(feeToDate(a, { ...inv, asOf: '2026-01-12' })).toBe(30_000) // 11 days
    expect(feeToDate(a, { ...inv, asOf: '2026-03-01' })).toBe(200_000) // beyond the table
  })

  it('daily: annual rate over the day-count basis (60% p.a. / 365 for 30 days)', () => {
    const a = ag({ fee: { kind: 'daily', annualRateBp: 6000, dayCount: 365 } })
    // 10,000.00 × 0.60 × 30 / 365 = 493.15
    expect(feeToDate(a, { ...inv, asOf: '2026-01-31' })).toBe(49_315)
    const a360 = ag({ fee: { kind: 'daily', annualRateBp: 6000, dayCount: 360 } })
    expect(feeToDate(a360, { ...inv, asOf: '2026-01-31' })).toBe(50_000)
  })

  it('base rate + margin accrues on the advance at the rate in force each day', () => {
    const a = ag({ feeBasis: 'advance', fee: { kind: 'base_margin', marginBp: 300, dayCount: 360, baseRates: [{ from: '2025-01-01', rateBp: 400 }, { from: '2026-01-16', rateBp: 500 }] } })
    // 8,000.00 at 7% for 15 days + 8% for 15 days, /360: 23.33 + 26.67 = 50.00
    expect(feeToDate(a, { ...inv, asOf: '2026-01-31' })).toBe(5_000)
  })

  it('applies minimum days and minimum fee', () => {
    const a = ag({ minDays: 30, fee: { kind: 'daily', annualRateBp: 3650, dayCount: 365 } })
    expect(chargeableDays(a, '2026-01-01', '2026-01-03')).toBe(30)
    expect(feeToDate(a, { ...inv, asOf: '2026-01-03' })).toBe(30_000)
    const withMin = ag({ minFee: 50_000, fee: { kind: 'flat', rateBp: 100 } })
    expect(feeToDate(withMin, { ...inv, asOf: '2026-01-03' })).toBe(50_000)
  })

  it('splits face into advance and reserve without losing a cent', () => {
    expect(advanceFor({ advanceRateBp: 8500 }, 100_001)).toEqual({ advance: 85_001, reserve: 15_000 })
    expect(advanceFor({ advanceRateBp: 8333 }, 99_999)).toEqual({ advance: 83_329, reserve: 16_670 })
  })
})
