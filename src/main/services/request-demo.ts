import { createHash } from 'node:crypto'
import type { ImportResult } from '../../shared/contract/requests'
import { addDays, fixedClock, type LocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import { FACTORDESK_HEADER, FACTORDESK_MAPPING, readCsvTable, readTable } from '../../core/requests/tables'
import type { Ledger } from '../db/open'
import * as demo from '../db/repos/request-demo-repo'
import { insertChecks } from '../db/repos/request-repo'
import { allClientExposures, clientTerms, debtorsById } from '../db/repos/request-snapshot-repo'
import { writeTx, type ServiceContext } from './context'
import { createRequestIntakeService } from './request-intake-service'
import { recheckStored } from './request-recheck'

/**
 * Finishing touches to a freshly generated demo ledger, so the approval queue looks like a working day:
 * the generator's open requests get the checks an import would have given them, and one client file
 * arrives through the real intake (a re-sent invoice, a new buyer, a debtor at its limit, an old one).
 * Runs on a fixed clock, so the same seed gives the same rows.
 */
export function finishDemoRequests(ledger: Ledger, today: LocalDate, opts: { clientFile?: boolean } = {}): { checkedRequests: number; imported: ImportResult | null } {
  const ctx: ServiceContext = { ledger, clock: fixedClock(today), emit: () => {} }
  const checkedRequests = checkOpenRequests(ctx, today)
  // `init --invoices N` promises exactly N invoices; the extra file is for the ledgers people click through.
  return { checkedRequests, imported: opts.clientFile === false ? null : importClientFile(ctx, today) }
}

/** The same checks intake runs, on each open request as stored, against the rest of the ledger. */
export function checkOpenRequests(ctx: ServiceContext, today: LocalDate): number {
  const open = demo.uncheckedOpenRequests(ctx.ledger)
  // A client's total exposure costs a pass over all its invoices: take every client's in one pass;
  // each request then leaves out its own (submitted, so counted at face) invoices.
  const totals = new Map(allClientExposures(ctx.ledger).map((e) => [`${e.clientId}|${e.currency}`, e.exposure]))
  // Duplicates (same debtor, amount, date) from one read of the open requests' issue-date range.
  const range = demo.issueRange(ctx.ledger, open.map((r) => r.id))
  const requestsOf = new Map<string, number[]>()
  for (const t of range ? demo.triplesIssuedBetween(ctx.ledger, range.from, range.to) : []) {
    const key = `${t.debtorId}|${t.face}|${t.issueDate}`
    requestsOf.set(key, [...(requestsOf.get(key) ?? []), t.requestId ?? 0])
  }
  writeTx(ctx, () => {
    for (const r of open) {
      const client = clientTerms(ctx.ledger, r.clientId)!
      const elsewhere = (t: { debtorId: number; amount: number; issueDate: string }) => (requestsOf.get(`${t.debtorId}|${t.amount}|${t.issueDate}`) ?? []).some((id) => id !== r.id)
      const checks = recheckStored(ctx, client, r.id, { today, mode: 'intake', clientExposureWithOwn: totals.get(`${client.id}|${client.agreement.currency}`) ?? 0, triplesElsewhere: elsewhere })
      insertChecks(ctx.ledger, [...checks].map(([invoiceId, cs]) => ({ requestId: r.id, invoiceId, checks: cs })))
    }
  })
  return open.length
}

const NEW_BUYER: Record<string, [string, string, string]> = {
  EUR: ['Brandt & Söhne Werkzeughandel GmbH', 'HRB 48213', 'DE'],
  SEK: ['Fjällvik Bygghandel AB', '559301-4471', 'SE']
}

/** One file from the first client, written as the FactorDesk CSV and imported like any other. */
function importClientFile(ctx: ServiceContext, today: LocalDate): ImportResult | null {
  const client = clientTerms(ctx.ledger, 1)
  if (!client) return null
  const a = client.agreement
  const cur = a.currency
  const debtors = demo.clientDebtorsByUse(ctx.ledger, client.id, cur)
  if (debtors.length < 4) return null
  const last = demo.lastInvoiceNumber(ctx.ledger, client.id) ?? 'DEMO-0'
  const prefix = last.replace(/\d+$/, '')
  const fileName = `${prefix.replace(/-$/, '').toLowerCase()}-erp-export-${today}.csv`
  if (demo.hasRequestFromFile(ctx.ledger, client.id, fileName)) return null
  let next = Number(last.match(/\d+$/)?.[0] ?? 0)
  const rows: string[] = []
  const add = (d: { name: string; regNo: string | null; country: string }, issue: string, amount: number, due = addDays(issue as LocalDate, 30)) =>
    rows.push([`${prefix}${++next}`, `"${d.name.replace(/"/g, '""')}"`, d.regNo ?? '', d.country, issue, due, cur, toMajorString(amount, cur)].join(','))
  const day = (n: number) => addDays(today, -n)

  const clean = debtors.filter((d) => d.noaStatus === 'acknowledged').slice(-3)
  for (const [i, d] of clean.entries()) add(d, day(2 + i), 180_000 + i * 73_500)
  // The riskiest buyer gets an invoice just past its remaining headroom.
  const tight = debtors[0]
  const headroom = tight.creditLimit - tight.exposure
  if (headroom < 10_000_000) add(tight, day(1), Math.max(0, headroom) + 250_000)
  const noNotice = debtors.find((d) => d.noaStatus === 'none')
  if (noNotice) add(noNotice, day(3), 96_000)
  if (a.verificationThreshold > 0 && clean[0]) add(clean[0], day(1), a.verificationThreshold + 1_250_000)
  if (clean[1]) add(clean[1], day(a.maxAgeDays + 12), 64_000)
  const [name, regNo, country] = NEW_BUYER[cur] ?? NEW_BUYER.EUR
  add({ name, regNo, country }, day(4), 212_000)
  add({ name, regNo, country }, day(2), 87_500)
  // A paid invoice the client sends again under a new number.
  const again = demo.resendableInvoice(ctx.ledger, client.id)
  const againDebtor = again ? debtorsById(ctx.ledger, [again.debtorId])[0] : undefined
  if (again && againDebtor) add(againDebtor, again.issueDate, again.face, again.dueDate)

  const text = [FACTORDESK_HEADER.join(','), ...rows].join('\n') + '\n'
  const read = readTable(fileName, readCsvTable(fileName, text, ','), FACTORDESK_MAPPING)
  const files = { files: [{ name: fileName, format: 'factordesk-csv' as const, rows: read.lines.length }], lines: read.lines, errors: read.errors }
  const digest = createHash('sha256').update(text).digest('hex')
  // Prepared by the accountant, as the generator's requests are (user 4 of the demo's fixed staff).
  return createRequestIntakeService(ctx).storeRead(client.id, files, digest, undefined, 4)
}
