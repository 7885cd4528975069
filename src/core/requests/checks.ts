import type { Agreement } from '../../shared/agreement'
import type { CheckCode, CheckResult, Severity } from '../../shared/contract/requests'
import { diffDays, type LocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import type { InvoiceLine } from './rows'

export const SEVERITY: Record<CheckCode, Severity> = {
  DUPLICATE: 'error',
  DEBTOR_LIMIT: 'error',
  PAIR_LIMIT: 'error',
  CONCENTRATION: 'warning',
  CROSS_AGING: 'error',
  OVER_AGE: 'error',
  INVALID_DATES: 'error',
  NO_NOTICE: 'warning',
  VERIFICATION: 'warning',
  CURRENCY: 'error',
  NEW_DEBTOR: 'warning'
}

/** Days after the invoice date beyond which a receivable counts as aged for cross-aging. */
export const CROSS_AGING_DAYS = 90
/** Invoices dated further back than this, or due this long after issue, are taken as typing errors. */
export const FAR_PAST_DAYS = 730
export const FAR_DUE_DAYS = 365

/** What the ledger knows about one debtor of the file, loaded in one set-based pass by the service. */
export interface DebtorFacts {
  /** A debtor id, or a provisional key for a debtor the import would create. */
  key: string
  name: string
  isNew: boolean
  needsReview: boolean
  /**
   * Created by an import and not reviewed yet, with no limit set: when its own invoices are checked
   * again there is no limit to test against (NEW_DEBTOR, already overridden, stands for it).
   */
  limitPending?: boolean
  creditLimit: number
  limitCurrency: string
  /** Open purchased (open amount) plus submitted, not yet funded (face) across ALL clients, in limitCurrency. */
  exposure: number
  pairLimit: number | null
  /** The same, for this client only, in the agreement's currency. */
  pairExposure: number
  noaStatus: 'none' | 'sent' | 'acknowledged'
  /** This client's open purchased balance on the debtor, and the part dated more than 90 days ago. */
  pairOpen: number
  pairAged: number
}

export interface CheckSnapshot {
  today: LocalDate
  clientName: string
  agreement: Agreement
  debtors: Map<string, DebtorFacts>
  /** Invoice numbers this client has already submitted (any request, any status). */
  existingNumbers: Set<string>
  /** `${debtorId}|${amount}|${issueDate}` of invoices already in the ledger (any client). */
  existingTriples: Set<string>
  /** The client's open purchased plus pending receivables, in the agreement's currency. */
  clientExposure: number
}

export interface CheckedLine extends InvoiceLine {
  debtorKey: string
}

export function money(amount: number, currency: string): string {
  const [int, frac] = toMajorString(amount, currency).split('.')
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? '.' + frac : ''} ${currency}`
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 1)} %`
const ratioBp = (part: number, whole: number) => (whole <= 0 ? 0 : Math.round((part * 10_000) / whole))

function result(code: CheckCode, message: string): CheckResult {
  return { code, severity: SEVERITY[code], message }
}

export const tripleKey = (debtorKey: string, amount: number, issueDate: string) => `${debtorKey}|${amount}|${issueDate}`

/**
 * Runs every check on every line of a batch, in file order. Limits are cumulative: each line is
 * tested with the exposure of the ledger plus the lines before it, so the line that crosses the limit
 * and every later one for that debtor are flagged, while the ones that fit stay eligible.
 */
export function checkBatch(lines: CheckedLine[], s: CheckSnapshot): CheckResult[][] {
  const a = s.agreement
  const out: CheckResult[][] = lines.map(() => [])
  const runningGlobal = new Map<string, number>()
  const runningPair = new Map<string, number>()
  const seenTriples = new Map<string, CheckedLine>()
  const fileByDebtor = new Map<string, number>()
  let fileTotal = 0

  lines.forEach((l, i) => {
    const r = out[i]
    const d = s.debtors.get(l.debtorKey)
    if (!d) throw new Error(`no facts loaded for debtor ${l.debtorKey}`)
    const triple = tripleKey(l.debtorKey, l.amount, l.issueDate)
    if (s.existingNumbers.has(l.number)) r.push(result('DUPLICATE', `Invoice ${l.number} was already submitted by ${s.clientName}; it is not stored a second time.`))
    else if (s.existingTriples.has(triple)) r.push(result('DUPLICATE', `The ledger already holds an invoice to ${d.name} for ${money(l.amount, l.currency)} dated ${l.issueDate} under another number.`))
    else if (seenTriples.has(triple)) r.push(result('DUPLICATE', `Same debtor, amount (${money(l.amount, l.currency)}) and date as invoice ${seenTriples.get(triple)!.number} on line ${seenTriples.get(triple)!.line}.`))
    seenTriples.set(triple, seenTriples.get(triple) ?? l)
    const duplicate = r.length > 0

    if (l.currency !== a.currency) r.push(result('CURRENCY', `Invoice is in ${l.currency}; ${s.clientName}'s agreement finances ${a.currency} only.`))

    const age = diffDays(l.issueDate, s.today)
    if (l.dueDate < l.issueDate) r.push(result('INVALID_DATES', `Due date ${l.dueDate} is before the issue date ${l.issueDate}.`))
    if (age < 0) r.push(result('INVALID_DATES', `Issue date ${l.issueDate} is ${-age} days in the future.`))
    else if (age > FAR_PAST_DAYS) r.push(result('INVALID_DATES', `Issue date ${l.issueDate} is ${age} days ago: more than ${FAR_PAST_DAYS} days in the past.`))
    const term = diffDays(l.issueDate, l.dueDate)
    if (term > FAR_DUE_DAYS) r.push(result('INVALID_DATES', `Due date ${l.dueDate} is ${term} days after the issue date: more than ${FAR_DUE_DAYS}.`))
    if (age > a.maxAgeDays) r.push(result('OVER_AGE', `Issued ${l.issueDate}, ${age} days ago; the agreement buys invoices up to ${a.maxAgeDays} days old.`))

    // Exposure counts only what shares the limit's currency; a different currency is already an error above.
    if (!duplicate && l.currency === d.limitCurrency && !d.isNew && !d.limitPending) {
      const after = (runningGlobal.get(l.debtorKey) ?? d.exposure) + l.amount
      runningGlobal.set(l.debtorKey, after)
      if (d.creditLimit <= 0) r.push(result('DEBTOR_LIMIT', `${d.name} has no credit limit approved; exposure would be ${money(after, l.currency)}.`))
      else if (after > d.creditLimit) r.push(result('DEBTOR_LIMIT', `${d.name}'s exposure across all clients would reach ${money(after, l.currency)} against its limit of ${money(d.creditLimit, d.limitCurrency)} (${money(after - d.creditLimit, l.currency)} over).`))
    }
    if (!duplicate && l.currency === a.currency) {
      const after = (runningPair.get(l.debtorKey) ?? d.pairExposure) + l.amount
      runningPair.set(l.debtorKey, after)
      if (d.pairLimit !== null && after > d.pairLimit) r.push(result('PAIR_LIMIT', `${s.clientName}'s exposure on ${d.name} would reach ${money(after, l.currency)} against the pair limit of ${money(d.pairLimit, a.currency)} (${money(after - d.pairLimit, l.currency)} over).`))
      fileByDebtor.set(l.debtorKey, (fileByDebtor.get(l.debtorKey) ?? 0) + l.amount)
      fileTotal += l.amount
    }

    if (a.crossAgingBp > 0 && d.pairOpen > 0 && ratioBp(d.pairAged, d.pairOpen) > a.crossAgingBp) {
      r.push(result('CROSS_AGING', `${pct(ratioBp(d.pairAged, d.pairOpen))} of ${d.name}'s open balance with ${s.clientName} (${money(d.pairAged, a.currency)} of ${money(d.pairOpen, a.currency)}) is more than ${CROSS_AGING_DAYS} days past invoice date; the agreement allows ${pct(a.crossAgingBp)}.`))
    }
    if (d.noaStatus === 'none') r.push(result('NO_NOTICE', `No notice of assignment is on file for ${s.clientName} and ${d.name}: the debtor may still pay the client.`))
    if (d.isNew) r.push(result('NEW_DEBTOR', `${d.name} is not in the ledger yet; it is created from this file and needs a review and a credit limit.`))
    else if (d.needsReview) r.push(result('NEW_DEBTOR', `${d.name} was created by an earlier import and has not been reviewed yet.`))
    if (a.verificationThreshold > 0 && l.amount > a.verificationThreshold && l.currency === a.currency) r.push(result('VERIFICATION', `Amount ${money(l.amount, l.currency)} is above the verification threshold of ${money(a.verificationThreshold, a.currency)}: confirm it with the debtor.`))
    else if (d.isNew) r.push(result('VERIFICATION', `First invoice to a new debtor: confirm it with ${d.name} before funding.`))
  })

  // Concentration is a property of the whole batch: every line of an over-concentrated debtor is flagged.
  if (a.concentrationLimitBp > 0) {
    const total = s.clientExposure + fileTotal
    const flagged = new Map<string, CheckResult>()
    for (const [key, amount] of fileByDebtor) {
      const d = s.debtors.get(key)!
      const share = d.pairExposure + amount
      const bp = ratioBp(share, total)
      if (bp > a.concentrationLimitBp) flagged.set(key, result('CONCENTRATION', `${d.name} would be ${pct(bp)} of ${s.clientName}'s receivables (${money(share, a.currency)} of ${money(total, a.currency)}); the agreement allows ${pct(a.concentrationLimitBp)}.`))
    }
    lines.forEach((l, i) => {
      const c = flagged.get(l.debtorKey)
      if (c && l.currency === a.currency) out[i].push(c)
    })
  }
  return out
}

export const isEligible = (checks: readonly Pick<CheckResult, 'severity'>[]): boolean => checks.every((c) => c.severity !== 'error')
