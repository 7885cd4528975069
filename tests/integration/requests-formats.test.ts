import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ColumnMapping } from '../../src/shared/contract'
import { ledgerWithClient, upload } from '../unit/requests/builders'
import { xlsx } from '../unit/requests/xlsx-writer'

const erpMapping: ColumnMapping = {
  delimiter: ';', decimalMark: ',', dateFormat: 'DD.MM.YYYY', headerRow: 2,
  columns: { invoiceNumber: 'Rechnung', debtorName: 'Kunde', debtorRegNo: 'HR-Nr', issueDate: 'Datum', dueDate: 'Fällig', amount: 'Betrag' },
  defaultCountry: 'DE', defaultCurrency: 'EUR'
}

describe('intake through a saved column mapping', () => {
  it('reads a semicolon CSV with decimal commas and German dates; the mapping preview shows rows as read', async () => {
    const { b, client, acme } = await ledgerWithClient()
    const text = 'Export vom 20.11.2026\nRechnung;Kunde;HR-Nr;Datum;Fällig;Betrag\nR-10;Acme Retail GmbH;HRB 1234;03.11.2026;3.12.2026;1.234,50\nR-11;Acme Retail GmbH;HRB 1234;04.11.2026;31.11.2026;10,00\n'
    const file = upload('erp.csv', Buffer.from(text, 'latin1'))
    const saved = await b.call2('mappings.save', { clientId: client.id, name: 'ERP export', mapping: erpMapping })
    expect((await b.call2('mappings.list', { clientId: client.id })).map((m) => m.name)).toEqual(['ERP export'])
    const pv = await b.call2('mappings.preview', { file, mapping: erpMapping, limit: 5 })
    expect(pv.header).toEqual(['Rechnung', 'Kunde', 'HR-Nr', 'Datum', 'Fällig', 'Betrag'])
    expect(pv.rows[0].read).toMatchObject({ number: 'R-10', debtorCountry: 'DE', issueDate: '2026-11-03', dueDate: '2026-12-03', currency: 'EUR', amount: 123450 })
    expect(pv.rows[1].errors.map((e) => e.message)).toEqual(['erp.csv line 4, field Fällig: 31.11.2026 is not a date in the form DD.MM.YYYY'])
    const p = await b.call2('requests.preview', { clientId: client.id, files: [file], mappingId: saved.id })
    expect(p.errors).toHaveLength(1)
    expect(p.rows.map((r) => [r.number, r.debtorId])).toEqual([['R-10', acme.id]])
  })

  it('reads an XLSX with real date cells and numbers through a mapping', async () => {
    const { b, client, kauf } = await ledgerWithClient()
    const book = xlsx([
      ['Invoice', 'Customer', 'Country', 'Invoice date', 'Due', 'Amount', 'Cur'],
      ['X-1', 'Kaufhaus Nord AG', 'DE', { date: '2026-11-10' }, { date: '2026-12-10' }, 2500.75, 'EUR'],
      ['X-2', 'Kaufhaus Nord', 'DE', '12.11.2026', { date: '2026-12-12' }, 99, 'EUR'],
      [null, null, null, null, null, null, null]
    ])
    const mapping: ColumnMapping = { delimiter: ';', decimalMark: '.', dateFormat: 'DD.MM.YYYY', headerRow: 1, columns: { invoiceNumber: 'Invoice', debtorName: 'Customer', debtorCountry: 'Country', issueDate: 'Invoice date', dueDate: 'Due', amount: 'Amount', currency: 'Cur' } }
    const p = await b.call2('requests.preview', { clientId: client.id, files: [upload('book.xlsx', book)], mapping })
    expect(p.errors).toEqual([])
    expect(p.files[0].format).toBe('xlsx')
    expect(p.rows.map((r) => [r.number, r.debtorId, r.issueDate, r.dueDate, r.amount])).toEqual([
      ['X-1', kauf.id, '2026-11-10', '2026-12-10', 250075],
      ['X-2', kauf.id, '2026-11-12', '2026-12-12', 9900]
    ])
  })

  it('asks for a mapping when a spreadsheet or a foreign CSV comes without one', async () => {
    const { b, client } = await ledgerWithClient()
    const p = await b.call2('requests.preview', { clientId: client.id, files: [upload('book.xlsx', xlsx([['a']])), upload('other.csv', 'a;b\n1;2\n')] })
    expect(p.errors.map((e) => e.message)).toEqual([
      'book.xlsx: a spreadsheet needs a column mapping (choose or save one for this client)',
      'other.csv: the first line is not the FactorDesk header (invoice_number,…); choose a column mapping for this layout'
    ])
  })
})

describe('intake of UBL invoices, many at once', () => {
  it('imports several UBL files as one request and creates the unknown buyer for review', async () => {
    const { b, client } = await ledgerWithClient()
    const sv = readFileSync(resolve(__dirname, '../fixtures/ubl/sv-due-in-payment-means.xml'))
    const second = Buffer.from(sv.toString('utf8').replace('SE-2026-0042', 'SE-2026-0043').replace('12500.00</cbc:PayableAmount>', '800.00</cbc:PayableAmount>'))
    const imp = await b.call2('requests.import', { clientId: client.id, files: [upload('a.xml', sv), upload('b.xml', second)] })
    expect(imp.files.map((f) => f.format)).toEqual(['ubl', 'ubl'])
    expect(imp.stored).toBe(2)
    expect(imp.totals.newDebtors).toBe(1)
    expect(imp.rows[0].checks.map((c) => c.code).sort()).toEqual(['NEW_DEBTOR', 'NO_NOTICE', 'VERIFICATION'])
    const debtors = await b.call2('debtors.list', { needsReview: true })
    expect(debtors.rows.map((d) => [d.name, d.regNo, d.country])).toEqual([['Åkesson & Söner Byggvaror AB', '5560001234', 'SE']])
    const again = await b.call2('requests.preview', { clientId: client.id, files: [upload('a.xml', sv)] })
    expect(again.rows[0].debtorMatch).toBe('reg_no')
    expect(again.rows[0].skipped).toBe(true)
  })
})
