import { describe, expect, it } from 'vitest'
import { guessDateFormat, guessDelimiter, guessMapping, sniffKind } from '../../../src/renderer/src/features/approvals/mapping-guess'

const ERP = 'Export vom 20.11.2026\nRechnung;Kunde;HR-Nr;Datum;Fällig;Betrag\nR-10;Acme Retail GmbH;HRB 1234;03.11.2026;3.12.2026;1.234,50\nR-11;Kaufhaus Nord AG;HRB 999;04.11.2026;30.11.2026;10,00\n'

describe('first guess of a client layout for the mapping screen', () => {
  it('finds delimiter, header row, columns, date format and decimal comma of a German ERP export', () => {
    const delimiter = guessDelimiter(ERP)
    expect(delimiter).toBe(';')
    // The grid as the server splits it with no header, which is what the screen asks it for.
    const grid = ERP.trim().split('\n').map((l, i) => ({ line: i + 1, cells: l.split(';') }))
    const m = guessMapping(grid, delimiter)
    expect(m).toEqual({
      delimiter: ';', headerRow: 2, dateFormat: 'DD.MM.YYYY', decimalMark: ',',
      columns: { invoiceNumber: 'Rechnung', debtorName: 'Kunde', debtorRegNo: 'HR-Nr', issueDate: 'Datum', dueDate: 'Fällig', amount: 'Betrag' }
    })
  })

  it('maps English titles, keeps "Invoice date" off the invoice number and "Due" off the issue date', () => {
    const rows = [
      { line: 1, cells: ['Invoice', 'Customer', 'Country', 'Invoice date', 'Due', 'Amount', 'Cur'] },
      { line: 2, cells: ['X-1', 'Kaufhaus Nord AG', 'DE', '2026-11-10', '2026-12-10', '2500.75', 'EUR'] }
    ]
    expect(guessMapping(rows, ',')).toMatchObject({
      headerRow: 1, decimalMark: '.', dateFormat: 'YYYY-MM-DD',
      columns: { invoiceNumber: 'Invoice', debtorName: 'Customer', debtorCountry: 'Country', issueDate: 'Invoice date', dueDate: 'Due', amount: 'Amount', currency: 'Cur' }
    })
  })

  it('falls back to positions when the file has no titles', () => {
    const rows = [{ line: 1, cells: ['A-1', 'Acme', '01.11.2026', '01.12.2026', '100,00'] }]
    expect(guessMapping(rows, ';')).toMatchObject({ headerRow: 0, columns: { invoiceNumber: 1, debtorName: 2, issueDate: 3, dueDate: 4, amount: 5 } })
  })

  it('tells day-first from month-first slashes only when a part is over 12', () => {
    expect(guessDateFormat(['03/11/2026', '13/11/2026'])).toBe('DD/MM/YYYY')
    expect(guessDateFormat(['11/13/2026', '11/03/2026'])).toBe('MM/DD/YYYY')
    expect(guessDateFormat(['20261103'])).toBe('YYYYMMDD')
  })

  it('recognises the files that need no mapping the way the server does', () => {
    const enc = (s: string) => new TextEncoder().encode(s)
    const fd = 'invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount\n'
    expect(sniffKind('a.csv', enc(fd), '\ufeff' + fd)).toBe('factordesk-csv')
    expect(sniffKind('a.csv', enc(ERP), ERP)).toBe('csv')
    expect(sniffKind('inv.xml', enc('<Invoice/>'), '<Invoice/>')).toBe('ubl')
    expect(sniffKind('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]), '')).toBe('xlsx')
  })
})
