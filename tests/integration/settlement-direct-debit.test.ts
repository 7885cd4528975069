import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { tempDir } from '../support/temp'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import { checkJournal } from '../../src/main/db/repos/journal-repo'
import { aClientAndDebtor, bytesOf, camt053, fundedInvoice } from './statement-fixtures'

const XSD = '/work/shared/fixtures/sepa/raphaelm-python-sepaxml/sepaxml/schemas/pain.008.001.08.xsd'
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0
const inv = (b: ReturnType<typeof testBackend>, id: number) => b.ledger.sqlite.prepare('select open_amount as openAmount, status from invoice where id = ?').get(id) as { openAmount: number; status: string }

describe('SEPA direct debit', () => {
  it('collects by pain.008.001.08, matches the collection by end-to-end id, and a camt.054 return reopens the invoice', async () => {
    const b = testBackend('2026-11-23')
    await b.call2('settings.setFactor', { name: 'Faktor Nord AB', country: 'SE', iban: 'SE3550000000054910000003', bic: 'ESSESESS', sepaCreditorId: 'SE98ZZZ09999999999' })
    const { clientId, debtorId } = await aClientAndDebtor(b, 'Müller & Söhne GmbH')
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'DD-1', face: 1_234_56, dueDate: '2026-11-25' })
    await expect(b.call2('directDebits.export', { collectionDate: '2026-11-30' })).rejects.toThrow(/no open EUR invoice/)
    await b.call2('mandates.create', { debtorId, umr: 'MNDT-0001', signatureDate: '2026-01-15', scheme: 'CORE', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' })
    // The dry run shows what the export will collect, and records nothing: not due by the 24th, due by the 30th.
    expect((await b.call2('directDebits.preview', { collectionDate: '2026-11-24' })).count).toBe(0)
    const preview = await b.call2('directDebits.preview', { collectionDate: '2026-11-30' })
    expect(preview).toMatchObject({ count: 1, total: 1_234_56, currency: 'EUR', items: [{ invoiceId: a.id, number: 'DD-1', umr: 'MNDT-0001', sequence: 'FRST', amount: 1_234_56 }] })
    expect(await b.call2('directDebits.preview', { collectionDate: '2026-11-30' })).toEqual(preview)
    const dd = await b.call2('directDebits.export', { collectionDate: '2026-11-30' })
    expect(dd).toMatchObject({ count: preview.count, total: preview.total, currency: 'EUR' })
    expect(dd.xml).toContain('<SeqTp>FRST</SeqTp>')
    expect(dd.xml).toContain('<CtrlSum>1234.56</CtrlSum>')
    expect(dd.xml).toContain(`<Ref>${a.rfRef}</Ref>`)
    if (!hasXmllint || !existsSync(XSD)) {
      console.warn('SKIPPED XSD validation of pain.008: xmllint or the XSD is missing (apt-get install libxml2-utils)')
    } else {
      const dir = tempDir('dd-')
      writeFileSync(join(dir, 'dd.xml'), dd.xml)
      const out = spawnSync('xmllint', ['--noout', '--schema', XSD, join(dir, 'dd.xml')], { encoding: 'utf8' })
      expect(out.stderr).toContain('validates')
      expect(out.status).toBe(0)
    }
    // Exporting again does not collect the same invoice twice, and the dry run says so beforehand.
    expect((await b.call2('directDebits.preview', { collectionDate: '2026-11-30' })).count).toBe(0)
    await expect(b.call2('directDebits.export', { collectionDate: '2026-11-30' })).rejects.toThrow(/no open EUR invoice/)
    // A revoked mandate stays listed, inactive, and nothing more is collected under it.
    const later = fundedInvoice(b.ledger, { clientId, debtorId, number: 'DD-2', face: 99_00, dueDate: '2026-11-26' })
    expect((await b.call2('directDebits.preview', { collectionDate: '2026-11-30' })).items.map((i) => i.invoiceId)).toEqual([later.id])
    const [mandate] = await b.call2('mandates.list', { debtorId })
    expect(await b.call2('mandates.deactivate', { id: mandate.id, reason: 'debtor revoked it by letter' })).toMatchObject({ umr: 'MNDT-0001', active: false })
    expect((await b.call2('directDebits.preview', { collectionDate: '2026-11-30' })).count).toBe(0)
    await expect(b.call2('mandates.deactivate', { id: mandate.id, reason: 'again' })).rejects.toThrow(/already inactive/)
    expect((await b.call2('mandates.list', { debtorId })).map((m) => m.active)).toEqual([false])
    const e2e = /<EndToEndId>([^<]+)<\/EndToEndId>/.exec(dd.xml)![1]

    const paid = b.services.statementImport.commit({ fileName: 'c54-paid.xml', bytes: bytesOf(camt053([{ amount: 1_234_56, e2e, date: '2026-11-30', ustrd: 'SEPA Lastschrift' }], { kind: '054' })) }, { source: 'cli', userId: null })
    expect(paid.counts.autoMatched).toBe(1)
    expect(inv(b, a.id)).toEqual({ openAmount: 0, status: 'paid' })
    expect((await b.call2('mandates.list', { debtorId }))[0].sequence).toBe('RCUR')

    const back = b.services.statementImport.commit({ fileName: 'c54-return.xml', bytes: bytesOf(camt053([{ amount: -1_234_56, e2e, date: '2026-12-03', ustrd: 'Rueckgabe MD06' }], { kind: '054', id: 'R1' })) }, { source: 'cli', userId: null })
    expect(back.counts.autoMatched).toBe(1)
    expect(inv(b, a.id)).toEqual({ openAmount: 1_234_56, status: 'funded' })
    const lines = (await b.call2('payments.lines', { view: 'all' })).rows
    expect(lines.find((l) => l.amount < 0)).toMatchObject({ status: 'returned' })
    expect(checkJournal(b.ledger).balanced).toBe(true)
    // The bank account nets to zero across collection and return (only the funding entries remain).
    const bank = b.ledger.sqlite.prepare("select coalesce(sum(l.amount),0) from journal_line l join journal_entry e on e.id = l.entry_id where l.account = 'bank' and e.kind <> 'funding'").pluck().get()
    expect(bank).toBe(0)
  })
})
