import { readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { tempDir } from '../support/temp'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { superviseJobs } from '../../src/main/jobs'
import { fixedClock } from '../../src/shared/dates'
import { testBackend } from '../support/backend'
import { aClientAndDebtor, camt053, fundedInvoice } from './statement-fixtures'

const waitFor = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (cond()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('timed out')
}

describe('background jobs', () => {
  it('watch the folder chosen in Settings from the moment it is saved, and refuse a folder that does not exist', async () => {
    const b = testBackend()
    // A business clock pinned in the past, as FACTORDESK_TODAY pins it: file ages are still judged in real time.
    const clock = fixedClock('2026-11-23', Date.UTC(2026, 0, 1))
    const log: string[] = []
    const jobs = superviseJobs(b, { clock, log: (m) => log.push(m) })
    expect(jobs.current().bankFolder).toBeNull()
    expect(jobs.current().scheduler).not.toBeNull()

    const bad = await b.call('settings.setJobs', { bankFolder: '/no/such/folder', remindersEnabled: true }, { userId: null, transport: 'test' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.issues?.[0].path).toBe('bankFolder')

    const folder = tempDir('fd-jobs-')
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const inv = fundedInvoice(b.ledger, { clientId, debtorId, number: 'J-1', face: 250_00 })
    const file = join(folder, 'today.xml')
    writeFileSync(file, camt053([{ amount: 250_00, ref: inv.rfRef }]))
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))

    await b.call2('settings.setJobs', { bankFolder: folder, remindersEnabled: false })
    await waitFor(() => readdirSync(folder).includes('imported'))
    expect(readdirSync(join(folder, 'imported'))).toEqual(['today.xml'])
    expect(jobs.current().scheduler).toBeNull()
    expect((await b.call2('invoices.get', { id: inv.id })).status).toBe('paid')
    expect(log.some((m) => /today\.xml imported/.test(m))).toBe(true)
    await jobs.stop()
  })
})
