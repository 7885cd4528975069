import type { DateFormat, InvoiceLine, RowError } from '../../shared/contract/requests'
import { diffDays, isLocalDate, type LocalDate } from '../../shared/dates'
import { isCurrency, parseMajor } from '../../shared/money'

/** One invoice as read from a file, before any ledger lookup (declared with the contract's preview rows). */
export type { InvoiceLine }

/** The text of each field as found in the file; dates may already be ISO (XLSX date cells, UBL). */
export interface RawLine {
  number?: string
  debtorName?: string
  debtorRegNo?: string
  debtorCountry?: string
  issueDate?: string
  dueDate?: string
  currency?: string
  amount?: string
}

export interface ReadOptions {
  dateFormat: DateFormat
  decimalMark: '.' | ','
  defaultCountry?: string
  defaultCurrency?: string
  /** The column title shown in messages for each field (the file's own words). */
  fieldNames: Record<keyof RawLine, string>
}

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: ['y', 'm', 'd'] | ['d', 'm', 'y'] | ['m', 'd', 'y'] }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, order: ['y', 'm', 'd'] }
}

/** A date in the given layout as YYYY-MM-DD, or null when it is not a real calendar date. ISO text is always accepted. */
export function parseDate(text: string, format: DateFormat): LocalDate | null {
  const t = text.trim()
  if (isLocalDate(t)) return t
  const p = DATE_PATTERNS[format]
  const m = p.re.exec(t)
  if (!m) return null
  const parts: Record<string, string> = {}
  p.order.forEach((k, i) => (parts[k] = m[i + 1]))
  const iso = `${parts.y}-${parts.m.padStart(2, '0')}-${parts.d.padStart(2, '0')}`
  return isLocalDate(iso) ? iso : null
}

/**
 * Amount text in the file's convention to minor units. Thousands separators (space, no-break space,
 * apostrophe, and the other of '.' / ',') are dropped, but only in groups of three, so "1.5" with a
 * decimal comma is refused rather than read as 15.
 */
export function parseAmount(text: string, currency: string, decimalMark: '.' | ','): number {
  let t = text.trim().replace(/[\s\u00a0\u202f']/g, '')
  const thousands = decimalMark === '.' ? ',' : '.'
  if (t.includes(thousands)) {
    const [int, ...frac] = t.split(decimalMark)
    if (frac.length > 1 || !/^[+-]?\d{1,3}(\d{3})*$/.test(int.split(thousands).join('')) || !int.split(thousands).slice(1).every((g) => g.length === 3)) {
      throw new RangeError(`"${text}" is not an amount with ${decimalMark === '.' ? 'a decimal point' : 'a decimal comma'}`)
    }
    t = int.split(thousands).join('') + (frac.length ? decimalMark + frac[0] : '')
  }
  return parseMajor(t, currency, decimalMark)
}

/** Validates one raw line; every problem is reported, naming file, line and the file's own column title. */
export function readLine(raw: RawLine, file: string, line: number, o: ReadOptions): { line?: InvoiceLine; errors: RowError[] } {
  const errors: RowError[] = []
  const fail = (field: keyof RawLine, what: string) => errors.push({ file, line, field: o.fieldNames[field], message: `${file} line ${line}, field ${o.fieldNames[field]}: ${what}` })
  const text = (k: keyof RawLine) => (raw[k] ?? '').trim()

  const number = text('number')
  if (!number) fail('number', 'is empty')
  else if (number.length > 60) fail('number', `"${number.slice(0, 20)}…" is longer than 60 characters`)
  const debtorName = text('debtorName')
  if (debtorName.length < 2) fail('debtorName', debtorName ? `"${debtorName}" is too short for a company name` : 'is empty')
  const debtorCountry = (text('debtorCountry') || o.defaultCountry || '').toUpperCase()
  if (!/^[A-Z]{2}$/.test(debtorCountry)) fail('debtorCountry', debtorCountry ? `"${debtorCountry}" is not a two-letter country code` : 'is empty and the mapping has no default country')
  const currency = (text('currency') || o.defaultCurrency || '').toUpperCase()
  if (!isCurrency(currency)) fail('currency', currency ? `"${currency}" is not an ISO 4217 currency code` : 'is empty and the mapping has no default currency')
  const dates: Partial<Record<'issueDate' | 'dueDate', LocalDate>> = {}
  for (const k of ['issueDate', 'dueDate'] as const) {
    const v = text(k)
    const d = v ? parseDate(v, o.dateFormat) : null
    if (!v) fail(k, 'is empty')
    else if (!d) fail(k, `${v} is not a date${o.dateFormat === 'YYYY-MM-DD' ? '' : ` in the form ${o.dateFormat}`}`)
    else dates[k] = d
  }
  // The ledger cannot hold an invoice due before it is issued, so unlike the other INVALID_DATES cases
  // (stored and flagged) this one stops the file; the code still names the check the approver knows.
  if (dates.issueDate && dates.dueDate && dates.dueDate < dates.issueDate) {
    fail('dueDate', `INVALID_DATES: due ${dates.dueDate} is ${diffDays(dates.dueDate, dates.issueDate)} day${diffDays(dates.dueDate, dates.issueDate) === 1 ? '' : 's'} before the issue date ${dates.issueDate}; an invoice cannot fall due before it is issued`)
  }
  let amount = 0
  const a = text('amount')
  if (!a) fail('amount', 'is empty')
  else if (isCurrency(currency)) {
    try {
      amount = parseAmount(a, currency, o.decimalMark)
      if (amount <= 0) fail('amount', `${a} must be greater than zero (send credit notes separately)`)
    } catch (e) {
      fail('amount', (e as Error).message.replace(/^not an amount: /, '').replace(/^(".*")$/, '$1 is not an amount'))
    }
  }
  if (errors.length) return { errors }
  return {
    errors,
    line: { file, line, number, debtorName, debtorRegNo: text('debtorRegNo') || null, debtorCountry, issueDate: dates.issueDate!, dueDate: dates.dueDate!, currency, amount }
  }
}

/** The same invoice number twice in one batch is a file error: which of the two is meant cannot be guessed. */
export function findRepeatedNumbers(lines: InvoiceLine[], fieldName = 'invoice_number'): RowError[] {
  const seen = new Map<string, InvoiceLine>()
  const errors: RowError[] = []
  for (const l of lines) {
    const first = seen.get(l.number)
    if (first) errors.push({ file: l.file, line: l.line, field: fieldName, message: `${l.file} line ${l.line}, field ${fieldName}: ${l.number} already appears in ${first.file} line ${first.line}` })
    else seen.set(l.number, l)
  }
  return errors
}
