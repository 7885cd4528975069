/**
 * Planning a bank file's import. The plan (what is new, what is a duplicate, what matches what)
 * is computed by one function from the parsed file and the ledger as it is; the preview shows it and the
 * commit recomputes it inside its transaction and refuses when it differs, so what was previewed is exactly
 * what gets committed.
 */
import { createHash } from 'node:crypto'
import { fileKeys, lineKeys, matchPass, needsPayer, payerDebtors, type BankLine, type Decision, type MatchIndex } from '../../core/matching'
import { existingFingerprints } from '../db/repos/bank-import-repo'
import { loadFirstPass, loadOpenByAmount, loadOpenItems, type AmountWanted } from '../db/repos/bank-match-repo'
import type { Ledger } from '../db/open'
import type { ReadFile } from './statement-read'

export interface ImportPlan {
  file: ReadFile
  duplicate: boolean[]
  /** Decisions for the new lines, in file order (key = line key). */
  decisions: Decision[]
  index: MatchIndex
  counts: { entries: number; added: number; duplicates: number; autoMatched: number; suggested: number; unmatched: number }
  /** Changes whenever anything in the plan would change: the commit compares it with the preview's. */
  token: string
}

/**
 * Decides every line against the ledger as it is now: duplicates first, then the matching ladder on the new lines.
 * The reads share one snapshot (a read transaction, or a savepoint inside the commit's), so the rounds of loading
 * agree with each other also for a preview while someone else writes. `lap`, when given, is called after each
 * step with its name (the bench's phase timings).
 */
export function planImport(ledger: Ledger, file: ReadFile, lap: (step: string) => void = () => {}): ImportPlan {
  return ledger.sqlite.transaction(() => plan(ledger, file, lap))()
}

function plan(ledger: Ledger, file: ReadFile, lap: (step: string) => void): ImportPlan {
  const existing = existingFingerprints(ledger, file.lines.map((l) => l.fingerprint))
  const duplicate = file.lines.map((l) => existing.has(l.fingerprint))
  const fresh: BankLine[] = file.lines.filter((_, i) => !duplicate[i])
  lap('plan.duplicates')
  const keys = fresh.map(lineKeys)
  const k = fileKeys(fresh, keys)
  lap('plan.keys')
  const index = loadFirstPass(ledger, k)
  lap('plan.load')
  // The payers' open items, at first only those open for exactly what their lines pay: that decides nearly every
  // IBAN or name line. The ladder names the debtors whose whole list a line needs, and resumes once they are loaded.
  const wanted: AmountWanted[] = []
  const partial = new Set<number>()
  fresh.forEach((l, n) => {
    if (l.amount <= 0) return
    const debtors = payerDebtors(keys[n], index)
    if (debtors.length === 0 || !needsPayer(keys[n], index, l.currency)) return
    for (const d of debtors) {
      partial.add(d)
      wanted.push({ debtorId: d, currency: l.currency, amount: l.amount })
    }
  })
  index.partialDebtors = partial
  index.openByAmount = new Map()
  loadOpenByAmount(ledger, wanted, index.openByAmount)
  lap('plan.payers')
  let pass = matchPass(fresh, index, keys)
  while (pass.missing.length > 0) {
    loadOpenItems(ledger, pass.missing, index.openByDebtor)
    pass = matchPass(fresh, index, keys, pass.resume)
  }
  lap('plan.match')
  const decisions = pass.decisions
  const counts = {
    entries: file.lines.length,
    added: fresh.length,
    duplicates: file.lines.length - fresh.length,
    autoMatched: decisions.filter((d) => d.kind === 'auto' || d.kind === 'return').length,
    suggested: decisions.filter((d) => d.kind === 'suggested').length,
    unmatched: decisions.filter((d) => d.kind === 'unmatched').length
  }
  const token = planToken(file.sha256, duplicate, decisions)
  lap('plan.token')
  return { file, duplicate, decisions, index, counts, token }
}

const US = '\u001f'

/** Every field of a decision, in a fixed order: cheaper than JSON for 100k decisions, and as complete. */
function decisionText(d: Decision): string {
  let s = `${d.key}${US}${d.kind}${US}${d.reason}${US}${d.reasonTemplate ?? ''}${US}${argsText(d.reasonArgs)}`
  if (d.kind === 'auto') {
    s += `${US}${d.rung}${US}${d.debtorId}${US}${d.unapplied}`
    for (const a of d.allocations) s += `${US}${a.invoiceId} ${a.amount}`
  } else if (d.kind === 'suggested') {
    s += `${US}${d.rung}${US}${d.debtorId}`
    for (const c of d.candidates) s += `${US}${c.invoiceId} ${c.amount}${US}${c.reason}${US}${c.reasonTemplate ?? ''}${US}${argsText(c.reasonArgs)}`
  } else if (d.kind === 'unmatched') s += `${US}${d.debtorId}`
  else if (d.kind === 'return') s += `${US}${d.directDebitId}${US}${d.invoiceId}`
  return s
}

function argsText(args: Decision['reasonArgs']): string {
  if (!args) return '-'
  let s = ''
  for (const a of args) s += 'money' in a ? `${a.money.amount} ${a.money.currency};` : `${a.date};`
  return s
}

/** Hashed in batches of decisions: one string of a 100k-line plan would cost more than the hashing. */
function planToken(sha256: string, duplicate: boolean[], decisions: Decision[]): string {
  const h = createHash('sha256').update(sha256).update(duplicate.map((d) => (d ? '1' : '0')).join(''))
  let batch = ''
  for (const d of decisions) {
    batch += decisionText(d) + '\n'
    if (batch.length > 65_536) {
      h.update(batch)
      batch = ''
    }
  }
  return h.update(batch).digest('hex').slice(0, 32)
}
