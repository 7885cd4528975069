/**
 * Planning a bank file's import. The plan (what is new, what is a duplicate, what matches what)
 * is computed by one function from the parsed file and the ledger as it is; the preview shows it and the
 * commit recomputes it inside its transaction and refuses when it differs, so what was previewed is exactly
 * what gets committed.
 */
import { createHash } from 'node:crypto'
import { debtorsNeeded, fileKeys, matchLines, type BankLine, type Decision, type MatchIndex } from '../../core/matching'
import { existingFingerprints } from '../db/repos/bank-import-repo'
import { loadFirstPass, loadOpenItems } from '../db/repos/bank-match-repo'
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

/** Decides every line against the ledger as it is now: duplicates first, then the matching ladder on the new lines. */
export function planImport(ledger: Ledger, file: ReadFile): ImportPlan {
  const existing = existingFingerprints(ledger, file.lines.map((l) => l.fingerprint))
  const duplicate = file.lines.map((l) => existing.has(l.fingerprint))
  const fresh: BankLine[] = file.lines.filter((_, i) => !duplicate[i])
  const index = loadFirstPass(ledger, fileKeys(fresh))
  loadOpenItems(ledger, debtorsNeeded(fresh, index), index.openByDebtor)
  const decisions = matchLines(fresh, index)
  const counts = {
    entries: file.lines.length,
    added: fresh.length,
    duplicates: file.lines.length - fresh.length,
    autoMatched: decisions.filter((d) => d.kind === 'auto' || d.kind === 'return').length,
    suggested: decisions.filter((d) => d.kind === 'suggested').length,
    unmatched: decisions.filter((d) => d.kind === 'unmatched').length
  }
  // Hashed decision by decision: one JSON string of a 100k-line plan would cost more than the hashing.
  const h = createHash('sha256').update(file.sha256).update(duplicate.map((d) => (d ? '1' : '0')).join(''))
  for (const d of decisions) h.update(JSON.stringify(d))
  const token = h.digest('hex').slice(0, 32)
  return { file, duplicate, decisions, index, counts, token }
}
