import { describe, expect, it } from 'vitest'
import { parseStatement } from '../../../src/core/bank'
import { fixture } from './helpers'

const parse = (name: string) => parseStatement(fixture(name), { fileName: name })

describe('BAI2', () => {
  it('reads moov sample1: 2 CAD accounts, 17 details, control totals agree', () => {
    const r = parse('moov-bai2-sample1.txt')
    expect(r.format).toBe('bai2')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.statements.map((s) => s.entries.length)).toEqual([11, 6])
    const first = r.statements[0].entries[0]
    // Type 409 is a debit; amounts are implied-decimal cents.
    expect(first).toMatchObject({ amount: -2500, currency: 'CAD', valueDate: '2006-03-16', bookingDate: '2006-03-17', remittance: 'RETURNED CHEQUE' })
  })

  it('appends 88 continuations to the detail text and warns about wrong trailers', () => {
    const r = parse('moov-bai2-sample4.txt')
    const e = r.statements[1].entries[0]
    expect(e).toMatchObject({ amount: -60000, bankRef: 'SPB2322984714570', endToEndId: '1111' })
    expect(e.remittance).toMatch(/EREF: 1111 DBNM: TEST INC CACT: ACHCONTROLOUTUSD01$/)
    expect(r.warnings.some((w) => /49 control total/.test(w.message) && w.line === 22)).toBe(true)
  })

  it('rejects a file cut before its 99 trailer', () => {
    const text = new TextDecoder().decode(fixture('moov-bai2-sample1.txt')).split('\n').slice(0, 10).join('\n')
    const r = parseStatement(new TextEncoder().encode(text), { fileName: 'cut.bai' })
    expect(r.statements).toEqual([])
    expect(r.errors[0].message).toMatch(/no 99 file trailer/)
  })
})

describe('OFX', () => {
  it('reads SGML v1 bank_medium: 3 transactions, ledger balance 382.34 CAD', () => {
    const r = parse('bank_medium.ofx')
    const st = r.statements[0]
    expect(st.currency).toBe('CAD')
    expect(st.closing).toEqual({ amount: 38234, date: '2009-05-23' })
    expect(st.entries.map((e) => e.amount)).toEqual([-660, -31667, -2200])
    expect(st.entries[0]).toMatchObject({ bookingDate: '2009-04-01', bankRef: '0000123456782009040100001', counterpartyName: "MCDONALD'S #112" })
  })

  it('reads XML v2 suncorp: one transaction of -16.85 AUD', () => {
    const r = parse('suncorp.ofx')
    expect(r.statements[0].entries.map((e) => [e.amount, e.currency])).toEqual([[-1685, 'AUD']])
  })

  it('discards the three undated transactions with errors on their lines', () => {
    const r = parse('ofxparse-date_missing.ofx')
    expect(r.statements[0].entries).toEqual([])
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[33, 'DTPOSTED'], [40, 'DTPOSTED'], [48, 'DTPOSTED']])
  })
})

describe('BgMax', () => {
  it('reads Bankgirot example 4: 4 deposits, 9 payments, ISO-8859-1 names', () => {
    const r = parse('BgMaxfil4.txt')
    expect(r.errors).toEqual([])
    expect(r.statements).toHaveLength(4)
    const pays = r.statements.flatMap((s) => s.entries)
    expect(pays).toHaveLength(9)
    const p535765 = pays.find((p) => p.reference === '535765')!
    expect(p535765).toMatchObject({ amount: 50000, currency: 'SEK', bookingDate: '2004-05-25', bankRef: '000000000023' })
    const p524967 = pays.find((p) => p.reference === '524967')!
    expect(p524967).toMatchObject({ amount: 190000, counterpartyName: 'Olles färg AB', counterpartyAccount: 'BG 97012333' })
    expect(pays[0].remittance).toContain('Betalning med extra refnr 665869 657775 665661')
    expect(r.statements[3].currency).toBe('EUR')
  })

  it('rejects the broken file with Bankgirot-style count errors', () => {
    const r = parse('BgMaxfil4_broken.txt')
    expect(r.statements).toEqual([])
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Found 9 payments but expected 8$/),
      expect.stringMatching(/Found 4 deposits but expected 5$/)
    ])
  })
})
