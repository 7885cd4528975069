import { describe, expect, it } from 'vitest'
import { add, allocate, applyBp, formatMoney, minorDigits, money, parseMajor, parseTypedAmount, roundDiv, sub, toMajorString } from '../../../src/shared/money'

describe('money', () => {
  it('knows each currency exponent', () => {
    expect(minorDigits('EUR')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('BHD')).toBe(3)
  })

  it('parses major-unit text exactly, with no float drift', () => {
    expect(parseMajor('0.07', 'EUR')).toBe(7)
    expect(parseMajor('1234.5', 'EUR')).toBe(123450)
    expect(parseMajor('-19.99', 'SEK')).toBe(-1999)
    expect(parseMajor('1234,56', 'EUR', ',')).toBe(123456)
    expect(parseMajor('100', 'JPY')).toBe(100)
    // 0.1 + 0.2 in floats is 0.30000000000000004; here the sum is exact.
    expect(parseMajor('0.1', 'EUR') + parseMajor('0.2', 'EUR')).toBe(parseMajor('0.3', 'EUR'))
  })

  it('refuses ambiguous or over-precise amounts instead of guessing', () => {
    expect(() => parseMajor('31.24', 'EUR', ',')).toThrow(/not an amount/)
    expect(() => parseMajor('1.234', 'EUR')).toThrow(/more decimals/)
    expect(parseMajor('1.230', 'EUR')).toBe(123)
    expect(() => parseMajor('12a', 'EUR')).toThrow()
  })

  it('formats minor units back to plain strings for files', () => {
    expect(toMajorString(5, 'EUR')).toBe('0.05')
    expect(toMajorString(-123456, 'EUR')).toBe('-1234.56')
    expect(toMajorString(500, 'JPY')).toBe('500')
  })

  it('formats for the user locale', () => {
    // Intl uses no-break spaces between groups and before the symbol; compare with plain spaces.
    const plain = (s: string) => s.replace(/\s/g, ' ')
    expect(plain(formatMoney(123456, 'EUR', 'de-DE'))).toBe('1.234,56 €')
    expect(formatMoney(123456, 'EUR', 'en-IE')).toBe('€1,234.56')
    expect(plain(formatMoney(123456, 'SEK', 'sv-SE'))).toBe('1 234,56 kr')
  })

  it('refuses to mix currencies or carry fractions', () => {
    expect(() => add(money(1, 'EUR'), money(1, 'SEK'))).toThrow(/currency mismatch/)
    expect(() => money(1.5, 'EUR')).toThrow(/integer/)
    expect(sub(money(500, 'EUR'), money(200, 'EUR')).amount).toBe(300)
  })

  it('rounds half away from zero', () => {
    expect(roundDiv(5, 2)).toBe(3)
    expect(roundDiv(-5, 2)).toBe(-3)
    expect(roundDiv(4, 3)).toBe(1)
    expect(applyBp(100_001, 8500)).toBe(85_001)
  })

  describe('allocate never loses a cent', () => {
    it('splits 100.00 three ways', () => {
      expect(allocate(10000, [1, 1, 1])).toEqual([3334, 3333, 3333])
    })
    it('splits by uneven ratios and negative totals', () => {
      expect(allocate(-1001, [70, 30])).toEqual([-701, -300])
      expect(allocate(5, [0, 1, 0])).toEqual([0, 5, 0])
    })
    it('sums back to the total for many random cases', () => {
      let seed = 42
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      for (let n = 0; n < 500; n++) {
        const total = Math.floor(rnd() * 10_000_000) - 5_000_000
        const ratios = Array.from({ length: 1 + Math.floor(rnd() * 7) }, () => Math.floor(rnd() * 1000))
        if (!ratios.some((r) => r > 0)) ratios[0] = 1
        const parts = allocate(total, ratios)
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total)
        parts.forEach((p, i) => ratios[i] === 0 && expect(p).toBe(0))
      }
    })
    it('rejects meaningless ratios', () => {
      expect(() => allocate(100, [])).toThrow()
      expect(() => allocate(100, [0, 0])).toThrow()
      expect(() => allocate(100, [-1, 2])).toThrow()
    })
  })
})

describe('parseTypedAmount', () => {
  it('reads amounts as people type them in a search box, whatever their decimal and grouping marks', () => {
    expect(parseTypedAmount('2590.34', 'EUR')).toBe(259_034)
    expect(parseTypedAmount('2,590.34', 'EUR')).toBe(259_034)
    expect(parseTypedAmount('2.590,34', 'EUR')).toBe(259_034)
    expect(parseTypedAmount('2 590,3', 'EUR')).toBe(259_030)
    expect(parseTypedAmount("1'000", 'CHF')).toBe(100_000)
    expect(parseTypedAmount('1.000', 'EUR')).toBe(100_000)
    expect(parseTypedAmount('12', 'EUR')).toBe(1_200)
    expect(parseTypedAmount('1500', 'JPY')).toBe(1_500)
  })

  it('is null for what is not an amount', () => {
    for (const t of ['INV-12', 'RF18', '', '1.2.3', '12.3456', '-5', 'De Vries']) expect(parseTypedAmount(t, 'EUR')).toBeNull()
  })
})
