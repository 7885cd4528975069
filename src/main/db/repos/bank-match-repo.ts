/**
 * Loads the slice of the ledger one bank file's matching needs, set-based: one query per key kind for all of
 * the file's keys (passed as one JSON array), never a query per line per rung.
 */
import type Database from 'better-sqlite3'
import { amountKey, type DirectDebitRef, type MatchIndex, type OpenItem } from '../../../core/matching'
import type { SettleInvoice } from '../../../core/settlement/settle'
import type { Ledger } from '../open'

const OPEN = "('funded','partly_paid','disputed')"
const ITEM = `i.id, i.number, i.client_id as clientId, i.debtor_id as debtorId, i.currency, i.face, i.open_amount as openAmount, i.due_date as dueDate, i.rf_ref as rfRef, i.status, i.advance, i.funded_date as fundedDate`
/** Keys per statement run: bounds the size of one JSON parameter (SQLite has no parameter limit on its contents). */
const CHUNK = 50_000

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** One prepared statement per SQL text and connection: preparing costs more than running it for a small key list. */
function statement(q: Database.Database, sql: string): Database.Statement {
  let mine = prepared.get(q)
  if (!mine) prepared.set(q, (mine = new Map()))
  let s = mine.get(sql)
  if (!s) mine.set(sql, (s = q.prepare(sql)))
  return s
}

/**
 * Runs `sql` for all keys; every `IN_LIST` in it becomes `(select value from json_each(?))` with the keys as one
 * JSON array, so the SQL text is the same for any number of keys and its statement is prepared once. The
 * planner still walks the column's index once per key (LIST SUBQUERY), as with a `(?, ...)` list.
 */
export function inChunks<T>(q: Database.Database, sql: string, keys: readonly (string | number)[]): T[] {
  if (keys.length === 0) return []
  const out: T[] = []
  const uses = sql.split('IN_LIST').length - 1
  const s = statement(q, sql.replaceAll('IN_LIST', '(select value from json_each(?))'))
  for (let i = 0; i < keys.length; i += CHUNK) {
    const json = JSON.stringify(keys.length <= CHUNK ? keys : keys.slice(i, i + CHUNK))
    for (const r of s.all(...Array.from({ length: uses }, () => json)) as T[]) out.push(r)
  }
  return out
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

/** The OpenItem fields as a JSON array, in the order toItem reads them. */
const ITEM_JSON = 'i.id, i.number, i.client_id, i.debtor_id, i.currency, i.face, i.open_amount, i.due_date, i.rf_ref, i.status, i.advance, i.funded_date'
type ItemRow = [number, string, number, number, string, number, number, string, string, string, number, string | null]
const toItem = (r: ItemRow): OpenItem => ({ id: r[0], number: r[1], clientId: r[2], debtorId: r[3], currency: r[4], face: r[5], openAmount: r[6], dueDate: r[7], rfRef: r[8], status: r[9], advance: r[10], fundedDate: r[11] })

/**
 * Invoices by id, read in id order (neighbouring rows share pages). The rows come back as one JSON array per
 * chunk: turning 100k rows into objects column by column costs more than the lookups themselves.
 */
export function itemsByIds(ledger: Ledger, ids: Iterable<number>): Map<number, OpenItem> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const out = new Map<number, OpenItem>()
  const s = statement(ledger.sqlite, `select json_group_array(json_array(${ITEM_JSON})) from json_each(?) j join invoice i on i.id = j.value`).pluck()
  for (let n = 0; n < sorted.length; n += CHUNK) {
    for (const r of JSON.parse(s.get(JSON.stringify(sorted.slice(n, n + CHUNK))) as string) as ItemRow[]) out.set(r[0], toItem(r))
  }
  return out
}

export interface FirstPassKeys {
  rfs: string[]
  numbers: string[]
  ibans: string[]
  names: string[]
  endToEndIds: string[]
}

const OPEN_STATUS = new Set(['funded', 'partly_paid', 'disputed'])

/** The invoice id an all-digit RF reference body spells ("RF18000000042" -> 42), if any. */
function idNamedBy(rf: string): number | null {
  const body = rf.slice(4)
  if (!/^\d{1,15}$/.test(body)) return null
  const id = Number(body)
  return id > 0 ? id : null
}

/**
 * (key, id) pairs for distinct keys, each key probing the index in the join on its own: an IN-list would first
 * sort every key into a temporary index, which for 100k keys costs more than the probes.
 */
function probe(q: Database.Database, sql: string, keys: readonly string[]): { k: string; id: number }[] {
  const out: { k: string; id: number }[] = []
  const s = statement(q, sql)
  for (let i = 0; i < keys.length; i += CHUNK) for (const r of s.all(JSON.stringify(keys.slice(i, i + CHUNK))) as { k: string; id: number }[]) out.push(r)
  return out
}

/**
 * References, numbers, payer accounts and names, and our direct debits: everything but the debtors' open items.
 * References and numbers are looked up in their indexes alone (ids), then each invoice is read once.
 */
export function loadFirstPass(ledger: Ledger, k: FirstPassKeys): MatchIndex {
  const q = ledger.sqlite
  const numberIds = probe(q, 'select j.value as k, i.id from json_each(?) j join invoice i on i.number = j.value', k.numbers)
  const debtorsByIban = new Map<string, number[]>()
  for (const r of inChunks<{ iban: string; debtorId: number }>(q, 'select iban, debtor_id as debtorId from debtor_iban where iban in IN_LIST', k.ibans)) push(debtorsByIban, r.iban, r.debtorId)
  const debtorsByName = new Map<string, number[]>()
  for (const r of inChunks<{ n: string; id: number }>(q, 'select name_norm as n, id from debtor where name_norm in IN_LIST', k.names)) push(debtorsByName, r.n, r.id)
  const directDebits = new Map<string, DirectDebitRef>()
  const dd = inChunks<DirectDebitRef & { e2e: string }>(
    q,
    `select c.id, c.invoice_id as invoiceId, c.amount, c.status, c.end_to_end_id as e2e from sdd_collection c where c.end_to_end_id in IN_LIST`,
    k.endToEndIds
  )
  for (const r of dd) directDebits.set(r.e2e, { id: r.id, invoiceId: r.invoiceId, amount: r.amount, status: r.status })
  // References the ledger issued name their invoice's id (rfForInvoiceId): such a reference is read as that row
  // and checked against the row's own reference; only the others are looked up in invoice_rf_uq.
  const named = new Map<string, number>()
  for (const rf of k.rfs) {
    const id = idNamedBy(rf)
    if (id !== null) named.set(rf, id)
  }
  const items = itemsByIds(ledger, [...named.values(), ...numberIds.map((r) => r.id), ...dd.map((d) => d.invoiceId)])
  const rfIds: { k: string; id: number }[] = []
  const unnamed: string[] = []
  for (const rf of k.rfs) {
    const id = named.get(rf)
    if (id !== undefined && items.get(id)?.rfRef === rf) rfIds.push({ k: rf, id })
    else unnamed.push(rf)
  }
  const others = probe(q, 'select j.value as k, i.id from json_each(?) j join invoice i on i.rf_ref = j.value', unnamed)
  for (const [id, i] of itemsByIds(ledger, others.filter((r) => !items.has(r.id)).map((r) => r.id))) items.set(id, i)
  // Open and closed invoices by reference; the invoices our direct debits collect are found by their reference too.
  const byRf = new Map<string, OpenItem>()
  for (const r of [...rfIds, ...others]) byRf.set(r.k, items.get(r.id)!)
  for (const d of dd) {
    const i = items.get(d.invoiceId)
    if (i) byRf.set(i.rfRef, i)
  }
  // Only open invoices by number, listed per number in spelling and id order.
  const byNumber = new Map<string, OpenItem[]>()
  numberIds.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id - b.id))
  for (const r of numberIds) {
    const i = items.get(r.id)!
    if (OPEN_STATUS.has(i.status)) push(byNumber, i.number.toUpperCase(), i)
  }
  return { byRf, byNumber, debtorsByIban, debtorsByName, openByDebtor: new Map(), directDebits }
}

/**
 * Open items of the given debtors, oldest due first, into `into` (a debtor without any gets an empty list, so
 * it counts as loaded). The ids come from invoice_debtor_idx alone; the rows are read once, in id order.
 */
export function loadOpenItems(ledger: Ledger, debtorIds: readonly number[], into: Map<number, OpenItem[]>): void {
  const ids = inChunks<{ d: number; id: number }>(ledger.sqlite, `select debtor_id as d, id from invoice where debtor_id in IN_LIST and status in ${OPEN} order by debtor_id, due_date, id`, debtorIds)
  const items = itemsByIds(ledger, ids.map((r) => r.id))
  for (const d of debtorIds) if (!into.has(d)) into.set(d, [])
  for (const r of ids) into.get(r.d)!.push(items.get(r.id)!)
}

export interface AmountWanted {
  debtorId: number
  currency: string
  amount: number
}

/**
 * Per debtor, currency and amount: the debtor's items open for exactly that amount (MatchIndex.openByAmount;
 * an empty list when there is none). The lookup walks invoice_open_idx by amount and checks the debtor on the
 * row: a handful of rows per amount, where a debtor's whole list can be thousands (an amount thousands of
 * invoices share makes the walk longer; an index on debtor and open amount would serve both).
 */
export function loadOpenByAmount(ledger: Ledger, wanted: readonly AmountWanted[], into: Map<string, OpenItem[]>): void {
  const keys = new Map<string, [number, string, number]>()
  for (const w of wanted) keys.set(amountKey(w.debtorId, w.currency, w.amount), [w.debtorId, w.currency, w.amount])
  const list = [...keys]
  const s = statement(
    ledger.sqlite,
    `select json_group_array(json_array(w.key, ${ITEM_JSON})) from json_each(?) w join invoice i on i.open_amount = w.value ->> 2
     where +i.debtor_id = w.value ->> 0 and +i.currency = w.value ->> 1 and +i.status in ${OPEN}`
  ).pluck()
  const lists = new Map(list.map(([k]) => [k, [] as OpenItem[]]))
  for (let n = 0; n < list.length; n += CHUNK) {
    const part = list.slice(n, n + CHUNK)
    for (const r of JSON.parse(s.get(JSON.stringify(part.map(([, v]) => v))) as string) as [number, ...ItemRow][]) lists.get(part[r[0]][0])!.push(toItem(r.slice(1) as ItemRow))
  }
  for (const [k, v] of lists) into.set(k, v)
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
