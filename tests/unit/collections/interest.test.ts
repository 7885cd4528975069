import { describe, expect, it } from 'vitest'
import { ECB_MRO_RATES, referenceRateFor, statutoryInterest, COUNTRY_RULES, DEFAULT_COUNTRY_RULE } from '../../../src/core/collections/interest'

const rates = ECB_MRO_RATES

describe('statutory interest', () => {
  it('reproduces the worked example: 10,000.00 for 45 days at 2.15 % + 8 = 10.15 % is 125.14', () => {
    // Due 2025-08-01, 45 days late on 2025-09-15, all inside H2 2025 (ECB MRO 2.15 %).
    const r = statutoryInterest({ principal: 1_000_000, dueDate: '2025-08-01', asOf: '2025-09-15', rates, rule: DEFAULT_COUNTRY_RULE })
    expect(r.daysLate).toBe(45)
    expect(r.periods).toHaveLength(1)
    expect(r.periods[0].rateBp).toBe(1015)
    expect(r.interest).toBe(12_514)
  })

  it('splits at 1 July and uses each half-year rate', () => {
    // 20 days in June 2025 at 3.15+8, 10 days in July at 2.15+8.
    const r = statutoryInterest({ principal: 1_000_000, dueDate: '2025-06-10', asOf: '2025-07-10', rates, rule: DEFAULT_COUNTRY_RULE })
    expect(r.periods.map((p) => [p.from, p.to, p.days, p.rateBp])).toEqual([
      ['2025-06-11', '2025-06-30', 20, 1115],
      ['2025-07-01', '2025-07-10', 10, 1015]
    ])
    // 10,000 x (11.15 % x 20 + 10.15 % x 10) / 365 = 61.10 + 27.81 = 88.90 (rounded once)
    expect(r.interest).toBe(Math.round((1_000_000 * (1115 * 20 + 1015 * 10)) / 3_650_000))
  })

  it('charges the paid part up to the payment day and the rest after it', () => {
    const full = statutoryInterest({ principal: 1_000_000, dueDate: '2025-08-01', asOf: '2025-09-15', rates, rule: DEFAULT_COUNTRY_RULE })
    const part = statutoryInterest({ principal: 1_000_000, dueDate: '2025-08-01', asOf: '2025-09-15', payments: [{ date: '2025-08-16', amount: 400_000 }], rates, rule: DEFAULT_COUNTRY_RULE })
    expect(part.periods.map((p) => [p.days, p.outstanding])).toEqual([
      [15, 1_000_000],
      [30, 600_000]
    ])
    expect(part.interest).toBeLessThan(full.interest)
    expect(part.interest).toBe(Math.round((1015 * (1_000_000 * 15 + 600_000 * 30)) / 3_650_000))
  })

  it('uses the country margin: Germany 9 points, France 10', () => {
    const de = statutoryInterest({ principal: 1_000_000, dueDate: '2025-08-01', asOf: '2025-09-15', rates, rule: COUNTRY_RULES.DE })
    const fr = statutoryInterest({ principal: 1_000_000, dueDate: '2025-08-01', asOf: '2025-09-15', rates, rule: COUNTRY_RULES.FR })
    expect(de.periods[0].rateBp).toBe(1115)
    expect(fr.periods[0].rateBp).toBe(1215)
  })

  it('is zero on or before the due date and after full payment on time', () => {
    expect(statutoryInterest({ principal: 500_00, dueDate: '2025-08-01', asOf: '2025-08-01', rates, rule: DEFAULT_COUNTRY_RULE }).interest).toBe(0)
    expect(statutoryInterest({ principal: 500_00, dueDate: '2025-08-01', asOf: '2025-09-01', payments: [{ date: '2025-08-01', amount: 500_00 }], rates, rule: DEFAULT_COUNTRY_RULE }).interest).toBe(0)
  })

  it('falls back to the latest entered half-year and says the rate was assumed', () => {
    const l = referenceRateFor(rates, 'ECB', '2031-03-01')
    expect(l.assumed).toBe(true)
    expect(() => referenceRateFor(rates, 'ECB', '2001-01-01')).toThrow(/no ECB reference rate/)
  })
})
