import { z } from 'zod'

/** Rates are whole basis points (1 bp = 0.01 %), amounts minor units, so nothing in an agreement is a float. */
const bp = z.number().int().min(0).max(100_000)
const minor = z.number().int().min(0)

export const feeTierSchema = z.object({ upToDays: z.number().int().min(1), rateBp: bp })

export const feeScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), rateBp: bp }),
  // Lookup by days outstanding: the first tier whose upToDays covers t; beyond the last tier, aboveRateBp.
  z.object({ kind: z.literal('tiered'), tiers: z.array(feeTierSchema).min(1), aboveRateBp: bp }),
  // Simple daily accrual at an annual rate over a 360 or 365 day year.
  z.object({ kind: z.literal('daily'), annualRateBp: bp, dayCount: z.union([z.literal(360), z.literal(365)]) }),
  // Funds-employed pricing: base rate (with effective dates) plus margin, on the advance or the face.
  z.object({
    kind: z.literal('base_margin'),
    marginBp: bp,
    dayCount: z.union([z.literal(360), z.literal(365)]),
    baseRates: z.array(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), rateBp: z.number().int().min(-10_000).max(100_000) })).min(1)
  })
])
export type FeeSchedule = z.infer<typeof feeScheduleSchema>

export const agreementSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  advanceRateBp: z.number().int().min(0).max(10_000),
  fee: feeScheduleSchema,
  /** Whether time-based fees are charged on the invoice face or on the advance paid out. */
  feeBasis: z.enum(['face', 'advance']),
  minDays: z.number().int().min(0).max(365),
  minFee: minor,
  /** Charged once per invoice at funding, in basis points of face. */
  upfrontFeeBp: bp,
  /** Escrow holdback target as a share of the client's open receivables. */
  reserveTargetBp: z.number().int().min(0).max(10_000),
  recourseDays: z.number().int().min(0).max(3650),
  concentrationLimitBp: z.number().int().min(0).max(10_000),
  crossAgingBp: z.number().int().min(0).max(10_000),
  maxAgeDays: z.number().int().min(1).max(3650),
  verificationThreshold: minor
})
export type Agreement = z.infer<typeof agreementSchema>

export const defaultAgreement: Agreement = {
  currency: 'EUR',
  advanceRateBp: 8500,
  fee: { kind: 'tiered', tiers: [{ upToDays: 30, rateBp: 250 }, { upToDays: 60, rateBp: 400 }, { upToDays: 90, rateBp: 550 }], aboveRateBp: 800 },
  feeBasis: 'face',
  minDays: 10,
  minFee: 2500,
  upfrontFeeBp: 50,
  reserveTargetBp: 1000,
  recourseDays: 90,
  concentrationLimitBp: 2500,
  crossAgingBp: 5000,
  maxAgeDays: 60,
  verificationThreshold: 5_000_000
}
