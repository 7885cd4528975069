import type { Agreement } from '../../shared/agreement'
import { applyBp } from '../../shared/money'
import type { LocalDate } from '../../shared/dates'
import type { FundingAmounts } from '../../shared/contract/requests'
import { advanceFor } from '../fees'
import { buildEntry, cr, dr, type JournalEntry } from '../journal'

export interface FundedInvoice {
  invoiceId: number
  debtorId: number
  face: number
  advance: number
  reserve: number
  fee: number
}

export interface Funding extends FundingAmounts {
  currency: string
  invoices: FundedInvoice[]
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)

/**
 * Advance = rate × face per invoice (rounded per invoice, so each invoice's reserve is exact),
 * upfront fee = upfrontFeeBp × face. Open chargebacks are netted against the payout, but never
 * below zero: what cannot be netted stays open for the next funding.
 */
export function computeFunding(agreement: Agreement, invoices: { invoiceId: number; debtorId: number; face: number }[], openChargebacks: number): Funding {
  const funded = invoices.map((i) => {
    const { advance, reserve } = advanceFor(agreement, i.face)
    return { ...i, advance, reserve, fee: applyBp(i.face, agreement.upfrontFeeBp) }
  })
  const advance = sum(funded.map((f) => f.advance))
  const fees = sum(funded.map((f) => f.fee))
  const chargebacksNetted = Math.max(0, Math.min(openChargebacks, advance - fees))
  return {
    currency: agreement.currency,
    invoices: funded,
    face: sum(funded.map((f) => f.face)),
    advance,
    reserve: sum(funded.map((f) => f.reserve)),
    fees,
    chargebacksNetted,
    netPayout: advance - fees - chargebacksNetted
  }
}

/**
 * The journal for one funding: the receivables bought (face) are owed partly to the client as reserve
 * and partly as the advance; fees and netted chargebacks come off the advance, the rest goes out of the bank.
 * Each entry balances on its own so a later reversal can undo one step.
 */
export function fundingEntries(f: Funding, ctx: { clientId: number; requestId: number; date: LocalDate }): JournalEntry[] {
  const c = f.currency
  const base = { date: ctx.date, clientId: ctx.clientId }
  const entries: JournalEntry[] = [
    buildEntry(
      { ...base, kind: 'funding', memo: `Purchase of ${f.invoices.length} invoices, financing request ${ctx.requestId}` },
      ...f.invoices.flatMap((i) => [
        dr('receivables', c, i.face, { clientId: ctx.clientId, debtorId: i.debtorId, invoiceId: i.invoiceId }),
        cr('clientReserve', c, i.reserve, { clientId: ctx.clientId, invoiceId: i.invoiceId }),
        cr('clientPayable', c, i.advance, { clientId: ctx.clientId, invoiceId: i.invoiceId })
      ])
    )
  ]
  if (f.fees > 0) {
    entries.push(
      buildEntry(
        { ...base, kind: 'fee', memo: `Upfront fees, financing request ${ctx.requestId}` },
        ...f.invoices.flatMap((i) => [dr('clientPayable', c, i.fee, { clientId: ctx.clientId, invoiceId: i.invoiceId }), cr('feeIncome', c, i.fee, { clientId: ctx.clientId, invoiceId: i.invoiceId })])
      )
    )
  }
  if (f.chargebacksNetted > 0) {
    entries.push(buildEntry({ ...base, kind: 'chargeback', memo: `Open chargebacks netted against financing request ${ctx.requestId}` }, dr('clientPayable', c, f.chargebacksNetted, { clientId: ctx.clientId }), cr('clientRecourse', c, f.chargebacksNetted, { clientId: ctx.clientId })))
  }
  if (f.netPayout > 0) {
    entries.push(buildEntry({ ...base, kind: 'payout', memo: `Payout to client, financing request ${ctx.requestId}` }, dr('clientPayable', c, f.netPayout, { clientId: ctx.clientId }), cr('bank', c, f.netPayout, { clientId: ctx.clientId })))
  }
  return entries
}

/** Availability = eligible receivables × advance rate − funds employed. Negative means over-advanced. */
export function availabilityOf(agreement: Pick<Agreement, 'advanceRateBp'>, eligibleReceivables: number, fundsEmployed: number): number {
  return applyBp(eligibleReceivables, agreement.advanceRateBp) - fundsEmployed
}
