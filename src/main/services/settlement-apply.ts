/**
 * Applies cash to invoices inside the caller's transaction: settles each invoice (fee to date, shortfall,
 * rebate), posts the journal lines and records the allocations. Invoice balances are
 * kept in memory while a whole file is applied and written once per invoice at the end (flush).
 *
 * A file's applications are settled in file order (which payment closes an invoice, and so carries its rebate,
 * follows the statement) but written in invoice order: the journal, allocation and invoice indexes are keyed by
 * invoice, and writing them in key order keeps a large import from touching a random page per row.
 */
import type { Agreement } from '../../shared/agreement'
import type { LocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import { applicationEntry, settle, type ApplicationPart } from '../../core/settlement/settle'
import { AppError } from '../api/errors'
import { insertAllocation, insertAllocations, setInvoiceBalance, type NewAllocation } from '../db/repos/bank-allocation-repo'
import { loadSettleRows, type SettleRow } from '../db/repos/bank-match-repo'
import { postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'

type Row = SettleRow & { closedDate?: string | null }

export interface ApplyState {
  rows: Map<number, Row>
  agreements: Map<number, Agreement>
  touched: Set<number>
}

export function loadApplyState(ledger: Ledger, invoiceIds: Iterable<number>): ApplyState {
  return applyStateOf(loadSettleRows(ledger, [...new Set(invoiceIds)]))
}

export function applyStateOf(rows: Map<number, SettleRow>): ApplyState {
  return { rows, agreements: new Map(), touched: new Set() }
}

function agreementOf(st: ApplyState, row: SettleRow): Agreement {
  let a = st.agreements.get(row.clientId)
  if (!a) {
    a = JSON.parse(row.agreement) as Agreement
    st.agreements.set(row.clientId, a)
  }
  return a
}

export interface ApplyCash {
  bankEntryId: number
  date: LocalDate
  currency: string
  /** Applied out of unapplied cash (booked when the bank line was imported). */
  debtorId: number | null
  allocations: { invoiceId: number; amount: number; closeShortfall?: boolean }[]
  mode: 'auto' | 'manual' | 'direct_debit'
  reason: string
  userId: number | null
  at: number
}

/** A settled application, not yet written: its journal parts and its allocations (which get the entry's id once posted). */
export interface Application {
  date: LocalDate
  parts: ApplicationPart[]
  allocations: Omit<NewAllocation, 'journalEntryId'>[]
}

/** Settles one application against the in-memory state (validating it) and returns what to write. */
export function settleApplication(st: ApplyState, p: ApplyCash): Application {
  const parts = p.allocations.map((a) => {
    const row = st.rows.get(a.invoiceId)
    if (!row) throw new AppError('NOT_FOUND', `invoice ${a.invoiceId} does not exist`)
    if (row.currency !== p.currency) throw new AppError('CURRENCY', `invoice ${row.number} is in ${row.currency}, the payment in ${p.currency}`)
    if (row.status !== 'funded' && row.status !== 'partly_paid' && row.status !== 'disputed') throw new AppError('NOT_OPEN', `invoice ${row.number} is ${row.status}, not open`)
    if (a.amount > row.openAmount) throw new AppError('OVER_ALLOCATED', `invoice ${row.number}: ${toMajorString(a.amount, row.currency)} ${row.currency} is more than its open amount ${toMajorString(row.openAmount, row.currency)} ${row.currency}`)
    return { row, s: settle(row, agreementOf(st, row), a.amount, p.date, a.closeShortfall ?? false), prevStatus: row.status }
  })
  const allocations = parts.map(({ row, s, prevStatus }) => {
    row.openAmount = s.newOpen
    row.status = s.status
    row.collected += s.applied
    row.feeCharged += s.fee
    row.closedDate = s.closedDate
    st.touched.add(row.id)
    return { bankEntryId: p.bankEntryId, invoiceId: row.id, amount: s.applied, fee: s.fee, shortfall: s.shortfall, rebate: s.rebate, prevStatus, mode: p.mode, reason: p.reason, createdBy: p.userId, createdAt: p.at }
  })
  return { date: p.date, parts: parts.map((x) => ({ inv: x.row, s: x.s })), allocations }
}

/** One application, written at once as its own entry (a person's allocation). */
export function applyCash(ledger: Ledger, st: ApplyState, p: ApplyCash): { journalEntryId: number } {
  const app = settleApplication(st, p)
  const numbers = app.parts.map((x) => st.rows.get(x.inv.id)!.number).join(', ')
  const entry = applicationEntry({ date: p.date, kind: 'allocation', memo: `Allocated from bank line ${p.bankEntryId} to invoice ${numbers}`, debtorId: p.debtorId, parts: app.parts })
  const journalEntryId = postEntry(ledger, entry, p.userId, p.at)
  for (const a of app.allocations) insertAllocation(ledger, { ...a, journalEntryId })
  return { journalEntryId }
}

/**
 * A whole file's automatic matches: one entry per booking day holding every invoice's lines (in invoice order,
 * as the journal and allocation indexes are keyed by invoice), instead of an entry per bank line.
 */
export function writeApplications(ledger: Ledger, apps: readonly Application[], memo: (count: number) => string, userId: number | null, at: number): void {
  const byDate = new Map<LocalDate, Application[]>()
  for (const a of apps) {
    const list = byDate.get(a.date)
    if (list) list.push(a)
    else byDate.set(a.date, [a])
  }
  const allocations: NewAllocation[] = []
  for (const [date, list] of [...byDate].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const parts = list.flatMap((a) => a.parts).sort((a, b) => a.inv.id - b.inv.id)
    const journalEntryId = postEntry(ledger, applicationEntry({ date, kind: 'payment', memo: memo(list.length), parts }), userId, at)
    for (const app of list) for (const a of app.allocations) allocations.push({ ...a, journalEntryId })
  }
  allocations.sort((a, b) => a.invoiceId - b.invoiceId)
  insertAllocations(ledger, allocations)
}

/** Writes the final balance of every invoice touched since the state was loaded, in id order. */
export function flushInvoices(ledger: Ledger, st: ApplyState): void {
  for (const id of [...st.touched].sort((a, b) => a - b)) {
    const r = st.rows.get(id)!
    setInvoiceBalance(ledger, id, r.openAmount, r.status, r.closedDate ?? null)
  }
  st.touched.clear()
}
