import { z } from 'zod'
import { country, currency, id, localDate, type Page } from './common'
import { method } from './define'

/** Eligibility checks on a submitted invoice. The codes are stable: saved overrides and filters refer to them. */
export const CHECK_CODES = ['DUPLICATE', 'DEBTOR_LIMIT', 'PAIR_LIMIT', 'CONCENTRATION', 'CROSS_AGING', 'OVER_AGE', 'INVALID_DATES', 'NO_NOTICE', 'VERIFICATION', 'CURRENCY', 'NEW_DEBTOR'] as const
export type CheckCode = (typeof CHECK_CODES)[number]
export type Severity = 'error' | 'warning'

export interface CheckResult {
  code: CheckCode
  severity: Severity
  /** A sentence for the approver, with the numbers that triggered it. */
  message: string
}

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYYMMDD'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

/** A column by its header text, or by its 1-based position (for files without a header). */
const columnRef = z.union([z.string().trim().min(1), z.number().int().min(1)])

/** How to read a client's own CSV or XLSX layout. Saved per client and reused for every file they send. */
export const columnMappingSchema = z.object({
  delimiter: z.string().min(1).max(2).default(';'),
  decimalMark: z.enum(['.', ',']).default(','),
  dateFormat: z.enum(DATE_FORMATS).default('DD.MM.YYYY'),
  /** 1-based line (row) holding the column titles; data starts below it. 0 = no header, data from line 1. */
  headerRow: z.number().int().min(0).max(100).default(1),
  columns: z.object({
    invoiceNumber: columnRef,
    debtorName: columnRef,
    debtorRegNo: columnRef.optional(),
    debtorCountry: columnRef.optional(),
    issueDate: columnRef,
    dueDate: columnRef,
    currency: columnRef.optional(),
    amount: columnRef
  }),
  /** Used when the file has no country or currency column. */
  defaultCountry: country.optional(),
  defaultCurrency: currency.optional()
})
export type ColumnMapping = z.infer<typeof columnMappingSchema>

export const uploadedFile = z.object({
  name: z.string().trim().min(1).max(255),
  /** The file's bytes, base64: CSV, XLSX and XML alike travel this way over IPC and HTTP. */
  data: z.string().max(200_000_000)
})
export type UploadedFile = z.infer<typeof uploadedFile>

export const FILE_FORMATS = ['factordesk-csv', 'mapped-csv', 'xlsx', 'ubl'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

/** A problem that blocks the whole file: the user fixes the file and sends it again. */
export interface RowError {
  file: string
  line: number
  field: string
  message: string
}

/** One invoice as read from a file, before any ledger lookup. Amount in minor units. */
export interface InvoiceLine {
  file: string
  line: number
  number: string
  debtorName: string
  debtorRegNo: string | null
  debtorCountry: string
  issueDate: string
  dueDate: string
  currency: string
  amount: number
}

export interface PreviewRow extends InvoiceLine {
  /** Null when the debtor is not in the ledger yet and will be created (flagged NEW_DEBTOR). */
  debtorId: number | null
  debtorMatch: 'reg_no' | 'name' | 'new'
  checks: CheckResult[]
  eligible: boolean
  /** Already in the ledger under the same invoice number: reported, never stored a second time. */
  skipped: boolean
}

export interface Availability {
  clientId: number
  currency: string
  advanceRateBp: number
  /** Open, undisputed purchased receivables plus the eligible invoices of the request, if one is given. */
  eligibleReceivables: number
  fundsEmployed: number
  /** eligibleReceivables × advance rate − funds employed (may be negative: over-advanced). */
  available: number
}

export interface RequestPreview {
  clientId: number
  clientName: string
  files: { name: string; format: FileFormat; rows: number }[]
  rows: PreviewRow[]
  errors: RowError[]
  totals: { invoices: number; amount: number; eligible: number; eligibleAmount: number; withErrors: number; withWarnings: number; newDebtors: number; skipped: number }
  /** Fingerprint of files + result: import refuses when the ledger changed what the preview showed. */
  token: string
}

export interface ImportResult extends RequestPreview {
  requestId: number | null
  stored: number
}

export type InvoiceDecision = 'pending' | 'approved' | 'rejected'

export interface QueueRow {
  id: number
  clientId: number
  clientName: string
  status: string
  source: string
  fileName: string | null
  submittedDate: string
  currency: string
  invoices: number
  total: number
  eligible: number
  eligibleAmount: number
  withErrors: number
  withWarnings: number
  pending: number
  approved: number
  approvedAmount: number
  rejected: number
  preparedBy: string | null
  approvals: { userId: number; userName: string; at: number }[]
  /** The approved amount is above the four-eyes threshold: two different people must sign off. */
  needsTwoApprovals: boolean
}

export interface RequestInvoice {
  id: number
  number: string
  debtorId: number
  debtorName: string
  issueDate: string
  dueDate: string
  currency: string
  face: number
  status: string
  decision: InvoiceDecision
  decisionReason: string | null
  checks: (CheckResult & { override: { by: string; reason: string } | null })[]
  /** No error checks. Warnings still need an override before approval. */
  eligible: boolean
}

/** The amounts of one funding: face bought, cash advanced, reserve held back, fees, chargebacks netted and what is paid out. */
export interface FundingAmounts {
  face: number
  advance: number
  reserve: number
  fees: number
  chargebacksNetted: number
  netPayout: number
}

export interface FundingFigures extends FundingAmounts {
  requestId: number
  status: 'projected' | 'awaiting_second_approval' | 'funded'
  currency: string
  invoices: number
  availability: Availability
  approvals: string[]
  fundedDate: string | null
  /**
   * What the checks run again at funding found that approval had not seen. `notFunded`: invoices that
   * became ineligible (an error) and were rejected instead of funded. `needsOverride`: invoices with a
   * new warning, sent back for a decision; nothing is funded until they are decided again.
   */
  recheck?: { notFunded: RecheckNote[]; needsOverride: RecheckNote[] }
}

export interface RecheckNote {
  invoiceId: number
  number: string
  codes: CheckCode[]
  reason: string
}

export interface MappingRow {
  id: number
  clientId: number
  name: string
  mapping: ColumnMapping
  updatedAt: number
}

export interface MappingPreview {
  header: string[]
  rows: { line: number; cells: string[]; read: InvoiceLine | null; errors: RowError[] }[]
}

const intakeInput = z.object({
  clientId: id,
  files: z.array(uploadedFile).min(1).max(500),
  /** A saved mapping, or one given inline (e.g. while the user is still adjusting it). */
  mappingId: id.optional(),
  mapping: columnMappingSchema.optional()
})

const override = z.object({ code: z.enum(CHECK_CODES), reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(500) })

export const requestsContract = {
  'requests.preview': method(intakeInput).returns<RequestPreview>(),
  'requests.import': method(intakeInput.extend({ token: z.string().optional() })).returns<ImportResult>(),
  'requests.queue': method(z.object({ status: z.enum(['waiting', 'all']).default('waiting'), clientId: id.optional() })).returns<{ rows: QueueRow[]; totals: { requests: number; invoices: number; amounts: { currency: string; total: number; eligible: number }[] } }>(),
  'requests.get': method(
    z.object({
      id,
      flag: z.enum(CHECK_CODES).optional(),
      decision: z.enum(['pending', 'approved', 'rejected']).optional(),
      /** False: leave the invoice list empty (the screen pages it through requests.invoices instead). */
      withInvoices: z.boolean().default(true)
    })
  ).returns<{
    request: QueueRow
    invoices: RequestInvoice[]
    flags: { code: CheckCode; count: number }[]
    figures: FundingFigures
    fourEyesThreshold: number
  }>(),
  /** One page of a request's invoices with their flags, for lists too long to send at once. */
  'requests.invoices': method(
    z.object({ id, flag: z.enum(CHECK_CODES).optional(), decision: z.enum(['pending', 'approved', 'rejected']).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) })
  ).returns<Page<RequestInvoice>>(),
  'requests.decide': method(
    z.object({
      requestId: id,
      /** Omitted: every invoice still pending (bulk). */
      invoiceIds: z.array(id).max(100_000).optional(),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().trim().max(500).default(''),
      overrides: z.array(override).max(20).default([])
    })
  ).returns<{ approved: number; rejected: number; refused: { invoiceId: number; number: string; reason: string }[]; request: QueueRow }>(),
  'requests.fund': method(z.object({ requestId: id, date: localDate.optional() })).returns<FundingFigures>(),
  'requests.availability': method(z.object({ clientId: id, requestId: id.optional() })).returns<Availability>(),
  'mappings.list': method(z.object({ clientId: id })).returns<MappingRow[]>(),
  'mappings.save': method(z.object({ clientId: id, name: z.string().trim().min(1).max(80), mapping: columnMappingSchema })).returns<MappingRow>(),
  'mappings.preview': method(z.object({ file: uploadedFile, mapping: columnMappingSchema, limit: z.number().int().min(1).max(200).default(10) })).returns<MappingPreview>(),
  'requests.setFourEyesThreshold': method(z.object({ amount: z.number().int().min(0) })).returns<{ fourEyesThreshold: number }>(),
  'payout.export': method(z.object({ requestId: id, version: z.enum(['09', '03']).default('09') })).returns<{ fileName: string; xml: string; amount: number; currency: string }>()
}
