import { describe, expect, it } from 'vitest'
import { DEFAULT_PLANS, nextDueStep, stepsForInvoice, unknownPlaceholders, validatePlan, type DunningPlan } from '../../../src/core/collections/plans'
import { addDays } from '../../../src/shared/dates'

const standard: DunningPlan = { id: 2, ...DEFAULT_PLANS[1] }
const high: DunningPlan = { id: 3, ...DEFAULT_PLANS[2] }
const due = '2026-10-01'

describe('dunning plans', () => {
  it('ships valid default plans, the high-risk one with a reminder 5 days before due', () => {
    for (const p of DEFAULT_PLANS) expect(validatePlan(p)).toEqual([])
    expect(high.steps[0]).toMatchObject({ level: 0, offsetDays: -5 })
  })

  it('rejects unknown placeholders naming step, language and field', () => {
    expect(unknownPlaceholders('Hi {{debtorName}}, pay {{amount}} {{ total }}')).toEqual(['amount'])
    const bad = { ...DEFAULT_PLANS[0], steps: [{ ...DEFAULT_PLANS[0].steps[0], templates: { en: { subject: 'x', body: 'pay {{amout}}' } } }] }
    expect(validatePlan(bad)).toEqual([{ path: 'steps[0].templates.en.body', message: expect.stringMatching(/unknown placeholder \{\{amout\}\}/) }])
  })

  it('gives large invoices the pre-due reminder too', () => {
    const rule = { thresholds: { EUR: 5_000_000 }, offsetDays: -5 }
    expect(stepsForInvoice(standard, 4_999_999, 'EUR', rule)[0].level).toBe(1)
    expect(stepsForInvoice(standard, 5_000_000, 'EUR', rule)[0]).toMatchObject({ level: 0, offsetDays: -5 })
    expect(stepsForInvoice(standard, 9_000_000, 'SEK', rule)[0].level).toBe(1)
  })

  it('selects the step for the days overdue, one level at a time', () => {
    const s = standard.steps
    expect(nextDueStep(s, due, { level: null, lastSentDate: null }, addDays(due, 2))).toBeNull()
    expect(nextDueStep(s, due, { level: null, lastSentDate: null }, addDays(due, 3))?.level).toBe(1)
    // Offline for a month: level 1 first, never straight to 3.
    expect(nextDueStep(s, due, { level: null, lastSentDate: null }, addDays(due, 40))?.level).toBe(1)
    // After a late level 1 the plan's spacing to level 2 (14 - 3 = 11 days) is kept.
    const sent = { level: 1, lastSentDate: addDays(due, 40) }
    expect(nextDueStep(s, due, sent, addDays(due, 50))).toBeNull()
    expect(nextDueStep(s, due, sent, addDays(due, 51))?.level).toBe(2)
  })

  it('skips a missed pre-due reminder once the invoice is due', () => {
    expect(nextDueStep(high.steps, due, { level: null, lastSentDate: null }, addDays(due, -5))?.level).toBe(0)
    expect(nextDueStep(high.steps, due, { level: null, lastSentDate: null }, addDays(due, -6))).toBeNull()
    expect(nextDueStep(high.steps, due, { level: null, lastSentDate: null }, addDays(due, 1))?.level).toBe(1)
  })
})
