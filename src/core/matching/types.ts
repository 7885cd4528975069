/**
 * The matcher's inputs and outputs. Everything is plain data so the same pure function computes the
 * import preview and the commit, against the same snapshot of the ledger.
 */
import type { LocalDate } from '../../shared/dates'

/** A bank line as the matcher sees it (one per parsed entry, in file order). */
export interface BankLine {
  /** Position in the file: decisions come back in the same order and carry this key. */
  key: number
  amount: number
  currency: string
  bookingDate: LocalDate
  reference: string | null
  remittance: string | null
  counterpartyName: string | null
  counterpartyAccount: string | null
  endToEndId: string | null
}

export interface OpenItem {
  id: number
  number: string
  clientId: number
  debtorId: number
  currency: string
  face: number
  openAmount: number
  dueDate: LocalDate
  rfRef: string
  status: string
  /** Carried for settlement, so applying a file's matches needs no second read of its invoices; the matcher ignores them. */
  advance?: number
  fundedDate?: string | null
}

/** A collection we sent in a pain.008: its end-to-end id identifies both the payment and a return. */
export interface DirectDebitRef {
  id: number
  invoiceId: number
  amount: number
  status: 'sent' | 'paid' | 'returned'
}

/** The slice of the ledger a file's matching needs, loaded in bulk for the file's keys. */
export interface MatchIndex {
  /** Open and closed invoices by RF reference (closed ones explain "already paid"). */
  byRf: Map<string, OpenItem>
  /** Invoice number (upper case) -> invoices with that number across all clients. */
  byNumber: Map<string, OpenItem[]>
  /** Payer IBAN (electronic format) -> debtors learned from earlier matches. */
  debtorsByIban: Map<string, number[]>
  /** Normalised debtor name -> debtor ids. */
  debtorsByName: Map<string, number[]>
  /** Open items of the debtors the IBAN and name rungs need, oldest due first. */
  openByDebtor: Map<number, OpenItem[]>
  /**
   * Debtors whose open items are so far known only for the amounts their lines pay (openByAmount), not as the
   * whole list: most IBAN and name lines pay exactly one open item, and those few rows decide them. The ladder
   * names such a debtor as missing when a line needs the whole list (see matchPass).
   */
  partialDebtors?: Set<number>
  /** amountKey(debtor, currency, amount) -> that debtor's items open for exactly that amount in the ledger. */
  openByAmount?: Map<string, OpenItem[]>
  directDebits: Map<string, DirectDebitRef>
}

export interface MatchOptions {
  /** An amount short of the open amount by at most this many minor units counts as a small short-payment. */
  shortPayAbs: number
  /** ... or by at most this share of the open amount, in basis points (early-payment discounts: 2-3 %). */
  discountBp: number
  /** How many candidates a suggestion lists. */
  maxCandidates: number
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { shortPayAbs: 500, discountBp: 300, maxCandidates: 5 }

// The decision shapes travel to the screen, so they live with the API contract.
export type { Allocation, Candidate, Decision, Rung } from '../../shared/contract/payments'
