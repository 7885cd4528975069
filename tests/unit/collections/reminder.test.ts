import { describe, expect, it } from 'vitest'
import { ECB_MRO_RATES, DEFAULT_COUNTRY_RULE } from '../../../src/core/collections/interest'
import { DEFAULT_PLANS } from '../../../src/core/collections/plans'
import { consolidate, renderReminder, type DunningItem } from '../../../src/core/collections/reminder'

const steps = DEFAULT_PLANS[1].steps
const item = (over: Partial<DunningItem>): DunningItem => ({
  invoiceId: 1, number: 'A-1', rfRef: 'RF18539007547034', currency: 'EUR', face: 1_000_000, open: 1_000_000, chased: 1_000_000,
  dueDate: '2025-08-01', steps, state: { level: null, lastSentDate: null }, interestClaimed: 0, compensationClaimed: false, ...over
})
const opts = { asOf: '2025-09-15', rates: ECB_MRO_RATES, rule: DEFAULT_COUNTRY_RULE, compensation: { EUR: 4000 } }

describe('consolidated reminder', () => {
  it('lists every overdue item once, at its own level, and takes the highest level for the letter', () => {
    const d = consolidate(
      [
        item({ invoiceId: 1, number: 'A-1', dueDate: '2025-08-01', state: { level: 2, lastSentDate: '2025-08-15' } }),
        item({ invoiceId: 2, number: 'A-2', dueDate: '2025-09-10', open: 200_00, chased: 200_00 }),
        item({ invoiceId: 3, number: 'A-3', dueDate: '2025-09-14', open: 300_00, chased: 300_00 }),
        item({ invoiceId: 4, number: 'A-4', dueDate: '2025-10-14' })
      ],
      opts
    )!
    expect(d.level).toBe(3)
    expect(d.lines.map((l) => [l.number, l.level, l.escalates])).toEqual([
      ['A-1', 3, true],
      ['A-2', 1, true],
      ['A-3', null, false]
    ])
    expect(d.step.channel).toBe('letter')
    expect(d.fee).toBe(1000)
    // Level 3 claims interest: 125.14 on A-1 (45 days at 10.15 %) and EUR 40 per late invoice.
    expect(d.lines[0].interest).toBe(12_514)
    expect(d.compensationNew).toBe(3 * 4000)
    expect(d.totals).toEqual([{ currency: 'EUR', chased: 1_050_000, interest: d.lines.reduce((s, l) => s + l.interest, 0) }])
  })

  it('does not chase disputed amounts or send when nothing escalates', () => {
    expect(consolidate([item({ chased: 0 })], opts)).toBeNull()
    expect(consolidate([item({ state: { level: 3, lastSentDate: '2025-09-01' } })], opts)).toBeNull()
  })

  it('claims only interest not claimed before', () => {
    const d = consolidate([item({ state: { level: 2, lastSentDate: '2025-08-15' }, interestClaimed: 10_000, compensationClaimed: true })], opts)!
    expect(d.interestNew).toBe(2_514)
    expect(d.compensationNew).toBe(0)
  })

  it('renders the template in the debtor language, falling back to English', () => {
    const d = consolidate([item({})], opts)!
    const ctx = { debtorName: 'Acme GmbH', factorName: 'North Factor', factorIban: 'SE45 5000', asOf: '2025-09-15' }
    const de = renderReminder(d, { ...ctx, language: 'de' })
    expect(de.subject).toBe('Zahlungserinnerung: A-1')
    expect(de.body).toContain('Guten Tag Acme GmbH')
    expect(de.body).toContain('A-1  Ref. RF18539007547034  fällig 2025-08-01  45 Tage überfällig  10000.00 EUR  (Stufe 1)')
    expect(renderReminder(d, { ...ctx, language: 'sv' }).subject).toBe('Betalningspåminnelse: A-1')
    expect(renderReminder(d, { ...ctx, language: 'fi' }).body).toContain('45 päivää myöhässä')
    const fr = renderReminder(d, { ...ctx, language: 'fr' })
    expect(fr.subject).toBe('Payment reminder: A-1')
    expect(fr.body).toContain('Dear Acme GmbH')
    expect(fr.body).toContain('A-1  ref RF18539007547034  due 2025-08-01  45 days overdue  10000.00 EUR  (level 1)')
    for (const r of [de, fr]) expect(r.body).not.toMatch(/\{\{/)
    // A firm's own step with only English: English words in the item lines too, not German ones.
    const enOnly = { ...d, step: { ...d.step, templates: { en: d.step.templates.en } } }
    expect(renderReminder(enOnly, { ...ctx, language: 'de' }).body).toContain('45 days overdue')
  })
})
