import type { Agreement } from '../../../shared/agreement'
import type { FundingAmounts } from '../../../shared/contract/requests'
import type { Ledger } from '../open'

/** Everything a letter needs to address a party: name and postal lines. */
export interface PostalParty {
  id: number
  name: string
  regNo: string | null
  address: string | null
  postalCode: string | null
  city: string | null
  country: string
}

export interface DocClient extends PostalParty {
  email: string | null
  iban: string | null
  bic: string | null
  agreement: Agreement
}

export interface DocDebtor extends PostalParty {
  language: string
}

export interface DocInvoice {
  id: number
  number: string
  clientId: number
  debtorId: number
  requestId: number | null
  currency: string
  face: number
  openAmount: number
  advance: number
  issueDate: string
  dueDate: string
  fundedDate: string | null
  status: string
  rfRef: string
}

export interface InvoiceDocData {
  invoice: DocInvoice
  client: DocClient
  debtor: DocDebtor
  /** The pair's notice-of-assignment state; a pair without a client_debtor row has had no notice. */
  noaStatus: 'none' | 'sent' | 'acknowledged'
  noaDate: string | null
}

export interface DocRequest {
  id: number
  clientId: number
  status: string
  currency: string
  submittedDate: string
  fundedDate: string | null
}

/** What the funding journal says about one invoice: fees charged and what was paid out for it. */
export interface FundingPosting {
  invoiceId: number | null
  fees: number
  payout: number
}

const INVOICE_COLS = `i.id, i.number, i.client_id as clientId, i.debtor_id as debtorId, i.request_id as requestId, i.currency, i.face,
  i.open_amount as openAmount, i.advance, i.issue_date as issueDate, i.due_date as dueDate, i.funded_date as fundedDate, i.status, i.rf_ref as rfRef`

export function loadInvoice(ledger: Ledger, id: number): DocInvoice | null {
  return (ledger.sqlite.prepare(`select ${INVOICE_COLS} from invoice i where i.id = ?`).get(id) as DocInvoice | undefined) ?? null
}

export function loadInvoices(ledger: Ledger, ids: readonly number[]): DocInvoice[] {
  if (ids.length === 0) return []
  return ledger.sqlite.prepare(`select ${INVOICE_COLS} from invoice i where i.id in (${ids.map(() => '?').join(',')}) order by i.issue_date, i.number`).all(...ids) as DocInvoice[]
}

/** Invoices of a request in the given statuses, in the order a reader expects: by debtor, then number. */
export function loadRequestInvoices(ledger: Ledger, requestId: number, statuses: readonly string[]): (DocInvoice & { debtorName: string })[] {
  return ledger.sqlite
    .prepare(
      `select ${INVOICE_COLS}, d.name as debtorName from invoice i join debtor d on d.id = i.debtor_id
       where i.request_id = ? and i.status in (${statuses.map(() => '?').join(',')}) order by d.name collate nocase, i.number`
    )
    .all(requestId, ...statuses) as (DocInvoice & { debtorName: string })[]
}

export function loadClient(ledger: Ledger, id: number): DocClient | null {
  const r = ledger.sqlite
    .prepare('select id, name, reg_no as regNo, address, postal_code as postalCode, city, country, email, iban, bic, agreement from client where id = ?')
    .get(id) as (Omit<DocClient, 'agreement'> & { agreement: string }) | undefined
  return r ? { ...r, agreement: JSON.parse(r.agreement) as Agreement } : null
}

export function loadDebtor(ledger: Ledger, id: number): DocDebtor | null {
  return (
    (ledger.sqlite
      .prepare('select id, name, reg_no as regNo, address, postal_code as postalCode, city, country, language from debtor where id = ?')
      .get(id) as DocDebtor | undefined) ?? null
  )
}

export function loadNoa(ledger: Ledger, clientId: number, debtorId: number): { noaStatus: InvoiceDocData['noaStatus']; noaDate: string | null } {
  const r = ledger.sqlite.prepare('select noa_status as noaStatus, noa_date as noaDate from client_debtor where client_id = ? and debtor_id = ?').get(clientId, debtorId) as
    | { noaStatus: InvoiceDocData['noaStatus']; noaDate: string | null }
    | undefined
  return r ?? { noaStatus: 'none', noaDate: null }
}

export function loadRequest(ledger: Ledger, id: number): DocRequest | null {
  return (
    (ledger.sqlite
      .prepare('select id, client_id as clientId, status, currency, submitted_date as submittedDate, funded_date as fundedDate from financing_request where id = ?')
      .get(id) as DocRequest | undefined) ?? null
  )
}

/** The figures a funding was posted with (request_funding, written by the funding step), if any. */
export interface RequestFunding extends FundingAmounts {
  date: string
}

export function loadRequestFunding(ledger: Ledger, requestId: number): RequestFunding | null {
  return (
    (ledger.sqlite
      .prepare('select date, face, advance, reserve, fees, chargebacks_netted as chargebacksNetted, net_payout as netPayout from request_funding where request_id = ?')
      .get(requestId) as RequestFunding | undefined) ?? null
  )
}

/**
 * Per invoice, the fees and payout posted when it was funded: un-reversed 'funding' and 'fee' entries
 * dated on the funding date that carry one of these invoices on a line or on the entry. Fee income is a
 * credit (negative amount); the payout is the net credit to the client payable or the bank.
 * Lines without an invoice come back under invoiceId null, only from entries that touch these invoices,
 * so another request's funding never leaks in.
 */
export function loadFundingPostings(ledger: Ledger, invoiceIds: readonly number[], fundedDate: string | null): FundingPosting[] {
  if (invoiceIds.length === 0) return []
  const ids = invoiceIds.map(() => '?').join(',')
  return ledger.sqlite
    .prepare(
      `with entries as (
         select distinct e.id from journal_entry e
         where e.kind in ('funding', 'fee') and (? is null or e.date = ?)
           and (e.invoice_id in (${ids}) or exists (select 1 from journal_line l where l.entry_id = e.id and l.invoice_id in (${ids})))
           and not exists (select 1 from journal_entry r where r.reverses_entry_id = e.id)
       )
       select l.invoice_id as invoiceId,
              coalesce(sum(case when l.account = 'feeIncome' then -l.amount end), 0) as fees,
              coalesce(sum(case when l.account in ('clientPayable', 'bank') then -l.amount end), 0) as payout
       from journal_line l where l.entry_id in (select id from entries)
       group by l.invoice_id`
    )
    .all(fundedDate, fundedDate, ...invoiceIds, ...invoiceIds) as FundingPosting[]
}

/** Settings values are JSON; documents read the factor's details and the clients' logos from them. */
export function loadSetting(ledger: Ledger, key: string): unknown {
  const v = ledger.sqlite.prepare('select value from setting where key = ?').pluck().get(key) as string | undefined
  return v === undefined ? undefined : JSON.parse(v)
}

export function saveSetting(ledger: Ledger, key: string, value: unknown): void {
  ledger.sqlite.prepare('insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value').run(key, JSON.stringify(value))
}

export function deleteSetting(ledger: Ledger, key: string): void {
  ledger.sqlite.prepare('delete from setting where key = ?').run(key)
}
