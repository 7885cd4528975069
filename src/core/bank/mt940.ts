/**
 * SWIFT MT940 (statement) and MT942 (interim report). Hand-written line scanner: files are large, the
 * grammar is small, and the npm parsers are several times slower. Tolerates the bank variants seen in the
 * wild: SWIFT {1:}{2:}{4: blocks, bank header lines, missing "-" separators, wrapped :61: lines, a tag split
 * over two lines (":" then "86:"), unknown pseudo tags inside :86: text, and invalid days such as Feb 30.
 */
import type { Entry, ParsedFile, Statement } from './types'
import { Issues, balance, checkBalances, clampDate, newEntry, result, toMinor, yymmdd } from './util'
import { parseDetails } from './mt940-details'

const TAGS = new Set(['20', '21', '25', '28', '28C', '60F', '60M', '61', '62F', '62M', '64', '65', '86', '13', '13D', '34F', '90D', '90C', 'NS'])
const TAG_RE = /^:(\d\d[A-Z]?|NS):/
const LINE61 = /^(\d{6})(\d{4})?(R?[CD])([A-Z])?(\d+(?:[,.]\d*)?)([A-Z][A-Z0-9]{3})?(.*)$/
const BAL_RE = /^([CD])(\d{6})([A-Z]{3})?(\d+(?:,\d*)?)\s*$/

interface Field {
  tag: string
  line: number
  lines: string[]
}

interface Open {
  st: Statement
  line: number
  has61: boolean
  pending: { entry: Entry; supplementary: string[] } | null
  sums: { debit: number | null; credit: number | null; nd: number; nc: number }
}

export function parseMt940Text(text: string, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  const statements: Statement[] = []
  let is942 = /\{2:[IO]942/.test(text.slice(0, 200))
  let cur: Open | null = null
  let field: Field | null = null
  let sawTag = false
  let currencyWarned = false

  const start = (line: number): Open => {
    const o: Open = { st: { id: '', account: '', currency: '', opening: null, closing: null, entries: [] }, line, has61: false, pending: null, sums: { debit: null, credit: null, nd: 0, nc: 0 } }
    cur = o
    return o
  }
  const finish = () => {
    const o = cur as Open | null
    if (!o) return
    flushPending(o)
    if (o.st.currency === '' && o.st.entries.length) o.st.currency = o.st.entries[0].currency
    checkBalances(o.st, issues, o.line)
    check942(o)
    statements.push(o.st)
    cur = null
  }
  const flushPending = (o: Open) => {
    if (!o.pending) return
    const p = o.pending
    if (p.entry.counterpartyAccount === null && p.supplementary.length && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(p.supplementary[0].trim())) {
      p.entry.counterpartyAccount = p.supplementary[0].trim()
    }
    o.st.entries.push(p.entry)
    o.pending = null
  }
  const check942 = (o: Open) => {
    const s = o.sums
    for (const [dir, total, n] of [['debit', s.debit, s.nd], ['credit', s.credit, s.nc]] as const) {
      if (total === null) continue
      const es = o.st.entries.filter((e) => (dir === 'debit' ? e.amount < 0 : e.amount > 0))
      const sum = es.reduce((a, e) => a + Math.abs(e.amount), 0)
      if (es.length !== n || sum !== total) issues.warn(o.line, `statement ${o.st.id}: :90${dir === 'debit' ? 'D' : 'C'}: says ${n} ${dir}s totalling ${total} minor units, found ${es.length} totalling ${sum}`)
    }
  }

  const handle = (f: Field) => {
    const first = f.lines[0].trim()
    const tag = f.tag
    if (tag === '20') {
      finish()
      start(f.line).st.id = first
      return
    }
    const o: Open = cur ?? start(f.line)
    const st = o.st
    switch (tag) {
      case '25':
        // A second :25: inside one message is a corrupted line (seen in the wild), not an account change.
        if (st.account !== '') {
          issues.warn(f.line, `second :25: in statement ${st.id} ignored: "${first.slice(0, 40)}"`, ':25:')
          return
        }
        st.account = first
        if (st.currency === '' && /\d[A-Z]{3}$/.test(first)) st.currency = first.slice(-3)
        return
      case '28':
      case '28C':
        st.id = st.id ? `${st.id}/${first}` : first
        return
      case '60F':
      case '60M':
      case '62F':
      case '62M': {
        const b = parseBalance(first, st.currency, issues, f.line, `:${tag}:`)
        if (!b) return
        const opening = tag[1] === '0'
        if (opening ? st.opening === null : true) {
          if (st.currency === '' || opening) st.currency = b.currency
          st[opening ? 'opening' : 'closing'] = balance(b.amount, b.date)
        }
        return
      }
      case '34F':
        is942 = true
        if (st.currency === '') st.currency = first.slice(0, 3)
        return
      case '13':
      case '13D':
        is942 = true
        return
      case '90D':
      case '90C': {
        const m = /^(\d+)([A-Z]{3})(\d+(?:,\d*)?)$/.exec(first)
        if (!m) return
        const amt = toMinor(trimComma(m[3]), m[2], issues, f.line, `:${tag}:`, ',')
        if (tag === '90D') (o.sums.debit = amt), (o.sums.nd = +m[1])
        else (o.sums.credit = amt), (o.sums.nc = +m[1])
        return
      }
      case '61': {
        flushPending(o)
        o.has61 = true
        if (st.currency === '' && !currencyWarned) {
          issues.warn(f.line, 'no currency before the first :61: (no :60F:, :34F: or currency in :25:)', ':61:')
          currencyWarned = true
        }
        const e = parse61(f, st.currency, issues)
        if (e) o.pending = e
        return
      }
      case '86':
        if (o.pending && !o.pending.entry.remittance) {
          const d = parseDetails(f.lines)
          const e = o.pending.entry
          e.endToEndId = d.endToEndId ?? e.endToEndId
          e.reference = d.reference
          e.remittance = d.remittance
          e.counterpartyName = d.counterpartyName
          e.counterpartyAccount = d.counterpartyAccount
          flushPending(o)
        }
        return
    }
  }

  const lines = text.split(/\r\n|\n|\r/)
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]
    if (line.charCodeAt(0) === 123 /* { */) {
      const b4 = line.indexOf('{4:')
      if (b4 < 0) continue
      line = line.slice(b4 + 3)
      if (line === '') continue
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      // Some exports break a tag after its first colon (":" newline "86:...").
      if (line === ':' && i + 1 < lines.length && /^(\d\d[A-Z]?):/.test(lines[i + 1])) line = ':' + lines[++i]
      const m = TAG_RE.exec(line)
      if (m && TAGS.has(m[1])) {
        if (field) handle(field)
        sawTag = true
        field = { tag: m[1], line: i + 1, lines: [line.slice(m[0].length)] }
        continue
      }
    }
    if (line === '-' || line.startsWith('-}')) {
      if (field) handle(field)
      field = null
      finish()
      continue
    }
    if (field && line !== '') field.lines.push(line)
  }
  if (field) handle(field)
  finish()

  const withContent = statements.filter((s) => s.entries.length || s.opening || s.closing || s.account)
  if (!sawTag || withContent.length === 0) {
    issues.error(undefined, 'not an MT940/MT942 statement: no :20:, :25:, :60F: or :61: fields found')
    return result(is942 ? 'mt942' : 'mt940', [], issues)
  }
  return result(is942 ? 'mt942' : 'mt940', withContent, issues)
}

function trimComma(s: string): string {
  return s.endsWith(',') || s.endsWith('.') ? s.slice(0, -1) : s
}

function parseBalance(s: string, currency: string, issues: Issues, line: number, field: string) {
  const m = BAL_RE.exec(s)
  if (!m) {
    issues.error(line, `${field} is not a balance (C/D, YYMMDD, currency, amount): "${s}"`, field)
    return null
  }
  if (!m[3]) issues.warn(line, `${field} has no currency code, read as ${currency || 'unknown'}`, field)
  const ccy = m[3] ?? currency
  const date = yymmdd(m[2], issues, line, field)
  const amt = toMinor(trimComma(m[4]), ccy, issues, line, field, ',')
  if (date === null || amt === null) return null
  return { amount: m[1] === 'D' ? -amt : amt, date, currency: ccy }
}

function parse61(f: Field, currency: string, issues: Issues): { entry: Entry; supplementary: string[] } | null {
  let m = LINE61.exec(f.lines[0])
  let rest = 1
  // A few banks wrap the amount itself onto the next line.
  if (!m && f.lines.length > 1) {
    m = LINE61.exec(f.lines[0] + f.lines[1])
    rest = 2
  }
  if (!m) {
    issues.error(f.line, `:61: statement line not understood, skipped: "${f.lines[0].slice(0, 60)}"`, ':61:')
    return null
  }
  const valueDate = yymmdd(m[1], issues, f.line, ':61: value date')
  const mark = m[3]
  const amt = toMinor(trimComma(m[5]).replace('.', ','), currency || 'EUR', issues, f.line, ':61: amount', ',')
  if (valueDate === null || amt === null) return null
  // D and RC (reversal of a credit) take money out of the account; C and RD put it in.
  const sign = mark === 'D' || mark === 'RC' ? -1 : 1
  const e = newEntry(sign * amt, currency)
  e.valueDate = valueDate
  e.bookingDate = m[2] ? entryDate(valueDate, m[2], issues, f.line) : valueDate
  let refs = m[7]
  const slash = refs.indexOf('//')
  if (slash >= 0) {
    e.bankRef = refs.slice(slash + 2).trim() || null
    refs = refs.slice(0, slash)
  }
  const cust = refs.trim()
  if (cust && cust !== 'NONREF') e.endToEndId = cust
  return { entry: e, supplementary: f.lines.slice(rest) }
}

/** The booking date has no year: take the value date's, moving across New Year when months are far apart. */
function entryDate(valueDate: string, mmdd: string, issues: Issues, line: number): string | null {
  let y = +valueDate.slice(0, 4)
  const vm = +valueDate.slice(5, 7)
  const em = +mmdd.slice(0, 2)
  if (vm === 12 && em === 1) y++
  else if (vm === 1 && em === 12) y--
  return clampDate(y, em, +mmdd.slice(2, 4), issues, line, ':61: entry date')
}
