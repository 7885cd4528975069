/**
 * Field :86: (information to account owner) of MT940/MT942. Banks fill it in three dialects:
 * German GVC with ?NN subfields (SEPA keywords EREF+/SVWZ+ inside the purpose), Dutch/ING/Rabobank
 * "/KEY/value" pairs, and plain text. Each dialect maps onto the same entry fields.
 */
import type { Entry } from './types'
import { clean, normaliseReference, rfFromText } from './util'

export type Details = Pick<Entry, 'endToEndId' | 'reference' | 'remittance' | 'counterpartyName' | 'counterpartyAccount'>

const SEPA_KEYS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT)\+/g

/** Lines of a fixed-width field: a full 65-character line was wrapped mid-word, a shorter one ended a phrase. */
function joinLines(lines: string[], structured: boolean): string {
  if (lines.length === 1) return lines[0]
  let out = lines[0]
  for (let i = 1; i < lines.length; i++) out += structured || lines[i - 1].length >= 65 ? lines[i] : ` ${lines[i]}`
  return out
}

export function parseDetails(lines: string[]): Details {
  const first = lines[0] ?? ''
  if (/^\s*\d{3}[?]/.test(first)) return german(joinLines(lines, true).trimStart())
  if (/^\s*\/(TRTP|EREF|BENM|ORDP|REMI|CNTP|IBAN|NAME|MARF|PREF|RTRN|CSID)\//.test(first)) return slashKeys(joinLines(lines, true).trim())
  return plain(joinLines(lines, false))
}

function german(text: string): Details {
  // Subfields ?00..?99 in an array: this runs once per transaction, so no Map and no regex loop.
  const sub: string[] = []
  const parts = text.split('?')
  let key = -1
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]
    const c0 = p.charCodeAt(0) - 48
    const c1 = p.charCodeAt(1) - 48
    if (c0 >= 0 && c0 <= 9 && c1 >= 0 && c1 <= 9) {
      key = c0 * 10 + c1
      sub[key] = (sub[key] ?? '') + p.slice(2)
    } else if (key >= 0) sub[key] += `?${p}`
  }
  // SEPA keywords live in ?20-?29; ?60-?63 only continue the free text.
  let purpose = ''
  for (let k = 20; k <= 29; k++) if (sub[k] !== undefined) purpose += sub[k]
  let more = ''
  for (let k = 60; k <= 63; k++) if (sub[k] !== undefined) more += sub[k]
  const kw = sepaKeywords(purpose)
  const name = clean((sub[32] ?? '') + (sub[33] ?? ''))
  const svwz = kw.get('SVWZ')
  const remittance = clean((svwz ?? (kw.size ? stripKeywords(purpose) : purpose)) + more) ?? clean(sub[0])
  const eref = clean(kw.get('EREF'))
  return {
    endToEndId: eref && eref !== 'NOTPROVIDED' ? eref : null,
    reference: rfFromText(svwz ?? purpose),
    remittance,
    counterpartyName: name,
    counterpartyAccount: clean(sub[31]) ?? clean(kw.get('IBAN'))
  }
}

function sepaKeywords(purpose: string): Map<string, string> {
  const out = new Map<string, string>()
  if (purpose.indexOf('+') < 0) return out
  SEPA_KEYS.lastIndex = 0
  let prev: RegExpExecArray | null = null
  for (let m = SEPA_KEYS.exec(purpose); ; m = SEPA_KEYS.exec(purpose)) {
    if (prev && !out.has(prev[1])) out.set(prev[1], purpose.slice(prev.index + prev[0].length, m ? m.index : purpose.length))
    if (!m) break
    prev = m
  }
  return out
}

function stripKeywords(purpose: string): string {
  const i = purpose.search(SEPA_KEYS)
  return i > 0 ? purpose.slice(0, i) : ''
}

const SLASH_KEYS = new Set([
  'TRTP', 'EREF', 'IBAN', 'BIC', 'NAME', 'REMI', 'CNTP', 'ORDP', 'BENM', 'MARF', 'CSID', 'ISDT', 'RTRN', 'PREF',
  'PURP', 'ULTC', 'ULTD', 'ADDR', 'CDTRREF', 'CDTRREFTP', 'CD', 'ISSR', 'STRD', 'USTD', 'CUR', 'SVCL', 'ID', 'ATBR', 'NRTX', 'RTYP', 'CITY'
])

/** "/TRTP/SEPA OVERBOEKING/IBAN/NL.../NAME/x/REMI/y/": values may themselves contain slashes. */
function slashKeys(text: string): Details {
  const parts = text.split('/')
  const fields = new Map<string, string>()
  let key: string | null = null
  let val: string[] = []
  const flush = () => {
    if (key !== null && !fields.has(key)) fields.set(key, val.join('/'))
  }
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]
    if (SLASH_KEYS.has(p) && (key === null || !(key === 'CNTP' && val.length < 4))) {
      flush()
      key = p
      val = []
    } else if (key !== null) val.push(p)
  }
  flush()
  const cntp = fields.get('CNTP')?.split('/')
  let remi = fields.get('REMI') ?? ''
  if (/^(USTD|STRD)?\/?$/.test(remi)) remi = fields.get('USTD') ?? remi
  const eref = clean(fields.get('EREF'))
  const remittance = clean(remi.replace(/^(USTD|STRD)\/\//, ''))
  return {
    endToEndId: eref && eref !== 'NOTPROVIDED' ? eref : null,
    reference: normaliseReference(fields.get('CDTRREF') ?? null) ?? rfFromText(remittance),
    remittance,
    counterpartyName: clean(fields.get('NAME') ?? cntp?.[2]),
    counterpartyAccount: clean(fields.get('IBAN') ?? cntp?.[0])
  }
}

function plain(text: string): Details {
  const remittance = clean(text)
  const iban = /\b([A-Z]{2}\d{2}[A-Z0-9]{11,30})\b/.exec(text)
  return { endToEndId: null, reference: rfFromText(remittance), remittance, counterpartyName: null, counterpartyAccount: iban ? iban[1] : null }
}
