import { friendlyFormatIBAN } from 'ibantools'
import { formatRfReference } from '../../core/rf-reference'
import { formatMoney, minorDigits } from '../../shared/money'

/**
 * Formatting for printed documents: amounts, dates, IBANs, references and postal addresses, in the
 * reader's locale. Letters go to people in several countries, so the locale is always passed in, never
 * taken from the machine the app runs on.
 */

// The usual language of a country, for parties whose own language we do not store (clients).
const COUNTRY_LANGUAGE: Record<string, string> = {
  SE: 'sv', FI: 'fi', NO: 'nb', DK: 'da', DE: 'de', AT: 'de', CH: 'de', NL: 'nl', BE: 'nl', FR: 'fr', LU: 'fr',
  ES: 'es', IT: 'it', PT: 'pt', PL: 'pl', CZ: 'cs', SK: 'sk', HU: 'hu', EE: 'et', LV: 'lv', LT: 'lt', IE: 'en', GB: 'en', US: 'en'
}

const supported = new Map<string, string>()

/** A BCP 47 locale Intl knows, from a language and a country: ('sv', 'SE') → 'sv-SE'; unknown pairs fall back to the language. */
export function localeFor(language: string | null | undefined, country: string): string {
  const lang = (language || COUNTRY_LANGUAGE[country] || 'en').toLowerCase()
  const key = `${lang}-${country}`
  let hit = supported.get(key)
  if (hit === undefined) {
    hit = Intl.DateTimeFormat.supportedLocalesOf([key]).length > 0 ? key : Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0 ? lang : 'en'
    supported.set(key, hit)
  }
  return hit
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** A business date ('YYYY-MM-DD') as the reader writes dates: 23.11.2026, 2026-11-23, 23/11/2026. */
export function formatDate(date: string, locale: string): string {
  let f = dateFormats.get(locale)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    dateFormats.set(locale, f)
  }
  return f.format(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)))
}

/** Money for print: locale separators and symbol ("1 234,50 €", "€1,234.50"). */
export function formatAmount(amount: number, currency: string, locale: string): string {
  return formatMoney(amount, currency, locale)
}

/** An amount without the currency sign, for table columns whose currency is stated once: "1 234,50". */
export function formatPlain(amount: number, currency: string, locale: string): string {
  const digits = minorDigits(currency)
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits)
}

/** A rate in basis points as a percentage in the reader's locale: 8500 → "85 %" / "85%". */
export function formatBp(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000)
}

/** "SE45 5000 0000 0583 9825 7466": the printed form banks ask for. */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(iban.replace(/\s+/g, '').toUpperCase()) ?? iban
}

export const formatRf = formatRfReference

export interface PostalAddress {
  name: string
  address?: string | null
  postalCode?: string | null
  city?: string | null
  country: string
}

// Countries whose postal code follows the town on the last line.
const CITY_FIRST = new Set(['GB', 'IE', 'US', 'CA', 'AU'])

let regionNames: Intl.DisplayNames | null = null

/**
 * The lines of an address block. Street lines may be stored with line breaks or commas; the country is
 * spelled out only when the letter crosses a border, as the postal services ask.
 */
export function addressLines(p: PostalAddress, senderCountry: string): string[] {
  const street = (p.address ?? '')
    .split(/\r?\n|,\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
  const code = (p.postalCode ?? '').trim()
  const city = (p.city ?? '').trim()
  const town = CITY_FIRST.has(p.country) ? [city, code].filter(Boolean).join(' ') : [code, city].filter(Boolean).join(' ')
  const lines = [p.name, ...street]
  if (town) lines.push(town)
  if (p.country !== senderCountry) {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })
    lines.push((regionNames.of(p.country) ?? p.country).toUpperCase())
  }
  return lines
}

/** One line for the return-address zone of the window and for footers: "Name · Street · 111 22 City". */
export function oneLineAddress(p: PostalAddress): string {
  const town = [p.postalCode, p.city].filter((s) => s && s.trim()).join(' ')
  return [p.name, p.address?.replace(/\r?\n/g, ', '), town].filter((s) => s && s.trim()).join(' · ')
}

/** A file name that every OS accepts, from an invoice number or a title. */
export function safeFileName(s: string): string {
  const cleaned = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '')
  return cleaned.slice(0, 80) || 'document'
}
