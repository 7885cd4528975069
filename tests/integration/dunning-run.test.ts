import { describe, expect, it } from 'vitest'
import { addDays } from '../../src/shared/dates'
import { checkJournal, accountBalance } from '../../src/main/db/repos/journal-repo'
import { addInvoice, collectionsLedger, pay } from './collections-fixture'

describe('reminder run', () => {
  it('sends one consolidated reminder per debtor listing all overdue items, each at its level', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Acme GmbH', 'standard')
    const a = addInvoice(b, clientId, d, 1_000_000, '2026-11-05') // 18 days: level 2 is due but level 1 comes first
    addInvoice(b, clientId, d, 200_000, '2026-11-19') // 4 days: level 1
    addInvoice(b, clientId, d, 300_000, '2026-11-22') // 1 day: listed, no level yet
    addInvoice(b, clientId, d, 400_000, '2026-12-20') // not due: not listed
    const r = await b.call2('reminders.run', { asOf: '2026-11-23' })
    expect(r.reminders).toHaveLength(1)
    const rem = r.reminders[0]
    expect(rem).toMatchObject({ debtorName: 'Acme GmbH', level: 1, channel: 'email', status: 'queued' })
    expect(rem.invoices.map((i) => [i.dueDate, i.level])).toEqual([
      ['2026-11-05', 1],
      ['2026-11-19', 1],
      ['2026-11-22', null]
    ])
    const out = await b.call2('outbox.list', {})
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ channel: 'email', recipient: 'acme@example.com', status: 'queued' })
    const stored = await b.call2('reminders.list', { debtorId: d })
    // The debtor's language is German: the shipped German text.
    expect(stored[0].body).toContain('Guten Tag Acme GmbH')
    expect(stored[0].body).toContain('(Stufe 1)')
    void a
  })

  it('a second run the same day decides nothing; a crash-free re-run after the week catches up once per level', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-01')
    const d = await debtor('Beta GmbH', 'standard')
    addInvoice(b, clientId, d, 500_000, '2026-10-28')
    // Level 1 goes out at due + 3.
    expect((await b.call2('reminders.run', { asOf: '2026-10-31' })).reminders.map((x) => x.level)).toEqual([1])
    expect((await b.call2('reminders.run', { asOf: '2026-10-31' })).reminders).toEqual([])
    // Laptop off until due + 60: level 2 (due + 14) and level 3 (due + 30) both fell due. Only level 2 now.
    const late = '2026-12-27'
    const r2 = await b.call2('reminders.run', { asOf: late })
    expect(r2.reminders.map((x) => x.level)).toEqual([2])
    expect((await b.call2('reminders.run', { asOf: late })).reminders).toEqual([])
    // Level 3 keeps the plan's 16-day spacing after the late level 2, then needs approval (a letter).
    expect((await b.call2('reminders.run', { asOf: addDays(late, 15) })).reminders).toEqual([])
    const r3 = await b.call2('reminders.run', { asOf: addDays(late, 16) })
    expect(r3.reminders.map((x) => [x.level, x.channel, x.status])).toEqual([[3, 'letter', 'pending_approval']])
    const levels = b.ledger.sqlite.prepare('select level, count(*) n from reminder where debtor_id = ? group by level order by level').all(d)
    expect(levels).toEqual([{ level: 1, n: 1 }, { level: 2, n: 1 }, { level: 3, n: 1 }])
  })

  it('never decides the same debtor/level/date twice even when the decision is replayed', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Gamma GmbH', 'standard')
    const inv = addInvoice(b, clientId, d, 500_000, '2026-11-10')
    await b.call2('reminders.run', { asOf: '2026-11-23' })
    // Simulate a crash after the decision but before the level was remembered: the key still blocks it.
    b.ledger.sqlite.prepare('update invoice_dunning set level = null, last_sent_date = null where invoice_id = ?').run(inv)
    const again = await b.call2('reminders.run', { asOf: '2026-11-23' })
    expect(again.reminders).toEqual([])
    expect(again.skipped).toEqual([{ debtorId: d, reason: 'level 1 already decided on 2026-11-23' }])
    expect(b.ledger.sqlite.prepare('select count(*) from outbox_message').pluck().get()).toBe(1)
  })

  it('dry run shows what would go out and changes nothing', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Delta GmbH', 'high')
    addInvoice(b, clientId, d, 500_000, '2026-11-27') // high risk: friendly reminder 5 days before due
    const dry = await b.call2('reminders.run', { asOf: '2026-11-22', dryRun: true })
    expect(dry.reminders.map((r) => [r.level, r.status])).toEqual([[0, 'dry_run']])
    expect(b.ledger.sqlite.prepare('select count(*) from reminder').pluck().get()).toBe(0)
    expect((await b.call2('reminders.run', { asOf: '2026-11-22' })).reminders.map((r) => r.level)).toEqual([0])
  })

  it('gives invoices above the amount threshold a pre-due reminder on any plan', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Epsilon GmbH', 'low')
    addInvoice(b, clientId, d, 4_999_999, '2026-11-28')
    addInvoice(b, clientId, d, 5_000_000, '2026-11-28')
    const r = await b.call2('reminders.run', { asOf: '2026-11-23', dryRun: true })
    expect(r.reminders[0].invoices.map((i) => i.amount)).toEqual([5_000_000])
  })

  it('does not chase blocked debtors, blocked or disputed amounts, or debtors with a live promise', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const blocked = await debtor('Blocked GmbH', 'standard')
    const disputed = await debtor('Disputed GmbH', 'standard')
    const promised = await debtor('Promised GmbH', 'standard')
    addInvoice(b, clientId, blocked, 100_000, '2026-11-01')
    const di = addInvoice(b, clientId, disputed, 100_000, '2026-11-01')
    const dp = addInvoice(b, clientId, disputed, 50_000, '2026-11-01')
    addInvoice(b, clientId, promised, 100_000, '2026-11-01')
    await b.call2('collections.block', { debtorId: blocked, reason: 'insolvency check', untilDate: '2026-12-31' })
    await b.call2('collections.dispute', { invoiceId: di, reason: 'goods damaged', amount: 100_000 })
    await b.call2('collections.dispute', { invoiceId: dp, reason: 'price difference', amount: 20_000 })
    await b.call2('collections.promise', { debtorId: promised, date: '2026-11-30', amount: 100_000, currency: 'EUR' })
    const r = await b.call2('reminders.run', { asOf: '2026-11-23' })
    expect(r.reminders.map((x) => [x.debtorName, x.invoices.map((i) => i.amount)])).toEqual([['Disputed GmbH', [30_000]]])
    expect(r.skipped.map((s) => s.reason).sort()).toEqual(['dunning block: insolvency check', 'promise to pay by 2026-11-30'])
  })

  it('claims fee, statutory interest and EUR 40 only when an approved step claims them, booked apart from principal', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2025-09-15')
    const d = await debtor('Interest GmbH', 'standard', { country: 'FI' })
    const inv = addInvoice(b, clientId, d, 1_000_000, '2025-08-01')
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) values (?, 2, '2025-08-15')").run(inv)
    const r = await b.call2('reminders.run', { asOf: '2025-09-15' })
    // Worked example: 10,000.00, 45 days, 2.15 % + 8 = 10.15 % -> 125.14, plus EUR 40.
    expect(r.reminders[0]).toMatchObject({ level: 3, status: 'pending_approval', fee: 1000, interest: 12_514, compensation: 4000 })
    expect(accountBalance(b.ledger, 'claimsReceivable', 'EUR')).toBe(0)
    const approved = await b.call2('reminders.approve', { id: r.reminders[0].reminderId! })
    expect(approved.status).toBe('queued')
    expect(accountBalance(b.ledger, 'claimsReceivable', 'EUR')).toBe(1000 + 12_514 + 4000)
    expect(accountBalance(b.ledger, 'receivables', 'EUR', { invoiceId: inv })).toBe(1_000_000)
    expect(checkJournal(b.ledger).balanced).toBe(true)
    const view = await b.call2('collections.debtor', { debtorId: d })
    expect(view.claims).toEqual([{ currency: 'EUR', fee: 1000, interest: 12_514, compensation: 4000 }])
  })

  it('computes interest across a partial payment from the journal dates', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2025-09-15')
    const d = await debtor('Partial GmbH', 'standard', { country: 'FI' })
    const inv = addInvoice(b, clientId, d, 1_000_000, '2025-08-01')
    pay(b, inv, 400_000, '2025-08-16')
    const x = await b.call2('interest.calculate', { invoiceId: inv, asOf: '2025-09-15' })
    expect(x.principal).toBe(1_000_000)
    expect(x.periods.map((p) => [p.days, p.outstanding])).toEqual([[15, 1_000_000], [30, 600_000]])
    expect(x.interest).toBe(Math.round((1015 * (1_000_000 * 15 + 600_000 * 30)) / 3_650_000))
    expect(x.compensation).toBe(4000)
  })

  it('a rejected reminder puts its invoices back so a later run may propose again', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Reject GmbH', 'standard')
    const inv = addInvoice(b, clientId, d, 100_000, '2026-10-01')
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) values (?, 2, '2026-10-15')").run(inv)
    const r = await b.call2('reminders.run', { asOf: '2026-11-23' })
    await b.call2('reminders.reject', { id: r.reminders[0].reminderId!, reason: 'customer called, paying' })
    expect(b.ledger.sqlite.prepare('select level, last_sent_date as d from invoice_dunning where invoice_id = ?').get(inv)).toEqual({ level: 2, d: '2026-10-15' })
    expect((await b.call2('reminders.run', { asOf: '2026-11-24' })).reminders.map((x) => x.level)).toEqual([3])
  })

  it('uses the debtor’s assigned plan over its segment and an invoice’s own plan over both', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d = await debtor('Override GmbH', 'low')
    const a = addInvoice(b, clientId, d, 100_000, '2026-11-28')
    addInvoice(b, clientId, d, 100_000, '2026-11-27')
    const plans = await b.call2('dunning.plans', {})
    const high = plans.find((p) => p.segment === 'high')!
    const low = plans.find((p) => p.segment === 'low')!
    // Low risk by segment: no reminder 5 days before due.
    expect((await b.call2('reminders.run', { dryRun: true })).reminders).toEqual([])
    await b.call2('collections.setPlan', { debtorId: d, planId: high.id })
    expect((await b.call2('reminders.run', { dryRun: true })).reminders[0].invoices.map((i) => i.dueDate)).toEqual(['2026-11-27', '2026-11-28'])
    await b.call2('collections.setInvoicePlan', { invoiceId: a, planId: low.id })
    expect((await b.call2('reminders.run', { dryRun: true })).reminders[0].invoices.map((i) => i.dueDate)).toEqual(['2026-11-27'])
    const view = await b.call2('collections.debtor', { debtorId: d })
    expect(view.planName).toBe('High risk')
    expect(view.items.map((i) => i.planName)).toEqual(['High risk', 'Low risk'])
  })
})
