import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { RowError } from '../../shared/contract/requests'
import { readLine, type InvoiceLine } from './rows'

type Node = Record<string, unknown>

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: true })

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (Array.isArray(v)) return text(v[0])
  if (typeof v === 'object') return text((v as Node)['#text'])
  return String(v)
}

function at(n: unknown, ...path: string[]): unknown {
  let cur = n
  for (const p of path) {
    if (Array.isArray(cur)) cur = cur[0]
    if (!cur || typeof cur !== 'object') return undefined
    cur = (cur as Node)[p]
  }
  return cur
}

/** The line where an element first appears, so a message can point into the XML like it does into a CSV. */
function lineOf(xml: string, tag: string): number {
  const i = xml.search(new RegExp(`<(?:[A-Za-z0-9_-]+:)?${tag}[\\s>/]`))
  return i < 0 ? 1 : xml.slice(0, i).split('\n').length
}

/**
 * Reads a UBL 2.1 Invoice (EN 16931 / Peppol BIS 3): the buyer is the debtor, the amount financed is
 * the PayableAmount (what the buyer owes, VAT included). Credit notes are refused: they reduce a
 * receivable, they are not one.
 */
export function readUbl(name: string, xml: string): { lines: InvoiceLine[]; errors: RowError[] } {
  const err = (line: number, field: string, msg: string): { lines: InvoiceLine[]; errors: RowError[] } => ({ lines: [], errors: [{ file: name, line, field, message: `${name} line ${line}, field ${field}: ${msg}` }] })
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml
  const valid = XMLValidator.validate(source)
  if (valid !== true) return err(valid.err.line, '(xml)', `not well-formed XML (${valid.err.msg})`)
  const doc = parser.parse(source) as Node
  if (doc.CreditNote) return err(lineOf(source, 'CreditNote'), 'CreditNote', 'is a credit note, not an invoice; credit notes cannot be financed')
  const inv = doc.Invoice as Node | undefined
  if (!inv) return err(1, '(root)', `is not a UBL Invoice (root element ${Object.keys(doc).filter((k) => k !== '?xml')[0] ?? 'missing'})`)
  const party = at(inv, 'AccountingCustomerParty', 'Party')
  const payable = at(inv, 'LegalMonetaryTotal', 'PayableAmount') as Node | string | undefined
  const amountCurrency = typeof payable === 'object' ? text(payable['@currencyID']) : undefined
  const raw = {
    number: text(inv.ID),
    debtorName: text(at(party, 'PartyLegalEntity', 'RegistrationName')) ?? text(at(party, 'PartyName', 'Name')),
    debtorRegNo: text(at(party, 'PartyLegalEntity', 'CompanyID')),
    debtorCountry: text(at(party, 'PostalAddress', 'Country', 'IdentificationCode')),
    issueDate: text(inv.IssueDate),
    dueDate: text(inv.DueDate) ?? text(at(inv, 'PaymentMeans', 'PaymentDueDate')),
    currency: text(inv.DocumentCurrencyCode) ?? amountCurrency,
    amount: text(payable)
  }
  const fieldNames = { number: 'ID', debtorName: 'RegistrationName', debtorRegNo: 'CompanyID', debtorCountry: 'Country', issueDate: 'IssueDate', dueDate: text(inv.DueDate) === undefined && raw.dueDate !== undefined ? 'PaymentDueDate' : 'DueDate', currency: 'DocumentCurrencyCode', amount: 'PayableAmount' }
  // Each field's message points at the line of its element; the invoice as a whole is "at" its ID.
  const r = readLine(raw, name, lineOf(source, 'ID'), { dateFormat: 'YYYY-MM-DD', decimalMark: '.', fieldNames })
  const errors = r.errors.map((e) => {
    const line = lineOf(source, e.field === 'Country' ? 'IdentificationCode' : e.field)
    return { ...e, line, message: e.message.replace(/ line \d+,/, ` line ${line},`) }
  })
  if (amountCurrency && raw.currency && amountCurrency !== raw.currency && !errors.length) {
    return err(lineOf(source, 'PayableAmount'), 'PayableAmount', `is in ${amountCurrency} but the document currency is ${raw.currency}`)
  }
  return { lines: r.line && !errors.length ? [r.line] : [], errors }
}
