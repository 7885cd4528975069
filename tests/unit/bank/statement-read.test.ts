/**
 * Reading a statement file for import: flat lines with fingerprints (content + occurrence in the file), so a
 * re-import or an overlapping file adds nothing while identical lines within one file stay apart.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readFile } from '../../../src/main/services/statement-read'
import { occurrenceKeys } from '../../../src/core/matching/fingerprint'

const fee = '<Ntry><Amt Ccy="SEK">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt><AddtlNtryInf>Card fee</AddtlNtryInf></Ntry>'
const pay = '<Ntry><Amt Ccy="SEK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-03-03</Dt></ValDt><NtryDtls><TxDtls><RmtInf><Ustrd>Invoice  7</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>'
const file = (...entries: string[]) =>
  new TextEncoder().encode(
    `<Document><BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id><Ccy>SEK</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="SEK">0</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt></Bal>
${entries.join('\n')}</Stmt></BkToCstmrStmt></Document>`
  )
const read = (name: string, bytes: Uint8Array) => readFile({ fileName: name, bytes }, '2026-04-01')

describe('statement read', () => {
  it('keeps identical lines of one file apart and gives the same lines the same fingerprints when read again', () => {
    const a = read('a.xml', file(fee, fee, pay, fee))
    const fps = a.lines.map((l) => l.fingerprint)
    expect(new Set(fps).size).toBe(4)
    expect(read('b.xml', file(fee, fee, pay, fee)).lines.map((l) => l.fingerprint)).toEqual(fps)
    // An overlapping file: its two fees are the first two fees seen before.
    expect(read('c.xml', file(fee, fee)).lines.map((l) => l.fingerprint)).toEqual(fps.slice(0, 2))
  })

  it('fingerprints the content key with its occurrence number (sha256, 32 base64url characters)', () => {
    const r = read('a.xml', file(fee, pay, fee))
    const want = occurrenceKeys(r.lines).map((k) => createHash('sha256').update(k).digest('base64url').slice(0, 32))
    expect(r.lines.map((l) => l.fingerprint)).toEqual(want)
  })

  it('flattens entries with their statement, account and a booking date', () => {
    const r = read('a.xml', file(fee, pay))
    expect(r.lines.map((l) => [l.key, l.statementId, l.account, l.amount, l.bookingDate, l.remittance])).toEqual([
      [0, 'S', 'SE4550000000058398257466', -500, '2026-03-02', 'Card fee'],
      // No booking date: the value date stands in.
      [1, 'S', 'SE4550000000058398257466', 10000, '2026-03-03', 'Invoice 7']
    ])
    expect(r.sha256).toBe(createHash('sha256').update(file(fee, pay)).digest('hex'))
  })

  it('refuses a broken file naming it and the line', () => {
    expect(() => read('bad.xml', new TextEncoder().encode('<Document>\n<BkToCstmrStmt>\n<Stmt></Ntry>'))).toThrow(/^bad\.xml line 3: not well-formed XML/)
  })
})
