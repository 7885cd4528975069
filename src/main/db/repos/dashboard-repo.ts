import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"
/** Invoices the factor never bought are not receivables and not "sales". */
const NOT_PURCHASED = "('submitted','approved','rejected')"

export interface OpenAgingRow {
  status?: string
  currency: string
  count: number
  amount: number
  notDue: number
  d1_30: number
  d31_60: number
  d61_90: number
  d91_120: number
  over120: number
}

/**
 * Open balance and days-past-due buckets per (status, currency) in one pass over the open invoices;
 * the caller adds the statuses up. Grouping by status first follows the index order, so with a
 * covering (status, currency, due_date, open_amount) index there is no sort at all.
 * The caller passes the bucket edges as due dates (asOf - 30 days, ...) so SQL compares plain strings
 * and can walk invoice_status_due_idx; a covering (status, currency, due_date, open_amount) index
 * turns it into an index-only scan.
 */
export function openAging(ledger: Ledger, asOf: string, edges: { d30: string; d60: string; d90: string; d120: string }, currency?: string): OpenAgingRow[] {
  return ledger.sqlite
    .prepare(
      `select status, currency, count(*) as count, sum(open_amount) as amount,
         sum(case when due_date >= @asOf then open_amount else 0 end) as notDue,
         sum(case when due_date < @asOf and due_date >= @d30 then open_amount else 0 end) as d1_30,
         sum(case when due_date < @d30 and due_date >= @d60 then open_amount else 0 end) as d31_60,
         sum(case when due_date < @d60 and due_date >= @d90 then open_amount else 0 end) as d61_90,
         sum(case when due_date < @d90 and due_date >= @d120 then open_amount else 0 end) as d91_120,
         sum(case when due_date < @d120 then open_amount else 0 end) as over120
       from invoice where status in ${OPEN} ${currency ? 'and currency = @currency' : ''}
       group by status, currency`
    )
    .all({ asOf, ...edges, ...(currency ? { currency } : {}) }) as OpenAgingRow[]
}

/** Face of purchased invoices per currency and issue month ('YYYY-MM'), for issue dates in [from, to]. */
export function salesByMonth(ledger: Ledger, from: string, to: string, currency?: string): { currency: string; month: string; face: number }[] {
  return ledger.sqlite
    .prepare(
      `select currency, substr(issue_date, 1, 7) as month, sum(face) as face
       from invoice where issue_date between @from and @to and status not in ${NOT_PURCHASED} ${currency ? 'and currency = @currency' : ''}
       group by currency, month`
    )
    .all({ from, to, ...(currency ? { currency } : {}) }) as { currency: string; month: string; face: number }[]
}

/**
 * What was receivable, grouped by (currency, issue month, closing month), for every purchased invoice
 * still open at `from` or later. An invoice is in AR at a month end E when it was issued by E and not
 * closed by E; the caller sums the groups per month. Closed invoices count at face while open; open
 * ones at their current open amount (partial payments carry no date of their own on the invoice).
 * Issue months before `from` collapse to '0000-00'; still-open invoices get closing month '9999-99'.
 */
export function receivableSpans(ledger: Ledger, from: string, to: string, currency?: string): { currency: string; issued: string; closed: string; amount: number }[] {
  return ledger.sqlite
    .prepare(
      `select currency,
         case when issue_date < @from then '0000-00' else substr(issue_date, 1, 7) end as issued,
         case when closed_date is null then '9999-99' else substr(closed_date, 1, 7) end as closed,
         sum(case when closed_date is null then open_amount else face end) as amount
       from invoice
       where status not in ${NOT_PURCHASED} and issue_date <= @to and (closed_date is null or closed_date >= @from)
         ${currency ? 'and currency = @currency' : ''}
       group by currency, issued, closed`
    )
    .all({ from, to, ...(currency ? { currency } : {}) }) as { currency: string; issued: string; closed: string; amount: number }[]
}

/** Changes whenever an invoice is added or anything is posted: enough to know a cached figure is stale. */
export function ledgerFingerprint(ledger: Ledger): string {
  const inv = ledger.sqlite.prepare('select max(id) from invoice').pluck().get() as number | null
  const je = ledger.sqlite.prepare('select max(id) from journal_entry').pluck().get() as number | null
  return `${inv ?? 0}:${je ?? 0}`
}
