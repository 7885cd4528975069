import { describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import { checkJournal, accountBalance } from '../../src/main/db/repos/journal-repo'
import { aClientAndDebtor, bytesOf, camt053, fundedInvoice } from './statement-fixtures'

const count = (b: ReturnType<typeof testBackend>, t: string) => b.ledger.sqlite.prepare(`select count(*) from ${t}`).pluck().get() as number
const invoice = (b: ReturnType<typeof testBackend>, id: number) => b.ledger.sqlite.prepare('select open_amount as openAmount, status, closed_date as closedDate from invoice where id = ?').get(id) as { openAmount: number; status: string; closedDate: string | null }

describe('statement import', () => {
  it('previews what it will do, and commits exactly that in one transaction', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const inv = fundedInvoice(b.ledger, { clientId, debtorId, number: 'A-100', face: 10_000_00 })
    const other = fundedInvoice(b.ledger, { clientId, debtorId, number: 'A-101', face: 500_00 })
    const file = camt053([
      { amount: 10_000_00, ref: inv.rfRef, name: 'Nordic Tools AB', iban: 'SE4550000000058398257466' },
      { amount: 123_45, name: 'Unknown Payer GmbH', ustrd: 'thanks' },
      { amount: 490_00, ustrd: 'Invoice A-101 less discount' },
      { amount: -50_00, name: 'Bank', ustrd: 'fees' }
    ])
    const content = Buffer.from(file).toString('base64')
    const preview = await b.call2('payments.previewImport', { fileName: 'nov.xml', contentBase64: content })
    expect(preview.counts).toEqual({ entries: 4, added: 4, duplicates: 0, autoMatched: 1, suggested: 1, unmatched: 1 })
    expect(preview.lines[0].decision).toMatchObject({ kind: 'auto', rung: 'reference', allocations: [{ invoiceId: inv.id, amount: 10_000_00 }] })
    expect(preview.lines[2].decision?.kind).toBe('suggested')
    expect(preview.invoices[other.id].number).toBe('A-101')
    // Nothing is stored by a preview.
    expect(count(b, 'bank_entry')).toBe(0)

    const stages: string[] = []
    const off = b.on('job.progress', (p) => p.job === 'payments.import' && stages.push(`${p.done}/${p.total} ${p.message}`))
    const done = await b.call2('payments.commitImport', { fileName: 'nov.xml', contentBase64: content, token: preview.token })
    off()
    expect(done.counts).toEqual(preview.counts)
    // The window's progress shows each stage of a commit, and that it ended.
    expect(stages).toEqual(['0/2 Reading nov.xml', `1/2 nov.xml: matching and posting ${preview.counts.entries} lines`, '2/2 nov.xml: done'])
    expect(invoice(b, inv.id)).toEqual({ openAmount: 0, status: 'paid', closedDate: '2026-11-20' })
    expect(invoice(b, other.id).status).toBe('funded')
    // 50 days from funding: the 4 % tier of the default agreement, charged against the reserve.
    expect(accountBalance(b.ledger, 'feeIncome', 'EUR', { invoiceId: inv.id })).toBe(-400_00)
    // What the reserve holds for the invoice is the rebate: collected - advance - fee.
    expect(-accountBalance(b.ledger, 'clientReserve', 'EUR', { invoiceId: inv.id })).toBe(10_000_00 - inv.advance - 400_00)
    // Unmatched and suggested cash is visible as unapplied cash; the outgoing fee line is not a collection.
    expect(-accountBalance(b.ledger, 'unappliedCash', 'EUR')).toBe(123_45 + 490_00)
    expect(checkJournal(b.ledger).balanced).toBe(true)
    const stored = b.ledger.sqlite.prepare('select f.bytes from bank_import i join bank_file f on f.sha256 = i.file_sha256').pluck().get() as Buffer
    expect(stored.toString()).toBe(file)
    // The payer's IBAN was learned from the reference match.
    expect(b.services.parties.getDebtor(debtorId).ibans).toEqual(['SE4550000000058398257466'])
  })

  it('adds nothing on re-import, only the new rows of an overlapping statement, and keeps identical rows of one file', async () => {
    const b = testBackend()
    const fee = { amount: -2_50, ustrd: 'Card fee', acctSvcrRef: null }
    const day1 = camt053([fee, fee, { amount: 100_00, name: 'X', ustrd: 'a' }])
    const first = b.services.statementImport.commit({ fileName: 'd1.xml', bytes: bytesOf(day1) }, { source: 'cli', userId: null })
    expect(first.counts).toMatchObject({ entries: 3, added: 3, duplicates: 0 })
    const again = b.services.statementImport.commit({ fileName: 'd1-copy.xml', bytes: bytesOf(day1) }, { source: 'cli', userId: null })
    expect(again.counts).toMatchObject({ entries: 3, added: 0, duplicates: 3 })
    const overlap = camt053([fee, fee, { amount: 100_00, name: 'X', ustrd: 'a' }, { amount: 7_00, name: 'Y', ustrd: 'b' }], { id: 'S2' })
    const third = b.services.statementImport.commit({ fileName: 'd1-d2.xml', bytes: bytesOf(overlap) }, { source: 'cli', userId: null })
    expect(third.counts).toMatchObject({ entries: 4, added: 1, duplicates: 3 })
    expect(count(b, 'bank_entry')).toBe(4)
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })

  it('refuses a commit when the ledger changed since the preview, storing nothing', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const inv = fundedInvoice(b.ledger, { clientId, debtorId, number: 'B-1', face: 300_00 })
    const fileA = Buffer.from(camt053([{ amount: 300_00, ref: inv.rfRef }], { id: 'A' })).toString('base64')
    const preview = await b.call2('payments.previewImport', { fileName: 'a.xml', contentBase64: fileA })
    // Meanwhile another file pays the same invoice.
    b.services.statementImport.commit({ fileName: 'b.xml', bytes: bytesOf(camt053([{ amount: 300_00, ref: inv.rfRef, ustrd: 'other' }])) }, { source: 'cli', userId: null })
    const entries = count(b, 'bank_entry')
    await expect(b.call2('payments.commitImport', { fileName: 'a.xml', contentBase64: fileA, token: preview.token })).rejects.toThrow(/STALE_PREVIEW.*a\.xml.*preview the file again/)
    expect(count(b, 'bank_entry')).toBe(entries)
    expect(count(b, 'bank_import')).toBe(1)
  })

  it('rejects a truncated or unknown file with the file name and place, and stores nothing', async () => {
    const b = testBackend()
    const good = camt053([{ amount: 1_00, ustrd: 'x' }])
    const truncated = good.slice(0, Math.floor(good.length * 0.6))
    await expect(b.call2('payments.previewImport', { fileName: 'cut.xml', contentBase64: Buffer.from(truncated).toString('base64') })).rejects.toThrow(/cut\.xml/)
    expect(() => b.services.statementImport.commit({ fileName: 'cut.xml', bytes: bytesOf(truncated) }, { source: 'cli', userId: null })).toThrow(/cut\.xml/)
    expect(() => b.services.statementImport.commit({ fileName: 'letter.txt', bytes: bytesOf('Dear Sir, please find attached') }, { source: 'cli', userId: null })).toThrow(/letter\.txt: .*not a recognised bank statement/)
    expect(count(b, 'bank_import') + count(b, 'bank_entry') + count(b, 'bank_file') + count(b, 'journal_entry')).toBe(0)
  })

  it('finds an invoice number whatever its case in the ledger and in the remittance text', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const lower = fundedInvoice(b.ledger, { clientId, debtorId, number: 'inv-5001', face: 210_00 })
    const upper = fundedInvoice(b.ledger, { clientId, debtorId, number: 'RG-77A', face: 330_00 })
    const r = b.services.statementImport.commit({ fileName: 'case.xml', bytes: bytesOf(camt053([{ amount: 210_00, ustrd: 'Payment INV-5001' }, { amount: 330_00, ustrd: 'our ref rg-77a' }])) }, { source: 'cli', userId: null })
    expect(r.counts).toMatchObject({ autoMatched: 2, unmatched: 0 })
    expect(invoice(b, lower.id).status).toBe('paid')
    expect(invoice(b, upper.id).status).toBe('paid')
  })
})
