import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { clientTable, debtorTable } from './parties'
import { INVOICE_STATUSES } from '../../../shared/statuses'

/** A batch of invoices a client asks the factor to finance. */
export const requestTable = sqliteTable(
  'financing_request',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id').notNull().references(() => clientTable.id),
    status: text('status', { enum: ['open', 'approved', 'rejected', 'funded', 'partly_funded'] }).notNull(),
    source: text('source').notNull(),
    fileName: text('file_name'),
    currency: text('currency').notNull(),
    total: integer('total').notNull().default(0),
    submittedDate: text('submitted_date').notNull(),
    preparedBy: integer('prepared_by'),
    approvedBy: integer('approved_by'),
    fundedDate: text('funded_date'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('request_status_idx').on(t.status, t.submittedDate), index('request_client_idx').on(t.clientId)]
)

export const invoiceTable = sqliteTable(
  'invoice',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id').notNull().references(() => clientTable.id),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    requestId: integer('request_id').references(() => requestTable.id),
    number: text('number').notNull(),
    currency: text('currency').notNull(),
    face: integer('face').notNull(),
    /** Face less payments, credit notes and write-offs: kept by the services in the same transaction as the journal. */
    openAmount: integer('open_amount').notNull(),
    advance: integer('advance').notNull().default(0),
    issueDate: text('issue_date').notNull(),
    dueDate: text('due_date').notNull(),
    fundedDate: text('funded_date'),
    closedDate: text('closed_date'),
    status: text('status', { enum: INVOICE_STATUSES }).notNull(),
    rfRef: text('rf_ref').notNull(),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    uniqueIndex('invoice_client_number_uq').on(t.clientId, t.number),
    uniqueIndex('invoice_rf_uq').on(t.rfRef),
    index('invoice_debtor_idx').on(t.debtorId, t.status, t.dueDate),
    index('invoice_status_due_idx').on(t.status, t.dueDate),
    index('invoice_issue_idx').on(t.issueDate),
    index('invoice_due_idx').on(t.dueDate),
    index('invoice_face_idx').on(t.face),
    index('invoice_open_idx').on(t.openAmount),
    index('invoice_number_idx').on(t.number),
    index('invoice_request_idx').on(t.requestId),
    check('invoice_amounts', sql`${t.face} > 0 and ${t.openAmount} >= 0 and ${t.advance} >= 0`),
    check('invoice_dates', sql`${t.dueDate} >= ${t.issueDate}`)
  ]
)
