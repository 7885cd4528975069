import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { tempDir } from '../support/temp'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import { createBankFolderJob } from '../../src/main/jobs/bank-folder-watcher'
import { fixedClock } from '../../src/shared/dates'
import { aClientAndDebtor, camt053, fundedInvoice } from './statement-fixtures'

function setup() {
  const b = testBackend()
  const folder = tempDir('bankfolder-')
  const clock = fixedClock('2026-11-23', Date.UTC(2026, 10, 23, 12))
  const job = createBankFolderJob({ folder, clock, settleMs: 2000, intervalMs: 60_000, importFile: (fileName, bytes) => b.services.statementImport.commit({ fileName, bytes }, { source: 'folder', userId: null }) })
  // Files written "before" the injected now, so they count as settled.
  const put = (name: string, content: string, ageMs = 60_000) => {
    const p = join(folder, name)
    writeFileSync(p, content)
    const t = new Date(Date.UTC(2026, 10, 23, 12) - ageMs)
    utimesSync(p, t, t)
  }
  return { b, folder, job, put }
}

describe('bank folder job', () => {
  it('imports files waiting at start-up, moves them, and explains failures beside the failed file', async () => {
    const { b, folder, job, put } = setup()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const inv = fundedInvoice(b.ledger, { clientId, debtorId, number: 'F-1', face: 700_00 })
    put('day1.xml', camt053([{ amount: 700_00, ref: inv.rfRef }, { amount: 10_00, ustrd: 'who?' }]))
    put('junk.xml', '<not-a-statement/>')
    put('incoming.xml.part', 'half')
    put('contract.pdf', '%PDF-1.4 not a statement')
    put('notes', 'no extension')
    put('fresh.xml', camt053([{ amount: 1_00, ustrd: 'x' }], { id: 'S3' }), 500)
    const results = await job.start()
    await job.stop()
    expect(results.map((r) => [r.file, r.outcome]).sort()).toEqual([['day1.xml', 'imported'], ['junk.xml', 'failed']])
    expect(readdirSync(join(folder, 'imported'))).toEqual(['day1.xml'])
    expect(readFileSync(join(folder, 'failed', 'junk.xml.reason.txt'), 'utf8')).toMatch(/junk\.xml: .*not a recognised bank statement/)
    // Partial downloads, files still being written and what is no bank file (a PDF, no extension) stay where they are.
    expect(readdirSync(folder).sort()).toEqual(['contract.pdf', 'failed', 'fresh.xml', 'imported', 'incoming.xml.part', 'notes'])
    expect(b.ledger.sqlite.prepare('select status from invoice where id = ?').pluck().get(inv.id)).toBe('paid')
    // The unknown payment is left for a person, not applied.
    expect((await b.call2('payments.lines', { view: 'open' })).total).toBe(1)
  })

  it('never loses a file: the same file again is imported as duplicates and kept under a new name', async () => {
    const { b, folder, job, put } = setup()
    const xml = camt053([{ amount: 5_00, ustrd: 'a' }])
    put('s.xml', xml)
    await job.scanOnce()
    put('s.xml', xml)
    const [again] = await job.scanOnce()
    expect(again).toMatchObject({ outcome: 'imported', message: expect.stringContaining('0 new, 1 duplicates') })
    expect(readdirSync(join(folder, 'imported')).sort()).toEqual(['s (2).xml', 's.xml'])
    expect(existsSync(join(folder, 's.xml'))).toBe(false)
    expect(b.ledger.sqlite.prepare('select count(*) from bank_entry').pluck().get()).toBe(1)
  })
  it('shows the files it could not import with their reasons, and tries one again once the cause is fixed', async () => {
    const { b, folder, job, put } = setup()
    await b.call2('settings.setJobs', { bankFolder: folder, remindersEnabled: false })
    // A file for a bank profile nobody has set up yet: CSV of an unknown layout.
    const csv = 'Datum;Betrag;Text\n20.11.2026;1.234,50;Invoice X-1\n'
    put('giro.csv', csv)
    await job.scanOnce()
    const failed = await b.call2('payments.folderFailures', {})
    expect(failed.folder).toBe(folder)
    expect(failed.files).toHaveLength(1)
    expect(failed.files[0]).toMatchObject({ file: 'giro.csv' })
    expect(failed.files[0].reason).toContain('giro.csv')
    // Only a plain name from failed/ can be moved back: nothing else on the disk.
    await expect(b.call2('payments.retryFolderFile', { file: '../giro.csv' })).rejects.toThrow(/not a file name/)
    await expect(b.call2('payments.retryFolderFile', { file: 'other.csv' })).rejects.toThrow(/not in/)
    const after = await b.call2('payments.retryFolderFile', { file: 'giro.csv' })
    expect(after.files).toEqual([])
    expect(readFileSync(join(folder, 'giro.csv'), 'utf8')).toBe(csv)
    expect(existsSync(join(folder, 'failed', 'giro.csv.reason.txt'))).toBe(false)
    // Back in the folder the watcher tries it again; still unreadable, it fails again with its reason.
    await job.scanOnce()
    expect((await b.call2('payments.folderFailures', {})).files.map((f) => f.file)).toEqual(['giro.csv'])
  })
})
