import { describe, expect, it } from 'vitest'
import { lineKeys, numberSpellings, rfKey, type BankLine } from '../../../src/core/matching'
import { normaliseName } from '../../../src/core/names'
import { findRfReferences, isValidRfReference, makeRfReference } from '../../../src/core/rf-reference'
import { rng } from '../../support/rng'

/**
 * A line's keys are worked out once per line on the fast path; they must be exactly what the definitions give:
 * an RF reference by its check digits, the number-like words of the texts, the RF references in the text.
 */

const WORD = /[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]/g
const numberWords = (text: string | null): string[] => (text?.match(WORD) ?? []).filter((w) => w.length >= 3 && /\d/.test(w) && !/^RF\d\d/i.test(w))

describe('the keys of a bank line', () => {
  it('are the valid RF reference, the number-like words and the RF references of the text, on random texts', () => {
    const r = rng(11)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
    const rf = (): string => {
      const good = makeRfReference(pick(['42', '000000417', 'ABC12', 'x9z', '123456789012345678901']))
      const v = pick([good, good.toLowerCase(), good.replace(/(.{4})/g, '$1 '), `${good.slice(0, 2)}${(Number(good.slice(2, 4)) + 1) % 100}${good.slice(4)}`, 'RF00', 'RF1', 'RF12ÄÖ', 'rf'])
      return v
    }
    const word = (): string => pick(['Invoice', 'INV-17', 'inv-17', 'Inv/2026/0042', '2026-0042', 'A1', 'x.1.y', 'EUR', '12', '1234', 'ÖRE-55', rf(), '', '--9--', 'thank you'])
    for (let n = 0; n < 5000; n++) {
      const text = (): string | null => (r() < 0.2 ? null : Array.from({ length: 1 + Math.floor(r() * 5) }, word).join(pick([' ', ', ', '/', ' - '])))
      const line: BankLine = { key: n, amount: pick([1000, 0, -5]), currency: 'EUR', bookingDate: '2026-11-20', reference: r() < 0.5 ? rf() : text(), remittance: text(), counterpartyName: pick([null, 'Nordic Tools AB', '', 'Åkesson & Son Oy']), counterpartyAccount: pick([null, 'DE89 3704 0044 0532 0130 00', 'not an iban']), endToEndId: null }
      const k = lineKeys(line)
      if (line.amount <= 0) {
        expect(k).toMatchObject({ rf: null, tokens: [], textRfs: [] })
        continue
      }
      const ref = line.reference?.replace(/\s+/g, '').toUpperCase() ?? ''
      const wantRf = line.reference && isValidRfReference(ref) ? ref : null
      expect(rfKey(line.reference), String(line.reference)).toBe(wantRf)
      expect(k.rf).toBe(wantRf)
      const words = [...(wantRf ? [] : numberWords(line.reference)), ...numberWords(line.remittance)]
      expect(k.tokens).toEqual([...new Set(words.map((w) => w.toUpperCase()))])
      expect(k.written).toEqual([...new Set(words)])
      expect(k.textRfs).toEqual(line.remittance ? [...new Set(findRfReferences(line.remittance))].filter((x) => x !== wantRf) : [])
      expect(k.name).toBe(line.counterpartyName ? normaliseName(line.counterpartyName) : null)
    }
  })

  it('looks an invoice number up as written, upper case, lower case and capitalised', () => {
    expect(numberSpellings('inv-17/a')).toEqual(['inv-17/a', 'INV-17/A', 'Inv-17/A'])
  })
})
