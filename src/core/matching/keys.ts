/**
 * The lookup keys a bank file needs (references, invoice-number tokens, payer IBANs, payer names), extracted
 * once per line so the shell can load exactly those slices of the ledger in bulk instead of querying per line,
 * and the ladder reuses them instead of tokenising the same text again.
 */
import { normaliseName } from '../names'
import { findRfReferences, isValidRfReference } from '../rf-reference'
import { OPEN_STATUSES } from '../../shared/statuses'
import type { BankLine, MatchIndex } from './types'

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/

/** Payer accounts are compared in electronic IBAN format: upper case, no spaces. */
export function ibanKey(account: string | null): string | null {
  if (!account) return null
  const s = account.replace(/[\s-]+/g, '').toUpperCase()
  return IBAN.test(s) ? s : null
}

export function rfKey(ref: string | null): string | null {
  if (!ref) return null
  const s = ref.replace(/\s+/g, '').toUpperCase()
  return rfChecks(s) ?? isValidRfReference(s) ? s : null
}

/**
 * The ISO 11649 check of an upper-case reference without spaces, digit by digit instead of through digit
 * strings (it runs for every line of a file); null when the text is not of the RF form at all.
 */
function rfChecks(s: string): boolean | null {
  const n = s.length
  if (n < 5 || n > 25 || s.charCodeAt(0) !== 82 || s.charCodeAt(1) !== 70 || !isDigit(s.charCodeAt(2)) || !isDigit(s.charCodeAt(3))) return null
  // The body, then "RF" and the check digits, as one number (letters count as 10..35) modulo 97.
  let rest = 0
  for (let i = 4; i < n + 4; i++) {
    const c = s.charCodeAt(i < n ? i : i - n)
    if (isDigit(c)) rest = (rest * 10 + c - 48) % 97
    else if (c >= 65 && c <= 90) rest = (rest * 100 + c - 55) % 97
    else return null
  }
  return rest === 1
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57

const TOKEN = /[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]/g
const DIGIT = /\d/
const RF_START = /^RF\d\d/i

/** Shared by every line without keys of a kind (most lines have no number tokens, no RF in the text): never changed. */
const NONE: readonly string[] = Object.freeze([])

/** Words that could be invoice numbers, as written: at least 3 characters with a digit in them, not an RF reference. */
function writtenTokens(text: string | null): readonly string[] {
  const words = text ? text.match(TOKEN) : null
  if (!words) return NONE
  const out = words.filter((w) => w.length >= 3 && DIGIT.test(w) && !RF_START.test(w))
  return out.length > 0 ? out : NONE
}

/**
 * Words of the remittance text that could be invoice numbers: at least 3 characters with a digit in them.
 * Invoice numbers like "2026-0042" or "INV/17" survive whole; "Invoice" or "EUR" never qualify.
 */
export function numberTokens(text: string | null): string[] {
  return [...new Set(writtenTokens(text).map((t) => t.toUpperCase()))]
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

export function rfsInText(text: string | null): string[] {
  return text ? [...new Set(findRfReferences(text))] : []
}

/** One line's keys: what every rung and every loader asks of the line's text, worked out once. */
export interface LineKeys {
  /** The structured reference, when it is a valid RF reference. */
  rf: string | null
  /** Valid RF references in the remittance text other than `rf`, first occurrence first. */
  textRfs: readonly string[]
  /** Number tokens, upper case, without repeats: the reference's (unless it is an RF reference), then the text's. */
  tokens: readonly string[]
  /** The same tokens as written (the ledger is searched by spelling). */
  written: readonly string[]
  iban: string | null
  /** The payer name normalised; null when the line names no payer. */
  name: string | null
}

const NO_KEYS: LineKeys = { rf: null, textRfs: NONE, tokens: NONE, written: NONE, iban: null, name: null }

/** Outgoing and zero lines are never matched by key, so they have none. */
export function lineKeys(line: BankLine): LineKeys {
  if (line.amount <= 0) return NO_KEYS
  const rf = rfKey(line.reference)
  const inText = writtenTokens(line.remittance)
  const found = rf ? inText : [...writtenTokens(line.reference), ...inText]
  let tokens = NONE
  let written = NONE
  if (found.length > 0) {
    const upper: string[] = []
    const asWritten: string[] = []
    for (const w of found) {
      const t = w.toUpperCase()
      if (!upper.includes(t)) upper.push(t)
      if (!asWritten.includes(w)) asWritten.push(w)
    }
    tokens = upper
    written = asWritten
  }
  let textRfs = NONE
  if (line.remittance) {
    const found = rfsInText(line.remittance).filter((r) => r !== rf)
    if (found.length > 0) textRfs = found
  }
  return { rf, textRfs, tokens, written, iban: ibanKey(line.counterpartyAccount), name: line.counterpartyName ? normaliseName(line.counterpartyName) : null }
}

export interface FileKeys {
  rfs: string[]
  /** Every spelling to look up (numberSpellings); the matcher compares them upper-cased. */
  numbers: string[]
  ibans: string[]
  names: string[]
  endToEndIds: string[]
}

export function fileKeys(lines: readonly BankLine[], keys: readonly LineKeys[] = lines.map(lineKeys)): FileKeys {
  const rfs = new Set<string>()
  const numbers = new Set<string>()
  const ibans = new Set<string>()
  const names = new Set<string>()
  const e2e = new Set<string>()
  lines.forEach((l, n) => {
    if (l.endToEndId) e2e.add(l.endToEndId)
    const k = keys[n]
    if (k.rf) rfs.add(k.rf)
    for (const r of k.textRfs) rfs.add(r)
    for (const w of k.written) for (const v of numberSpellings(w)) numbers.add(v)
    if (k.iban) ibans.add(k.iban)
    if (k.name) names.add(k.name)
  })
  return { rfs: [...rfs], numbers: [...numbers], ibans: [...ibans], names: [...names], endToEndIds: [...e2e] }
}

/**
 * Whether the IBAN and name rungs may look at the line's payer: not when a reference or an invoice number
 * already identifies it, so a file of well-referenced payments loads no open-item lists at all. A number counts
 * only when one of its invoices is open in the line's currency: the number rung passes over paid invoices (the
 * payer may quote an old number), and the payer rungs must then see the payer's open items.
 */
const OPEN = new Set<string>(OPEN_STATUSES)

export function needsPayer(k: LineKeys, index: Pick<MatchIndex, 'byRf' | 'byNumber'>, currency: string): boolean {
  if (k.rf && index.byRf.has(k.rf)) return false
  if (k.textRfs.some((r) => index.byRf.has(r))) return false
  return !k.tokens.some((t) => index.byNumber.get(t)?.some((i) => i.currency === currency && i.openAmount > 0 && OPEN.has(i.status)))
}

/** The debtors a line's payer account and name stand for (the account's first). */
export function payerDebtors(k: LineKeys, index: Pick<MatchIndex, 'debtorsByIban' | 'debtorsByName'>): number[] {
  const byIban = k.iban ? (index.debtorsByIban.get(k.iban) ?? []) : []
  const byName = k.name !== null ? (index.debtorsByName.get(k.name) ?? []) : []
  return byName.length === 0 ? byIban : [...new Set([...byIban, ...byName])]
}

/** Debtors whose open items the IBAN and name rungs will look at (see needsPayer). */
export function debtorsNeeded(lines: readonly BankLine[], index: Pick<MatchIndex, 'byRf' | 'byNumber' | 'debtorsByIban' | 'debtorsByName'>, keys: readonly LineKeys[] = lines.map(lineKeys)): number[] {
  const out = new Set<number>()
  lines.forEach((l, n) => {
    if (l.amount > 0 && needsPayer(keys[n], index, l.currency)) for (const d of payerDebtors(keys[n], index)) out.add(d)
  })
  return [...out]
}

/** The key of a debtor's items open for exactly one amount in one currency (MatchIndex.openByAmount). */
export const amountKey = (debtorId: number, currency: string, amount: number): string => `${debtorId}|${currency}|${amount}`
