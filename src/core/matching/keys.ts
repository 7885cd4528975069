/**
 * The lookup keys a bank file needs (references, invoice-number tokens, payer IBANs, payer names), extracted
 * once per file so the shell can load exactly those slices of the ledger in bulk instead of querying per line.
 */
import { normaliseName } from '../names'
import { findRfReferences, isValidRfReference } from '../rf-reference'
import type { BankLine, MatchIndex } from './types'

/** Payer accounts are compared in electronic IBAN format: upper case, no spaces. */
export function ibanKey(account: string | null): string | null {
  if (!account) return null
  const s = account.replace(/[\s-]+/g, '').toUpperCase()
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) ? s : null
}

export function rfKey(ref: string | null): string | null {
  if (!ref) return null
  const s = ref.replace(/\s+/g, '').toUpperCase()
  return isValidRfReference(s) ? s : null
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]/g

/**
 * Words of the remittance text that could be invoice numbers: at least 3 characters with a digit in them.
 * Invoice numbers like "2026-0042" or "INV/17" survive whole; "Invoice" or "EUR" never qualify.
 */
export function numberTokens(text: string | null): string[] {
  if (!text) return []
  const out = new Set<string>()
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0]
    if (t.length >= 3 && /\d/.test(t) && !/^RF\d\d/i.test(t)) out.add(t.toUpperCase())
  }
  return [...out]
}

/**
 * The spellings to look an invoice number up by. Numbers are compared upper-cased on both sides, but the ledger
 * is searched through its index on the stored spelling, so a token is asked for as written, upper-cased,
 * lower-cased and capitalised ("inv-17", "Inv-17"). A stored number in some other mixed case ("iNV-17") is
 * found only when the text writes it the same way.
 */
export function numberSpellings(token: string): string[] {
  const out = new Set([token, token.toUpperCase(), token.toLowerCase(), token.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase())])
  return [...out]
}

/** Number tokens as written in the text (numberTokens upper-cases them for comparing). */
function writtenTokens(text: string | null): string[] {
  if (!text) return []
  const out: string[] = []
  for (const m of text.matchAll(TOKEN)) if (m[0].length >= 3 && /\d/.test(m[0]) && !/^RF\d\d/i.test(m[0])) out.push(m[0])
  return out
}

export function rfsInText(text: string | null): string[] {
  return text ? [...new Set(findRfReferences(text))] : []
}

export interface FileKeys {
  rfs: string[]
  /** Every spelling to look up (numberSpellings); the matcher compares them upper-cased. */
  numbers: string[]
  ibans: string[]
  names: string[]
  endToEndIds: string[]
}

export function fileKeys(lines: readonly BankLine[]): FileKeys {
  const rfs = new Set<string>()
  const numbers = new Set<string>()
  const ibans = new Set<string>()
  const names = new Set<string>()
  const e2e = new Set<string>()
  for (const l of lines) {
    if (l.endToEndId) e2e.add(l.endToEndId)
    if (l.amount <= 0) continue
    const rf = rfKey(l.reference)
    if (rf) rfs.add(rf)
    else if (l.reference) for (const t of writtenTokens(l.reference)) for (const v of numberSpellings(t)) numbers.add(v)
    for (const r of rfsInText(l.remittance)) rfs.add(r)
    for (const t of writtenTokens(l.remittance)) for (const v of numberSpellings(t)) numbers.add(v)
    const iban = ibanKey(l.counterpartyAccount)
    if (iban) ibans.add(iban)
    if (l.counterpartyName) {
      const n = normaliseName(l.counterpartyName)
      if (n) names.add(n)
    }
  }
  return { rfs: [...rfs], numbers: [...numbers], ibans: [...ibans], names: [...names], endToEndIds: [...e2e] }
}

/**
 * Debtors whose open items the IBAN and name rungs will look at: only for lines that neither a reference nor
 * an invoice number already identifies, so a file of well-referenced payments loads no open-item lists at all.
 */
export function debtorsNeeded(lines: readonly BankLine[], index: Pick<MatchIndex, 'byRf' | 'byNumber' | 'debtorsByIban' | 'debtorsByName'>): number[] {
  const out = new Set<number>()
  for (const l of lines) {
    if (l.amount <= 0) continue
    const rf = rfKey(l.reference)
    if (rf && index.byRf.has(rf)) continue
    if (rfsInText(l.remittance).some((r) => index.byRf.has(r))) continue
    if ([...(rf ? [] : numberTokens(l.reference)), ...numberTokens(l.remittance)].some((t) => index.byNumber.has(t))) continue
    for (const d of index.debtorsByIban.get(ibanKey(l.counterpartyAccount) ?? '') ?? []) out.add(d)
    if (l.counterpartyName) for (const d of index.debtorsByName.get(normaliseName(l.counterpartyName)) ?? []) out.add(d)
  }
  return [...out]
}
