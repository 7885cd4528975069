import type { BankLineFields } from '../../shared/contract/payments'

/**
 * Content identity of bank lines. A line is the same line when account, amount, currency, dates, bank ids,
 * references, text and counterparty all agree; the occurrence counter keeps legitimately identical lines in
 * one file (two equal card fees on one day) apart, while a re-import or an overlapping statement produces
 * the same keys again and so adds nothing. Statement ids are left out on purpose: banks reuse them.
 */
export type FingerprintFields = BankLineFields

export function contentKey(e: FingerprintFields): string {
  const norm = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim()
  return [
    norm(e.account).replace(/ /g, '').toUpperCase(),
    e.currency,
    e.amount,
    e.bookingDate ?? '',
    e.valueDate ?? '',
    norm(e.bankRef),
    norm(e.endToEndId),
    norm(e.reference),
    norm(e.remittance),
    norm(e.counterpartyName),
    norm(e.counterpartyAccount).replace(/ /g, '').toUpperCase()
  ].join('\u001f')
}

/** Content keys with their occurrence number within the file appended, in file order. */
export function occurrenceKeys(entries: readonly FingerprintFields[]): string[] {
  const seen = new Map<string, number>()
  return entries.map((e) => {
    const k = contentKey(e)
    const n = (seen.get(k) ?? 0) + 1
    seen.set(k, n)
    return `${k}\u001f#${n}`
  })
}
