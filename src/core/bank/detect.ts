/** Format sniffing from content (first 64 KB), with the file name only as a tie-breaker for CSV. */
import type { Format } from './types'
import { decodeWith, sniffEncoding } from './decode'

const CAMT: [RegExp, Format][] = [
  [/<(?:\w+:)?BkToCstmrStmt\b/, 'camt.053'],
  [/<(?:\w+:)?BkToCstmrAcctRpt\w*/, 'camt.052'],
  [/<(?:\w+:)?BkToCstmrDbtCdtNtfctn\b/, 'camt.054']
]

export function detectFormat(bytes: Uint8Array, fileName?: string): Format | null {
  const head = bytes.subarray(0, 65536)
  const { encoding, bomLength } = sniffEncoding(head)
  const text = decodeWith(head, encoding, bomLength).replace(/^\uFEFF/, '')
  const start = text.trimStart()
  if (start.startsWith('<')) {
    for (const [re, f] of CAMT) if (re.test(text)) return f
    if (/<OFX>/i.test(text)) return 'ofx'
    return null
  }
  if (/^OFXHEADER:/i.test(start) || /^<OFX>/i.test(start)) return 'ofx'
  if (start.startsWith('01BGMAX')) return 'bgmax'
  if (/^01,[^\n]*\/?\s*(\r?\n|$)/.test(start) && /(^|\n)(02|03|16|49),/.test(text)) return 'bai2'
  if (/^01,/.test(start) && /\b02,/.test(start.slice(0, 200))) return 'bai2'
  if (/\{2:[IO]942/.test(text)) return 'mt942'
  if (/(^|[\r\n{]|\{4:\s*)(:20:|:25:|:28C?:|:60[FM]:|:61:|:62[FM]:)/.test(text)) {
    return /(^|[\r\n]):(34F|13D):/.test(text) && !/(^|[\r\n]):60F:/.test(text) ? 'mt942' : 'mt940'
  }
  if (fileName && /\.(csv|tsv)$/i.test(fileName)) return 'csv'
  if (looksTabular(text)) return 'csv'
  return null
}

/** At least three lines that split into the same number (>1) of fields on one common delimiter. */
function looksTabular(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 6)
  if (lines.length < 3) return false
  return [';', ',', '\t', '|'].some((d) => {
    const counts = lines.map((l) => l.split(d).length)
    return counts[0] > 2 && counts.slice(1).every((c) => c === counts[1]) && counts[1] >= counts[0] - 1
  })
}
