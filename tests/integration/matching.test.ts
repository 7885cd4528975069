import { describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import { accountBalance, checkJournal } from '../../src/main/db/repos/journal-repo'
import { aClientAndDebtor, bytesOf, camt053, fundedInvoice } from './statement-fixtures'

const inv = (b: ReturnType<typeof testBackend>, id: number) => b.ledger.sqlite.prepare('select open_amount as openAmount, status, closed_date as closedDate from invoice where id = ?').get(id) as { openAmount: number; status: string; closedDate: string | null }
const commit = (b: ReturnType<typeof testBackend>, xml: string, name = 'f.xml') => b.services.statementImport.commit({ fileName: name, bytes: bytesOf(xml) }, { source: 'cli', userId: null })

describe('matching by hand, undo and refunds', () => {
  it('confirms a short-paid suggestion, closing the difference against the reserve, and learns the payer IBAN', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'S-77', face: 1_000_00 })
    commit(b, camt053([{ amount: 980_00, ustrd: 'S-77 minus 2% skonto', iban: 'DE89370400440532013000', name: 'NT Holding' }]))
    const page = await b.call2('payments.lines', { view: 'open' })
    expect(page.total).toBe(1)
    const line = page.rows[0]
    expect(line.status).toBe('suggested')
    expect(line.candidates[0]).toMatchObject({ id: a.id, number: 'S-77', amount: 980_00 })
    expect(line.candidates[0].reason).toContain('S-77')
    const after = await b.call2('payments.allocate', { bankEntryId: line.id, allocations: [{ invoiceId: a.id, amount: 980_00, closeShortfall: true }] })
    expect(after).toMatchObject({ status: 'matched', unapplied: 0 })
    expect(after.allocations[0]).toMatchObject({ amount: 980_00, shortfall: 20_00, rebate: 980_00 - a.advance - after.allocations[0].fee })
    expect(inv(b, a.id)).toMatchObject({ openAmount: 0, status: 'paid', closedDate: '2026-11-23' })
    expect(accountBalance(b.ledger, 'receivables', 'EUR', { invoiceId: a.id })).toBe(0)
    expect(b.services.parties.getDebtor(debtorId).ibans).toEqual(['DE89370400440532013000'])
    // Next time the same account pays an exact open amount, the IBAN rung applies it.
    const c = fundedInvoice(b.ledger, { clientId, debtorId, number: 'S-78', face: 250_00 })
    const r = commit(b, camt053([{ amount: 250_00, ustrd: 'payment', iban: 'DE89370400440532013000' }], { id: 'S9' }), 'g.xml')
    expect(r.counts.autoMatched).toBe(1)
    expect(inv(b, c.id).status).toBe('paid')
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })

  it('a confirmed suggestion that is undone goes back to the suggested list with its candidates', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'S-90', face: 500_00 })
    commit(b, camt053([{ amount: 490_00, ustrd: 'S-90 less discount', name: 'NT Holding' }]))
    const [line] = (await b.call2('payments.lines', { view: 'suggested' })).rows
    const applied = await b.call2('payments.allocate', { bankEntryId: line.id, allocations: [{ invoiceId: a.id, amount: 490_00 }] })
    expect((await b.call2('payments.lines', { view: 'suggested' })).total).toBe(0)
    const undone = await b.call2('payments.undo', { bankEntryId: line.id, journalEntryId: applied.allocations[0].journalEntryId, reason: 'wrong invoice' })
    expect(undone).toMatchObject({ status: 'suggested', unapplied: 490_00 })
    expect(undone.candidates.map((c) => c.number)).toEqual(['S-90'])
    expect((await b.call2('payments.lines', { view: 'suggested' })).rows.map((r) => r.id)).toEqual([line.id])
  })

  it('undoes an automatic match with reversal entries: the invoice reopens and the cash is unapplied again', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'U-1', face: 400_00 })
    commit(b, camt053([{ amount: 450_00, ref: a.rfRef }]))
    const [line] = (await b.call2('payments.lines', { view: 'unapplied' })).rows
    expect(line.unapplied).toBe(50_00)
    const entriesBefore = checkJournal(b.ledger).entries
    const bankBefore = accountBalance(b.ledger, 'bank', 'EUR') - 450_00
    const undone = await b.call2('payments.undo', { bankEntryId: line.id, journalEntryId: line.allocations[0].journalEntryId, reason: 'wrong invoice' })
    expect(undone).toMatchObject({ status: 'unmatched', unapplied: 450_00 })
    expect(undone.allocations[0].reversed).toBe(true)
    expect(inv(b, a.id)).toEqual({ openAmount: 400_00, status: 'funded', closedDate: null })
    expect(accountBalance(b.ledger, 'feeIncome', 'EUR', { invoiceId: a.id })).toBe(0)
    expect(-accountBalance(b.ledger, 'unappliedCash', 'EUR')).toBe(450_00)
    // Nothing was deleted: the original stays and its reversal is added. The cash entered the bank with the
    // statement and the application took it from unapplied cash, so the reversal alone puts it back there.
    expect(checkJournal(b.ledger).entries).toBe(entriesBefore + 1)
    expect(accountBalance(b.ledger, 'bank', 'EUR')).toBe(450_00 + bankBefore)
    await expect(b.call2('payments.undo', { bankEntryId: line.id, journalEntryId: line.allocations[0].journalEntryId })).rejects.toThrow(/already undone/)
    // Part of the cash goes to the invoice, the rest back to the payer.
    await b.call2('payments.allocate', { bankEntryId: line.id, allocations: [{ invoiceId: a.id, amount: 400_00 }] })
    await expect(b.call2('payments.refund', { bankEntryId: line.id, amount: 60_00, reason: 'overpaid' })).rejects.toThrow('refunding 60.00 EUR but only 50.00 EUR')
    const refunded = await b.call2('payments.refund', { bankEntryId: line.id, amount: 50_00, reason: 'overpaid' })
    expect(refunded.unapplied).toBe(0)
    expect(accountBalance(b.ledger, 'unappliedCash', 'EUR')).toBe(0)
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })

  it('one payment pays two invoices and one invoice takes two payments', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'M-1', face: 100_00 })
    const c = fundedInvoice(b.ledger, { clientId, debtorId, number: 'M-2', face: 200_00 })
    const r = commit(b, camt053([{ amount: 150_00, ustrd: 'M-1 M-2 part' }, { amount: 150_00, ustrd: 'rest', name: 'Nobody' }]))
    expect(r.counts.suggested).toBe(1)
    const open = (await b.call2('payments.lines', { view: 'open' })).rows
    const first = open.find((l) => l.remittance === 'M-1 M-2 part')!
    await b.call2('payments.allocate', { bankEntryId: first.id, allocations: [{ invoiceId: a.id, amount: 100_00 }, { invoiceId: c.id, amount: 50_00 }] })
    const second = open.find((l) => l.remittance === 'rest')!
    await b.call2('payments.allocate', { bankEntryId: second.id, allocations: [{ invoiceId: c.id, amount: 150_00 }] })
    expect(inv(b, a.id).status).toBe('paid')
    expect(inv(b, c.id)).toMatchObject({ openAmount: 0, status: 'paid' })
    await expect(b.call2('payments.allocate', { bankEntryId: second.id, allocations: [{ invoiceId: c.id, amount: 1 }] })).rejects.toThrow(/unapplied/)
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })

  it("undoes one bank line's automatic match out of a file's shared entry and leaves the file's other matches standing", async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'B-1', face: 300_00 })
    const c = fundedInvoice(b.ledger, { clientId, debtorId, number: 'B-2', face: 500_00 })
    const r = commit(b, camt053([{ amount: 300_00, ref: a.rfRef }, { amount: 500_00, ref: c.rfRef }]))
    expect(r.counts.autoMatched).toBe(2)
    const lines = (await b.call2('payments.lines', { view: 'all' })).rows
    const la = lines.find((l) => l.amount === 300_00)!
    const lc = lines.find((l) => l.amount === 500_00)!
    // Both applications sit in the file's one entry for that booking day.
    expect(la.allocations[0].journalEntryId).toBe(lc.allocations[0].journalEntryId)
    const feeA = la.allocations[0].fee
    const feeC = lc.allocations[0].fee
    expect(feeA).toBeGreaterThan(0)
    await b.call2('payments.undo', { bankEntryId: la.id, journalEntryId: la.allocations[0].journalEntryId, reason: 'paid the wrong invoice' })
    expect(inv(b, a.id)).toEqual({ openAmount: 300_00, status: 'funded', closedDate: null })
    expect(inv(b, c.id)).toMatchObject({ openAmount: 0, status: 'paid' })
    expect(accountBalance(b.ledger, 'receivables', 'EUR', { invoiceId: a.id })).toBe(300_00)
    expect(accountBalance(b.ledger, 'receivables', 'EUR', { invoiceId: c.id })).toBe(0)
    expect(-accountBalance(b.ledger, 'feeIncome', 'EUR')).toBe(feeC)
    expect(-accountBalance(b.ledger, 'unappliedCash', 'EUR')).toBe(300_00)
    expect((await b.call2('payments.line', { id: lc.id })).allocations[0].reversed).toBe(false)
    await expect(b.call2('payments.undo', { bankEntryId: lc.id, journalEntryId: la.allocations[0].journalEntryId - 1 })).rejects.toThrow(/no live application/)
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })

  it('looks at the payer when the invoice number in the text is not open in the payment currency', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b)
    fundedInvoice(b.ledger, { clientId, debtorId, number: 'Q-1', face: 900_00, currency: 'SEK' })
    const eur = fundedInvoice(b.ledger, { clientId, debtorId, number: 'Q-2', face: 250_00 })
    b.ledger.sqlite.prepare("insert into debtor_iban (iban, debtor_id, first_seen, source) values ('DE89370400440532013000', ?, '2026-10-01', 'match')").run(debtorId)
    const r = commit(b, camt053([{ amount: 250_00, ustrd: 'Q-1', iban: 'DE89370400440532013000' }]))
    expect(r.counts.autoMatched).toBe(1)
    expect(inv(b, eur.id).status).toBe('paid')
    const [line] = (await b.call2('payments.lines', { view: 'all' })).rows
    expect(line.reason).toContain('DE89370400440532013000')
    expect(checkJournal(b.ledger).balanced).toBe(true)
  })
})

describe('searching open invoices to allocate by hand', () => {
  it('finds open invoices in the line currency by number, RF reference, debtor name or open amount, soonest due first', async () => {
    const b = testBackend()
    const { clientId, debtorId } = await aClientAndDebtor(b, 'Fjäll & Partners AB')
    const later = fundedInvoice(b.ledger, { clientId, debtorId, number: 'SR-100', face: 2_590_34, dueDate: '2026-12-20' })
    const sooner = fundedInvoice(b.ledger, { clientId, debtorId, number: 'SR-101', face: 1_000_00, dueDate: '2026-11-30' })
    fundedInvoice(b.ledger, { clientId, debtorId, number: 'SR-102', face: 2_590_34, currency: 'SEK' })
    const paid = fundedInvoice(b.ledger, { clientId, debtorId, number: 'SR-103', face: 2_590_34 })
    commit(b, camt053([{ amount: 2_590_34, ref: paid.rfRef }]))
    const numbers = async (text: string) => (await b.call2('payments.searchInvoices', { text, currency: 'EUR' })).map((i) => i.number)
    expect(await numbers('SR-10')).toEqual(['SR-101', 'SR-100'])
    expect(await numbers('sr-100')).toEqual(['SR-100'])
    expect(await numbers(later.rfRef.replace(/(.{4})/g, '$1 '))).toEqual(['SR-100'])
    expect(await numbers('Fjäll')).toEqual(['SR-101', 'SR-100'])
    // The amount as people type it; the paid invoice and the one in SEK are not offered.
    expect(await numbers('2,590.34')).toEqual(['SR-100'])
    expect(await numbers('2.590,34')).toEqual(['SR-100'])
    expect(await numbers('1000')).toEqual([sooner.number])
    expect(await numbers('nothing like it')).toEqual([])
  })
})
