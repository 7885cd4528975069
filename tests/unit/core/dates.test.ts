import { describe, expect, it } from 'vitest'
import { addDays, addMonths, diffDays, endOfMonth, formatDate, isLocalDate } from '../../../src/shared/dates'

describe('business dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true)
    expect(isLocalDate('2026-02-29')).toBe(false)
    expect(isLocalDate('2026-13-01')).toBe(false)
    expect(isLocalDate('2026-1-01')).toBe(false)
  })
  it('does day arithmetic across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(diffDays('2026-01-01', '2026-12-31')).toBe(364)
    expect(diffDays('2026-10-24', '2026-10-26')).toBe(2)
  })
  it('clamps month arithmetic to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29')
  })
  it('formats for a locale', () => {
    expect(formatDate('2026-11-23', 'de-DE')).toBe('23.11.2026')
    expect(formatDate('2026-11-23', 'sv-SE')).toBe('2026-11-23')
    expect(formatDate('2026-11-23', 'en-US')).toBe('11/23/2026')
  })
})
