import { describe, expect, it } from 'vitest'
import { addressLines, formatAmount, formatDate, formatIban, formatPlain, formatRf, localeFor, safeFileName } from '../../src/main/documents/format'

// Intl prints no-break and narrow no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('document formatting for the reader', () => {
  it('picks the locale from the debtor’s language and country, falling back sensibly', () => {
    expect(localeFor('sv', 'SE')).toBe('sv-SE')
    expect(localeFor('de', 'AT')).toBe('de-AT')
    expect(localeFor(null, 'FI')).toBe('fi-FI') // clients have no language: the country's
    expect(localeFor(null, 'ZZ')).toMatch(/^en/) // unknown country: English defaults
  })

  it('writes dates and amounts the way each country does', () => {
    expect(formatDate('2026-12-02', 'de-DE')).toBe('02.12.2026')
    expect(formatDate('2026-12-02', 'sv-SE')).toBe('2026-12-02')
    expect(formatDate('2026-12-02', 'en-GB')).toBe('02/12/2026')
    expect(plain(formatAmount(1_234_550, 'EUR', 'de-DE'))).toBe('12.345,50 €')
    expect(plain(formatAmount(1_234_550, 'EUR', 'sv-SE'))).toBe('12 345,50 €')
    expect(plain(formatAmount(1_234_550, 'SEK', 'sv-SE'))).toBe('12 345,50 kr')
    expect(plain(formatAmount(123_456, 'JPY', 'en-GB'))).toBe('JP¥123,456')
    expect(plain(formatPlain(1_234_550, 'EUR', 'fr-FR'))).toBe('12 345,50')
  })

  it('prints IBANs and RF references in groups of four', () => {
    expect(formatIban('se4550000000058398257466')).toBe('SE45 5000 0000 0583 9825 7466')
    expect(formatRf('RF18539007547034')).toBe('RF18 5390 0754 7034')
    expect(formatRf('RF7100000000123')).toBe('RF71 0000 0000 123')
  })

  it('adds the country line only across a border, and puts the town where the country expects it', () => {
    const de = { name: 'Bäckström GmbH', address: 'Hauptstraße 5\nHinterhaus', postalCode: '10115', city: 'Berlin', country: 'DE' }
    expect(addressLines(de, 'DE')).toEqual(['Bäckström GmbH', 'Hauptstraße 5', 'Hinterhaus', '10115 Berlin'])
    expect(addressLines(de, 'SE').at(-1)).toBe('GERMANY')
    expect(addressLines({ name: 'Acme Ltd', address: '1 High St', postalCode: 'SW1A 1AA', city: 'London', country: 'GB' }, 'GB')).toEqual(['Acme Ltd', '1 High St', 'London SW1A 1AA'])
  })

  it('makes file names every OS accepts from invoice numbers', () => {
    expect(safeFileName('F-2026/4120')).toBe('F-2026_4120')
    expect(safeFileName('Åkerö: faktura #7')).toBe('Akero_faktura_7')
    expect(safeFileName('///')).toBe('document')
  })
})
