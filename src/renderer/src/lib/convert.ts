import { parseMajor, toMajorString, minorDigits } from '../../../shared/money'

/**
 * Form fields hold what people type (percentages, major units, with a comma or a dot); the API takes
 * basis points and minor units. These convert both ways and throw a message meant for under the field.
 */
export class FieldError extends Error {}

const clean = (s: string) => s.trim().replace(/[\s\u00a0\u202f_']/g, '')

/** "2.5" or "2,5" (percent) -> 250 bp. At most two decimals: a basis point is the smallest step. */
export function pctToBp(raw: string): number {
  const t = clean(raw).replace(',', '.')
  if (t === '') throw new FieldError('required')
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(t)
  if (!m) {
    if (/^-?\d+\.\d{3,}$/.test(t)) throw new FieldError('at most 2 decimals (whole basis points)')
    throw new FieldError('must be a percentage such as 2.5')
  }
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -bp : bp
}

export function bpToPct(bp: number): string {
  const sign = bp < 0 ? '-' : ''
  const a = Math.abs(bp)
  const frac = String(a % 100).padStart(2, '0').replace(/0+$/, '')
  return `${sign}${Math.floor(a / 100)}${frac ? '.' + frac : ''}`
}

/** The decimal mark of a locale: '.' in en-GB, ',' in de-DE and sv-SE. */
export function decimalMarkOf(locale: string): '.' | ',' {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.'
  } catch {
    return '.'
  }
}

/**
 * "1 234,50", "1,234.50" or "1234.5" -> minor units. With both marks present the last one is the
 * decimal mark; a lone mark before exactly three digits ("12.345") is read the way the user's locale
 * writes decimals, since it could be either.
 */
export function majorToMinor(raw: string, currency: string, decimalMark: '.' | ',' = '.'): number {
  const t = clean(raw)
  if (t === '') throw new FieldError('required')
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'EUR'
  const d = minorDigits(code)
  const marks = t.match(/[.,]/g) ?? []
  let dec: string | null = null
  if (new Set(marks).size === 2) dec = t[Math.max(t.lastIndexOf('.'), t.lastIndexOf(','))]
  else if (marks.length === 1) {
    const after = t.length - 1 - t.search(/[.,]/)
    dec = after === 3 ? (marks[0] === decimalMark ? marks[0] : null) : marks[0]
  }
  let norm = t
  if (dec) {
    const i = t.lastIndexOf(dec)
    norm = t.slice(0, i).replace(/[.,]/g, '') + '.' + t.slice(i + 1)
  } else norm = t.replace(/[.,]/g, '')
  if (/[.,]/.test(norm.slice(0, norm.indexOf('.') < 0 ? undefined : norm.indexOf('.')))) throw new FieldError('must be an amount such as 1250.00')
  try {
    return parseMajor(norm, code)
  } catch (e) {
    throw new FieldError((e as Error).message.includes('decimals') ? (d === 0 ? 'no decimals in this currency' : `at most ${d} decimals`) : 'must be an amount such as 1250.00')
  }
}

export function minorToMajor(minor: number, currency: string): string {
  return toMajorString(minor, currency)
}

export function toInt(raw: string): number {
  const t = clean(raw)
  if (t === '') throw new FieldError('required')
  if (!/^-?\d+$/.test(t)) throw new FieldError('must be a whole number')
  return Number(t)
}

/** Empty text becomes null, so optional fields are cleared rather than set to "". */
export const optText = (raw: string): string | null => (raw.trim() === '' ? null : raw.trim())

type Bounded = { code: string; maximum?: unknown; minimum?: unknown; inclusive?: boolean }

/** Schema bounds on basis points, said in percent. */
export function describeBp(issue: Bounded): string | undefined {
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `at most ${bpToPct(issue.maximum)} %`
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum === 0 ? 'must not be negative' : `at least ${bpToPct(issue.minimum)} %`
  return undefined
}

/** Schema bounds on minor units, said in major units. */
export function describeMinor(currency: string) {
  return (issue: Bounded): string | undefined => {
    if (issue.code === 'too_small' && issue.minimum === 0) return 'must not be negative'
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `at most ${toMajorString(issue.maximum, currency)}`
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `at least ${toMajorString(issue.minimum, currency)}`
    return undefined
  }
}

export function describeInt(unit: string) {
  return (issue: Bounded): string | undefined => {
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `at most ${issue.maximum} ${unit}`
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `at least ${issue.minimum} ${unit}`
    return undefined
  }
}
