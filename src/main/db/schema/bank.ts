import { sql } from 'drizzle-orm'
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { debtorTable } from './parties'
import { invoiceTable } from './invoices'
import type { ReasonArg } from '../../../shared/reason-text'

/** The original bytes of every imported bank file, once per content hash, so an import can always be re-read. */
export const bankFileTable = sqliteTable('bank_file', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull()
})

/** One committed import of one file (the same file imported twice gives two rows, the second adding nothing). */
export const bankImportTable = sqliteTable(
  'bank_import',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fileSha256: text('file_sha256').notNull().references(() => bankFileTable.sha256),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    source: text('source', { enum: ['manual', 'folder', 'cli'] }).notNull(),
    entries: integer('entries').notNull(),
    added: integer('added').notNull(),
    duplicates: integer('duplicates').notNull(),
    autoMatched: integer('auto_matched').notNull(),
    suggested: integer('suggested').notNull(),
    unmatched: integer('unmatched').notNull(),
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull(),
    importedBy: integer('imported_by'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('bank_import_file_idx').on(t.fileSha256)]
)

export const BANK_ENTRY_STATUSES = ['unmatched', 'suggested', 'matched', 'ignored', 'returned'] as const

/**
 * A booked bank line. `fingerprint` (content + account + occurrence counter) makes re-imports and
 * overlapping statements add nothing while legitimately identical rows in one file are both kept.
 */
export const bankEntryTable = sqliteTable(
  'bank_entry',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id').notNull().references(() => bankImportTable.id),
    fingerprint: text('fingerprint').notNull(),
    statementId: text('statement_id').notNull(),
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    bookingDate: text('booking_date').notNull(),
    valueDate: text('value_date'),
    bankRef: text('bank_ref'),
    endToEndId: text('end_to_end_id'),
    reference: text('reference'),
    remittance: text('remittance'),
    counterpartyName: text('counterparty_name'),
    counterpartyAccount: text('counterparty_account'),
    status: text('status', { enum: BANK_ENTRY_STATUSES }).notNull(),
    /** Cash not yet applied to invoices (credits only): visible until allocated or refunded. */
    unapplied: integer('unapplied').notNull(),
    /** Why the matcher decided what it did, in words. */
    reason: text('reason').notNull(),
    /** The same reason with its amounts/dates as values ({0}, {1}…), so each reader sees them in their locale; null when it has none. */
    reasonTemplate: text('reason_template'),
    /** The values for reason_template: ReasonArg[] as JSON. */
    reasonArgs: text('reason_args', { mode: 'json' }).$type<ReasonArg[]>(),
    /** Suggested candidates: [{invoiceId, amount, reason, reasonTemplate?, reasonArgs?}], kept so the payments screen shows them without re-matching. */
    candidates: text('candidates', { mode: 'json' }).$type<{ invoiceId: number; amount: number; reason: string; reasonTemplate?: string; reasonArgs?: ReasonArg[] }[]>(),
    debtorId: integer('debtor_id'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    uniqueIndex('bank_entry_fingerprint_uq').on(t.fingerprint),
    index('bank_entry_status_idx').on(t.status, t.bookingDate),
    // The payments screen's lists, newest first: every line ('All'), and only those waiting for a person ('Needs
    // attention'; a few percent of a large import, so matched lines cost this index nothing). The condition is
    // spelled exactly as bank-allocation-repo's query spells it, or SQLite would not use the partial index.
    index('bank_entry_booking_idx').on(t.bookingDate),
    index('bank_entry_open_idx').on(t.bookingDate).where(sql`${t.status} = 'unmatched' or ${t.status} = 'suggested' or (${t.unapplied} > 0 and ${t.status} <> 'ignored')`),
    index('bank_entry_e2e_idx').on(t.endToEndId),
    index('bank_entry_import_idx').on(t.importId)
  ]
)

/**
 * Cash applied from a bank entry to an invoice. Rows sharing journal_entry_id were applied together and are
 * undone together; undoing sets reversal_entry_id (the journal keeps both postings, nothing is deleted).
 */
export const bankAllocationTable = sqliteTable(
  'bank_allocation',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bankEntryId: integer('bank_entry_id').notNull().references(() => bankEntryTable.id),
    invoiceId: integer('invoice_id').notNull().references(() => invoiceTable.id),
    journalEntryId: integer('journal_entry_id').notNull(),
    amount: integer('amount').notNull(),
    /** Fee to date charged at this payment (the increment over fees charged at earlier payments). */
    fee: integer('fee').notNull().default(0),
    /** A short payment accepted as settled: charged to the client's reserve. */
    shortfall: integer('shortfall').notNull().default(0),
    /** Rebate on the invoice when this payment closed it (Collected - Advance - Fee); null while open. */
    rebate: integer('rebate'),
    prevStatus: text('prev_status').notNull(),
    mode: text('mode', { enum: ['auto', 'manual', 'direct_debit'] }).notNull(),
    reason: text('reason').notNull(),
    reversalEntryId: integer('reversal_entry_id'),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    index('bank_allocation_entry_idx').on(t.bankEntryId),
    index('bank_allocation_invoice_idx').on(t.invoiceId),
    index('bank_allocation_journal_idx').on(t.journalEntryId),
    check('bank_allocation_amount', sql`${t.amount} >= 0 and ${t.fee} >= 0 and ${t.shortfall} >= 0`)
  ]
)

/** SEPA direct-debit mandates a debtor signed with the factor. */
export const mandateTable = sqliteTable(
  'sdd_mandate',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    umr: text('umr').notNull(),
    signatureDate: text('signature_date').notNull(),
    scheme: text('scheme', { enum: ['CORE', 'B2B'] }).notNull(),
    /** The sequence type the next collection uses: FRST until one collection went through, then RCUR. OOFF is single use. */
    sequence: text('sequence', { enum: ['FRST', 'RCUR', 'OOFF', 'FNAL'] }).notNull(),
    iban: text('iban').notNull(),
    bic: text('bic'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull()
  },
  (t) => [uniqueIndex('sdd_mandate_umr_uq').on(t.umr), index('sdd_mandate_debtor_idx').on(t.debtorId)]
)

/** One collection instruction in a pain.008 file; its end-to-end id comes back in camt.053/054 on payment or return. */
export const directDebitTable = sqliteTable(
  'sdd_collection',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mandateId: integer('mandate_id').notNull().references(() => mandateTable.id),
    invoiceId: integer('invoice_id').notNull().references(() => invoiceTable.id),
    msgId: text('msg_id').notNull(),
    endToEndId: text('end_to_end_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    collectionDate: text('collection_date').notNull(),
    sequence: text('sequence').notNull(),
    status: text('status', { enum: ['sent', 'paid', 'returned'] }).notNull(),
    returnReason: text('return_reason'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [uniqueIndex('sdd_collection_e2e_uq').on(t.endToEndId), index('sdd_collection_invoice_idx').on(t.invoiceId)]
)
