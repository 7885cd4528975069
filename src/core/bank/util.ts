/** Helpers shared by the format parsers: issue collection, exact amounts, dates and the balance check. */
import { assertMinor, minorDigits, parseMajor, toMajorString } from '../../shared/money'
import { isLocalDate, type LocalDate } from '../../shared/dates'
import { findRfReferences, isValidRfReference } from '../rf-reference'
import type { Balance, Entry, Format, Issue, ParsedFile, Statement } from './types'

export class Issues {
  readonly warnings: Issue[] = []
  readonly errors: Issue[] = []
  constructor(readonly file?: string) {}

  private make(line: number | undefined, message: string, field?: string): Issue {
    const where = [this.file, line !== undefined ? `line ${line}` : undefined].filter(Boolean).join(' ')
    const issue: Issue = { message: where ? `${where}: ${message}` : message }
    if (this.file !== undefined) issue.file = this.file
    if (line !== undefined) issue.line = line
    if (field !== undefined) issue.field = field
    return issue
  }

  warn(line: number | undefined, message: string, field?: string): void {
    // A corrupt 100 MB file must not produce a 100 MB issue list.
    if (this.warnings.length < 1000) this.warnings.push(this.make(line, message, field))
  }

  error(line: number | undefined, message: string, field?: string): void {
    if (this.errors.length < 1000) this.errors.push(this.make(line, message, field))
  }
}

export function result(format: Format, statements: Statement[], issues: Issues): ParsedFile {
  return { format, statements, warnings: issues.warnings, errors: issues.errors }
}

/** Minor-unit digits, falling back to 2 for codes Intl does not know (so a bad code is one warning, not a crash). */
export function digitsOf(currency: string): number {
  const d = minorDigitsSafe(currency)
  return d < 0 ? 2 : d
}

export function isKnownCurrency(currency: string): boolean {
  return minorDigitsSafe(currency) >= 0
}

/**
 * Exact decimal string -> minor units; null (with an error) instead of throwing.
 * Extra decimals are accepted only when they are zeros (camt allows 5 decimals on a 2-decimal currency).
 */
export function toMinor(text: string, currency: string, issues: Issues, line: number | undefined, field: string, decimalMark: '.' | ',' = '.'): number | null {
  const t = text.trim()
  const digits = minorDigitsSafe(currency)
  const quick = plainMinor(t, digits < 0 ? 2 : digits, decimalMark === '.' ? 46 : 44)
  if (quick >= 0) return quick
  try {
    // Unknown or missing codes are read with 2 decimals; the caller reports the code itself.
    return parseMajor(t, digits >= 0 ? currency : 'EUR', decimalMark)
  } catch (e) {
    issues.error(line, `${field}: ${(e as Error).message}`, field)
    return null
  }
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000]

/**
 * The common case of parseMajor without its regex and strings: unsigned digits, optionally a mark and at most
 * `digits` decimals (more only if zeros), small enough to stay exact. -1 leaves everything else to parseMajor.
 */
function plainMinor(t: string, digits: number, mark: number): number {
  const n = t.length
  let i = 0
  let int = 0
  for (; i < n; i++) {
    const c = t.charCodeAt(i)
    if (c < 48 || c > 57) break
    int = int * 10 + (c - 48)
  }
  if (i === 0 || i + digits > 15 || digits >= POW10.length) return -1
  let frac = 0
  let fracLen = 0
  if (i < n) {
    if (t.charCodeAt(i) !== mark || i === n - 1) return -1
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i)
      if (c < 48 || c > 57) return -1
      if (fracLen < digits) {
        frac = frac * 10 + (c - 48)
        fracLen++
      } else if (c !== 48) return -1
    }
  }
  return int * POW10[digits] + frac * POW10[digits - fracLen]
}

const digitCache = new Map<string, number>()

function minorDigitsSafe(currency: string): number {
  let d = digitCache.get(currency)
  if (d === undefined) {
    try {
      d = /^[A-Z]{3}$/.test(currency) ? minorDigits(currency) : -1
    } catch {
      d = -1
    }
    digitCache.set(currency, d)
  }
  return d
}

/** Integer amount given in minor units already (BAI2, BgMax); validates the digits. */
export function intMinor(text: string, issues: Issues, line: number, field: string): number | null {
  const t = text.trim()
  if (!/^[+-]?\d+$/.test(t)) {
    issues.error(line, `${field}: not an amount: "${text}"`, field)
    return null
  }
  const n = Number(t)
  try {
    return assertMinor(n, field)
  } catch (e) {
    issues.error(line, (e as Error).message, field)
    return null
  }
}

export function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Two-digit SWIFT/BAI years: 80-99 are 1980s/1990s, everything else this century. */
export function century(yy: number): number {
  return yy >= 80 ? 1900 + yy : 2000 + yy
}

/** YYMMDD -> LocalDate; a day past the month end (Feb 30 from some banks) is clamped with a warning. */
export function yymmdd(s: string, issues: Issues, line: number, field: string): LocalDate | null {
  if (!/^\d{6}$/.test(s)) {
    issues.error(line, `${field}: not a date (YYMMDD): "${s}"`, field)
    return null
  }
  return clampDate(century(+s.slice(0, 2)), +s.slice(2, 4), +s.slice(4, 6), issues, line, field)
}

export function clampDate(y: number, m: number, d: number, issues: Issues, line: number | undefined, field: string): LocalDate | null {
  const iso = ymd(y, m, d)
  // Days 1-28 exist in every month: skip the Date round trip for the common case (hot in MT940).
  if (m >= 1 && m <= 12 && d >= 1 && d <= 28 && y >= 1) return iso
  if (isLocalDate(iso)) return iso
  if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    const fixed = ymd(y, m, last)
    issues.warn(line, `${field}: ${iso} does not exist, read as ${fixed}`, field)
    return fixed
  }
  issues.error(line, `${field}: not a valid date: ${iso}`, field)
  return null
}

/** ISO date or date-time -> the date part as written (no time zone conversion: the bank's calendar day counts). */
export function isoDatePart(s: string): LocalDate | null {
  const d = s.trim().slice(0, 10)
  return EASY_DATE.test(d) || isLocalDate(d) ? d : null
}

// Days 1-28 of months 01-12 always exist: no Date round trip for them (two per camt entry). Years below 0100
// are left to isLocalDate, which refuses them (Date.UTC reads them as 19xx).
const EASY_DATE = /^(?!00)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])$/

export function newEntry(amount: number, currency: string): Entry {
  return {
    amount,
    currency,
    bookingDate: null,
    valueDate: null,
    bankRef: null,
    endToEndId: null,
    reference: null,
    remittance: null,
    counterpartyName: null,
    counterpartyAccount: null
  }
}

const MESSY = /\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/

export function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null
  const t = MESSY.test(s) ? s.replace(/\s+/g, ' ').trim() : s
  return t === '' ? null : t
}

/** The first valid ISO 11649 reference in free text, for formats without a structured field. */
export function rfFromText(text: string | null): string | null {
  if (!text || !/RF\s?\d\d/i.test(text)) return null
  return findRfReferences(text)[0] ?? null
}

export function normaliseReference(ref: string | null): string | null {
  const r = clean(ref)
  // Normalising a valid RF reference removes blanks and upper-cases; text with neither is returned as it is
  // whether valid or not, so the mod-97 check (and its strings) is only needed for the rest.
  if (r === null || isCompactUpper(r)) return r
  if (isValidRfReference(r)) return r.replace(/\s+/g, '').toUpperCase()
  return r
}

/** Printable ASCII without blanks or lower-case letters: what camt's Strd/CdtrRefInf/Ref nearly always carries. */
const COMPACT_UPPER = /^[\x21-\x60\x7b-\x7e]*$/
const isCompactUpper = (s: string): boolean => COMPACT_UPPER.test(s)

function fmt(amount: number, currency: string): string {
  try {
    return `${toMajorString(amount, currency)} ${currency}`
  } catch {
    return `${amount} (minor units) ${currency}`
  }
}

/** Warns (never fails) when opening + entries != closing, naming the statement so the user can find it. */
export function checkBalances(st: Statement, issues: Issues, line?: number, entrySum?: number): void {
  if (!st.opening || !st.closing) return
  const sum = entrySum ?? sumEntries(st)
  if (sum === null) {
    issues.warn(line, `statement ${st.id}: entries are in more than one currency, balances not checked`)
    return
  }
  const expected = st.opening.amount + sum
  if (expected !== st.closing.amount) {
    issues.warn(
      line,
      `statement ${st.id}: balances do not add up: opening ${fmt(st.opening.amount, st.currency)} + entries ${fmt(sum, st.currency)} = ${fmt(expected, st.currency)}, but closing is ${fmt(st.closing.amount, st.currency)}`
    )
  }
}

function sumEntries(st: Statement): number | null {
  let sum = 0
  for (const e of st.entries) {
    if (e.currency !== st.currency && e.currency !== '') return null
    sum += e.amount
  }
  return sum
}

export function balance(amount: number | null, date: LocalDate | null): Balance | null {
  return amount === null || date === null ? null : { amount, date }
}
