import { describe, expect, it } from 'vitest'
import { buildEntry, cr, dr } from '../../src/core/journal'
import { accountBalance, postEntry } from '../../src/main/db/repos/journal-repo'
import { formatAmount, localeFor } from '../../src/main/documents/format'
import { testBackend } from '../support/backend'
import { FACTOR, HAS_PDFTOTEXT, pageCount, pdfText } from './documents-fixture'
import { aClientAndDebtor, bytesOf, camt053, fundedInvoice } from './statement-fixtures'

const withText = it.skipIf(!HAS_PDFTOTEXT)
/** How the statement prints money for a Swedish client, folded like pdfText folds white space. */
const printed = (n: number) => formatAmount(n, 'EUR', localeFor(null, 'SE')).replace(/[\s\u00a0\u202f]+/g, ' ')

/** A client with three funded invoices: one paid in full, one in part, one untouched; the period covers all of it. */
async function clientWithPayments() {
  const b = testBackend()
  await b.call2('settings.setFactor', FACTOR)
  const { clientId, debtorId } = await aClientAndDebtor(b, 'Nordic Tools AB')
  const paid = fundedInvoice(b.ledger, { clientId, debtorId, number: 'CS-1', face: 10_000_00 })
  const part = fundedInvoice(b.ledger, { clientId, debtorId, number: 'CS-2', face: 4_000_00 })
  const open = fundedInvoice(b.ledger, { clientId, debtorId, number: 'CS-3', face: 2_500_00, dueDate: '2026-12-15' })
  b.services.statementImport.commit({ fileName: 'nov.xml', bytes: bytesOf(camt053([{ amount: 10_000_00, ref: paid.rfRef }, { amount: 1_000_00, ref: part.rfRef }])) }, { source: 'cli', userId: null })
  return { b, clientId, paid, part, open }
}

describe('client statement', () => {
  it('reconciles the reserve from opening to closing by cause and agrees with the journal', async () => {
    const { b, clientId, paid, part, open } = await clientWithPayments()
    const st = await b.call2('payments.clientStatement', { clientId, from: '2026-10-01', to: '2026-11-30' })
    const r = st.reserve
    expect(st.openingReserve).toBe(0)
    expect(st.openingReserve + r.funding + r.fees + r.shortfalls + r.releases + r.chargebacks + r.other).toBe(st.closingReserve)
    expect(st.closingReserve).toBe(-accountBalance(b.ledger, 'clientReserve', 'EUR', { clientId }))
    // Face less advance of every invoice is held at funding; the fees of both payments come off it.
    expect(r.funding).toBe([paid, part, open].reduce((s, i) => s + i.face - i.advance, 0))
    expect(st.totals.fees).toBeGreaterThan(0)
    expect(r.fees).toBe(-st.totals.fees)
    expect(r.other).toBe(0)
    expect(st.totals.advances).toBe(paid.advance + part.advance + open.advance)
    expect(st.totals.collections).toBe(11_000_00)
    // Only the closed invoice has a rebate: collected - advance - fee.
    const paidFee = st.lines.filter((l) => l.kind === 'fee' && l.invoiceNumber === 'CS-1').reduce((s, l) => s + l.amount, 0)
    expect(st.rebates).toBe(10_000_00 - paid.advance - paidFee)
    expect(st.openItems.map((i) => i.number)).toEqual(['CS-2', 'CS-3'])
    expect(st.openItemsTotal).toEqual({ count: 2, face: 6_500_00, openAmount: 5_500_00 })
    // Before the period nothing had happened; a period after it opens with what this one closed with.
    const later = await b.call2('payments.clientStatement', { clientId, from: '2026-12-01', to: '2026-12-31' })
    expect(later.openingReserve).toBe(st.closingReserve)
    expect(later.lines).toEqual([])
  })

  withText('prints the statement as a PDF with the reserve, the period totals and the open invoices', async () => {
    const { b, clientId } = await clientWithPayments()
    const st = await b.call2('payments.clientStatement', { clientId, from: '2026-10-01', to: '2026-11-30' })
    const doc = await b.call2('documents.clientStatement', { clientId, from: '2026-10-01', to: '2026-11-30' })
    const pdf = Buffer.from(doc.base64, 'base64')
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(doc.bytes).toBe(pdf.length)
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1)
    expect(doc.fileName).toMatch(/^statement-Client_of_Nordic_Tools_AB-2026-10-01-2026-11-30\.pdf$/)
    const text = pdfText(pdf)
    expect(text).toContain('Client statement 2026-10-01 – 2026-11-30')
    expect(text).toContain('Client of Nordic Tools AB')
    expect(text).toContain(`Opening reserve 2026-10-01 ${printed(st.openingReserve)}`)
    expect(text).toContain(`Closing reserve 2026-11-30 ${printed(st.closingReserve)}`)
    expect(text).toContain(`Reserve held on invoices funded + ${printed(st.reserve.funding)}`)
    expect(text).toContain(`Fees charged to the reserve − ${printed(-st.reserve.fees)}`)
    expect(text).toContain(`Advances paid ${printed(st.totals.advances)}`)
    expect(text).toContain(`Collections ${printed(st.totals.collections)}`)
    expect(text).toContain(`Rebates ${printed(st.rebates)}`)
    expect(text).toMatch(/CS-2 Nordic Tools AB .*CS-3 Nordic Tools AB/)
    expect(text).toContain('2 invoices')
  })

  it('counts payments posted straight to the journal (history from an earlier system) as collections, once', async () => {
    const { b, clientId, open } = await clientWithPayments()
    const before = await b.call2('payments.clientStatement', { clientId, from: '2026-10-01', to: '2026-11-30' })
    // A payment with no bank line behind it, as the demo ledger and a take-over of old books post them.
    postEntry(b.ledger, buildEntry({ date: '2026-11-10', kind: 'payment', memo: 'Debtor payments 2026-11-10 (EUR): 1' }, cr('receivables', 'EUR', 700_00, { clientId, debtorId: open.debtorId, invoiceId: open.id }), dr('bank', 'EUR', 700_00)), null, 0)
    const after = await b.call2('payments.clientStatement', { clientId, from: '2026-10-01', to: '2026-11-30' })
    expect(after.totals.collections).toBe(before.totals.collections + 700_00)
    expect(after.lines.filter((l) => l.kind === 'collection' && l.invoiceNumber === 'CS-3')).toMatchObject([{ date: '2026-11-10', amount: 700_00 }])
    // The bank-file payments are counted from their allocations only, not again from their journal entries.
    expect(after.lines.filter((l) => l.kind === 'collection')).toHaveLength(before.lines.filter((l) => l.kind === 'collection').length + 1)
  })

  it('refuses an unknown client, a reversed period and a ledger without the factor details', async () => {
    const { b, clientId } = await clientWithPayments()
    await expect(b.call2('documents.clientStatement', { clientId: 999, from: '2026-10-01', to: '2026-11-30' })).rejects.toThrow(/client 999/)
    await expect(b.call2('documents.clientStatement', { clientId, from: '2026-12-01', to: '2026-11-30' })).rejects.toThrow(/from 2026-12-01 is after to 2026-11-30/)
    const bare = testBackend()
    const { clientId: c2 } = await aClientAndDebtor(bare)
    await expect(bare.call2('documents.clientStatement', { clientId: c2, from: '2026-10-01', to: '2026-11-30' })).rejects.toThrow(/FACTOR_MISSING/)
  })
})
