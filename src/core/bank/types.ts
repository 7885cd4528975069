/**
 * Normalised bank statement model shared by every format parser.
 * Amounts are signed integers in minor units (credit +, debit -); dates are 'YYYY-MM-DD'.
 */
import type { LocalDate } from '../../shared/dates'
import type { BankLineFields } from '../../shared/contract/payments'

export type Format = 'camt.052' | 'camt.053' | 'camt.054' | 'mt940' | 'mt942' | 'bai2' | 'ofx' | 'bgmax' | 'csv'

export const FORMATS: readonly Format[] = ['camt.052', 'camt.053', 'camt.054', 'mt940', 'mt942', 'bai2', 'ofx', 'bgmax', 'csv']

/** A problem found while parsing; `message` is a complete sentence including "file line N:" when known. */
export interface Issue {
  file?: string
  line?: number
  field?: string
  message: string
}

export interface Balance {
  amount: number
  date: LocalDate
}

/** One booked line of a statement; the statement carries the account. */
export type Entry = Omit<BankLineFields, 'account'>

export interface Statement {
  id: string
  account: string
  currency: string
  opening: Balance | null
  closing: Balance | null
  entries: Entry[]
}

export interface ParsedFile {
  /** 'unknown' only when the bytes match no supported format (then statements is empty and errors says why). */
  format: Format | 'unknown'
  statements: Statement[]
  warnings: Issue[]
  errors: Issue[]
}

/** A column is addressed by its header text or by 0-based index. */
export type CsvColumn = string | number

export interface CsvProfile {
  delimiter: string
  decimalMark: '.' | ','
  thousandsMark: '' | '.' | ',' | ' ' | "'"
  dateFormat: string
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-8859-1' | 'windows-1252'
  headerRows: number
  footerRows: number
  quote?: string
  columns: {
    bookingDate: CsvColumn
    valueDate?: CsvColumn
    amount?: CsvColumn
    debit?: CsvColumn
    credit?: CsvColumn
    /** Column holding a debit/credit marker; used with `amount` and creditValue/debitValue. */
    indicator?: CsvColumn
    creditValue?: string
    debitValue?: string
    currency?: CsvColumn
    reference?: CsvColumn
    remittance?: CsvColumn
    counterpartyName?: CsvColumn
    counterpartyAccount?: CsvColumn
    bankRef?: CsvColumn
    endToEndId?: CsvColumn
  }
  defaultCurrency: string
  account?: string
}

export interface ParseOptions {
  fileName?: string
  format?: Format
  csvProfile?: CsvProfile
}
