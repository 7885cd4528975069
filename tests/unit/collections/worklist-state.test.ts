import { describe, expect, it } from 'vitest'
import { overdueInBase, reasonSentence, scoreDebtor, type ScoreInput } from '../../../src/core/collections/worklist'
import { evaluateInstalments, evaluatePromise, handoverCheck } from '../../../src/core/collections/state'
import { reasonText } from '../../../src/shared/reason-text'
import { formatMoney } from '../../../src/shared/money'
import { formatDate } from '../../../src/shared/dates'

const base: ScoreInput = { overdue: [{ currency: 'EUR', amount: 1_000_000 }], oldestDaysOverdue: 30, riskClass: 'standard', brokenPromises: 0, limitUsageBp: 5000, daysSinceContact: 10, activePromiseUntil: null, disputedAmount: 0 }

describe('worklist score', () => {
  it('ranks bigger, older, riskier, promise-breaking debtors higher and says why', () => {
    const s = scoreDebtor(base)
    expect(scoreDebtor({ ...base, overdue: [{ currency: 'EUR', amount: 10_000_000 }] }).score).toBeGreaterThan(s.score)
    expect(scoreDebtor({ ...base, oldestDaysOverdue: 90 }).score).toBeGreaterThan(s.score)
    expect(scoreDebtor({ ...base, riskClass: 'high' }).score).toBeGreaterThan(s.score)
    const broken = scoreDebtor({ ...base, brokenPromises: 2, limitUsageBp: 10_400 })
    expect(broken.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['2 broken promises to pay', 'credit limit 104 % used']))
    expect(scoreDebtor({ ...base, activePromiseUntil: '2026-12-01' }).score).toBeLessThan(s.score)
    expect(scoreDebtor({ ...base, daysSinceContact: 1 }).score).toBeLessThan(s.score)
    expect(reasonSentence(s.reasons)).toBe('10000.00 EUR overdue, oldest item 30 days overdue, standard-risk debtor')
  })

  it('adds currencies in the base currency before scoring, instead of counting SEK as if they were euros', () => {
    const fx = { base: 'EUR', rates: { SEK: 0.1 } }
    const eur = scoreDebtor({ ...base, fx, overdue: [{ currency: 'EUR', amount: 1_000_000 }] })
    // 100,000 SEK is about 10,000 EUR: it must weigh like 10,000 EUR, not like 100,000 EUR.
    const sek = scoreDebtor({ ...base, fx, overdue: [{ currency: 'SEK', amount: 10_000_000 }] })
    expect(sek.score).toBe(eur.score)
    const both = scoreDebtor({ ...base, fx, overdue: [{ currency: 'SEK', amount: 10_000_000 }, { currency: 'EUR', amount: 1_000_000 }] })
    expect(both.score).toBe(scoreDebtor({ ...base, fx, overdue: [{ currency: 'EUR', amount: 2_000_000 }] }).score)
    expect(both.reasons[0].text).toBe('10000.00 EUR + 100000.00 SEK overdue (≈ 20000.00 EUR)')
    // No rate for USD: it is scored on its own amount, and the larger of the two scores counts.
    const loose = overdueInBase([{ currency: 'USD', amount: 5_000_000 }, { currency: 'EUR', amount: 1_000_000 }], fx)
    expect([loose.base, loose.scoredMajor, loose.list.map((l) => l.currency)]).toEqual([1_000_000, 50_000, ['USD', 'EUR']])
  })
})

describe('promises, instalments, handover', () => {
  it('keeps a promise when the balance fell by the amount, breaks it after date + grace', () => {
    const p = { promisedDate: '2026-11-10', amount: 500_00, baselineOpen: 2_000_00 }
    expect(evaluatePromise(p, 1_500_00, '2026-11-30', 3)).toBe('kept')
    expect(evaluatePromise(p, 1_900_00, '2026-11-13', 3)).toBe('active')
    expect(evaluatePromise(p, 1_900_00, '2026-11-14', 3)).toBe('broken')
  })

  it('fills instalments in order and breaks the plan on a missed one', () => {
    const inst = [{ dueDate: '2026-10-01', amount: 100_00 }, { dueDate: '2026-11-01', amount: 100_00 }, { dueDate: '2026-12-01', amount: 100_00 }]
    const ok = evaluateInstalments(inst, 300_00, 150_00, '2026-11-05', 7)
    expect(ok.status).toBe('active')
    expect(ok.instalments.map((i) => i.state)).toEqual(['paid', 'overdue', 'open'])
    const broken = evaluateInstalments(inst, 300_00, 150_00, '2026-11-09', 7)
    expect(broken.status).toBe('broken')
    expect(broken.brokenBy).toBe('2026-11-01')
    expect(evaluateInstalments(inst, 300_00, 0, '2027-01-01', 7).status).toBe('completed')
  })

  it('proposes handover only past the days, after the final reminder, without promise or dispute', () => {
    const rule = { minDaysOverdue: 90, finalReminderDaysAgo: 14 }
    const d = { oldestDaysOverdue: 100, finalSentDate: '2026-11-01', activePromise: false, openDispute: false }
    expect(handoverCheck(d, rule, '2026-11-15').propose).toBe(true)
    expect(handoverCheck(d, rule, '2026-11-14').reason).toBe('final reminder sent 13 of 14 days ago')
    expect(handoverCheck({ ...d, activePromise: true }, rule, '2026-11-20').propose).toBe(false)
    expect(handoverCheck({ ...d, oldestDaysOverdue: 60 }, rule, '2026-11-20').propose).toBe(false)
  })
})

describe('score reasons in the reader\u2019s locale', () => {
  it('keep amounts and dates as values, so the same reason reads "SEK 542,900.00" in en-GB and "542.900,00 SEK" in de-DE', () => {
    const s = scoreDebtor({ overdue: [{ currency: 'SEK', amount: 54_290_000 }], oldestDaysOverdue: 40, riskClass: 'standard', brokenPromises: 0, limitUsageBp: null, daysSinceContact: 2, activePromiseUntil: '2026-11-27', disputedAmount: 0 })
    const de = { money: (a: number, c: string) => formatMoney(a, c, 'de-DE'), date: (d: string) => formatDate(d, 'de-DE') }
    const overdue = s.reasons.find((r) => r.text.endsWith('overdue') && r.text.includes('SEK'))!
    expect(overdue.text).toBe('542900.00 SEK overdue')
    expect(reasonText(overdue, de).replace(/\s/g, ' ')).toBe('542.900,00 SEK overdue')
    const promise = s.reasons.find((r) => r.text.startsWith('promised'))!
    expect(reasonText(promise, de)).toBe('promised to pay by 27.11.2026')
    expect(reasonSentence(s.reasons)).toMatch(/^542900\.00 SEK overdue/)
  })
})
