import type { Ledger } from '../open'

/** What the demo needs to write a believable client file: reads only, the file itself goes through intake. */

/** Requests waiting for a decision that have no check rows (the bulk generator writes none). */
export function uncheckedOpenRequests(ledger: Ledger): { id: number; clientId: number }[] {
  return ledger.sqlite
    .prepare("select r.id, r.client_id as clientId from financing_request r where r.status = 'open' and not exists (select 1 from request_check c where c.request_id = r.id) order by r.id")
    .all() as { id: number; clientId: number }[]
}

export interface DemoDebtorRef {
  debtorId: number
  name: string
  regNo: string | null
  country: string
  creditLimit: number
  exposure: number
  noaStatus: string
}

/** A client's debtors in its agreement currency, with the exposure the limit check will see, riskiest first. */
export function clientDebtorsByUse(ledger: Ledger, clientId: number, currency: string): DemoDebtorRef[] {
  return ledger.sqlite
    .prepare(
      `select d.id as debtorId, d.name, d.reg_no as regNo, d.country, d.credit_limit as creditLimit, cd.noa_status as noaStatus,
         coalesce((select sum(case when i.status in ('funded','partly_paid','disputed') then i.open_amount else i.face end) from invoice i
                   where i.debtor_id = d.id and i.currency = d.limit_currency and i.status in ('funded','partly_paid','disputed','submitted','approved')), 0) as exposure
       from client_debtor cd join debtor d on d.id = cd.debtor_id
       where cd.client_id = ? and d.limit_currency = ? and d.needs_review = 0
       order by cast(exposure as real) / max(d.credit_limit, 1) desc, d.id`
    )
    .all(clientId, currency) as DemoDebtorRef[]
}

/** A paid invoice of the client, to be "sent again" under a new number: the same-debtor-amount-date duplicate. */
export function resendableInvoice(ledger: Ledger, clientId: number): { debtorId: number; issueDate: string; dueDate: string; face: number } | null {
  return (
    (ledger.sqlite
      .prepare("select debtor_id as debtorId, issue_date as issueDate, due_date as dueDate, face from invoice where client_id = ? and status in ('paid','funded') order by issue_date desc, id desc limit 1")
      .get(clientId) as { debtorId: number; issueDate: string; dueDate: string; face: number } | undefined) ?? null
  )
}

export function lastInvoiceNumber(ledger: Ledger, clientId: number): string | null {
  return (ledger.sqlite.prepare('select number from invoice where client_id = ? order by id desc limit 1').pluck().get(clientId) as string | undefined) ?? null
}

export function hasRequestFromFile(ledger: Ledger, clientId: number, fileName: string): boolean {
  return ledger.sqlite.prepare('select 1 from financing_request where client_id = ? and file_name = ?').pluck().get(clientId, fileName) !== undefined
}

/**
 * Every invoice issued in a date range, as (debtor, face, date, request): the demo checks all open
 * requests' duplicates against this one range read instead of one index probe per line, which at a
 * million invoices is the difference between seconds and milliseconds.
 */
export function triplesIssuedBetween(ledger: Ledger, from: string, to: string): { debtorId: number; face: number; issueDate: string; requestId: number | null }[] {
  return ledger.sqlite
    .prepare('select debtor_id as debtorId, face, issue_date as issueDate, request_id as requestId from invoice indexed by invoice_issue_idx where issue_date between ? and ?')
    .all(from, to) as { debtorId: number; face: number; issueDate: string; requestId: number | null }[]
}

/** The earliest and latest issue dates among the invoices of the given requests. */
export function issueRange(ledger: Ledger, requestIds: number[]): { from: string; to: string } | null {
  const r = ledger.sqlite.prepare('select min(issue_date) as "from", max(issue_date) as "to" from invoice where request_id in (select value from json_each(?))').get(JSON.stringify(requestIds)) as { from: string | null; to: string | null }
  return r.from && r.to ? { from: r.from, to: r.to } : null
}
