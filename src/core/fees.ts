import type { Agreement, FeeSchedule } from '../shared/agreement'
import { applyBp, roundDiv } from '../shared/money'
import { addDays, diffDays, type LocalDate } from '../shared/dates'

export interface FeeInput {
  face: number
  advance: number
  fundedDate: LocalDate
  asOf: LocalDate
}

/** Days the money was out, with the agreement's minimum applied. Funding day is day 0. */
export function chargeableDays(agreement: Pick<Agreement, 'minDays'>, fundedDate: LocalDate, asOf: LocalDate): number {
  return Math.max(diffDays(fundedDate, asOf), agreement.minDays, 0)
}

function tieredRate(fee: Extract<FeeSchedule, { kind: 'tiered' }>, days: number): number {
  const tiers = [...fee.tiers].sort((a, b) => a.upToDays - b.upToDays)
  for (const t of tiers) if (days <= t.upToDays) return t.rateBp
  return fee.aboveRateBp
}

/**
 * Time-based accrual for base rate + margin: each day earns at the base rate in force that day,
 * so a rate change mid-way splits the period instead of repricing it.
 */
function baseMarginFee(fee: Extract<FeeSchedule, { kind: 'base_margin' }>, basis: number, from: LocalDate, days: number): number {
  const rates = [...fee.baseRates].sort((a, b) => (a.from < b.from ? -1 : 1))
  // Sum of (annual rate in bp × days) first, one rounding at the end: no per-period cent drift.
  let bpDays = 0
  for (let d = 0; d < days; ) {
    const day = addDays(from, d)
    let idx = -1
    for (let i = 0; i < rates.length; i++) if (rates[i].from <= day) idx = i
    const rate = (idx >= 0 ? rates[idx].rateBp : rates[0].rateBp) + fee.marginBp
    const nextChange = idx + 1 < rates.length ? diffDays(from, rates[idx + 1].from) : days
    const span = Math.max(1, Math.min(days, nextChange) - d)
    bpDays += rate * span
    d += span
  }
  return roundDiv(basis * bpDays, 10_000 * fee.dayCount)
}

/** The discount fee earned on one invoice from funding to asOf, per the client's agreement. */
export function feeToDate(agreement: Agreement, input: FeeInput): number {
  const basis = agreement.feeBasis === 'face' ? input.face : input.advance
  const days = chargeableDays(agreement, input.fundedDate, input.asOf)
  const fee = agreement.fee
  let amount: number
  switch (fee.kind) {
    case 'flat':
      amount = applyBp(basis, fee.rateBp)
      break
    case 'tiered':
      amount = applyBp(basis, tieredRate(fee, days))
      break
    case 'daily':
      amount = roundDiv(basis * fee.annualRateBp * days, 10_000 * fee.dayCount)
      break
    case 'base_margin':
      amount = baseMarginFee(fee, basis, input.fundedDate, days)
      break
    default: {
      const never: never = fee
      throw new Error(`unknown fee schedule ${JSON.stringify(never)}`)
    }
  }
  return Math.max(amount, agreement.minFee)
}

/** Advance and reserve at purchase: advance = rate × face (rounded), reserve takes the rest so nothing is lost. */
export function advanceFor(agreement: Pick<Agreement, 'advanceRateBp'>, face: number): { advance: number; reserve: number } {
  const advance = applyBp(face, agreement.advanceRateBp)
  return { advance, reserve: face - advance }
}
