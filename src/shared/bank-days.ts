/**
 * The TARGET2 calendar that SEPA payments and collections settle on. Pure date arithmetic on plain
 * YYYY-MM-DD dates, shared by the renderer (default collection date) and anything that schedules bank files.
 */
import { addDays, fromDayNumber, toDayNumber, type LocalDate } from './dates'

/** Easter Sunday (Gregorian, anonymous algorithm): Good Friday and Easter Monday are TARGET2 closing days. */
export function easter(year: number): LocalDate {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100
  const g = Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3)
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** SEPA collections settle on TARGET2 days: not weekends, 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec. */
export function isBankDay(d: LocalDate): boolean {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  const md = d.slice(5)
  if (['01-01', '05-01', '12-25', '12-26'].includes(md)) return false
  const e = toDayNumber(easter(Number(d.slice(0, 4))))
  return d !== fromDayNumber(e - 2) && d !== fromDayNumber(e + 1)
}

/** The earliest date a file sent today can collect on (CORE and B2B both accept D-1 since 2016). */
export function nextBankDay(d: LocalDate): LocalDate {
  let n = addDays(d, 1)
  while (!isBankDay(n)) n = addDays(n, 1)
  return n
}
