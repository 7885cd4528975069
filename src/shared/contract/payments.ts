import { z } from 'zod'
import type { ReasonArg } from '../reason-text'
import { currency, id, localDate, minorAmount, type Page } from './common'
import { method } from './define'

/** How the matcher decided one bank line (see src/core/matching/ladder.ts). */
export type Rung = 'direct_debit' | 'reference' | 'remittance' | 'iban_amount' | 'name_amount' | 'manual'

export interface Allocation {
  invoiceId: number
  amount: number
}

/**
 * Beside a plain `reason` (API, CLI, logs): the same sentence as a template with its amounts and dates kept as
 * values ({0}, {1}…, see shared/reason-text), so the screen shows them in the reader's locale. Absent when the
 * sentence has no values, or for lines stored before templates existed: then the plain reason is shown.
 */
export interface ReasonTemplate {
  reasonTemplate?: string
  reasonArgs?: ReasonArg[]
}

export interface Candidate extends ReasonTemplate {
  invoiceId: number
  /** What applying this candidate would take from the line. */
  amount: number
  reason: string
}

export type Decision = (
  | { key: number; kind: 'auto'; rung: Rung; allocations: Allocation[]; unapplied: number; debtorId: number; reason: string }
  | { key: number; kind: 'suggested'; rung: Rung; candidates: Candidate[]; debtorId: number | null; reason: string }
  | { key: number; kind: 'unmatched'; reason: string; debtorId: number | null }
  | { key: number; kind: 'ignored'; reason: string }
  | { key: number; kind: 'return'; directDebitId: number; invoiceId: number; reason: string }
) & ReasonTemplate

export interface ImportCounts {
  entries: number
  added: number
  duplicates: number
  autoMatched: number
  suggested: number
  unmatched: number
}

export interface InvoiceBrief {
  id: number
  number: string
  clientName: string
  debtorId: number
  debtorName: string
  currency: string
  openAmount: number
  dueDate: string
  status: string
  rfRef: string
}

export interface PreviewLine {
  key: number
  statementId: string
  account: string
  amount: number
  currency: string
  bookingDate: string
  reference: string | null
  remittance: string | null
  counterpartyName: string | null
  counterpartyAccount: string | null
  duplicate: boolean
  /** What the commit will do with the line and why; null for duplicates. */
  decision: Decision | null
}

export interface ImportPreview {
  /** Pass back to commit: it refuses when the recomputed plan differs. */
  token: string
  fileName: string
  format: string
  sha256: string
  counts: ImportCounts
  warnings: string[]
  errors: string[]
  lines: PreviewLine[]
  truncated: boolean
  invoices: Record<number, InvoiceBrief>
}

/** A file the watched bank folder could not import: it waits in failed/ with the reason beside it. */
export interface FolderFailure {
  file: string
  reason: string
  /** When the watcher gave up on it (epoch ms). */
  failedAt: number
}

export interface FolderFailures {
  /** The watched folder; null when no folder is watched. */
  folder: string | null
  files: FolderFailure[]
}

/** One invoice a direct-debit export would collect, under the debtor's newest active mandate. */
export interface DirectDebitItem {
  invoiceId: number
  number: string
  debtorName: string
  dueDate: string
  amount: number
  umr: string
  scheme: string
  sequence: string
}

export interface DirectDebitPreview {
  items: DirectDebitItem[]
  count: number
  total: number
  currency: string
}

export interface StatementImportResult {
  importId: number
  fileName: string
  format: string
  counts: ImportCounts
  warnings: string[]
}

export interface ImportRow extends ImportCounts {
  id: number
  fileName: string
  format: string
  source: string
  sha256: string
  warnings: string[]
  createdAt: number
}

export interface AllocationView {
  id: number
  invoiceId: number
  invoiceNumber: string
  journalEntryId: number
  amount: number
  fee: number
  shortfall: number
  rebate: number | null
  mode: string
  reason: string
  reversed: boolean
}

/**
 * What one bank line says, as the bank wrote it: the statement's account plus the fields every format parser
 * fills (core/bank Entry). The same fields are the line's content identity (core/matching fingerprint).
 */
export interface BankLineFields {
  account: string
  currency: string
  amount: number
  bookingDate: string | null
  valueDate: string | null
  /** The bank's own id for the booking (camt AcctSvcrRef, MT940 //bank ref, BAI2 bank ref, OFX FITID). */
  bankRef: string | null
  endToEndId: string | null
  /** Structured creditor reference (ISO 11649 RF..., camt Strd/CdtrRefInf/Ref, BgMax OCR). */
  reference: string | null
  remittance: string | null
  counterpartyName: string | null
  counterpartyAccount: string | null
}

/** A booked bank line and where matching left it (a booked line always has a booking date). */
export interface BankLineState extends Omit<BankLineFields, 'bookingDate'> {
  id: number
  importId: number
  bookingDate: string
  status: string
  unapplied: number
  reason: string
  /** The reason as a template with values (see ReasonTemplate); null for lines without one. */
  reasonTemplate: string | null
  reasonArgs: ReasonArg[] | null
  debtorId: number | null
}

export interface PaymentLine extends BankLineState {
  candidates: (InvoiceBrief & { amount: number; reason: string } & ReasonTemplate)[]
  allocations: AllocationView[]
}

export interface ClientStatement {
  clientId: number
  clientName: string
  currency: string
  from: string
  to: string
  openingReserve: number
  closingReserve: number
  lines: { date: string; kind: 'advance' | 'fee' | 'collection' | 'reserve' | 'other'; memo: string; invoiceId: number | null; invoiceNumber: string | null; amount: number; reserveEffect: number; entryKind: string; entryId: number | null }[]
  totals: { advances: number; fees: number; collections: number; reserveMovement: number }
  /** The reserve movement split by cause; opening + the sum of these = closing. */
  reserve: { funding: number; fees: number; shortfalls: number; releases: number; chargebacks: number; other: number }
  /** Rebates on invoices closed in the period (collected - advance - fee), live payments only. */
  rebates: number
  /** The client's open invoices in this currency now, oldest due first (at most openItemsLimit). */
  openItems: { number: string; debtorName: string; dueDate: string; face: number; openAmount: number; status: string }[]
  openItemsTotal: { count: number; face: number; openAmount: number }
}

export interface MandateRow {
  id: number
  debtorId: number
  debtorName: string
  umr: string
  signatureDate: string
  scheme: 'CORE' | 'B2B'
  sequence: 'FRST' | 'RCUR' | 'OOFF' | 'FNAL'
  iban: string
  bic: string | null
  active: boolean
}

const fileInput = z.object({
  fileName: z.string().min(1).max(260),
  contentBase64: z.string().min(1),
  format: z.enum(['camt.052', 'camt.053', 'camt.054', 'mt940', 'mt942', 'bai2', 'ofx', 'bgmax', 'csv']).optional()
})

export const PAYMENT_VIEWS = ['open', 'unmatched', 'suggested', 'unapplied', 'matched', 'all'] as const

export const paymentsContract = {
  'payments.previewImport': method(fileInput).returns<ImportPreview>(),
  'payments.commitImport': method(fileInput.extend({ token: z.string().min(8), acceptErrors: z.boolean().default(false) })).returns<StatementImportResult>(),
  'payments.imports': method(z.object({ limit: z.number().int().min(1).max(500).default(50) })).returns<ImportRow[]>(),
  'payments.folderFailures': method(z.object({})).returns<FolderFailures>(),
  'payments.retryFolderFile': method(z.object({ file: z.string().trim().min(1).max(255) })).returns<FolderFailures>(),
  'payments.lines': method(
    z.object({ view: z.enum(PAYMENT_VIEWS).default('open'), search: z.string().max(200).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
  ).returns<Page<PaymentLine>>(),
  'payments.line': method(z.object({ id })).returns<PaymentLine>(),
  'payments.searchInvoices': method(z.object({ text: z.string().trim().min(1).max(100), currency: currency.optional(), limit: z.number().int().min(1).max(100).default(20) })).returns<InvoiceBrief[]>(),
  'payments.allocate': method(
    z.object({ bankEntryId: id, allocations: z.array(z.object({ invoiceId: id, amount: minorAmount.positive('must be more than zero'), closeShortfall: z.boolean().default(false) })).min(1).max(200) })
  ).returns<PaymentLine>(),
  // An application is what one bank line paid within one journal entry (a file's automatic matches share an entry).
  'payments.undo': method(z.object({ bankEntryId: id, journalEntryId: id, reason: z.string().trim().min(3).max(200).default('undone by user') })).returns<PaymentLine>(),
  'payments.refund': method(z.object({ bankEntryId: id, amount: minorAmount.positive('must be more than zero'), reason: z.string().trim().min(3).max(200) })).returns<PaymentLine>(),
  'payments.clientStatement': method(z.object({ clientId: id, from: localDate, to: localDate })).returns<ClientStatement>(),
  /** The client statement as a PDF (base64). */
  'documents.clientStatement': method(z.object({ clientId: id, from: localDate, to: localDate })).returns<{ fileName: string; title: string; mimeType: 'application/pdf'; base64: string; bytes: number }>(),
  'mandates.list': method(z.object({ debtorId: id.optional() })).returns<MandateRow[]>(),
  'mandates.create': method(
    z.object({
      debtorId: id,
      umr: z.string().trim().min(1).max(35).regex(/^[A-Za-z0-9+?/:().,' -]+$/, 'only letters, digits and + ? / - : ( ) . , \' and space'),
      signatureDate: localDate,
      scheme: z.enum(['CORE', 'B2B']),
      sequence: z.enum(['FRST', 'RCUR', 'OOFF']).default('FRST'),
      iban: z.string().trim().min(15).max(40),
      bic: z.string().trim().max(11).nullish()
    })
  ).returns<MandateRow>(),
  'mandates.deactivate': method(z.object({ id, reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(200) })).returns<MandateRow>(),
  /** What an export on that date would collect, without recording anything. */
  'directDebits.preview': method(z.object({ collectionDate: localDate })).returns<DirectDebitPreview>(),
  'directDebits.export': method(z.object({ collectionDate: localDate, invoiceIds: z.array(id).max(10_000).optional() })).returns<{ fileName: string; xml: string; count: number; total: number; currency: string }>()
}
