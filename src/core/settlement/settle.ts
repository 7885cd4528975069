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
export function settlementLines(inv: Pick<SettleInvoice, 'id' | 'clientId' | 'debtorId' | 'currency'>, s: Settlement): JournalLine[] {
  const dims = { clientId: inv.clientId, debtorId: inv.debtorId, invoiceId: inv.id }
  return [
    ...cr('receivables', inv.currency, s.applied, dims),
    ...dr('clientReserve', inv.currency, s.fee, dims),
    ...cr('feeIncome', inv.currency, s.fee, dims),
    ...dr('clientReserve', inv.currency, s.shortfall, dims),
    ...cr('receivables', inv.currency, s.shortfall, dims)
  ]
}

export interface PaymentEntryInput {
  date: LocalDate
  currency: string
  /** Where the cash comes from: the bank (a new statement line) or unapplied cash (allocated later). */
  source: 'bank' | 'unappliedCash'
  /** Cash taken from the source: applied amounts plus whatever stays unapplied. */
  amount: number
  memo: string
  kind: EntryKind
  debtorId: number | null
  parts: { inv: Pick<SettleInvoice, 'id' | 'clientId' | 'debtorId' | 'currency'>; s: Settlement }[]
}

/** One balanced entry for one bank line's application: Dr source, Cr receivables per invoice, rest to unapplied cash. */
export function paymentEntry(p: PaymentEntryInput): JournalEntry {
  const applied = p.parts.reduce((s, x) => s + x.s.applied, 0)
  const rest = p.amount - applied
  if (rest < 0) throw new RangeError(`applied ${applied} exceeds the payment ${p.amount}`)
  const first = p.parts[0]?.inv
  return buildEntry(
    { date: p.date, kind: p.kind, memo: p.memo, clientId: p.parts.length === 1 ? first.clientId : null, invoiceId: p.parts.length === 1 ? first.id : null },
    dr(p.source, p.currency, p.amount, { debtorId: p.debtorId }),
    ...p.parts.map((x) => settlementLines(x.inv, x.s)),
    p.source === 'bank' ? cr('unappliedCash', p.currency, rest, { debtorId: p.debtorId }) : []
  )
}
