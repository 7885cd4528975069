import { describe, expect, it } from 'vitest'
import { countBackDso } from '../../../src/core/dso'

describe('count-back DSO', () => {
  it('matches the worked example: AR 212k over sales 100k/80k/70k is 73.7 days', () => {
    expect(countBackDso(212_000, [{ sales: 100_000, days: 30 }, { sales: 80_000, days: 30 }, { sales: 70_000, days: 30 }])).toBe(73.7)
  })

  it('counts a fraction of the latest month when receivables are below its sales', () => {
    expect(countBackDso(50, [{ sales: 100, days: 31 }])).toBe(15.5)
  })

  it('lets months without sales pass in full while receivables are outstanding', () => {
    expect(countBackDso(100, [{ sales: 0, days: 30 }, { sales: 200, days: 31 }])).toBe(45.5)
  })

  it('is zero with nothing open, and unknown without any sales', () => {
    expect(countBackDso(0, [{ sales: 100, days: 30 }])).toBe(0)
    expect(countBackDso(100, [{ sales: 0, days: 30 }])).toBeNull()
  })
})
