import type { BankLineFields } from '../../shared/contract/payments'

/**
 * Content identity of bank lines. A line is the same line when account, amount, currency, dates, bank ids,
 * references, text and counterparty all agree; the occurrence counter keeps legitimately identical lines in
 * one file (two equal card fees on one day) apart, while a re-import or an overlapping statement produces
 * the same keys again and so adds nothing. Statement ids are left out on purpose: banks reuse them.
 */
export type FingerprintFields = BankLineFields

const SEP = '\u001f'
// Exactly the strings norm() would change: a blank at either end, two in a row, or one that is not a plain space.
const UNNORMAL = /^\s|\s$|\s\s|[^\S ]/

/** Blanks collapsed and trimmed; parsers hand over text that is already clean, so the test is usually all it costs. */
function norm(s: string | null): string {
  if (s === null) return ''
  return UNNORMAL.test(s) ? s.replace(/\s+/g, ' ').trim() : s
}

// Every line of a statement carries the same account: remember the last one.
let lastAccount: string | null = null
let lastAccountKey = ''

function accountKey(s: string | null): string {
  if (s === lastAccount && s !== null) return lastAccountKey
  const n = norm(s)
  const k = (n.indexOf(' ') < 0 ? n : n.replace(/ /g, '')).toUpperCase()
  lastAccount = s
  lastAccountKey = k
  return k
}

export function contentKey(e: FingerprintFields): string {
  return keyOf(e, '')
}

/** occurrenceKey(contentKey(e), 1), built as one string (hashing a joined rope first copies it). */
export function firstOccurrenceKey(e: FingerprintFields): string {
  return keyOf(e, '#1')
}

function keyOf(e: FingerprintFields, tail: string): string {
  const last = accountKey(e.counterpartyAccount)
  // join builds one flat string; a chain of + builds a rope that the Map then has to flatten (twice the time).
  const key = [
    accountKey(e.account),
    e.currency,
    e.amount,
    e.bookingDate ?? '',
    e.valueDate ?? '',
    e.bankRef ?? '',
    e.endToEndId ?? '',
    e.reference ?? '',
    e.remittance ?? '',
    e.counterpartyName ?? '',
    tail === '' ? last : last + SEP + tail
  ].join(SEP)
  // Text is nearly always clean already: one test over the whole key instead of one per field.
  if (!ANY_UNNORMAL.test(key)) return key
  const normal = normalisedKey(e)
  return tail === '' ? normal : normal + SEP + tail
}

// A blank at either end of a field, two in a row, or one that is not a plain space, anywhere in a joined key.
// Account fields never contain blanks (accountKey), so every text field's ends are next to a separator.
const ANY_UNNORMAL = /(?:^|\u001f)\s|\s(?:\u001f|$)|\s\s|[^\S ]/

function normalisedKey(e: FingerprintFields): string {
  return [
    accountKey(e.account),
    e.currency,
    e.amount,
    e.bookingDate ?? '',
    e.valueDate ?? '',
    norm(e.bankRef),
    norm(e.endToEndId),
    norm(e.reference),
    norm(e.remittance),
    norm(e.counterpartyName),
    accountKey(e.counterpartyAccount)
  ].join(SEP)
}

/** The key of the n-th line (1-based) with this content key in one file. */
export function occurrenceKey(content: string, n: number): string {
  return `${content}${SEP}#${n}`
}

/** Content keys with their occurrence number within the file appended, in file order. */
export function occurrenceKeys(entries: readonly FingerprintFields[]): string[] {
  const seen = new Map<string, number>()
  return entries.map((e) => {
    const k = contentKey(e)
    const n = (seen.get(k) ?? 0) + 1
    seen.set(k, n)
    return occurrenceKey(k, n)
  })
}
