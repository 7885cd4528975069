import { scoreDebtor, reasonSentence, type ScoreReason } from '../../core/collections/worklist'
import { diffDays, type LocalDate } from '../../shared/dates'
import type { WorklistRow } from '../../shared/contract/collections'
import { activePromiseDebtors } from '../db/repos/collections-run-repo'
import * as wl from '../db/repos/collections-worklist-repo'
import type { Ledger } from '../db/open'

/**
 * Recomputes the stored collection summary (overdue amount, oldest due, score and its reasons) for all
 * debtors or a few. Call inside a write transaction. The worklist reads only this summary.
 */
export function refreshSummaries(ledger: Ledger, asOf: LocalDate, debtorIds?: readonly number[]): number {
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
    // The currency with most overdue leads the row; a debtor in several currencies shows its largest.
    const main = [...list].sort((a, b) => b.overdue - a.overdue)[0]
    const inLimitCcy = list.find((a) => a.currency === f.limitCurrency)?.open ?? 0
    if (!main || main.overdue <= 0) {
      writes.push({ debtorId: id, currency: main?.currency ?? null, overdueAmount: 0, overdueCount: 0, oldestDue: null, disputedAmount: disputed.get(id) ?? 0, openAmount: main?.open ?? 0, score: 0, reasons: [], refreshedOn: asOf })
      continue
    }
    const oldest = list.reduce<string | null>((m, a) => (a.oldestDue && (!m || a.oldestDue < m) ? a.oldestDue : m), null)!
    const s = scoreDebtor({
      currency: main.currency,
      overdueAmount: main.overdue,
      oldestDaysOverdue: diffDays(oldest, asOf),
      riskClass: f.riskClass,
      brokenPromises: f.brokenPromises,
      limitUsageBp: f.creditLimit > 0 ? Math.round((inLimitCcy * 10_000) / f.creditLimit) : null,
      daysSinceContact: f.lastContactDate ? diffDays(f.lastContactDate, asOf) : null,
      activePromiseUntil: promised.get(id) ?? null,
      disputedAmount: disputed.get(id) ?? 0
    })
    writes.push({ debtorId: id, currency: main.currency, overdueAmount: main.overdue, overdueCount: list.reduce((n, a) => n + a.overdueCount, 0), oldestDue: oldest, disputedAmount: disputed.get(id) ?? 0, openAmount: main.open, score: s.score, reasons: s.reasons, refreshedOn: asOf })
  }
  wl.writeSummaries(ledger, writes, debtorIds === undefined, asOf)
  return writes.length
}

export function toWorklistRow(r: wl.WorklistRecord, asOf: LocalDate): WorklistRow {
  const reasons = JSON.parse(r.reasons ?? '[]') as ScoreReason[]
  return { ...r, reasons, why: reasonSentence(reasons), daysOverdue: r.oldestDue ? Math.max(0, diffDays(r.oldestDue, asOf)) : 0, score: r.score / 10 }
}
