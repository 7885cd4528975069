import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { clientTable, debtorTable } from './parties'
import { invoiceTable } from './invoices'

/** A dunning plan: its ordered steps are one JSON array, validated by core/collections/plans on save. */
export const dunningPlanTable = sqliteTable('dunning_plan', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  segment: text('segment', { enum: ['low', 'standard', 'high'] }).unique(),
  steps: text('steps', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull()
})

/**
 * Per-debtor collection state and the stored worklist summary. The summary (overdue amount, oldest due,
 * score) is maintained by the services and the scheduler so the first page of the list is an index walk.
 */
export const debtorCollectionTable = sqliteTable(
  'debtor_collection',
  {
    debtorId: integer('debtor_id').primaryKey().references(() => debtorTable.id),
    planId: integer('plan_id').references(() => dunningPlanTable.id),
    controllerId: integer('controller_id'),
    handedOver: integer('handed_over', { mode: 'boolean' }).notNull().default(false),
    brokenPromises: integer('broken_promises').notNull().default(0),
    lastContactDate: text('last_contact_date'),
    nextActionDate: text('next_action_date'),
    finalSentDate: text('final_sent_date'),
    currency: text('currency'),
    /** Overdue per currency ([{currency, overdue, count, oldestDue}]), so a row can show every currency owed. */
    currencies: text('currencies'),
    overdueAmount: integer('overdue_amount').notNull().default(0),
    overdueCount: integer('overdue_count').notNull().default(0),
    oldestDue: text('oldest_due'),
    disputedAmount: integer('disputed_amount').notNull().default(0),
    openAmount: integer('open_amount').notNull().default(0),
    score: integer('score').notNull().default(0),
    reasons: text('reasons', { mode: 'json' }),
    refreshedOn: text('refreshed_on')
  },
  (t) => [
    index('debtor_collection_score_idx').on(t.score, t.debtorId),
    index('debtor_collection_controller_idx').on(t.controllerId, t.score),
    index('debtor_collection_next_action_idx').on(t.nextActionDate)
  ]
)

/** Per-invoice dunning state: the plan override, the highest level sent, and claims made so far. */
export const invoiceDunningTable = sqliteTable('invoice_dunning', {
  invoiceId: integer('invoice_id').primaryKey().references(() => invoiceTable.id),
  planId: integer('plan_id').references(() => dunningPlanTable.id),
  level: integer('level'),
  lastSentDate: text('last_sent_date'),
  interestClaimed: integer('interest_claimed').notNull().default(0),
  compensationClaimed: integer('compensation_claimed', { mode: 'boolean' }).notNull().default(false)
})

export const dunningBlockTable = sqliteTable(
  'dunning_block',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    invoiceId: integer('invoice_id').references(() => invoiceTable.id),
    reason: text('reason').notNull(),
    untilDate: text('until_date'),
    endedDate: text('ended_date'),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('dunning_block_debtor_idx').on(t.debtorId)]
)

export const disputeTable = sqliteTable(
  'dispute',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    invoiceId: integer('invoice_id').notNull().references(() => invoiceTable.id),
    reason: text('reason').notNull(),
    amount: integer('amount').notNull(),
    ownerId: integer('owner_id'),
    status: text('status', { enum: ['open', 'resolved', 'rejected'] }).notNull(),
    openedDate: text('opened_date').notNull(),
    closedDate: text('closed_date'),
    resolution: text('resolution')
  },
  (t) => [index('dispute_debtor_idx').on(t.debtorId, t.status), index('dispute_invoice_idx').on(t.invoiceId), check('dispute_amount', sql`${t.amount} > 0`)]
)

export const promiseTable = sqliteTable(
  'payment_promise',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    promisedDate: text('promised_date').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** The debtor's open balance when the promise was made: kept once it fell by amount. */
    baselineOpen: integer('baseline_open').notNull(),
    status: text('status', { enum: ['active', 'kept', 'broken'] }).notNull(),
    createdDate: text('created_date').notNull(),
    closedDate: text('closed_date')
  },
  (t) => [index('promise_debtor_idx').on(t.debtorId, t.status), index('promise_status_date_idx').on(t.status, t.promisedDate), check('promise_amount', sql`${t.amount} > 0`)]
)

export const instalmentPlanTable = sqliteTable(
  'instalment_plan',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    currency: text('currency').notNull(),
    invoiceIds: text('invoice_ids', { mode: 'json' }).$type<number[]>().notNull(),
    baselineOpen: integer('baseline_open').notNull(),
    instalments: text('instalments', { mode: 'json' }).$type<{ dueDate: string; amount: number }[]>().notNull(),
    status: text('status', { enum: ['active', 'completed', 'broken'] }).notNull(),
    createdDate: text('created_date').notNull(),
    closedDate: text('closed_date')
  },
  (t) => [index('instalment_plan_debtor_idx').on(t.debtorId, t.status)]
)

export const contactLogTable = sqliteTable(
  'contact_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    userId: integer('user_id'),
    date: text('date').notNull(),
    channel: text('channel').notNull(),
    outcome: text('outcome').notNull(),
    note: text('note'),
    nextActionDate: text('next_action_date'),
    promiseId: integer('promise_id'),
    at: integer('at').notNull()
  },
  (t) => [index('contact_log_debtor_idx').on(t.debtorId, t.date)]
)

/**
 * A reminder decided by a dunning run. idempotency_key (debtor:level:run date) is written in the same
 * transaction as the per-invoice levels, so a crashed or repeated run can never decide it twice.
 */
export const reminderTable = sqliteTable(
  'reminder',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    runDate: text('run_date').notNull(),
    level: integer('level').notNull(),
    channel: text('channel', { enum: ['email', 'letter', 'sms', 'phone'] }).notNull(),
    status: text('status', { enum: ['pending_approval', 'queued', 'task', 'rejected'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    currency: text('currency').notNull(),
    fee: integer('fee').notNull(),
    interestNew: integer('interest_new').notNull(),
    compensationNew: integer('compensation_new').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    lines: text('lines', { mode: 'json' }).notNull(),
    decidedBy: integer('decided_by'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [uniqueIndex('reminder_idempotency_uq').on(t.idempotencyKey), index('reminder_debtor_idx').on(t.debtorId, t.runDate), index('reminder_status_idx').on(t.status)]
)

export const outboxTable = sqliteTable(
  'outbox_message',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reminderId: integer('reminder_id').references(() => reminderTable.id),
    channel: text('channel', { enum: ['email', 'letter', 'sms'] }).notNull(),
    recipient: text('recipient'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
    providerRef: text('provider_ref'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('outbox_status_idx').on(t.status, t.channel, t.nextAttemptAt), index('outbox_reminder_idx').on(t.reminderId)]
)

/** Fees, interest and fixed compensation claimed from a debtor: tracked apart from invoice principal. */
export const collectionClaimTable = sqliteTable(
  'collection_claim',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    invoiceId: integer('invoice_id'),
    reminderId: integer('reminder_id').references(() => reminderTable.id),
    kind: text('kind', { enum: ['fee', 'interest', 'compensation'] }).notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    date: text('date').notNull(),
    entryId: integer('entry_id')
  },
  (t) => [index('collection_claim_debtor_idx').on(t.debtorId)]
)

export const referenceRateTable = sqliteTable(
  'reference_rate',
  {
    series: text('series').notNull(),
    fromDate: text('from_date').notNull(),
    rateBp: integer('rate_bp').notNull()
  },
  (t) => [primaryKey({ columns: [t.series, t.fromDate] })]
)

export const agencyCaseTable = sqliteTable(
  'agency_case',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    status: text('status', { enum: ['proposed', 'approved', 'exported', 'rejected'] }).notNull(),
    reason: text('reason').notNull(),
    proposedDate: text('proposed_date').notNull(),
    decidedBy: integer('decided_by'),
    exportFile: text('export_file'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('agency_case_debtor_idx').on(t.debtorId, t.status), index('agency_case_status_idx').on(t.status)]
)

export const chargebackProposalTable = sqliteTable(
  'chargeback_proposal',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id').notNull().references(() => invoiceTable.id).unique(),
    clientId: integer('client_id').notNull().references(() => clientTable.id),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    recourseDate: text('recourse_date').notNull(),
    status: text('status', { enum: ['proposed', 'accepted', 'rejected', 'reversed'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** What was booked on acceptance (the invoice's open amount then) and the status to restore on reversal. */
    bookedAmount: integer('booked_amount'),
    previousStatus: text('previous_status'),
    entryId: integer('entry_id'),
    reversalEntryId: integer('reversal_entry_id'),
    decidedBy: integer('decided_by'),
    decidedDate: text('decided_date'),
    /** Why it was rejected or reversed. */
    note: text('note'),
    noticeId: integer('notice_id')
  },
  (t) => [index('chargeback_proposal_status_idx').on(t.status, t.clientId)]
)
