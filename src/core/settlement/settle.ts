/**
 * What a payment does to a purchased invoice (domain research 8.4). Receivables are carried at face and the
 * client's reserve holds face - advance from funding, so at each payment:
 *   Cr receivables (cash applied)           the debtor owes less
 *   Dr client reserve / Cr fee income       the fee to date, less fees charged at earlier payments
 *   Dr client reserve / Cr receivables      a short payment accepted as settled (dilution)
 * When the invoice closes, what the reserve holds for it is exactly the rebate: Collected - Advance - Fee.
 * A negative rebate is a debit on the client's reserve and so nets against the client's other rebates.
 */
import type { Agreement } from '../../shared/agreement'
import type { LocalDate } from '../../shared/dates'
import { feeToDate } from '../fees'
import { buildEntry, cr, dr, type EntryKind, type JournalEntry, type JournalLine } from '../journal'

export interface SettleInvoice {
  id: number
  number: string
  clientId: number
  debtorId: number
  currency: string
  face: number
  advance: number
  openAmount: number
  fundedDate: LocalDate | null
  status: string
  /** Cash applied by earlier payments that were not undone. */
  collected: number
  /** Fees charged at earlier payments that were not undone. */
  feeCharged: number
}

export interface Settlement {
  invoiceId: number
  applied: number
  /** Fee charged now: fee to date at this payment minus fees charged before. */
  fee: number
  shortfall: number
  newOpen: number
  status: 'paid' | 'partly_paid'
  closedDate: LocalDate | null
  /** Collected - Advance - Fee, once the invoice is closed. */
  rebate: number | null
}

export function settle(inv: SettleInvoice, agreement: Agreement, amount: number, date: LocalDate, closeShortfall = false): Settlement {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`payment amount must be a non-negative integer, got ${amount}`)
  if (amount > inv.openAmount) throw new RangeError(`invoice ${inv.number}: ${amount} exceeds the open amount ${inv.openAmount}`)
  let newOpen = inv.openAmount - amount
  const shortfall = closeShortfall ? newOpen : 0
  newOpen -= shortfall
  const feeDue = inv.fundedDate ? feeToDate(agreement, { face: inv.face, advance: inv.advance, fundedDate: inv.fundedDate, asOf: date }) : 0
  const fee = Math.max(0, feeDue - inv.feeCharged)
  const closed = newOpen === 0
  const collected = inv.collected + amount
  return {
    invoiceId: inv.id,
    applied: amount,
    fee,
    shortfall,
    newOpen,
    status: closed ? 'paid' : 'partly_paid',
    closedDate: closed ? date : null,
    rebate: closed ? collected - inv.advance - (inv.feeCharged + fee) : null
  }
}

/** The lines one invoice's settlement adds to a payment entry. */
export function settlementLines(inv: Pick<SettleInvoice, 'id' | 'clientId' | 'debtorId' | 'currency'>, s: Pick<Settlement, 'applied' | 'fee' | 'shortfall'>): JournalLine[] {
  const dims = { clientId: inv.clientId, debtorId: inv.debtorId, invoiceId: inv.id }
  return [
    ...cr('receivables', inv.currency, s.applied, dims),
    ...dr('clientReserve', inv.currency, s.fee, dims),
    ...cr('feeIncome', inv.currency, s.fee, dims),
    ...dr('clientReserve', inv.currency, s.shortfall, dims),
    ...cr('receivables', inv.currency, s.shortfall, dims)
  ]
}

export interface ApplicationPart {
  inv: Pick<SettleInvoice, 'id' | 'clientId' | 'debtorId' | 'currency'>
  s: Pick<Settlement, 'applied' | 'fee' | 'shortfall'>
}

export interface ApplicationEntryInput {
  date: LocalDate
  kind: EntryKind
  memo: string
  /** Set when the cash came from one debtor: it goes on the unapplied-cash line. */
  debtorId?: number | null
  parts: readonly ApplicationPart[]
}

/**
 * One balanced entry applying unapplied cash to invoices: Dr unapplied cash per currency, and per invoice its
 * settlement lines. A person's allocation is one such entry; a whole bank file's automatic matches of one
 * booking day are one entry too (the per-invoice lines keep the detail, the bank_allocation rows say which bank
 * line paid what), which keeps a 100k-line import from writing 100k entries.
 */
export function applicationEntry(p: ApplicationEntryInput): JournalEntry {
  const applied = new Map<string, number>()
  for (const x of p.parts) applied.set(x.inv.currency, (applied.get(x.inv.currency) ?? 0) + x.s.applied)
  const single = p.parts.length === 1 ? p.parts[0].inv : null
  return buildEntry(
    { date: p.date, kind: p.kind, memo: p.memo, clientId: single?.clientId ?? null, invoiceId: single?.id ?? null },
    ...[...applied].map(([currency, amount]) => dr('unappliedCash', currency, amount, p.debtorId ? { debtorId: p.debtorId } : {})),
    ...p.parts.map((x) => settlementLines(x.inv, x.s))
  )
}

/**
 * Undoing one bank line's application: the mirror of its parts' lines (built from the stored allocations, since
 * the entry they were posted in may hold other bank lines' applications too), the cash going back to unapplied.
 */
export function unapplicationEntry(p: ApplicationEntryInput): JournalEntry {
  const forward = applicationEntry(p)
  return { ...forward, kind: 'reversal', lines: forward.lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit })) }
}
