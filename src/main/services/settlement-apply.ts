/**
 * Applies cash to invoices inside the caller's transaction: settles each invoice (fee to date, shortfall,
 * rebate), posts one balanced journal entry per application and records the allocations. Invoice balances are
 * kept in memory while a whole file is applied and written once per invoice at the end (flush).
 */
import type { Agreement } from '../../shared/agreement'
import type { LocalDate } from '../../shared/dates'
import type { EntryKind } from '../../core/journal'
import { paymentEntry, settle, type Settlement } from '../../core/settlement/settle'
import { AppError } from '../api/errors'
import { insertAllocation, setInvoiceBalance } from '../db/repos/bank-allocation-repo'
import { loadSettleRows, type SettleRow } from '../db/repos/bank-match-repo'
import { postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'

export interface ApplyState {
  rows: Map<number, SettleRow>
  agreements: Map<number, Agreement>
  touched: Set<number>
}

export function loadApplyState(ledger: Ledger, invoiceIds: Iterable<number>): ApplyState {
  return { rows: loadSettleRows(ledger, [...new Set(invoiceIds)]), agreements: new Map(), touched: new Set() }
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
  /** 'bank': a fresh statement line (Dr bank); 'unappliedCash': cash booked earlier and allocated now. */
  source: 'bank' | 'unappliedCash'
  /** For 'bank' the whole line amount (the rest becomes unapplied cash); for 'unappliedCash' what is allocated. */
  amount: number
  debtorId: number | null
  allocations: { invoiceId: number; amount: number; closeShortfall?: boolean }[]
  mode: 'auto' | 'manual' | 'direct_debit'
  kind: EntryKind
  reason: string
  userId: number | null
  at: number
}

export function applyCash(ledger: Ledger, st: ApplyState, p: ApplyCash): { journalEntryId: number; settlements: Settlement[] } {
  const parts = p.allocations.map((a) => {
    const row = st.rows.get(a.invoiceId)
    if (!row) throw new AppError('NOT_FOUND', `invoice ${a.invoiceId} does not exist`)
    if (row.currency !== p.currency) throw new AppError('CURRENCY', `invoice ${row.number} is in ${row.currency}, the payment in ${p.currency}`)
    if (!['funded', 'partly_paid', 'disputed'].includes(row.status)) throw new AppError('NOT_OPEN', `invoice ${row.number} is ${row.status}, not open`)
    if (a.amount > row.openAmount) throw new AppError('OVER_ALLOCATED', `invoice ${row.number}: ${a.amount} is more than its open amount ${row.openAmount}`)
    const s = settle({ ...row }, agreementOf(st, row), a.amount, p.date, a.closeShortfall ?? false)
    return { row, s }
  })
  const numbers = parts.map((x) => x.row.number).join(', ')
  const entry = paymentEntry({
    date: p.date,
    currency: p.currency,
    source: p.source,
    amount: p.amount,
    memo: `${p.mode === 'manual' ? 'Allocated' : 'Payment'} from bank line ${p.bankEntryId}${numbers ? ` to invoice ${numbers}` : ''}`,
    kind: p.kind,
    debtorId: p.debtorId,
    parts: parts.map((x) => ({ inv: x.row, s: x.s }))
  })
  const journalEntryId = postEntry(ledger, entry, p.userId, p.at)
  for (const { row, s } of parts) {
    insertAllocation(ledger, {
      bankEntryId: p.bankEntryId,
      invoiceId: row.id,
      journalEntryId,
      amount: s.applied,
      fee: s.fee,
      shortfall: s.shortfall,
      rebate: s.rebate,
      prevStatus: row.status,
      mode: p.mode,
      reason: p.reason,
      createdBy: p.userId,
      createdAt: p.at
    })
    row.openAmount = s.newOpen
    row.status = s.status
    row.collected += s.applied
    row.feeCharged += s.fee
    ;(row as SettleRow & { closedDate?: string | null }).closedDate = s.closedDate
    st.touched.add(row.id)
  }
  return { journalEntryId, settlements: parts.map((x) => x.s) }
}

/** Writes the final balance of every invoice touched since the state was loaded. */
export function flushInvoices(ledger: Ledger, st: ApplyState): void {
  for (const id of st.touched) {
    const r = st.rows.get(id) as SettleRow & { closedDate?: string | null }
    setInvoiceBalance(ledger, id, r.openAmount, r.status, r.closedDate ?? null)
  }
  st.touched.clear()
}
