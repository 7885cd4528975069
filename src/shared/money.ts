/**
 * Money is an integer count of minor units plus an ISO 4217 currency. Never a float.
 * Amounts stay below 2^51 so that sums and ratio products keep exact integer results.
 */
export type Currency = string

export interface Money {
  readonly amount: number
  readonly currency: Currency
}

const MAX_SAFE = 2 ** 51 - 1

// Intl knows the exponent of every ISO currency; the table only saves the lookup for common ones.
const KNOWN_DIGITS: Record<string, number> = { EUR: 2, SEK: 2, NOK: 2, DKK: 2, USD: 2, GBP: 2, CHF: 2, PLN: 2, HUF: 2, CZK: 2, JPY: 0, ISK: 0, KRW: 0, BHD: 3, KWD: 3, TND: 3 }

export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  if (code in KNOWN_DIGITS) return true
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code })
    return Intl.supportedValuesOf ? Intl.supportedValuesOf('currency').includes(code) : true
  } catch {
    return false
  }
}

/** Number of minor-unit digits for a currency: EUR 2, JPY 0, BHD 3. */
export function minorDigits(currency: Currency): number {
  const known = KNOWN_DIGITS[currency]
  if (known !== undefined) return known
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits
  KNOWN_DIGITS[currency] = digits ?? 2
  return KNOWN_DIGITS[currency]
}

export function assertMinor(n: number, what = 'amount'): number {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer number of minor units, got ${n}`)
  if (Math.abs(n) > MAX_SAFE) throw new RangeError(`${what} is out of range: ${n}`)
  return n
}

export function money(amount: number, currency: Currency): Money {
  return { amount: assertMinor(amount), currency }
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new TypeError(`currency mismatch: ${a.currency} and ${b.currency}`)
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return money(a.amount + b.amount, a.currency)
}

export function sub(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return money(a.amount - b.amount, a.currency)
}

export function negate(a: Money): Money {
  return money(-a.amount, a.currency)
}

/**
 * Multiplies an amount by a rate given in basis points (1 bp = 0.01 %) and rounds half away from zero.
 * Integer arithmetic only: 10_000 bp = 100 %.
 */
export function applyBp(amount: number, bp: number): number {
  assertMinor(amount)
  if (!Number.isInteger(bp)) throw new RangeError(`rate must be whole basis points, got ${bp}`)
  return roundDiv(amount * bp, 10_000)
}

/** Integer division rounding half away from zero (the commercial rounding of invoices and fees). */
export function roundDiv(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero')
  const sign = Math.sign(numerator) * Math.sign(denominator)
  const n = Math.abs(numerator)
  const d = Math.abs(denominator)
  const q = Math.floor(n / d)
  const r = n - q * d
  return sign * (r * 2 >= d ? q + 1 : q)
}

/**
 * Splits total into parts proportional to ratios, largest remainder first, so the parts always sum to
 * total exactly (dinero.js distribute). Ratios must be non-negative integers with a positive sum.
 */
export function allocate(total: number, ratios: readonly number[]): number[] {
  assertMinor(total, 'total')
  if (ratios.length === 0) throw new RangeError('allocate needs at least one ratio')
  if (ratios.some((r) => r < 0 || !Number.isFinite(r))) throw new RangeError('ratios must be non-negative')
  const sum = ratios.reduce((s, r) => s + r, 0)
  if (sum <= 0) throw new RangeError('at least one ratio must be positive')
  const sign = total < 0 ? -1 : 1
  const abs = Math.abs(total)
  const parts = ratios.map((r) => Math.floor((abs * r) / sum))
  let rest = abs - parts.reduce((s, p) => s + p, 0)
  // Hand the leftover units to the largest fractional remainders; ties go to the earlier part.
  const order = ratios
    .map((r, i) => ({ i, frac: (abs * r) / sum - parts[i] }))
    .filter((x) => ratios[x.i] > 0)
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].i] += 1
  return parts.map((p) => (p === 0 ? 0 : sign * p))
}

/** Parses a major-unit decimal string ("1234.5", "-0.07") into minor units, exactly, without floats. */
export function parseMajor(text: string, currency: Currency, decimalMark = '.'): number {
  const digits = minorDigits(currency)
  const t = text.trim()
  const re = decimalMark === '.' ? /^([+-])?(\d+)(?:\.(\d+))?$/ : /^([+-])?(\d+)(?:,(\d+))?$/
  const m = re.exec(t)
  if (!m) throw new RangeError(`not an amount: "${text}"`)
  const frac = m[3] ?? ''
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) {
    throw new RangeError(`"${text}" has more decimals than ${currency} allows (${digits})`)
  }
  const minor = Number(m[2] + frac.slice(0, digits).padEnd(digits, '0'))
  return assertMinor(m[1] === '-' ? -minor : minor)
}

/**
 * An amount as people type it into a search box ("2590.34", "2,590.34", "2.590,34", "2 590", "1'000.5"), in minor
 * units; null when the text is not an amount. A final separator followed by one or two digits is the decimal mark,
 * any other separator groups thousands.
 */
export function parseTypedAmount(text: string, currency: Currency): number | null {
  const t = text.replace(/[\s\u00a0\u202f']/g, '')
  const m = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(t)
  if (!m) return null
  try {
    return parseMajor(`${m[1].replace(/[.,]/g, '')}.${m[2] ?? '0'}`, currency)
  } catch {
    return null
  }
}

/** Minor units as a plain major-unit string with a dot ("1234.50"): for files and XML, not for people. */
export function toMajorString(amount: number, currency: Currency): string {
  const digits = minorDigits(currency)
  const sign = amount < 0 ? '-' : ''
  const abs = String(Math.abs(assertMinor(amount))).padStart(digits + 1, '0')
  return digits === 0 ? sign + abs : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`
}

/** Locale-aware display of money, e.g. "1 234,50 €" in sv-SE or "€1,234.50" in en-IE. */
export function formatMoney(amount: number, currency: Currency, locale?: string): string {
  const digits = minorDigits(currency)
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits)
}
