/**
 * CSV exports read through a saved bank profile (delimiter, decimal and thousands marks, date format,
 * column mapping). Amount parsing is strict: a value that does not fit the profile's marks is an error
 * on its line, never a silently rescaled number ("31.24" with decimal mark "," must not become 3124).
 */
import { parse } from 'csv-parse/sync'
import type { CsvColumn, CsvProfile, ParsedFile, Statement } from './types'
import { Issues, clean, newEntry, normaliseReference, result, rfFromText, toMinor, ymd } from './util'
import { isLocalDate } from '../../shared/dates'

interface Row {
  record: string[]
  info: { lines: number }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** "DD.MM.YYYY" -> a regex with named parts; an optional time after the date is ignored. */
export function dateParser(format: string): (s: string) => { y: number; m: number; d: number } | null {
  const order: string[] = []
  // Without separators (YYYYMMDD) the widths are fixed; with them, banks sometimes drop leading zeros.
  const two = /[^YMD]/.test(format) ? '(\\d{1,2})' : '(\\d{2})'
  const parts: Record<string, [string, string]> = { YYYY: ['Y', '(\\d{4})'], YY: ['y', '(\\d{2})'], MM: ['M', two], M: ['M', '(\\d{1,2})'], DD: ['D', two], D: ['D', '(\\d{1,2})'] }
  const src = format.replace(/YYYY|YY|MM|DD|M|D|[^YMD]+/g, (tok) => {
    const part = parts[tok]
    if (!part) return escape(tok)
    order.push(part[0])
    return part[1]
  })
  const re = new RegExp(`^${src}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?$`)
  return (s) => {
    const m = re.exec(s.trim())
    if (!m) return null
    const out = { y: 0, m: 0, d: 0 }
    order.forEach((k, i) => {
      const v = +m[i + 1]
      if (k === 'Y') out.y = v
      else if (k === 'y') out.y = v >= 80 ? 1900 + v : 2000 + v
      else if (k === 'M') out.m = v
      else out.d = v
    })
    return out
  }
}

/**
 * Profile-formatted amount -> canonical "-1234.56" text, or an error message. Thousands marks are only
 * accepted in groups of three; the other decimal mark is never guessed.
 */
export function normaliseAmount(raw: string, p: Pick<CsvProfile, 'decimalMark' | 'thousandsMark'>): string | { error: string } {
  let s = raw.trim().replace(/\u00a0/g, ' ')
  let sign = ''
  if (/^\(.*\)$/.test(s)) (sign = '-'), (s = s.slice(1, -1).trim())
  if (s.endsWith('-')) (sign = '-'), (s = s.slice(0, -1).trim())
  if (/^[+-]/.test(s)) (sign = s[0] === '-' ? '-' : sign), (s = s.slice(1).trim())
  const dm = escape(p.decimalMark)
  const tm = p.thousandsMark === '' ? null : escape(p.thousandsMark)
  const re = new RegExp(`^(${tm ? `\\d{1,3}(?:${tm}\\d{3})+|\\d+` : '\\d+'})(?:${dm}(\\d+))?$`)
  const m = re.exec(s)
  if (!m) {
    const other = p.decimalMark === ',' ? '.' : ','
    const hint = s.includes(other) ? ` (the profile's decimal mark is "${p.decimalMark}"${p.thousandsMark ? `, thousands are grouped by "${p.thousandsMark}"` : ''})` : ''
    return { error: `not an amount: "${raw}"${hint}` }
  }
  const int = tm ? m[1].replace(new RegExp(tm, 'g'), '') : m[1]
  return `${sign}${int}${m[2] !== undefined ? `.${m[2]}` : ''}`
}

export function parseCsvText(text: string, profile: CsvProfile, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  let rows: Row[]
  try {
    rows = parse(text, {
      delimiter: profile.delimiter,
      quote: profile.quote ?? '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true
    }) as Row[]
  } catch (e) {
    const err = e as Error & { lines?: number }
    issues.error(err.lines, `CSV is not readable with this profile: ${err.message}`)
    return result('csv', [], issues)
  }
  const header = profile.headerRows > 0 ? rows[profile.headerRows - 1]?.record.map((h) => h.trim()) : undefined
  const body = rows.slice(profile.headerRows, rows.length - profile.footerRows)
  const cols = profile.columns
  const index = (c: CsvColumn | undefined, name: string): number | undefined => {
    if (c === undefined) return undefined
    if (typeof c === 'number') return c
    const i = header?.findIndex((h) => h.toLowerCase() === c.toLowerCase()) ?? -1
    if (i < 0) issues.error(profile.headerRows || undefined, `column "${c}" for ${name} is not in the header${header ? ` (${header.join(', ')})` : ''}`, name)
    return i < 0 ? undefined : i
  }
  const at = {
    bookingDate: index(cols.bookingDate, 'bookingDate'),
    valueDate: index(cols.valueDate, 'valueDate'),
    amount: index(cols.amount, 'amount'),
    debit: index(cols.debit, 'debit'),
    credit: index(cols.credit, 'credit'),
    indicator: index(cols.indicator, 'indicator'),
    currency: index(cols.currency, 'currency'),
    reference: index(cols.reference, 'reference'),
    remittance: index(cols.remittance, 'remittance'),
    counterpartyName: index(cols.counterpartyName, 'counterpartyName'),
    counterpartyAccount: index(cols.counterpartyAccount, 'counterpartyAccount'),
    bankRef: index(cols.bankRef, 'bankRef'),
    endToEndId: index(cols.endToEndId, 'endToEndId')
  }
  if (at.amount === undefined && at.debit === undefined && at.credit === undefined && issues.errors.length === 0) {
    issues.error(undefined, 'the profile maps no amount column (amount, or debit and credit)', 'amount')
  }
  if (issues.errors.length) return result('csv', [], issues)

  const parseDate = dateParser(profile.dateFormat)
  const st: Statement = { id: '', account: profile.account ?? '', currency: profile.defaultCurrency, opening: null, closing: null, entries: [] }
  for (const row of body) {
    const r = row.record
    const line = row.info.lines
    if (r.every((c) => c.trim() === '')) continue
    const get = (i: number | undefined) => (i === undefined ? '' : (r[i] ?? '').trim())
    const currency = get(at.currency).toUpperCase() || profile.defaultCurrency
    const date = (i: number | undefined, field: string, required: boolean) => {
      const s = get(i)
      if (s === '') {
        if (required) issues.error(line, `${field} is empty`, field)
        return null
      }
      const d = parseDate(s)
      if (!d) {
        issues.error(line, `${field}: "${s}" does not match the date format ${profile.dateFormat}`, field)
        return null
      }
      // Unlike SWIFT files, a CSV date that does not exist is a typo, not a bank convention: reject it.
      const iso = ymd(d.y, d.m, d.d)
      if (!isLocalDate(iso)) {
        issues.error(line, `${field}: "${s}" is not a real date`, field)
        return null
      }
      return iso
    }
    const money = (i: number | undefined, field: string): number | null | undefined => {
      const s = get(i)
      if (s === '') return undefined
      const n = normaliseAmount(s, profile)
      if (typeof n !== 'string') {
        issues.error(line, `${field}: ${n.error}`, field)
        return null
      }
      return toMinor(n, currency, issues, line, field)
    }
    const booking = date(at.bookingDate, 'bookingDate', true)
    if (booking === null) continue
    let amount: number | null | undefined
    if (at.amount !== undefined) {
      amount = money(at.amount, 'amount')
      if (amount && at.indicator !== undefined) {
        const ind = get(at.indicator).toLowerCase()
        const cv = (cols.creditValue ?? 'C').toLowerCase()
        const dv = (cols.debitValue ?? 'D').toLowerCase()
        if (ind === dv) amount = -Math.abs(amount)
        else if (ind === cv) amount = Math.abs(amount)
        else {
          issues.error(line, `indicator "${get(at.indicator)}" is neither "${cols.creditValue ?? 'C'}" nor "${cols.debitValue ?? 'D'}"`, 'indicator')
          continue
        }
      }
    } else {
      const d = money(at.debit, 'debit')
      const c = money(at.credit, 'credit')
      if (d === null || c === null) continue
      if (d && c) {
        issues.error(line, 'both debit and credit are filled', 'amount')
        continue
      }
      amount = d ? -Math.abs(d) : c !== undefined ? Math.abs(c) : d === 0 ? 0 : undefined
    }
    if (amount === null) continue
    if (amount === undefined) {
      issues.error(line, 'no amount', 'amount')
      continue
    }
    const e = newEntry(amount, currency)
    e.bookingDate = booking
    e.valueDate = at.valueDate !== undefined ? (date(at.valueDate, 'valueDate', false) ?? booking) : booking
    e.bankRef = clean(get(at.bankRef))
    e.endToEndId = clean(get(at.endToEndId))
    e.remittance = clean(get(at.remittance))
    e.reference = normaliseReference(clean(get(at.reference))) ?? rfFromText(e.remittance)
    e.counterpartyName = clean(get(at.counterpartyName))
    e.counterpartyAccount = clean(get(at.counterpartyAccount))
    st.entries.push(e)
  }
  const dates = st.entries.map((e) => e.bookingDate!).sort()
  st.id = `${st.account || 'csv'}/${dates[0] ?? ''}..${dates[dates.length - 1] ?? ''}`
  if (st.entries.length === 0 && issues.errors.length === 0) issues.error(undefined, 'no transactions found with this profile')
  return result('csv', st.entries.length ? [st] : [], issues)
}
