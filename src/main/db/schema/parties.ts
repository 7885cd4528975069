import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Agreement } from '../../../shared/agreement'

/** The firm's customers: they sell (assign) their invoices to the factor under an agreement. */
export const clientTable = sqliteTable(
  'client',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    regNo: text('reg_no'),
    country: text('country').notNull(),
    address: text('address'),
    postalCode: text('postal_code'),
    city: text('city'),
    email: text('email'),
    iban: text('iban'),
    bic: text('bic'),
    agreement: text('agreement', { mode: 'json' }).$type<Agreement>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull()
  },
  (t) => [uniqueIndex('client_name_uq').on(t.name)]
)

/** The clients' customers, who owe the invoices. One debtor may buy from several clients. */
export const debtorTable = sqliteTable(
  'debtor',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Lower-cased, legal-form and punctuation stripped: the key for matching by name. */
    nameNorm: text('name_norm').notNull(),
    regNo: text('reg_no'),
    country: text('country').notNull(),
    address: text('address'),
    postalCode: text('postal_code'),
    city: text('city'),
    email: text('email'),
    phone: text('phone'),
    language: text('language').notNull().default('en'),
    creditLimit: integer('credit_limit').notNull().default(0),
    limitCurrency: text('limit_currency').notNull().default('EUR'),
    riskClass: text('risk_class', { enum: ['low', 'standard', 'high'] }).notNull().default('standard'),
    paymentRating: text('payment_rating', { enum: ['A', 'B', 'C', 'D', 'E'] }).notNull().default('B'),
    /** Created by an import rather than by a person: shown for review until someone confirms it. */
    needsReview: integer('needs_review', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    uniqueIndex('debtor_reg_uq').on(t.country, t.regNo),
    index('debtor_name_norm_idx').on(t.nameNorm),
    index('debtor_name_idx').on(t.name)
  ]
)

/** Per client-debtor pair: the pair's own limit and whether the debtor was told to pay the factor. */
export const clientDebtorTable = sqliteTable(
  'client_debtor',
  {
    clientId: integer('client_id').notNull().references(() => clientTable.id),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    creditLimit: integer('credit_limit'),
    noaStatus: text('noa_status', { enum: ['none', 'sent', 'acknowledged'] }).notNull().default('none'),
    noaDate: text('noa_date')
  },
  (t) => [primaryKey({ columns: [t.clientId, t.debtorId] }), index('client_debtor_debtor_idx').on(t.debtorId)]
)

/** IBANs a debtor has paid from: learned from confirmed matches, used to recognise the payer next time. */
export const debtorIbanTable = sqliteTable(
  'debtor_iban',
  {
    iban: text('iban').notNull(),
    debtorId: integer('debtor_id').notNull().references(() => debtorTable.id),
    firstSeen: text('first_seen').notNull(),
    source: text('source', { enum: ['manual', 'match', 'import'] }).notNull()
  },
  (t) => [primaryKey({ columns: [t.iban, t.debtorId] }), index('debtor_iban_debtor_idx').on(t.debtorId), check('debtor_iban_format', sql`length(${t.iban}) between 15 and 34`)]
)
