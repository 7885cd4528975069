/**
 * Loads the slice of the ledger one bank file's matching needs, set-based: one query per key kind for all of
 * the file's keys (in chunks under SQLite's parameter limit), never a query per line per rung.
 */
import type Database from 'better-sqlite3'
import type { DirectDebitRef, MatchIndex, OpenItem } from '../../../core/matching'
import type { SettleInvoice } from '../../../core/settlement/settle'
import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"
const ITEM = `i.id, i.number, i.client_id as clientId, i.debtor_id as debtorId, i.currency, i.face, i.open_amount as openAmount, i.due_date as dueDate, i.rf_ref as rfRef, i.status, i.advance, i.funded_date as fundedDate`
const CHUNK = 900

/** Runs `sql` for all keys chunk by chunk; every `IN_LIST` in it becomes the chunk's `(?, ...)` list. */
export function inChunks<T>(q: Database.Database, sql: string, keys: readonly (string | number)[]): T[] {
  const out: T[] = []
  const uses = sql.split('IN_LIST').length - 1
  const chunk = Math.floor(CHUNK / uses)
  for (let i = 0; i < keys.length; i += chunk) {
    const part = keys.slice(i, i + chunk)
    const args = Array.from({ length: uses }, () => part).flat()
    for (const r of q.prepare(sql.replaceAll('IN_LIST', `(${part.map(() => '?').join(',')})`)).all(...args) as T[]) out.push(r)
  }
  return out
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

export interface FirstPassKeys {
  rfs: string[]
  numbers: string[]
  ibans: string[]
  names: string[]
  endToEndIds: string[]
}

/** References, numbers, payer accounts and names, and our direct debits: everything but the debtors' open items. */
export function loadFirstPass(ledger: Ledger, k: FirstPassKeys): MatchIndex {
  const q = ledger.sqlite
  const byRf = new Map<string, OpenItem>()
  for (const r of inChunks<OpenItem>(q, `select ${ITEM} from invoice i where i.rf_ref in IN_LIST`, k.rfs)) byRf.set(r.rfRef, r)
  const byNumber = new Map<string, OpenItem[]>()
  // The unary + keeps the planner on the number index instead of scanning every open invoice by status.
  for (const r of inChunks<OpenItem>(q, `select ${ITEM} from invoice i where i.number in IN_LIST and +i.status in ${OPEN}`, k.numbers)) push(byNumber, r.number.toUpperCase(), r)
  const debtorsByIban = new Map<string, number[]>()
  for (const r of inChunks<{ iban: string; debtorId: number }>(q, 'select iban, debtor_id as debtorId from debtor_iban where iban in IN_LIST', k.ibans)) push(debtorsByIban, r.iban, r.debtorId)
  const debtorsByName = new Map<string, number[]>()
  for (const r of inChunks<{ n: string; id: number }>(q, 'select name_norm as n, id from debtor where name_norm in IN_LIST', k.names)) push(debtorsByName, r.n, r.id)
  const directDebits = new Map<string, DirectDebitRef>()
  const dd = inChunks<DirectDebitRef & { e2e: string }>(
    q,
    `select c.id, c.invoice_id as invoiceId, c.amount, c.status, c.end_to_end_id as e2e,
       (select a.journal_entry_id from bank_allocation a join bank_entry b on b.id = a.bank_entry_id
        where a.invoice_id = c.invoice_id and b.end_to_end_id = c.end_to_end_id and a.reversal_entry_id is null order by a.id desc limit 1) as allocationJournalId
     from sdd_collection c where c.end_to_end_id in IN_LIST`,
    k.endToEndIds
  )
  for (const r of dd) directDebits.set(r.e2e, { id: r.id, invoiceId: r.invoiceId, amount: r.amount, status: r.status, allocationJournalId: r.allocationJournalId })
  // The invoices our direct debits collect must be in the index too; they are found by their reference.
  const known = new Set([...byRf.values()].map((i) => i.id))
  const missing = dd.map((d) => d.invoiceId).filter((id) => !known.has(id))
  for (const r of inChunks<OpenItem>(q, `select ${ITEM} from invoice i where i.id in IN_LIST`, missing)) byRf.set(r.rfRef, r)
  return { byRf, byNumber, debtorsByIban, debtorsByName, openByDebtor: new Map(), directDebits }
}

/** Open items of the given debtors, oldest due first (the invoice_debtor_idx index serves the filter and order). */
export function loadOpenItems(ledger: Ledger, debtorIds: readonly number[], into: Map<number, OpenItem[]>): void {
  const rows = inChunks<OpenItem>(ledger.sqlite, `select ${ITEM} from invoice i where i.debtor_id in IN_LIST and i.status in ${OPEN} order by i.debtor_id, i.due_date, i.id`, debtorIds)
  for (const r of rows) push(into, r.debtorId, r)
}

/** An invoice as settling needs it, with its client's agreement (JSON). */
export interface SettleRow extends SettleInvoice {
  agreement: string
}

/** What settling needs per invoice: amounts, funding date, what earlier live payments collected and charged, and the client's agreement. */
export function loadSettleRows(ledger: Ledger, invoiceIds: readonly number[]): Map<number, SettleRow> {
  const rows = inChunks<SettleRow>(
    ledger.sqlite,
    `select i.id, i.number, i.client_id as clientId, i.debtor_id as debtorId, i.currency, i.face, i.advance, i.open_amount as openAmount,
       i.funded_date as fundedDate, i.status, coalesce(a.collected, 0) as collected, coalesce(a.fee, 0) as feeCharged, c.agreement
     from invoice i join client c on c.id = i.client_id
     left join (select invoice_id, sum(amount) as collected, sum(fee) as fee from bank_allocation where reversal_entry_id is null and invoice_id in IN_LIST group by invoice_id) a on a.invoice_id = i.id
     where i.id in IN_LIST`,
    invoiceIds
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Settlement rows for invoices already in a match index: only invoices with cash applied before (open below
 * face) need their earlier collections and fees summed, and each client's agreement is read once.
 */
export function settleRowsFromIndex(ledger: Ledger, items: readonly OpenItem[]): Map<number, SettleRow> {
  const q = ledger.sqlite
  const paidBefore = items.filter((i) => i.openAmount < i.face).map((i) => i.id)
  const sums = new Map<number, { collected: number; fee: number }>()
  for (const r of inChunks<{ id: number; collected: number; fee: number }>(q, 'select invoice_id as id, sum(amount) as collected, sum(fee) as fee from bank_allocation where reversal_entry_id is null and invoice_id in IN_LIST group by invoice_id', paidBefore)) sums.set(r.id, r)
  const clientIds = [...new Set(items.map((i) => i.clientId))]
  const agreements = new Map(inChunks<{ id: number; agreement: string }>(q, 'select id, agreement from client where id in IN_LIST', clientIds).map((r) => [r.id, r.agreement]))
  const out = new Map<number, SettleRow>()
  for (const i of items) {
    if (i.advance === undefined || i.fundedDate === undefined) throw new Error(`invoice ${i.id} was loaded without its settlement fields`)
    const s = sums.get(i.id)
    out.set(i.id, { id: i.id, number: i.number, clientId: i.clientId, debtorId: i.debtorId, currency: i.currency, face: i.face, advance: i.advance, openAmount: i.openAmount, fundedDate: i.fundedDate, status: i.status, collected: s?.collected ?? 0, feeCharged: s?.fee ?? 0, agreement: agreements.get(i.clientId)! })
  }
  return out
}
