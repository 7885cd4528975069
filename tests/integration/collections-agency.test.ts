import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addInvoice, collectionsLedger } from './collections-fixture'

let dir = ''
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }))

/** Two debtors past their final reminder (sent 1 August); one of them is handed over. */
async function twoFinal() {
  const l = await collectionsLedger('2026-11-01')
  const { b, clientId, debtor } = l
  const gone = await debtor('Gone Quiet GmbH', 'standard')
  const kept = await debtor('Still Here GmbH', 'standard')
  for (const d of [gone, kept]) {
    const inv = addInvoice(b, clientId, d, 100_000, '2026-07-01')
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) values (?, 2, '2026-08-01')").run(inv)
    b.ledger.sqlite.prepare("insert into debtor_collection (debtor_id, final_sent_date) values (?, '2026-08-01')").run(d)
  }
  await b.call2('collections.refresh', {})
  return { ...l, gone, kept }
}

describe('agency handover', () => {
  it('proposes with the rule that was met; an approved case exports to the configured folder and its debtor gets no more reminders', async () => {
    const { b, gone, kept } = await twoFinal()
    const props = await b.call2('agency.propose', {})
    expect(props.map((p) => p.debtorId).sort()).toEqual([gone, kept].sort())
    const c = props.find((p) => p.debtorId === gone)!
    expect(c).toMatchObject({ status: 'proposed', handedOver: false, overdue: [{ currency: 'EUR', overdue: 100_000 }], oldestDue: '2026-07-01' })
    expect(c.reason).toBe('123 days overdue, final reminder sent 92 days ago, no promise or dispute')
    // Proposing again does not duplicate a live case.
    expect(await b.call2('agency.propose', {})).toEqual([])

    const approver = await b.call2('users.create', { name: 'Anna Approver', role: 'approver' })
    const approved = await b.call2('agency.decide', { id: c.id, approve: true }, approver.id)
    expect(approved).toMatchObject({ status: 'approved', handedOver: true, decidedByName: 'Anna Approver' })
    const noDir = await b.call('agency.export', { id: c.id }, { userId: null, transport: 'test' })
    expect(noDir.ok ? 'ok' : noDir.error.message).toMatch(/^dir: no folder given and no agencyDir/)
    dir = mkdtempSync(join(tmpdir(), 'fd-agency-'))
    const s = await b.call2('collections.settings', {})
    await b.call2('collections.saveSettings', { ...s, agencyDir: dir })
    const ex = await b.call2('agency.export', { id: c.id })
    expect(ex.status).toBe('exported')
    expect(ex.exportFile!.startsWith(dir)).toBe(true)
    expect(JSON.parse(readFileSync(ex.exportFile!, 'utf8')).debtor.name).toBe('Gone Quiet GmbH')
    await b.call2('agency.decide', { id: props.find((p) => p.debtorId === kept)!.id, approve: false })

    // Internal dunning: the final level was 2 of 3; a month later only the debtor kept in house gets level 3.
    b.clock.set('2026-12-01')
    const run = await b.call2('reminders.run', {})
    expect(run.reminders.map((r) => [r.debtorId, r.level])).toEqual([[kept, 3]])
    expect(run.skipped).toEqual([{ debtorId: gone, reason: 'handed over to a collection agency' }])
    expect(await b.call2('reminders.list', { debtorId: gone })).toEqual([])
    expect((await b.call2('agency.cases', {})).map((x) => [x.debtorName, x.status, x.handedOver])).toEqual([
      ['Still Here GmbH', 'rejected', false],
      ['Gone Quiet GmbH', 'exported', true]
    ])
  })
  it('a controller proposes a debtor by hand, with the reason shown as the why', async () => {
    const { b, kept } = await twoFinal()
    const u = await b.call2('users.create', { name: 'Carla Controller', role: 'controller' })
    const c = await b.call2('agency.proposeDebtor', { debtorId: kept, reason: 'company is being wound up' }, u.id)
    expect(c).toMatchObject({ status: 'proposed', reason: 'proposed by Carla Controller: company is being wound up', handedOver: false })
    const again = await b.call('agency.proposeDebtor', { debtorId: kept, reason: 'twice' }, { userId: u.id, transport: 'test' })
    expect(again.ok ? 'ok' : again.error.message).toBe('Still Here GmbH is already proposed for handover')
    // The rule does not add a second live case for the same debtor.
    expect((await b.call2('agency.propose', {})).map((p) => p.debtorId)).not.toContain(kept)
  })
})
