import { describe, expect, it } from 'vitest'
import { parseStatement, parseCamtStream, statementToJson, type Entry } from '../../../src/core/bank'
import { fixture } from './helpers'

const parse = (name: string) => parseStatement(fixture(name), { fileName: name })

describe('camt.053', () => {
  it('reads genkgo minimal: one credit of 8.85 EUR with its dates, reference and debtor', () => {
    const r = parse('camt053.v2.minimal.xml')
    expect(r.format).toBe('camt.053')
    expect(r.errors).toEqual([])
    expect(r.statements).toHaveLength(1)
    const st = r.statements[0]
    expect(st).toMatchObject({ id: '253EURNL26VAYB8060476890', account: 'NL26VAYB8060476890', currency: 'EUR' })
    expect(st.opening).toEqual({ amount: 1815, date: '2014-12-30' })
    // The file's closing balance is -27.00 in SEK on purpose; it is kept and flagged, not "fixed".
    expect(st.closing).toEqual({ amount: -2700, date: '2014-12-31' })
    expect(r.warnings.map((w) => w.message).join()).toMatch(/253EURNL26VAYB8060476890.*SEK/)
    expect(st.entries).toEqual([
      {
        amount: 885,
        currency: 'EUR',
        bookingDate: '2014-12-31',
        valueDate: '2015-01-02',
        bankRef: null,
        endToEndId: null,
        reference: '4654654654654654',
        remittance: null,
        counterpartyName: 'NAME NAME',
        counterpartyAccount: 'NL56AGDH9619008421'
      }
    ])
  })

  it('keeps two statements apart and both reconcile without warnings', () => {
    const r = parse('camt053.v2.multi.statement.xml')
    expect(r.statements.map((s) => [s.id, s.opening?.amount, s.closing?.amount, s.entries.map((e) => e.amount)])).toEqual([
      ['253EURNL26VAYB8060476890', 1815, 2700, [885]],
      ['254EURNL26VAYB8060476890', 2700, 2000, [-700]]
    ])
    expect(r.warnings).toEqual([])
  })

  it('splits Actual Budget batch into 7 transactions and warns that the balances do not add up', () => {
    const r = parse('actualbudget-camt.053.xml')
    const e = r.statements[0].entries
    expect(e.map((x) => x.amount)).toEqual([60, 50, -8985, 120, -8000, 225, 120])
    expect(e.map((x) => x.valueDate)).toEqual(['2013-12-30', '2013-12-30', '2024-03-11', '2014-01-05', '2024-03-12', '2014-01-03', '2014-01-03'])
    expect(e[0].bankRef).toBe('2013123001153870000')
    expect(e[3].remittance).toMatch(/^Retoure SEPA Lastschrift vom 03\.01\.2014, Rueckgabegrund: MD06/)
    expect(e[5].remittance).toBe('Lastschrift 2. Zahlung TAN:747216')
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0].message).toMatch(/statement 0352C5320140103220142: balances do not add up/)
    expect(r.warnings[0].line).toBeGreaterThan(0)
  })

  it('reads prefixed v8 elements, splits a batch per TxDtls, finds RF references and reconciles', () => {
    const r = parse('camt053-v8-batch.xml')
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    const st = r.statements[0]
    expect(st.account).toBe('SE4550000000058398257466')
    expect(st.closing).toEqual({ amount: 1325050, date: '2026-03-01' })
    expect(st.entries.map((e) => e.amount)).toEqual([500000, 700000, 50000, -24950])
    const [a, b, c, fee] = st.entries as [Entry, Entry, Entry, Entry]
    expect(a).toMatchObject({ reference: 'RF18539007547034', endToEndId: 'E2E-1', counterpartyName: 'Åkesson & Söner AB', counterpartyAccount: 'SE3550000000054910000003', bankRef: 'BANK-0001' })
    expect(b).toMatchObject({ endToEndId: null, remittance: 'Faktura 1002 och 1003', counterpartyName: 'Beta Bygg AB' })
    expect(c.reference).toBe('RF18539007547034')
    expect(fee).toMatchObject({ remittance: 'Bankavgift mars', bookingDate: '2026-03-01' })
  })

  it('honours an ISO-8859-1 declaration', () => {
    const r = parse('camt053-latin1.xml')
    expect(r.statements[0].entries[0].counterpartyName).toBe('Åkesson & Söner AB')
  })
})

describe('camt.052 and camt.054', () => {
  it('reads a v1 report whose message name carries a version suffix', () => {
    const r = parse('camt052.v1.xml')
    expect(r.format).toBe('camt.052')
    expect(r.statements[0]).toMatchObject({ account: 'CH2801234000123456789', currency: 'SEK' })
    expect(r.statements[0].entries[0]).toMatchObject({ amount: -20000000, bookingDate: '2007-10-18' })
  })

  it('keeps a notification entry whole when its three TxDtls carry no amounts', () => {
    const r = parse('camt054.v2.xml')
    expect(r.format).toBe('camt.054')
    const e = r.statements[0].entries
    expect(e).toHaveLength(1)
    expect(e[0]).toMatchObject({ amount: -20000000, currency: 'SEK', bookingDate: '2007-10-18', endToEndId: 'MUELL/FINP/RA12345', reference: 'ISR ref number V1' })
  })

  it('reads camt.052 v4 related parties', () => {
    const e = parse('camt052.v4.xml').statements[0].entries[0]
    expect(e).toMatchObject({ amount: -20000000, counterpartyName: 'UNIFITS GmbH', bankRef: 'ACSR160614165200001' })
  })
})

describe('broken camt input', () => {
  it('reports a truncated file with file, line and element, and returns no statements', () => {
    const r = parse('camt053-truncated.xml')
    expect(r.statements).toEqual([])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0].message).toMatch(/^camt053-truncated\.xml line \d+: unexpected end of file inside <Ntry>$/)
    expect(r.errors[0]).toMatchObject({ file: 'camt053-truncated.xml' })
  })

  it('rejects XML that is not a bank statement', () => {
    const r = parseStatement(fixture('not-a-statement.xml'), { fileName: 'pain.xml', format: 'camt.053' })
    expect(r.statements).toEqual([])
    expect(r.errors[0].message).toMatch(/pain\.xml line 3: not a camt bank statement: <Document> contains <CstmrCdtTrfInitn>/)
  })

  it('rejects malformed XML with its line number', () => {
    const bytes = new TextEncoder().encode('<Document>\n<BkToCstmrStmt>\n<Stmt><Id>1</Id></Ntry>\n</BkToCstmrStmt></Document>')
    const r = parseStatement(bytes, { fileName: 'x.xml', format: 'camt.053' })
    expect(r.statements).toEqual([])
    expect(r.errors[0].line).toBe(3)
  })
})

describe('parseCamtStream', () => {
  async function* chunks(bytes: Uint8Array, size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
  }

  it('gives the same statements as the whole-file parser, even with 7-byte chunks splitting UTF-8 characters', async () => {
    const bytes = fixture('camt053-v8-batch.xml')
    const whole = parseStatement(bytes)
    const streamed = await parseCamtStream(chunks(bytes, 7))
    expect(streamed.statements).toEqual(whole.statements)
  })

  it('hands entries to onEntry instead of keeping them, and still checks the balances', async () => {
    const seen: number[] = []
    const r = await parseCamtStream(chunks(fixture('actualbudget-camt.053.xml'), 4096), (e, st) => {
      expect(st.id).toBe('0352C5320140103220142')
      seen.push(e.amount)
    })
    expect(seen).toEqual([60, 50, -8985, 120, -8000, 225, 120])
    expect(r.statements[0].entries).toEqual([])
    expect(r.warnings[0].message).toMatch(/balances do not add up/)
  })
})

describe('statementToJson', () => {
  it('has exactly the CLI keys', () => {
    const j = statementToJson(parse('camt053.v2.multi.statement.xml'))
    expect(Object.keys(j)).toEqual(['format', 'statements', 'warnings'])
    expect(Object.keys(j.statements[0])).toEqual(['id', 'account', 'currency', 'opening', 'closing', 'entries'])
    expect(JSON.parse(JSON.stringify(j))).toEqual(j)
  })
})
