import { overdueInBase, reasonSentence, scoreDebtor, type RankingRates, type ScoreReason } from '../../core/collections/worklist'
import { diffDays, type LocalDate } from '../../shared/dates'
import { collectionSettingsSchema, type WorklistRow } from '../../shared/contract/collections'
import { getSetting, setSetting } from '../db/repos/collections-config-repo'
import { activePromiseDebtors } from '../db/repos/collections-run-repo'
import * as wl from '../db/repos/collections-worklist-repo'
import type { Ledger } from '../db/open'

const CHUNK = 500
const MARK = 'collections.summaryEntryId'

export function rankingRates(ledger: Ledger): RankingRates {
  return collectionSettingsSchema.parse(getSetting(ledger, 'collections') ?? {}).ranking
}

/** One currency of a debtor's stored summary, as kept in debtor_collection.currencies. */
export interface StoredCurrency {
  currency: string
  overdue: number
  count: number
  oldestDue: string | null
}

/**
 * Recomputes the stored collection summary (overdue per currency, oldest due, score and its reasons) for
 * all debtors or a few. Call inside a write transaction. The worklist reads only this summary.
 */
export function refreshSummaries(ledger: Ledger, asOf: LocalDate, debtorIds?: readonly number[]): number {
  if (debtorIds && debtorIds.length > CHUNK) {
    let n = 0
    for (let k = 0; k < debtorIds.length; k += CHUNK) n += refreshSummaries(ledger, asOf, debtorIds.slice(k, k + CHUNK))
    return n
  }
  const fx = rankingRates(ledger)
  const aggs = wl.aggregateOpen(ledger, asOf, debtorIds)
  const facts = wl.debtorFacts(ledger, debtorIds)
  const disputed = wl.disputedByDebtor(ledger)
  const promised = activePromiseDebtors(ledger)
  const byDebtor = new Map<number, wl.DebtorAggregate[]>()
  for (const a of aggs) (byDebtor.get(a.debtorId) ?? byDebtor.set(a.debtorId, []).get(a.debtorId)!).push(a)
  const writes: wl.SummaryWrite[] = []
  const ids = debtorIds ?? [...byDebtor.keys()]
  for (const id of ids) {
    const f = facts.get(id)
    if (!f) continue
    const list = byDebtor.get(id) ?? []
    const inLimitCcy = list.find((a) => a.currency === f.limitCurrency)?.open ?? 0
    const owed = overdueInBase(list.map((a) => ({ currency: a.currency, amount: a.overdue })), fx)
    // The row leads with the currency worth most in the base currency; every overdue currency is kept beside it.
    const main = list.find((a) => a.currency === owed.list[0]?.currency)
    if (!main) {
      writes.push({ debtorId: id, currency: list[0]?.currency ?? null, currencies: [], overdueAmount: 0, overdueCount: 0, oldestDue: null, disputedAmount: disputed.get(id) ?? 0, openAmount: list[0]?.open ?? 0, score: 0, reasons: [], refreshedOn: asOf })
      continue
    }
    const currencies: StoredCurrency[] = owed.list.map((o) => {
      const a = list.find((x) => x.currency === o.currency)!
      return { currency: a.currency, overdue: a.overdue, count: a.overdueCount, oldestDue: a.oldestDue }
    })
    const oldest = list.reduce<string | null>((m, a) => (a.oldestDue && (!m || a.oldestDue < m) ? a.oldestDue : m), null)!
    const s = scoreDebtor({
      overdue: currencies.map((c) => ({ currency: c.currency, amount: c.overdue })),
      fx,
      oldestDaysOverdue: diffDays(oldest, asOf),
      riskClass: f.riskClass,
      brokenPromises: f.brokenPromises,
      limitUsageBp: f.creditLimit > 0 ? Math.round((inLimitCcy * 10_000) / f.creditLimit) : null,
      daysSinceContact: f.lastContactDate ? diffDays(f.lastContactDate, asOf) : null,
      activePromiseUntil: promised.get(id) ?? null,
      disputedAmount: disputed.get(id) ?? 0
    })
    writes.push({
      debtorId: id,
      currency: main.currency,
      currencies,
      overdueAmount: main.overdue,
      overdueCount: list.reduce((n, a) => n + a.overdueCount, 0),
      oldestDue: oldest,
      disputedAmount: disputed.get(id) ?? 0,
      openAmount: main.open,
      score: s.score,
      reasons: s.reasons,
      refreshedOn: asOf
    })
  }
  wl.writeSummaries(ledger, writes, debtorIds === undefined, asOf)
  return writes.length
}

/** A full refresh covers everything posted so far: remember the newest entry as the change mark. */
export function refreshAll(ledger: Ledger, asOf: LocalDate): number {
  const mark = wl.lastEntryId(ledger)
  const n = refreshSummaries(ledger, asOf)
  setSetting(ledger, MARK, mark)
  return n
}

/**
 * Refreshes only the debtors whose invoices were posted to since the mark (payments, allocations,
 * fundings, chargebacks: whoever posted them), then moves the mark. Nothing posted: one indexed lookup.
 * A ledger without a mark starts one now; the start-up tick's full refresh covers what came before.
 */
export function refreshChanged(ledger: Ledger, asOf: LocalDate): number[] {
  const last = wl.lastEntryId(ledger)
  const mark = getSetting(ledger, MARK) as number | undefined
  if (mark === last) return []
  const ids = mark === undefined ? [] : wl.debtorsTouchedSince(ledger, mark)
  if (ids.length) refreshSummaries(ledger, asOf, ids)
  setSetting(ledger, MARK, last)
  return ids
}

export function toWorklistRow(r: wl.WorklistRecord, asOf: LocalDate, fx: RankingRates): WorklistRow {
  const reasons = JSON.parse(r.reasons ?? '[]') as ScoreReason[]
  const stored = JSON.parse(r.currencies ?? 'null') as StoredCurrency[] | null
  const currencies = stored?.length ? stored.map((c) => ({ currency: c.currency, overdue: c.overdue })) : [{ currency: r.currency, overdue: r.overdueAmount }]
  const owed = currencies.length > 1 ? overdueInBase(currencies.map((c) => ({ currency: c.currency, amount: c.overdue })), fx) : null
  const { currencies: _raw, ...rest } = r
  return {
    ...rest,
    currencies,
    overdueInBase: owed?.converted ? { currency: owed.baseCurrency, amount: owed.base } : null,
    reasons,
    why: reasonSentence(reasons),
    daysOverdue: r.oldestDue ? Math.max(0, diffDays(r.oldestDue, asOf)) : 0,
    score: r.score / 10
  }
}
