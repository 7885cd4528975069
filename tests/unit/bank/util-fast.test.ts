/**
 * The bank parsers' shortcuts for amounts, dates and references must give exactly what the shared rules give
 * (shared/money parseMajor, shared/dates isLocalDate, rf-reference isValidRfReference), for any input.
 */
import { describe, expect, it } from 'vitest'
import { Issues, isoDatePart, normaliseReference, toMinor, clean } from '../../../src/core/bank/util'
import { parseMajor } from '../../../src/shared/money'
import { isLocalDate } from '../../../src/shared/dates'
import { isValidRfReference, makeRfReference } from '../../../src/core/rf-reference'

describe('bank parser shortcuts agree with the shared rules', () => {
  it('toMinor reads every amount as parseMajor does, and reports what parseMajor refuses', () => {
    const amounts = ['0', '0.00', '1', '1.5', '1.55', '1.555', '1.550', '12.', '.5', '+1.00', '-1.00', '-0.00', '1,00', ' 12.34 ', '00012.30', '1234567890123.45', '99999999999999.99', '1e5', '12.3a', '']
    for (const currency of ['EUR', 'JPY', 'BHD', 'CLF', 'zzz'])
      for (const text of amounts)
        for (const mark of ['.', ','] as const) {
          const issues = new Issues('f')
          let want: number | null
          try {
            want = parseMajor(text.trim(), currency === 'zzz' ? 'EUR' : currency, mark)
          } catch {
            want = null
          }
          expect(toMinor(text, currency, issues, 1, 'Amt', mark), `${currency} ${mark} "${text}"`).toBe(want)
          expect(issues.errors.length, `${currency} ${mark} "${text}"`).toBe(want === null ? 1 : 0)
        }
  })

  it('isoDatePart accepts exactly the real dates', () => {
    for (const y of ['0000', '0099', '0100', '2023', '2024', '9999', '20a4'])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
          expect(isoDatePart(`${s}T10:00:00`), s).toBe(isLocalDate(s) ? s : null)
        }
    expect(isoDatePart(' 2024-02-29 ')).toBe('2024-02-29')
    expect(isoDatePart('2024-1-05')).toBeNull()
  })

  it('normaliseReference compacts valid RF references and leaves everything else alone', () => {
    const refs = ['RF18539007547034', 'rf18 5390 0754 7034', 'RF18539007547035', 'rf18539007547035', 'INV-1/2', 'ß', '  RF18 5390\t0754 7034 ', makeRfReference('abc12')]
    for (let i = 0; i < 300; i++) refs.push(makeRfReference(String(i * 7919)), `RF${String(i % 100).padStart(2, '0')}X${i}`)
    for (const ref of refs) {
      const r = clean(ref)!
      expect(normaliseReference(ref), ref).toBe(isValidRfReference(r) ? r.replace(/\s+/g, '').toUpperCase() : r)
    }
    expect(normaliseReference('rf18 5390 0754 7034')).toBe('RF18539007547034')
  })
})
