import { describe, expect, it } from 'vitest'
import { addDays } from '../../src/shared/dates'
import { createScheduler, collectionsTick } from '../../src/main/jobs/scheduler'
import { addInvoice, collectionsLedger, pay } from './collections-fixture'

describe('collections scheduler', () => {
  it('runs at start-up, catches up the days the app was closed once, and stops', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-01')
    const d1 = await debtor('Alpha GmbH', 'standard')
    const d2 = await debtor('Beta GmbH', 'high')
    addInvoice(b, clientId, d1, 100_000, '2026-10-20')
    addInvoice(b, clientId, d2, 200_000, '2026-11-04')
    const ticks: string[] = []
    const s = createScheduler(b.services, { clock: b.clock, pattern: '0 0 1 1 *', onTick: (r) => ticks.push(r.asOf) })
    const first = await s.start()
    // Alpha is 12 days late (level 1), Beta is high risk and gets the friendly reminder 5 days before due.
    expect(first!.reminders.reminders.map((r) => [r.debtorName, r.level])).toEqual([
      ['Alpha GmbH', 1],
      ['Beta GmbH', 0]
    ])
    expect(s.running).toBe(true)
    s.stop()
    expect(s.running).toBe(false)
    // Closed for two weeks: on the next start every level that fell due goes out once, the next in line.
    b.clock.set(addDays('2026-11-01', 14))
    const t2 = await createScheduler(b.services, { clock: b.clock, pattern: '0 0 1 1 *' }).tickNow()
    expect(t2!.daysCaughtUp).toBe(14)
    expect(t2!.reminders.reminders.map((r) => [r.debtorName, r.level]).sort()).toEqual([
      ['Alpha GmbH', 2],
      ['Beta GmbH', 1]
    ])
    const t3 = await collectionsTick(b.services, b.clock)
    expect(t3.reminders.reminders).toEqual([])
    expect(ticks).toEqual(['2026-11-01'])
  })

  it('keeps a promise when paid and breaks it otherwise: broken escalates at once', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-01')
    const keeps = await debtor('Keeper GmbH', 'standard')
    const breaks = await debtor('Breaker GmbH', 'standard')
    const k = addInvoice(b, clientId, keeps, 100_000, '2026-10-01')
    addInvoice(b, clientId, breaks, 100_000, '2026-10-01')
    for (const id of [keeps, breaks]) b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) select id, 1, '2026-10-30' from invoice where debtor_id = ?").run(id)
    await b.call2('collections.promise', { debtorId: keeps, date: '2026-11-05', amount: 100_000, currency: 'EUR' })
    await b.call2('collections.logCall', { debtorId: breaks, outcome: 'promised', note: 'will pay Friday', promise: { date: '2026-11-06', amount: 100_000, currency: 'EUR' } })
    pay(b, k, 100_000, '2026-11-04')
    b.clock.set('2026-11-10')
    const t = await collectionsTick(b.services, b.clock)
    expect(t.evaluated).toMatchObject({ kept: 1, broken: 1 })
    // Level 2 was spaced until 2026-11-10 anyway; the broken promise drops spacing so it goes now.
    expect(t.reminders.reminders.map((r) => [r.debtorName, r.level])).toEqual([['Breaker GmbH', 2]])
    const view = await b.call2('collections.debtor', { debtorId: breaks })
    expect(view.promises[0].status).toBe('broken')
    const wl = await b.call2('collections.worklist', {})
    expect(wl.rows.find((r) => r.debtorId === breaks)!.reasons.map((r) => r.text)).toContain('1 broken promise to pay')
  })

  it('breaks an instalment plan on a missed instalment and resumes dunning of its invoices', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-01')
    const d = await debtor('Instal GmbH', 'standard')
    const i1 = addInvoice(b, clientId, d, 300_000, '2026-10-01')
    await b.call2('collections.instalments', { debtorId: d, invoiceIds: [i1], instalments: [{ dueDate: '2026-11-05', amount: 100_000 }, { dueDate: '2026-12-05', amount: 200_000 }] })
    expect((await collectionsTick(b.services, b.clock)).reminders.reminders).toEqual([])
    b.clock.set('2026-11-08')
    expect((await b.call2('collections.today', {})).instalmentsDue).toEqual([{ planId: 1, debtorId: d, debtorName: 'Instal GmbH', dueDate: '2026-11-05', amount: 100_000, currency: 'EUR' }])
    b.clock.set('2026-11-13')
    const t = await collectionsTick(b.services, b.clock)
    expect(t.evaluated.plansBroken).toBe(1)
    expect(t.reminders.reminders.map((r) => r.debtorName)).toEqual(['Instal GmbH'])
  })

  it('proposes agency handover after the final reminder and a chargeback at the recourse date', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-01')
    const d = await debtor('Agency GmbH', 'standard')
    const inv = addInvoice(b, clientId, d, 100_000, '2026-07-01')
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) values (?, 3, '2026-08-01')").run(inv)
    b.ledger.sqlite.prepare("insert into debtor_collection (debtor_id, final_sent_date) values (?, '2026-08-01')").run(d)
    const t = await collectionsTick(b.services, b.clock)
    expect(t.agencyProposals).toBe(1)
    expect(t.chargebackProposals).toBe(1)
    const [c] = await b.call2('agency.cases', { status: 'proposed' })
    expect(c.reason).toMatch(/123 days overdue, final reminder sent 92 days ago/)
    await b.call2('agency.decide', { id: c.id, approve: true })
    const { mkdtempSync, readFileSync } = await import('node:fs')
    const dir = mkdtempSync('/tmp/agency-')
    const ex = await b.call2('agency.export', { id: c.id, format: 'json', dir })
    const file = JSON.parse(readFileSync(ex.exportFile!, 'utf8'))
    expect(file.debtor.name).toBe('Agency GmbH')
    expect(file.invoices[0]).toMatchObject({ open: '1000.00', daysOverdue: 123 })
    const csv = await b.call2('agency.export', { id: c.id, format: 'csv', dir })
    expect(readFileSync(csv.exportFile!, 'utf8').split('\n')[0]).toMatch(/^case,debtor,reg_no/)
    b.clock.set('2026-12-01')
    const after = await b.call2('reminders.run', {})
    expect(after.skipped).toEqual([{ debtorId: d, reason: 'handed over to a collection agency' }])
    const [cb] = await b.call2('chargebacks.list', {})
    expect(cb).toMatchObject({ invoiceId: inv, amount: 100_000, recourseDate: '2026-09-29', status: 'proposed' })
  })
})
