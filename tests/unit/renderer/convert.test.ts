import { describe, expect, it } from 'vitest'
import { bpToPct, decimalMarkOf, describeBp, FieldError, majorToMinor, pctToBp, toInt } from '../../../src/renderer/src/lib/convert'

describe('form conversions between what people type and what the API takes', () => {
  it('reads percentages with a dot or a comma as whole basis points', () => {
    expect(pctToBp('82.5')).toBe(8250)
    expect(pctToBp('2,75')).toBe(275)
    expect(pctToBp('0.01')).toBe(1)
    expect(pctToBp(' 100 ')).toBe(10_000)
    expect(pctToBp('-0.5')).toBe(-50)
  })

  it('refuses fractions of a basis point and non-numbers with a message for the field', () => {
    expect(() => pctToBp('2.555')).toThrow(new FieldError('at most 2 decimals (whole basis points)'))
    expect(() => pctToBp('abc')).toThrow(FieldError)
    expect(() => pctToBp('')).toThrow('required')
  })

  it('writes basis points back as the shortest percentage', () => {
    for (const bp of [0, 1, 50, 250, 8250, 10_000, -35]) expect(pctToBp(bpToPct(bp))).toBe(bp)
    expect(bpToPct(8250)).toBe('82.5')
    expect(bpToPct(1)).toBe('0.01')
  })

  it('reads amounts in either decimal style into minor units, exactly', () => {
    expect(majorToMinor('1 250,50', 'SEK')).toBe(125_050)
    expect(majorToMinor('1,250.50', 'EUR')).toBe(125_050)
    expect(majorToMinor('1.250,5', 'EUR')).toBe(125_050)
    expect(majorToMinor('0.07', 'EUR')).toBe(7)
    expect(majorToMinor('1,000', 'EUR')).toBe(100_000)
    expect(majorToMinor('1500', 'JPY')).toBe(1500)
    // A lone mark before three digits is read the way the user's locale writes decimals.
    expect(() => majorToMinor('12.345', 'EUR', '.')).toThrow('at most 2 decimals')
    expect(majorToMinor('12.345', 'EUR', ',')).toBe(1_234_500)
    expect(majorToMinor('1.234.567,89', 'EUR', '.')).toBe(123_456_789)
    expect(() => majorToMinor('twelve', 'EUR')).toThrow(FieldError)
  })

  it('knows which mark a locale uses for decimals', () => {
    expect(decimalMarkOf('en-GB')).toBe('.')
    expect(decimalMarkOf('de-DE')).toBe(',')
    expect(decimalMarkOf('sv-SE')).toBe(',')
  })

  it('says schema bounds in percent', () => {
    expect(describeBp({ code: 'too_big', maximum: 10_000 })).toBe('at most 100 %')
    expect(describeBp({ code: 'too_small', minimum: 0 })).toBe('must not be negative')
    expect(toInt('30')).toBe(30)
    expect(() => toInt('3.5')).toThrow('whole number')
  })
})
