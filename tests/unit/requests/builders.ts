import { anAgreement, testBackend } from '../../support/backend'
import type { Agreement } from '../../../src/shared/agreement'

export const HEADER = 'invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount'

export function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n'
}

export function upload(name: string, text: string | Buffer): { name: string; data: string } {
  return { name, data: Buffer.from(text).toString('base64') }
}

/** A ledger with one client (EUR, 85 % advance), two users and two known debtors, on 2026-11-23. */
export async function ledgerWithClient(agreement: Partial<Agreement> = {}) {
  const b = testBackend('2026-11-23')
  const client = await b.call2('clients.create', { name: 'Nordic Tools AB', country: 'SE', iban: 'SE45 5000 0000 0583 9825 7466', bic: 'ESSESESS', agreement: anAgreement({ currency: 'EUR', maxAgeDays: 60, verificationThreshold: 5_000_000, concentrationLimitBp: 0, ...agreement }) })
  const anna = await b.call2('users.create', { name: 'Anna Approver', role: 'approver' })
  const bo = await b.call2('users.create', { name: 'Bo Second', role: 'approver' })
  const acme = await b.call2('debtors.create', { name: 'Acme Retail GmbH', regNo: 'HRB 1234', country: 'DE', creditLimit: 5_000_000, limitCurrency: 'EUR', riskClass: 'standard' })
  const kauf = await b.call2('debtors.create', { name: 'Kaufhaus Nord AG', regNo: 'HRB 999', country: 'DE', creditLimit: 100_000_000, limitCurrency: 'EUR', riskClass: 'low' })
  // Notices of assignment are on file for both known debtors, so NO_NOTICE only shows for new ones.
  b.ledger.sqlite.prepare("insert into client_debtor (client_id, debtor_id, noa_status) values (?, ?, 'acknowledged'), (?, ?, 'acknowledged')").run(client.id, acme.id, client.id, kauf.id)
  return { b, client, anna, bo, acme, kauf }
}
