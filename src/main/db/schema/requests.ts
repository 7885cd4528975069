import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { clientTable } from './parties'
import { invoiceTable, requestTable } from './invoices'

/**
 * The checks found when an invoice was submitted, one row per flag, so the queue can filter by flag
 * without re-running them. A warning is cleared only by an override that names who and why.
 */
export const requestCheckTable = sqliteTable(
  'request_check',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id').notNull().references(() => requestTable.id),
    invoiceId: integer('invoice_id').notNull().references(() => invoiceTable.id),
    code: text('code').notNull(),
    severity: text('severity', { enum: ['error', 'warning'] }).notNull(),
    message: text('message').notNull(),
    overrideBy: integer('override_by'),
    overrideReason: text('override_reason'),
    overrideAt: integer('override_at')
  },
  (t) => [index('request_check_invoice_idx').on(t.invoiceId), index('request_check_request_idx').on(t.requestId, t.code)]
)

/** The approver's decision on one submitted invoice, with the reason shown in the audit trail. */
export const requestDecisionTable = sqliteTable(
  'request_decision',
  {
    invoiceId: integer('invoice_id').primaryKey().references(() => invoiceTable.id),
    requestId: integer('request_id').notNull().references(() => requestTable.id),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    reason: text('reason').notNull().default(''),
    userId: integer('user_id'),
    at: integer('at').notNull()
  },
  (t) => [index('request_decision_request_idx').on(t.requestId)]
)

/** Sign-offs for funding: step 1 always, step 2 by a different person when the four-eyes threshold is passed. */
export const requestApprovalTable = sqliteTable(
  'request_approval',
  {
    requestId: integer('request_id').notNull().references(() => requestTable.id),
    step: integer('step').notNull(),
    userId: integer('user_id').notNull(),
    at: integer('at').notNull()
  },
  (t) => [primaryKey({ columns: [t.requestId, t.step] })]
)

/** The figures a funding was posted with: the payout file and the client's statement read them back. */
export const requestFundingTable = sqliteTable('request_funding', {
  requestId: integer('request_id').primaryKey().references(() => requestTable.id),
  date: text('date').notNull(),
  currency: text('currency').notNull(),
  invoices: integer('invoices').notNull(),
  face: integer('face').notNull(),
  advance: integer('advance').notNull(),
  reserve: integer('reserve').notNull(),
  fees: integer('fees').notNull(),
  chargebacksNetted: integer('chargebacks_netted').notNull(),
  netPayout: integer('net_payout').notNull(),
  fundedBy: integer('funded_by'),
  at: integer('at').notNull()
})

/** A client's own CSV/XLSX layout, saved under a name and reused for every file they send. */
export const columnMappingTable = sqliteTable(
  'column_mapping',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id').notNull().references(() => clientTable.id),
    name: text('name').notNull(),
    mapping: text('mapping', { mode: 'json' }).notNull(),
    updatedAt: integer('updated_at').notNull()
  },
  (t) => [uniqueIndex('column_mapping_client_name_uq').on(t.clientId, t.name)]
)
