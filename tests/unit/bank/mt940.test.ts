import { describe, expect, it } from 'vitest'
import { parseStatement } from '../../../src/core/bank'
import { fixture } from './helpers'

const parse = (name: string) => parseStatement(fixture(name), { fileName: name })

describe('MT940', () => {
  it('reads German ?NN subfields: counterparty, IBAN, EREF and SVWZ', () => {
    const r = parse('betterplace-sepa_snippet.sta')
    expect(r.format).toBe('mt940')
    expect(r.statements.flatMap((s) => s.entries)).toHaveLength(11)
    const e = r.statements[0].entries[0]
    expect(e).toMatchObject({
      amount: 5099005,
      currency: 'EUR',
      valueDate: '2007-09-07',
      bookingDate: '2007-09-04',
      bankRef: '0724710333343453',
      endToEndId: 'EndToEndId TFNR 22 004 00001',
      remittance: 'Verw CTSc-01 BC-PPP TFNr 22 004',
      counterpartyName: 'KARL KAUFMANN',
      counterpartyAccount: 'DE14508800500194785000'
    })
    // The second statement of this test file does not reconcile; the warning names it.
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/statement T089414096000001\/00004\/00001: balances do not add up/)])
  })

  it('reads a UTF-8 BOM + CRLF file, a wrapped RF reference and umlauts; balances reconcile', () => {
    const r = parse('mt940-utf8-bom.sta')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    const [pay, fee] = r.statements[0].entries
    expect(r.statements[0]).toMatchObject({ id: 'FD1/00001/001', account: 'DE89370400440532013000', opening: { amount: 10000, date: '2026-02-27' }, closing: { amount: 34950, date: '2026-02-27' } })
    expect(pay).toMatchObject({ amount: 25000, reference: 'RF18539007547034', endToEndId: 'INV-2026-17', counterpartyName: 'Müller GmbH', counterpartyAccount: 'DE44500105175407324931', bankRef: 'BANKREF1' })
    expect(fee).toMatchObject({ amount: -50, remittance: 'Kontoführung' })
  })

  it('splits ABN AMRO messages into statements and joins wrapped :86: lines', () => {
    const r = parse('jejik-abnamro.sta')
    expect(r.statements.map((s) => s.entries.length)).toEqual([8, 2])
    const all = r.statements.flatMap((s) => s.entries)
    expect(all.reduce((s, e) => s + e.amount, 0)).toBe(-34593)
    expect(all[0].remittance).toContain('BETALINGSKENM.  000000042188659'.replace(/\s+/g, ' '))
  })

  it('reads Rabobank /KEY/ details: end-to-end id, name and IBAN', () => {
    const e = parse('jejik-rabobank-iban.sta').statements[0].entries[0]
    expect(e).toMatchObject({ amount: -2500, endToEndId: '01-01-2013 12:00 0030000987654321', counterpartyName: 'CONTRA ACCOUNT HOLDER', counterpartyAccount: 'NL70ABNA0987654321' })
  })

  it('reads February 30 as the last day of February, with a warning on the line', () => {
    const r = parse('wolph-february_30.sta')
    expect(r.statements[0].entries[0]).toMatchObject({ amount: -600, valueDate: '2016-02-29', bookingDate: '2016-03-01' })
    expect(r.warnings[0]).toMatchObject({ line: 6, field: ':61: value date' })
  })

  it('reads MT942 interim reports and checks :90C: against the entries', () => {
    const r = parse('wolph-mbank-mt942.sta')
    expect(r.format).toBe('mt942')
    expect(r.statements[0].entries.map((e) => e.amount)).toEqual([1, 1, 1])
    expect(r.statements[0].currency).toBe('PLN')
    expect(r.warnings).toEqual([])
  })

  it('reports a bad :61: line with its line number and keeps the good rows', () => {
    const text = ':20:X\n:25:ACC\n:28C:1\n:60F:C260101EUR10,00\n:61:260101C5,00NTRFNONREF\n:61:26O101CX,00NTRF\n:86:dropped\n:61:260102D1,00NTRFNONREF\n:62F:C260102EUR14,00\n-\n'
    const r = parseStatement(new TextEncoder().encode(text), { fileName: 'bad.sta' })
    expect(r.statements[0].entries.map((e) => e.amount)).toEqual([500, -100])
    expect(r.errors).toEqual([expect.objectContaining({ line: 6, field: ':61:', message: expect.stringMatching(/^bad\.sta line 6: :61: statement line not understood/) })])
    expect(r.warnings).toEqual([])
  })
})
