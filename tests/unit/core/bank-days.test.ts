import { describe, expect, it } from 'vitest'
import { easter, isBankDay, nextBankDay } from '../../../src/shared/bank-days'

describe('TARGET2 bank days', () => {
  it('knows Easter Sunday in the years around now and far out', () => {
    const known: Record<number, string> = { 2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2038: '2038-04-25', 2099: '2099-04-12' }
    for (const [year, date] of Object.entries(known)) expect(easter(Number(year))).toBe(date)
  })

  it('closes on weekends, New Year, Good Friday, Easter Monday, 1 May and Christmas', () => {
    for (const d of ['2026-11-28', '2026-11-29', '2027-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26']) expect(isBankDay(d)).toBe(false)
    for (const d of ['2026-11-23', '2026-04-02', '2026-04-07', '2026-12-24', '2026-12-31']) expect(isBankDay(d)).toBe(true)
  })

  it('gives the next bank day after a date, skipping closings in a row', () => {
    expect(nextBankDay('2026-11-23')).toBe('2026-11-24')
    expect(nextBankDay('2026-11-27')).toBe('2026-11-30')
    expect(nextBankDay('2026-12-24')).toBe('2026-12-28')
    expect(nextBankDay('2026-04-02')).toBe('2026-04-07')
  })
})
