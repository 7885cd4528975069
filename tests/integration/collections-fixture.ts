import { makeRfReference } from '../../src/core/rf-reference'
import { buildEntry, cr, dr } from '../../src/core/journal'
import { insertInvoice } from '../../src/main/db/repos/invoices-repo'
import { postEntry } from '../../src/main/db/repos/journal-repo'
import { createBackend, type Backend } from '../../src/main/backend'
import { openLedger } from '../../src/main/db/open'
import type { Clock, LocalDate } from '../../src/shared/dates'
import type { MethodCallInput, MethodName, MethodOutput } from '../../src/shared/contract'
import { anAgreement } from '../support/backend'

/** A clock the test can move forward: the services read it on every call. */
export function movableClock(start: LocalDate): Clock & { set(d: LocalDate): void } {
  let day = start
  let t = Date.UTC(2026, 0, 1)
  return { today: () => day, now: () => t++, set: (d) => void (day = d) }
}

export function testBackendAt(today: LocalDate) {
  const clock = movableClock(today)
  const backend = createBackend(openLedger(':memory:'), { clock, log: () => {} })
  return Object.assign(backend, {
    clock,
    async call2<K extends MethodName>(m: K, i: MethodCallInput<K>, userId: number | null = null): Promise<MethodOutput<K>> {
      const r = await backend.call(m, i, { userId, transport: 'test' })
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
      return r.data as MethodOutput<K>
    }
  })
}

/** A ledger with one client and debtors of each risk class; invoices are added funded, as purchases leave them. */
export async function collectionsLedger(today: LocalDate) {
  const b = testBackendAt(today)
  const client = await b.call2('clients.create', { name: 'Nordic Tools AB', country: 'SE', agreement: anAgreement({ currency: 'EUR', recourseDays: 90 }) })
  const debtor = async (name: string, riskClass: 'low' | 'standard' | 'high', over: Record<string, unknown> = {}) =>
    (await b.call2('debtors.create', { name, country: 'DE', creditLimit: 5_000_000, limitCurrency: 'EUR', riskClass, email: `${name.split(' ')[0].toLowerCase()}@example.com`, phone: '+4930123456', language: 'de', ...over })).id
  return { b, clientId: client.id, debtor }
}

let seq = 0
export function addInvoice(b: Backend, clientId: number, debtorId: number, face: number, dueDate: LocalDate, currency = 'EUR'): number {
  const n = `INV-${++seq}`
  const id = insertInvoice(
    b.ledger,
    { clientId, debtorId, requestId: null, number: n, currency, face, issueDate: '2024-01-01', dueDate, status: 'funded' },
    0,
    (x) => makeRfReference(String(1000 + x))
  )
  postEntry(b.ledger, buildEntry({ date: '2024-01-02', kind: 'funding', memo: `purchase ${n}`, invoiceId: id }, dr('receivables', currency, face, { invoiceId: id, debtorId }), cr('bank', currency, face)), null, 0)
  return id
}

/** A debtor payment on a date: reduces the open amount and credits the receivable, as the payments engine does. */
export function pay(b: Backend, invoiceId: number, amount: number, date: LocalDate): void {
  const inv = b.ledger.sqlite.prepare('select currency, open_amount as open, debtor_id as debtorId from invoice where id = ?').get(invoiceId) as { currency: string; open: number; debtorId: number }
  postEntry(b.ledger, buildEntry({ date, kind: 'payment', memo: 'payment', invoiceId }, dr('bank', inv.currency, amount), cr('receivables', inv.currency, amount, { invoiceId, debtorId: inv.debtorId })), null, 0)
  const open = inv.open - amount
  b.ledger.sqlite.prepare("update invoice set open_amount = ?, status = ? where id = ?").run(open, open === 0 ? 'paid' : 'partly_paid', invoiceId)
}
