/**
 * BAI2 cash management balance reporting (US/Canadian banks). One statement per 03 account record.
 * Amounts carry implied decimals of the account currency; the detail type code says credit (100-399)
 * or debit (400-699). The 49/98/99 trailers' control totals and record counts are verified as warnings,
 * because real banks (and moov-io's own samples) do not always get them right.
 */
import type { ParsedFile, Statement } from './types'
import { Issues, balance, century, checkBalances, clampDate, clean, intMinor, newEntry, result, rfFromText } from './util'

interface Rec {
  type: string
  fields: string[]
  line: number
  physical: number
  /** Detail records (16) keep their free text separately: it may contain commas. */
  text?: string
}

/** Joins 88 continuations onto their record; a 16 record's text runs to the end of the line. */
function records(text: string): Rec[] {
  const out: Rec[] = []
  const lines = text.split(/\r\n|\n|\r/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd()
    if (line === '') continue
    // A physical line without a record type continues the previous record (wrapped fixed-width export).
    if (!/^\d\d[,:]/.test(line) && out.length) {
      const prev = out[out.length - 1]
      if (prev.type === '16') prev.text = `${prev.text ?? ''} ${stripSlash(line.trim())}`.trim()
      else prev.fields.push(...stripSlash(line.trim()).split(','))
      continue
    }
    // Some banks put several slash-terminated records on one line.
    for (const seg of line.split(/\/\s+(?=\d\d,)/)) addRecord(out, seg, i + 1)
  }
  return out
}

function addRecord(out: Rec[], raw: string, line: number): void {
  const type = raw.slice(0, 2)
  let body = raw.slice(3)
  if (type === '88' && out.length) {
    const prev = out[out.length - 1]
    prev.physical++
    if (prev.type === '16') prev.text = `${prev.text ?? ''} ${stripSlash(body)}`.trim()
    else prev.fields.push(...stripSlash(body).split(','))
    return
  }
  if (type === '16') {
    const parts = body.split(',')
    const funds = parts[2] ?? ''
    let n = 3
    if (funds === 'V') n += 2
    else if (funds === 'S') n += 3
    else if (funds === 'D') n += 1 + 2 * (+(parts[3] ?? 0) || 0)
    n += 2 // bank reference, customer reference
    body = stripSlash(body)
    const all = body.split(',')
    out.push({ type, fields: all.slice(0, n), line, physical: 1, text: all.slice(n).join(',') })
  } else out.push({ type, fields: stripSlash(body).split(','), line, physical: 1 })
}

function stripSlash(s: string): string {
  return s.endsWith('/') ? s.slice(0, -1) : s
}

function date6(s: string | undefined, issues: Issues, line: number, field: string): string | null {
  if (!s || !/^\d{6}$/.test(s)) return null
  return clampDate(century(+s.slice(0, 2)), +s.slice(2, 4), +s.slice(4, 6), issues, line, field)
}

/** Scales an amount written in minor units of `digits` decimals; BAI2 amounts are always implied-decimal. */
function amount(s: string | undefined, issues: Issues, line: number, field: string): number | null {
  if (s === undefined || s === '') return 0
  return intMinor(s, issues, line, field)
}

export function parseBai2Text(text: string, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  const recs = records(text)
  if (!recs.length || recs[0].type !== '01') {
    issues.error(recs[0]?.line, 'not a BAI2 file: the first record must be a 01 file header')
    return result('bai2', [], issues)
  }
  const statements: Statement[] = []
  let groupDate: string | null = null
  let groupCcy = 'USD'
  let st: Statement | null = null
  let acctTotal = 0
  let acctRecs = 0
  let groupTotal = 0
  let groupAccts = 0
  let groupRecs = 0
  let fileTotal = 0
  let fileGroups = 0
  let fileRecs = 0
  let sawTrailer = false
  let oddCode = false

  for (const r of recs) {
    const f = r.fields
    fileRecs += r.physical
    groupRecs += r.physical
    acctRecs += r.physical
    switch (r.type) {
      case '01':
        break
      case '02':
        groupDate = date6(f[3], issues, r.line, '02 as-of date')
        groupCcy = f[5] || 'USD'
        groupTotal = 0
        groupAccts = 0
        groupRecs = r.physical
        break
      case '03': {
        const ccy = f[1] || groupCcy
        st = { id: `${f[0]}/${groupDate ?? ''}`, account: f[0] ?? '', currency: ccy, opening: null, closing: null, entries: [] }
        acctTotal = 0
        acctRecs = r.physical
        // Summary items: type code, amount, item count, funds type (+ funds detail).
        for (let i = 2; i + 1 < f.length; ) {
          const code = f[i]
          const amt = f[i + 1] ? amount(f[i + 1], issues, r.line, `03 ${code}`) : null
          if (amt !== null) acctTotal += amt
          if (code === '010' && amt !== null && f[i + 1] !== '') st.opening = balance(amt, groupDate)
          if (code === '015' && amt !== null && f[i + 1] !== '') st.closing = balance(amt, groupDate)
          const funds = f[i + 3] ?? ''
          i += 4 + (funds === 'V' ? 2 : funds === 'S' ? 3 : funds === 'D' ? 1 + 2 * (+(f[i + 4] ?? 0) || 0) : 0)
        }
        statements.push(st)
        break
      }
      case '16': {
        if (!st) {
          issues.error(r.line, '16 detail record outside an account (no 03 record before it)', '16')
          break
        }
        const code = +f[0]
        const abs = amount(f[1], issues, r.line, '16 amount')
        if (abs === null) break
        acctTotal += abs
        const credit = code >= 100 && code < 400
        if (!credit && !(code >= 400 && code < 700) && !oddCode) {
          issues.warn(r.line, `type code ${f[0]} is neither a credit (100-399) nor a debit (400-699); read as credit`, '16 type code')
          oddCode = true
        }
        const e = newEntry(credit || !(code >= 400 && code < 700) ? abs : -abs, st.currency)
        const funds = f[2]
        e.bookingDate = groupDate
        e.valueDate = funds === 'V' ? (date6(f[3], issues, r.line, '16 value date') ?? groupDate) : groupDate
        const refAt = f.length - 2
        e.bankRef = clean(f[refAt])
        e.endToEndId = clean(f[refAt + 1])
        e.remittance = clean(r.text)
        e.reference = rfFromText(e.remittance)
        st.entries.push(e)
        break
      }
      case '49': {
        const total = amount(f[0], issues, r.line, '49 control total')
        if (total !== null && total !== acctTotal) issues.warn(r.line, `account ${st?.account}: 49 control total ${total} but the records add up to ${acctTotal}`)
        if (+f[1] !== acctRecs) issues.warn(r.line, `account ${st?.account}: 49 says ${f[1]} records, found ${acctRecs}`)
        groupTotal += total ?? 0
        groupAccts++
        if (st) checkBalances(st, issues, r.line)
        st = null
        break
      }
      case '98': {
        const total = amount(f[0], issues, r.line, '98 control total')
        if (total !== null && total !== groupTotal) issues.warn(r.line, `group: 98 control total ${total} but the accounts add up to ${groupTotal}`)
        if (+f[1] !== groupAccts) issues.warn(r.line, `group: 98 says ${f[1]} accounts, found ${groupAccts}`)
        if (+f[2] !== groupRecs) issues.warn(r.line, `group: 98 says ${f[2]} records, found ${groupRecs}`)
        fileTotal += total ?? 0
        fileGroups++
        break
      }
      case '99': {
        sawTrailer = true
        const total = amount(f[0], issues, r.line, '99 control total')
        if (total !== null && total !== fileTotal) issues.warn(r.line, `file: 99 control total ${total} but the groups add up to ${fileTotal}`)
        if (+f[1] !== fileGroups) issues.warn(r.line, `file: 99 says ${f[1]} groups, found ${fileGroups}`)
        if (+f[2] !== fileRecs) issues.warn(r.line, `file: 99 says ${f[2]} records, found ${fileRecs}`)
        break
      }
      default:
        issues.error(r.line, `unknown BAI2 record type "${r.type}", skipped`, 'record type')
    }
  }
  if (!sawTrailer) {
    issues.error(recs[recs.length - 1].line, 'unexpected end of file: no 99 file trailer (truncated?)')
    return result('bai2', [], issues)
  }
  return result('bai2', statements, issues)
}
