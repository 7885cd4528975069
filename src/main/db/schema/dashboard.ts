import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Receivables per currency and day, kept by triggers on `invoice` (migration 'dashboard_rollup', rewritten in 'rollup_open_items'), so the
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

/**
 * Open invoices per (status, currency, due date, issue date): count and open amount, kept by the same triggers
 * (migration 'rollup_open_items'). The dashboard's open balance and aging buckets sum this small table. It
 * replaced a covering index over the open invoices, which every payment had to update at a random place
 * (1.6 s of a 100,000-payment import), while the rollup's rows are few and stay in cache.
 */
export const openItemDayTable = sqliteTable(
  'open_item_day',
  {
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    dueDate: text('due_date').notNull(),
    issueDate: text('issue_date').notNull(),
    count: integer('count').notNull().default(0),
    amount: integer('amount').notNull().default(0)
  },
  (t) => [primaryKey({ columns: [t.status, t.currency, t.dueDate, t.issueDate] })]
)
