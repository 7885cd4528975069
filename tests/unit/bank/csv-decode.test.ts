import { describe, expect, it } from 'vitest'
import { decodeText, detectFormat, parseStatement, type CsvProfile } from '../../../src/core/bank'
import { normaliseAmount } from '../../../src/core/bank/csv'
import { fixture } from './helpers'

const sek: CsvProfile = {
  delimiter: ';',
  decimalMark: ',',
  thousandsMark: ' ',
  dateFormat: 'YYYY-MM-DD',
  headerRows: 1,
  footerRows: 1,
  columns: { bookingDate: 'Bokföringsdag', valueDate: 'Valutadag', debit: 'Uttag', credit: 'Insättning', remittance: 'Text', counterpartyName: 'Motpart', reference: 'Referens' },
  defaultCurrency: 'SEK',
  account: 'SE4550000000058398257466'
}

describe('CSV with a bank profile', () => {
  it('reads CP1252 debit/credit columns with Swedish headers, skipping the footer sum', () => {
    const r = parseStatement(fixture('sek-debit-credit-cp1252.csv'), { fileName: 'sek.csv', csvProfile: sek })
    expect(r.format).toBe('csv')
    expect(r.errors).toEqual([])
    const st = r.statements[0]
    expect(st.account).toBe('SE4550000000058398257466')
    expect(st.entries.map((e) => [e.amount, e.bookingDate, e.valueDate])).toEqual([
      [1250000, '2026-03-02', '2026-03-02'],
      [-24950, '2026-03-03', '2026-03-03'],
      [125, '2026-03-04', '2026-03-05']
    ])
    expect(st.entries[0]).toMatchObject({ counterpartyName: 'Åkesson & Söner AB', reference: 'RF18539007547034', remittance: 'Betalning faktura 1001' })
  })

  it('reads UTF-16LE with BOM, columns by index, US dates and thousands commas', () => {
    const p: CsvProfile = { delimiter: ',', decimalMark: '.', thousandsMark: ',', dateFormat: 'MM/DD/YYYY', headerRows: 1, footerRows: 0, columns: { bookingDate: 0, amount: 1, remittance: 2 }, defaultCurrency: 'USD' }
    const r = parseStatement(fixture('usd-utf16le-bom.csv'), { fileName: 'usd.csv', csvProfile: p })
    expect(r.statements[0].entries.map((e) => [e.amount, e.bookingDate, e.remittance])).toEqual([
      [123456, '2026-03-01', 'Customer payment'],
      [-1500, '2026-03-02', 'Wire fee']
    ])
  })

  it('is strict about decimal marks and dates: bad rows become line errors, good rows stay', () => {
    const p: CsvProfile = { delimiter: ';', decimalMark: ',', thousandsMark: '.', dateFormat: 'DD.MM.YYYY', headerRows: 1, footerRows: 0, columns: { bookingDate: 'Buchungstag', amount: 'Betrag', remittance: 'Verwendungszweck' }, defaultCurrency: 'EUR' }
    const r = parseStatement(fixture('eur-strict-decimal.csv'), { fileName: 'eur.csv', csvProfile: p })
    expect(r.statements[0].entries.map((e) => e.amount)).toEqual([123456, -750])
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[3, 'amount'], [5, 'bookingDate']])
    expect(r.errors[0].message).toMatch(/eur\.csv line 3: amount: not an amount: "31\.24"/)
  })

  it('normaliseAmount never reinterprets the other mark', () => {
    const comma = { decimalMark: ',' as const, thousandsMark: '' as const }
    expect(normaliseAmount('31.24', comma)).toEqual({ error: expect.stringContaining('decimal mark is ","') })
    expect(normaliseAmount('31,24', comma)).toBe('31.24')
    expect(normaliseAmount("1'234.50", { decimalMark: '.', thousandsMark: "'" })).toBe('1234.50')
    expect(normaliseAmount('1,23', { decimalMark: '.', thousandsMark: ',' })).toEqual({ error: expect.any(String) })
    expect(normaliseAmount('12,50-', comma)).toBe('-12.50')
  })

  it('uses amount + indicator columns', () => {
    const csv = 'date,amt,dc\n20260301,10.00,CR\n20260302,2.50,DR\n20260303,1.00,XX\n'
    const p: CsvProfile = { delimiter: ',', decimalMark: '.', thousandsMark: '', dateFormat: 'YYYYMMDD', headerRows: 1, footerRows: 0, columns: { bookingDate: 'date', amount: 'amt', indicator: 'dc', creditValue: 'CR', debitValue: 'DR' }, defaultCurrency: 'EUR' }
    const r = parseStatement(new TextEncoder().encode(csv), { fileName: 'x.csv', csvProfile: p })
    expect(r.statements[0].entries.map((e) => e.amount)).toEqual([1000, -250])
    expect(r.errors[0]).toMatchObject({ line: 4, field: 'indicator' })
  })

  it('names a missing header column instead of importing nothing silently', () => {
    const r = parseStatement(fixture('sek-debit-credit-cp1252.csv'), { csvProfile: { ...sek, columns: { ...sek.columns, debit: 'Debet' } } })
    expect(r.statements).toEqual([])
    expect(r.errors[0].message).toMatch(/column "Debet" for debit is not in the header/)
  })
})

describe('decodeText', () => {
  const enc = (s: string) => new TextEncoder().encode(s)
  it('strips a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('åäö')]))).toEqual({ text: 'åäö', encoding: 'utf-8' })
  })
  it('reads UTF-16 LE and BE with BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0xe5, 0x00, 0x41, 0x00]))).toEqual({ text: 'åA', encoding: 'utf-16le' })
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0xe4, 0x00, 0x42]))).toEqual({ text: 'äB', encoding: 'utf-16be' })
  })
  it('falls back to Latin-1 for å ä ö and to CP1252 when 0x80-0x9F bytes appear', () => {
    expect(decodeText(new Uint8Array([0xe5, 0xe4, 0xf6]))).toEqual({ text: 'åäö', encoding: 'iso-8859-1' })
    expect(decodeText(new Uint8Array([0x80, 0x20, 0xe5]))).toEqual({ text: '€ å', encoding: 'windows-1252' })
  })
})

describe('detectFormat', () => {
  it.each([
    ['camt053.v2.minimal.xml', 'camt.053'],
    ['camt052.v4.xml', 'camt.052'],
    ['camt054.v2.xml', 'camt.054'],
    ['jejik-abnamro.sta', 'mt940'],
    ['wolph-mbank-mt942.sta', 'mt942'],
    ['moov-bai2-sample1.txt', 'bai2'],
    ['bank_medium.ofx', 'ofx'],
    ['suncorp.ofx', 'ofx'],
    ['BgMaxfil4.txt', 'bgmax'],
    ['sek-debit-credit-cp1252.csv', 'csv'],
    ['not-a-statement.txt', null],
    ['not-a-statement.xml', null]
  ])('%s -> %s', (name, format) => {
    expect(detectFormat(fixture(name), name)).toBe(format)
  })

  it('parseStatement reports an unknown file without statements', () => {
    const r = parseStatement(fixture('not-a-statement.txt'), { fileName: 'letter.txt' })
    expect(r).toMatchObject({ format: 'unknown', statements: [] })
    expect(r.errors[0].message).toMatch(/^letter\.txt: not a recognised bank statement/)
  })
})
