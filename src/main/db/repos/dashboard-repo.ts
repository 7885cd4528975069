import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"

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
 * Open balance and days-past-due buckets per (status, currency) for the invoices open now and issued by asOf;
 * the caller adds the statuses up. The bucket edges come in as due dates (asOf - 30 days, ...) so SQL compares
 * plain strings. Reads the open_item_day rollup (kept by triggers with every invoice write), a few thousand
 * rows at most, whatever the number of invoices.
 */
export function openAging(ledger: Ledger, asOf: string, edges: { d30: string; d60: string; d90: string; d120: string }, currency?: string): OpenAgingRow[] {
  return ledger.sqlite
    .prepare(
      `select status, currency, sum(count) as count, sum(amount) as amount,
         sum(case when due_date >= @asOf then amount else 0 end) as notDue,
         sum(case when due_date < @asOf and due_date >= @d30 then amount else 0 end) as d1_30,
         sum(case when due_date < @d30 and due_date >= @d60 then amount else 0 end) as d31_60,
         sum(case when due_date < @d60 and due_date >= @d90 then amount else 0 end) as d61_90,
         sum(case when due_date < @d90 and due_date >= @d120 then amount else 0 end) as d91_120,
         sum(case when due_date < @d120 then amount else 0 end) as over120
       from open_item_day where issue_date <= @asOf ${currency ? 'and currency = @currency' : ''}
       group by status, currency having sum(count) > 0`
    )
    .all({ asOf, ...edges, ...(currency ? { currency } : {}) }) as OpenAgingRow[]
}

/**
 * Per currency and month up to asOf, from the receivable_day rollup (kept by triggers, see
 * schema/dashboard.ts): the month's credit sales, and the month's net change in receivables.
 * Summed from the first month, the changes give AR at each month end (at asOf for asOf's month).
 * Reads a few hundred rows at most, whatever the number of invoices.
 */
export function monthlyReceivables(ledger: Ledger, asOf: string, currency?: string): { currency: string; month: string; sales: number; arChange: number }[] {
  return ledger.sqlite
    .prepare(
      `select currency, substr(day, 1, 7) as month, sum(sales) as sales, sum(ar_in - ar_out) as arChange
       from receivable_day where day <= @asOf ${currency ? 'and currency = @currency' : ''}
       group by currency, month order by currency, month`
    )
    .all({ asOf, ...(currency ? { currency } : {}) }) as { currency: string; month: string; sales: number; arChange: number }[]
}

/** Per currency: AR at the end of `begin`, credit sales in (begin, asOf], and AR at asOf (the CEI inputs besides current AR). */
export function periodReceivables(ledger: Ledger, begin: string, asOf: string, currency?: string): { currency: string; beginAr: number; sales: number; endAr: number }[] {
  return ledger.sqlite
    .prepare(
      `select currency,
         coalesce(sum(case when day <= @begin then ar_in - ar_out end), 0) as beginAr,
         coalesce(sum(case when day > @begin then sales end), 0) as sales,
         sum(ar_in - ar_out) as endAr
       from receivable_day where day <= @asOf ${currency ? 'and currency = @currency' : ''}
       group by currency order by currency`
    )
    .all({ begin, asOf, ...(currency ? { currency } : {}) }) as { currency: string; beginAr: number; sales: number; endAr: number }[]
}

/** Currencies that have ever had purchased invoices: the dashboard's currency choices. */
export function receivableCurrencies(ledger: Ledger): string[] {
  return ledger.sqlite.prepare('select distinct currency from receivable_day order by currency').pluck().all() as string[]
}

const NOT_PURCHASED = "('submitted', 'approved', 'rejected')"

/**
 * The triggers that keep receivable_day and open_item_day (migration 0011): a bulk load drops them, because
 * firing them per row costs a third of the load, and calls rebuildRollups once at the end instead.
 */
export function rollupTriggers(ledger: Ledger): { name: string; sql: string }[] {
  return ledger.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'invoice' and name like 'invoice_rollup_%' order by name").all() as { name: string; sql: string }[]
}

/** Recomputes both rollups from the invoices, as the triggers would have left them. */
export function rebuildRollups(ledger: Ledger): void {
  ledger.sqlite.exec(`delete from receivable_day;
    insert into receivable_day (currency, day, sales, ar_in, ar_out)
    select currency, day, sum(sales), sum(ar_in), sum(ar_out) from (
      select currency, issue_date as day, face as sales, case when closed_date is null then open_amount else face end as ar_in, 0 as ar_out
      from invoice where status not in ${NOT_PURCHASED}
      union all
      select currency, max(closed_date, issue_date), 0, 0, face from invoice where status not in ${NOT_PURCHASED} and closed_date is not null
    ) group by currency, day;
    delete from open_item_day;
    insert into open_item_day (status, currency, due_date, issue_date, count, amount)
    select status, currency, due_date, issue_date, count(*), sum(open_amount) from invoice where status in ${OPEN} group by status, currency, due_date, issue_date`)
}
