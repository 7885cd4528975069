import type { Agreement } from '../../shared/agreement'
import type { CheckResult } from '../../shared/contract/requests'
import { addDays, type LocalDate } from '../../shared/dates'
import { checkBatch, CROSS_AGING_DAYS, tripleKey, type CheckedLine, type DebtorFacts } from '../../core/requests/checks'
import * as snap from '../db/repos/request-snapshot-repo'
import type { ServiceContext } from './context'

type Client = { id: number; name: string; agreement: Agreement }

/** What the ledger knows of each known debtor, keyed `d<id>` as checkBatch expects. */
export function debtorFacts(ctx: ServiceContext, client: Client, records: Iterable<snap.DebtorRecord>, today: LocalDate, scope: snap.SnapshotScope & { limitPending?: boolean } = {}): Map<string, DebtorFacts> {
  const a = client.agreement
  const list = [...records]
  const ids = list.map((d) => d.id)
  const exposure = new Map(snap.debtorExposures(ctx.ledger, ids, client.id, addDays(today, -CROSS_AGING_DAYS), scope).map((e) => [`${e.debtorId}|${e.currency}`, e]))
  const pairs = new Map(snap.pairTerms(ctx.ledger, client.id, ids).map((p) => [p.debtorId, p]))
  const facts = new Map<string, DebtorFacts>()
  for (const d of list) {
    const inLimit = exposure.get(`${d.id}|${d.limitCurrency}`)
    const inAgreement = exposure.get(`${d.id}|${a.currency}`)
    const pair = pairs.get(d.id)
    facts.set(`d${d.id}`, {
      key: `d${d.id}`, name: d.name, isNew: false, needsReview: d.needsReview, creditLimit: d.creditLimit, limitCurrency: d.limitCurrency,
      limitPending: scope.limitPending === true && d.needsReview && d.creditLimit <= 0,
      exposure: inLimit?.exposure ?? 0, pairLimit: pair?.creditLimit ?? null, pairExposure: inAgreement?.pairExposure ?? 0,
      noaStatus: pair?.noaStatus ?? 'none', pairOpen: inAgreement?.pairOpen ?? 0, pairAged: inAgreement?.pairAged ?? 0
    })
  }
  return facts
}

/**
 * Runs the intake checks again on invoices already stored in a request, against the ledger as it is
 * now, leaving the request's own invoices out of exposure and duplicates (they are what is tested).
 * `funding`: only bought receivables count as exposure, as money actually out; `intake`: pending
 * invoices of other requests count too, as they do when a file is imported.
 */
export function recheckStored(
  ctx: ServiceContext,
  client: Client,
  requestId: number,
  /** clientExposureWithOwn (intake mode, open requests only): the client's exposure including this request, already summed. */
  opts: { invoiceIds?: number[]; today: LocalDate; mode: 'funding' | 'intake'; clientExposureWithOwn?: number; triplesElsewhere?: (t: { debtorId: number; amount: number; issueDate: string }) => boolean }
): Map<number, CheckResult[]> {
  const stored = snap.storedLines(ctx.ledger, requestId, opts.invoiceIds)
  if (!stored.length) return new Map()
  const scope = { excludeRequestId: requestId, fundedOnly: opts.mode === 'funding', limitPending: true }
  const facts = debtorFacts(ctx, client, snap.debtorsById(ctx.ledger, [...new Set(stored.map((l) => l.debtorId))]), opts.today, scope)
  const lines: CheckedLine[] = stored.map((l) => ({
    file: `request ${requestId}`, line: l.id, number: l.number, debtorName: facts.get(`d${l.debtorId}`)?.name ?? '', debtorRegNo: null, debtorCountry: '',
    issueDate: l.issueDate as LocalDate, dueDate: l.dueDate as LocalDate, currency: l.currency, amount: l.amount, debtorKey: `d${l.debtorId}`
  }))
  const triples = stored.map((l) => ({ debtorId: l.debtorId, amount: l.amount, issueDate: l.issueDate }))
  const checks = checkBatch(lines, {
    today: opts.today, clientName: client.name, agreement: client.agreement, debtors: facts,
    existingNumbers: new Set(snap.existingNumbers(ctx.ledger, client.id, lines.map((l) => l.number), scope)),
    existingTriples: new Set((opts.triplesElsewhere ? triples.filter(opts.triplesElsewhere) : snap.existingTriples(ctx.ledger, triples, scope)).map((t) => tripleKey(`d${t.debtorId}`, t.amount, t.issueDate))),
    clientExposure:
      opts.clientExposureWithOwn !== undefined && opts.mode === 'intake'
        ? opts.clientExposureWithOwn - stored.filter((l) => l.currency === client.agreement.currency).reduce((s, l) => s + l.amount, 0)
        : snap.clientExposure(ctx.ledger, client.id, client.agreement.currency, scope)
  })
  return new Map(stored.map((l, i) => [l.id, checks[i]]))
}

/** Checks found now that the invoice did not carry before: an approval covered only what was there. */
export function newSince(fresh: Map<number, CheckResult[]>, before: Map<number, Set<string>>): Map<number, CheckResult[]> {
  const out = new Map<number, CheckResult[]>()
  for (const [id, checks] of fresh) {
    const had = before.get(id) ?? new Set<string>()
    const added = checks.filter((c) => !had.has(c.code))
    if (added.length) out.set(id, added)
  }
  return out
}
