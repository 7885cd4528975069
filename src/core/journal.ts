import { assertMinor } from '../shared/money'
import type { LocalDate } from '../shared/dates'

/**
 * The factor's chart of accounts. Client-facing balances (reserve) carry the client id on the line,
 * so one account code serves every client as a sub-ledger.
 */
export const ACCOUNTS = {
  bank: 'Bank',
  receivables: 'Purchased receivables',
  clientReserve: 'Client reserve (owed to clients)',
  clientPayable: 'Advances payable to clients',
  feeIncome: 'Factoring fee income',
  interestIncome: 'Late-payment interest income',
  claimsReceivable: 'Fees and interest claimed from debtors',
  unappliedCash: 'Unapplied cash',
  badDebt: 'Bad-debt expense',
  clientRecourse: 'Recourse due from clients'
} as const
export type AccountCode = keyof typeof ACCOUNTS

export type EntryKind =
  | 'funding'
  | 'fee'
  | 'payment'
  | 'unapplied'
  | 'allocation'
  | 'reserve_release'
  | 'chargeback'
  | 'write_off'
  | 'claim'
  | 'payout'
  | 'opening'
  | 'reversal'

export interface JournalLine {
  account: AccountCode
  currency: string
  debit: number
  credit: number
  clientId?: number | null
  debtorId?: number | null
  invoiceId?: number | null
}

export interface JournalEntry {
  date: LocalDate
  kind: EntryKind
  memo: string
  lines: JournalLine[]
  clientId?: number | null
  invoiceId?: number | null
  reversesEntryId?: number | null
}

export class UnbalancedEntryError extends Error {
  constructor(
    readonly currency: string,
    readonly difference: number
  ) {
    super(`journal entry does not balance in ${currency}: debits - credits = ${difference}`)
  }
}

/** Throws unless every line is a valid one-sided posting and debits equal credits per currency. */
export function assertBalanced(entry: JournalEntry): void {
  if (entry.lines.length < 2) throw new Error('a journal entry needs at least two lines')
  const totals = new Map<string, number>()
  for (const l of entry.lines) {
    assertMinor(l.debit, 'debit')
    assertMinor(l.credit, 'credit')
    if (l.debit < 0 || l.credit < 0) throw new Error('debit and credit must not be negative')
    if (l.debit !== 0 && l.credit !== 0) throw new Error('a line is either a debit or a credit')
    if (!(l.account in ACCOUNTS)) throw new Error(`unknown account ${l.account}`)
    totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.debit - l.credit)
  }
  for (const [currency, diff] of totals) if (diff !== 0) throw new UnbalancedEntryError(currency, diff)
}

/** A line builder that drops zero amounts and turns negative amounts into the opposite side. */
export function dr(account: AccountCode, currency: string, amount: number, dims: Partial<JournalLine> = {}): JournalLine[] {
  if (amount === 0) return []
  return amount > 0 ? [{ account, currency, debit: amount, credit: 0, ...dims }] : [{ account, currency, debit: 0, credit: -amount, ...dims }]
}

export function cr(account: AccountCode, currency: string, amount: number, dims: Partial<JournalLine> = {}): JournalLine[] {
  return dr(account, currency, -amount, dims)
}

export function buildEntry(entry: Omit<JournalEntry, 'lines'>, ...lines: JournalLine[][]): JournalEntry {
  const e = { ...entry, lines: lines.flat() }
  assertBalanced(e)
  return e
}

/** The mirror entry that cancels another: the only way to correct a posted entry. */
export function reverseEntry(original: JournalEntry & { id: number }, date: LocalDate, reason: string): JournalEntry {
  return buildEntry(
    { date, kind: 'reversal', memo: `Reversal of entry ${original.id}: ${reason}`, clientId: original.clientId, invoiceId: original.invoiceId, reversesEntryId: original.id },
    original.lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit }))
  )
}
