import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readUbl } from '../../../src/core/requests/ubl'

const fixture = (n: string) => readFileSync(resolve(__dirname, '../../fixtures/ubl', n), 'utf8')

describe('UBL 2.1 invoice reader', () => {
  it('reads the Peppol BIS 3 base example: buyer as debtor, PayableAmount as face', () => {
    const r = readUbl('base.xml', fixture('peppol-base-example.xml'))
    expect(r.errors).toEqual([])
    expect(r.lines).toEqual([{ file: 'base.xml', line: 8, number: 'Snippet1', debtorName: 'Buyer Official Name', debtorRegNo: '39937423947', debtorCountry: 'SE', issueDate: '2017-11-13', dueDate: '2017-12-01', currency: 'EUR', amount: 165625 }])
  })

  it('takes the due date from PaymentMeans when the invoice has none, and keeps å ä ö', () => {
    const r = readUbl('sv.xml', fixture('sv-due-in-payment-means.xml'))
    expect(r.lines[0]).toMatchObject({ number: 'SE-2026-0042', debtorName: 'Åkesson & Söner Byggvaror AB', debtorRegNo: '5560001234', dueDate: '2026-12-05', amount: 1_250_000 })
  })

  it('refuses credit notes and broken XML with a line number', () => {
    expect(readUbl('cn.xml', fixture('credit-note.xml')).errors[0].message).toBe('cn.xml line 2, field CreditNote: is a credit note, not an invoice; credit notes cannot be financed')
    const broken = fixture('sv-due-in-payment-means.xml').replace('</cbc:IssueDate>', '</cbc:IssueDat>')
    expect(readUbl('b.xml', broken).errors[0].message).toMatch(/^b\.xml line 8, field \(xml\): not well-formed XML/)
  })

  it('names the element and its line when a field is wrong', () => {
    const bad = fixture('sv-due-in-payment-means.xml').replace('2026-12-05', '2026-02-30')
    expect(readUbl('sv.xml', bad).errors.map((e) => e.message)).toEqual(['sv.xml line 31, field PaymentDueDate: 2026-02-30 is not a date'])
  })
})
