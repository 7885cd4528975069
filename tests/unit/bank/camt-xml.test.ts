/**
 * The XML that real camt files contain, read by our own scanner (src/core/bank/xml-scan.ts): prefixes, entities,
 * CDATA, comments, attribute quoting, whitespace, chunk boundaries anywhere, and the errors of broken files.
 */
import { describe, expect, it } from 'vitest'
import { parseStatement, parseCamtStream, type ParsedFile } from '../../../src/core/bank'
import { XmlScanner } from '../../../src/core/bank/xml-scan'
import { fixture } from './helpers'

const enc = (s: string) => new TextEncoder().encode(s)
const parse = (xml: string, fileName = 'x.xml'): ParsedFile => parseStatement(enc(xml), { fileName, format: 'camt.053' })

/** One statement with one credit; `entry` is the Ntry's inner XML. */
function camt(entry: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${prolog}
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id><Ccy>SEK</Ccy></Acct>
<Ntry>${entry}</Ntry>
</Stmt></BkToCstmrStmt></Document>`
}
const credit = (details: string) => camt(`<Amt Ccy="SEK">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-01</Dt></BookgDt><NtryDtls><TxDtls>${details}</TxDtls></NtryDtls>`)
const entryOf = (r: ParsedFile) => {
  expect(r.errors).toEqual([])
  return r.statements[0].entries[0]
}

describe('camt XML as banks write it', () => {
  it('decodes predefined and numeric entities in text', () => {
    const e = entryOf(parse(credit('<RltdPties><Dbtr><Nm>&#197;kesson &amp; S&#xF6;ner &lt;AB&gt; &quot;x&quot; &apos;y&apos;</Nm></Dbtr></RltdPties>')))
    expect(e.counterpartyName).toBe(`Åkesson & Söner <AB> "x" 'y'`)
  })

  it('reads CDATA as text and skips comments, also in the middle of a value', () => {
    const e = entryOf(parse(credit('<!-- party --><RmtInf><Ustrd><![CDATA[Invoice <42> & more]]></Ustrd><Ustrd>Fak<!-- split -->tura 7</Ustrd></RmtInf>')))
    expect(e.remittance).toBe('Invoice <42> & more Faktura 7')
  })

  it('reads single-quoted attributes with blanks around "=", and ignores other attributes', () => {
    const r = parse(camt(`<Amt  xmlns:q="urn:x" Ccy = 'SEK' >10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>`))
    expect(entryOf(r)).toMatchObject({ amount: -1000, currency: 'SEK' })
  })

  it('matches elements by local name whatever the prefix, with a DOCTYPE and processing instructions around', () => {
    const xml = credit('<RltdPties><Dbtr><Nm>Beta AB</Nm></Dbtr></RltdPties>')
      .replace(/<(\/?)(?!\?|!)/g, '<$1ns:')
      .replace('<ns:Document xmlns=', '<ns:Document xmlns:ns=')
      .replace('?>', '?>\n<!DOCTYPE ns:Document [ <!ELEMENT x (#PCDATA)> ]>\n<?pi data?>')
    const e = entryOf(parse(xml))
    expect(e).toMatchObject({ amount: 1000, counterpartyName: 'Beta AB', bookingDate: '2026-03-01' })
  })

  it('collapses whitespace and CRLF line breaks inside values', () => {
    const e = entryOf(parse(credit('<RmtInf><Ustrd>\r\n   Faktura\r\n   1002\t</Ustrd></RmtInf>').replace(/\n/g, '\r\n')))
    expect(e.remittance).toBe('Faktura 1002')
  })

  it('gives the same statements for every chunk size, including chunks that cut tags, entities and CDATA', async () => {
    const xml = credit('<RltdPties><Dbtr><Nm>S&#xF6;ner &amp; Co</Nm></Dbtr></RltdPties><RmtInf><Ustrd><![CDATA[a]]>b<!-- c --></Ustrd></RmtInf>')
    const whole = parse(xml).statements
    expect(whole[0].entries[0]).toMatchObject({ counterpartyName: 'Söner & Co', remittance: 'ab' })
    const bytes = enc(xml)
    for (let size = 1; size <= 64; size++) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      }
      expect((await parseCamtStream(chunks())).statements, `chunk size ${size}`).toEqual(whole)
    }
  })

  it('reports the same lines when streamed in small chunks as when read whole', async () => {
    for (const name of ['camt053-truncated.xml', 'actualbudget-camt.053.xml']) {
      const bytes = fixture(name)
      const whole = parseStatement(bytes, { fileName: name })
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 64) yield bytes.subarray(i, i + 64)
      }
      const streamed = await parseCamtStream(chunks(), undefined, name)
      expect([...streamed.errors, ...streamed.warnings].map((i) => i.line), name).toEqual([...whole.errors, ...whole.warnings].map((i) => i.line))
      expect(streamed.errors.length + streamed.warnings.length, name).toBeGreaterThan(0)
    }
  })

  it('reads comments, CDATA and text longer than many chunks', async () => {
    const long = 'Faktura 1234 '.repeat(20_000).trim()
    const xml = credit(`<!--${'-x'.repeat(50_000)}--><RmtInf><Ustrd><![CDATA[${long}\r\n]]>${long}</Ustrd></RmtInf>`)
    const bytes = enc(xml)
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 999) yield bytes.subarray(i, i + 999)
    }
    const r = await parseCamtStream(chunks())
    expect(r.errors).toEqual([])
    expect(r.statements[0].entries[0].remittance).toBe(`${long} ${long}`)
  })

  it('honours an ISO-8859-1 declaration also when the stream comes in chunks smaller than the declaration', async () => {
    const bytes = fixture('camt053-latin1.xml')
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7)
    }
    const r = await parseCamtStream(chunks())
    expect(r.statements[0].entries[0].counterpartyName).toBe('Åkesson & Söner AB')
  })

  it('counts lines the same when the file has no line breaks at all', () => {
    const xml = credit('').replace(/\n/g, '')
    const r = parse(xml.replace('<Ntry>', '<Ntry><Amt>x</Amt>'))
    expect(r.errors[0].line).toBe(1)
  })
})

describe('broken XML names file and line', () => {
  const broken = (xml: string) => {
    const r = parse(xml, 'bad.xml')
    expect(r.statements).toEqual([])
    expect(r.errors).toHaveLength(1)
    return r.errors[0]
  }

  it.each([
    ['an undefined entity', credit('<RmtInf><Ustrd>A &nbsp; B</Ustrd></RmtInf>'), /entity/],
    ['a stray ampersand', credit('<RmtInf><Ustrd>A & B</Ustrd></RmtInf>'), /entity or stray &/],
    ['a tag closed by another name', credit('<RmtInf><Ustrd>A</Ustrdx></RmtInf>'), /<\/Ustrdx> does not close <Ustrd>/],
    ['an attribute without quotes', credit('<Amt Ccy=SEK>1</Amt>'), /attribute value without quotes/],
    ['"<" without a name', credit('<RmtInf><Ustrd>1 < 2</Ustrd></RmtInf>'), /"<" not followed by an element name/]
  ])('%s', (_, xml, message) => {
    const e = broken(xml)
    expect(e.message).toMatch(/^bad\.xml line 4: not well-formed XML: /)
    expect(e.message).toMatch(message)
    expect(e).toMatchObject({ file: 'bad.xml', line: 4 })
  })

  it('text or a second element after the root', () => {
    expect(broken(`${credit('')}\ntrailing`).message).toMatch(/line 6: not well-formed XML: text outside the root element/)
    expect(broken(`${credit('')}\n<Document/>`).message).toMatch(/line 6: not well-formed XML: element <Document> after the end of the root element/)
  })

  it('a file cut inside a comment or a tag names the element it was cut in', () => {
    expect(broken(credit('<!-- unterminated').slice(0, -40)).message).toMatch(/^bad\.xml line 4: unexpected end of file inside <Ntry>$/)
    expect(broken(credit('').slice(0, credit('').indexOf('<Ccy>') + 3)).message).toMatch(/^bad\.xml line 3: unexpected end of file inside <Stmt>$/)
  })
})

describe('XmlScanner', () => {
  it('hands over names with and without prefix and only the text that is asked for', () => {
    const seen: string[] = []
    const h = {
      wantText: false,
      open(n: { qname: string; local: string }) {
        seen.push(`<${n.qname}|${n.local}`)
        h.wantText = n.local === 'b'
      },
      close(n: { qname: string }) {
        seen.push(`</${n.qname}`)
        h.wantText = false
      },
      // Text may come in pieces (here: cut by the chunk end); consecutive pieces are one run.
      text(s: string) {
        const last = seen.length - 1
        if (seen[last]?.startsWith('"')) seen[last] = JSON.stringify(JSON.parse(seen[last]) + s)
        else seen.push(JSON.stringify(s))
      }
    }
    const x = new XmlScanner(h)
    x.write('<p:a x="1"><p:b>one &am')
    x.write('p; two\r')
    x.write('\nthree</p:b><c>skipped</c><b/></p:a>')
    x.end()
    expect(x.error).toBeNull()
    expect(seen).toEqual(['<p:a|a', '<p:b|b', '"one & two\\nthree"', '</p:b', '<c|c', '</c', '<b|b', '</b', '</p:a'])
  })
})
