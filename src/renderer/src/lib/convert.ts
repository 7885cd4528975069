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

/** "1 234,50" or "1234.50" in the given currency -> minor units. */
export function majorToMinor(raw: string, currency: string): number {
  let t = clean(raw)
  if (t === '') throw new FieldError('required')
  // Accept either decimal mark: the last '.' or ',' followed by at most the currency's digits is it.
  const d = minorDigits(/^[A-Z]{3}$/.test(currency) ? currency : 'EUR')
  const m = new RegExp(`^(.*)[.,](\\d{1,${Math.max(d, 1)}})$`).exec(t)
  if (m && d > 0) t = m[1].replace(/[.,]/g, '') + '.' + m[2]
  else t = t.replace(/[.,](?=\d{3}(\D|$))/g, '')
  try {
    return parseMajor(t, /^[A-Z]{3}$/.test(currency) ? currency : 'EUR')
  } catch (e) {
    throw new FieldError((e as Error).message.includes('decimals') ? `at most ${d} decimals` : 'must be an amount such as 1250.00')
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
