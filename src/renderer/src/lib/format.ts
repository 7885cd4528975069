import { useMemo } from 'react'
import { formatDate, type LocalDate } from '../../../shared/dates'
import { formatMoney, minorDigits, toMajorString } from '../../../shared/money'
import { usePrefs } from './prefs'

/** Formatters bound to the user's chosen locale, so every screen formats alike. */
export function useFormat() {
  const { locale } = usePrefs()
  return useMemo(() => {
    const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })
    const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: '2-digit' })
    const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })
    return {
      locale,
      money: (amount: number, currency: string) => formatMoney(amount, currency, locale),
      /** Major units without the currency sign, for dense columns headed by the currency. */
      amount: (amount: number, currency: string) => {
        const d = minorDigits(currency)
        return new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(amount / 10 ** d)
      },
      compactMoney: (amount: number, currency: string) => `${compact.format(amount / 10 ** minorDigits(currency))} ${currency}`,
      date: (d: LocalDate | null | undefined) => (d ? formatDate(d, locale) : '—'),
      month: (ym: string) => month.format(new Date(`${ym}-01T00:00:00Z`)),
      timestamp: (ms: number) => stamp.format(new Date(ms)),
      int: (n: number) => int.format(n),
      /** A count with its noun: "1 line", "2,000 lines" (the plural is the noun + s unless given). */
      count: (n: number, one: string, many = `${one}s`) => `${int.format(n)} ${n === 1 ? one : many}`,
      days: (n: number) => one.format(n),
      /** Basis points as a percentage: 250 -> "2.5 %" in the locale's style. */
      pct: (bp: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000),
      majorPlain: toMajorString
    }
  }, [locale])
}
export type Format = ReturnType<typeof useFormat>
