/**
 * Business dates are plain 'YYYY-MM-DD' strings: no time zone, no Date objects crossing boundaries.
 * Arithmetic goes through UTC day numbers so daylight-saving changes can never shift a date.
 */
export type LocalDate = string

const RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false
  const m = RE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

export function assertLocalDate(s: string, what = 'date'): LocalDate {
  if (!isLocalDate(s)) throw new RangeError(`${what} must be a real date as YYYY-MM-DD, got "${s}"`)
  return s
}

/** Days since 1970-01-01 for a LocalDate. */
export function toDayNumber(d: LocalDate): number {
  return Math.round(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY_MS)
}

export function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(d) + days)
}

/** b - a in days (positive when b is later). */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a)
}

export function addMonths(d: LocalDate, months: number): LocalDate {
  const y = +d.slice(0, 4)
  const m = +d.slice(5, 7) - 1 + months
  const day = +d.slice(8, 10)
  const first = new Date(Date.UTC(y, m, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10)
}

export function startOfMonth(d: LocalDate): LocalDate {
  return `${d.slice(0, 7)}-01`
}

export function endOfMonth(d: LocalDate): LocalDate {
  return addDays(addMonths(startOfMonth(d), 1), -1)
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b
}

/** Locale-aware display, e.g. 23.11.2026 in de-DE, 2026-11-23 in sv-SE. */
export function formatDate(d: LocalDate, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(toDayNumber(d) * DAY_MS))
}

/** The injected clock: services never read the system time directly. */
export interface Clock {
  /** Today's business date. */
  today(): LocalDate
  /** Epoch milliseconds, for audit timestamps. */
  now(): number
}

export const systemClock: Clock = {
  today: () => {
    const n = new Date()
    return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, '0')}-${String(n.getDate()).padStart(2, '0')}`
  },
  now: () => Date.now()
}

export function fixedClock(date: LocalDate, startMs = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), 9)): Clock {
  let t = startMs
  return { today: () => date, now: () => t++ }
}
