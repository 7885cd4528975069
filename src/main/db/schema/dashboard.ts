import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Receivables per currency and day, kept by triggers on `invoice` (migration 'dashboard_rollup'), so the
 * dashboard's month series and CEI read a few hundred rows instead of every purchased invoice
 * (a full pass over a million invoices is seconds, and better-sqlite3 blocks every other request meanwhile).
 * Only purchased invoices count (status not submitted/approved/rejected). For any date D:
 *   AR(D) = sum over days <= D of (arIn - arOut)  = invoices issued by D and not closed by D
 *   (open ones at their open amount, closed ones at face), exactly what receivableSpans used to sum.
 */
export const receivableDayTable = sqliteTable(
  'receivable_day',
  {
    currency: text('currency').notNull(),
    /** 'YYYY-MM-DD': an issue date for sales/arIn, a closing date for arOut. */
    day: text('day').notNull(),
    /** Face of purchased invoices issued that day: the "credit sales" of DSO and CEI. */
    sales: integer('sales').notNull().default(0),
    /** What entered AR that day: face if since closed, else the current open amount. */
    arIn: integer('ar_in').notNull().default(0),
    /** Face of purchased invoices closed that day. */
    arOut: integer('ar_out').notNull().default(0)
  },
  (t) => [primaryKey({ columns: [t.currency, t.day] })]
)
