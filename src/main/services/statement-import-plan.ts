/**
 * Reading a bank file and planning its import. The plan (what is new, what is a duplicate, what matches what)
 * is computed by one function from the parsed file and the ledger as it is; the preview shows it and the
 * commit recomputes it inside its transaction and refuses when it differs, so what was previewed is exactly
 * what gets committed.
 */
import { createHash } from 'node:crypto'
import { parseStatement, type CsvProfile, type Entry, type Format, type ParsedFile } from '../../core/bank'
import { debtorsNeeded, fileKeys, matchLines, occurrenceKeys, type BankLine, type Decision, type MatchIndex } from '../../core/matching'
import { AppError } from '../api/errors'
import { existingFingerprints } from '../db/repos/bank-import-repo'
import { loadFirstPass, loadOpenItems } from '../db/repos/bank-match-repo'
import type { Ledger } from '../db/open'

export interface ImportSource {
  fileName: string
  bytes: Uint8Array
  format?: Format
  csvProfile?: CsvProfile
}

export interface ReadLine extends Entry {
  key: number
  statementId: string
  account: string
  bookingDate: string
  fingerprint: string
}

export interface ReadFile {
  fileName: string
  sha256: string
  format: string
  lines: ReadLine[]
  warnings: string[]
  errors: string[]
}

/** Parses without touching the ledger. A file that yields nothing usable is refused here, naming file and place. */
export function readFile(src: ImportSource, today: string): ReadFile {
  const parsed: ParsedFile = parseStatement(src.bytes, { fileName: src.fileName, format: src.format, csvProfile: src.csvProfile })
  const errors = parsed.errors.map((e) => e.message)
  const count = parsed.statements.reduce((s, st) => s + st.entries.length, 0)
  if (parsed.statements.length === 0 || (count === 0 && errors.length > 0)) {
    const first = errors[0] ?? 'no statements found'
    throw new AppError('BAD_FILE', first.startsWith(src.fileName) ? first : `${src.fileName}: ${first}`)
  }
  const flat: Omit<ReadLine, 'fingerprint'>[] = []
  for (const st of parsed.statements) {
    for (const e of st.entries) {
      // Booking date first; a line without one takes its value date, then the statement's closing date.
      const bookingDate = e.bookingDate ?? e.valueDate ?? st.closing?.date ?? today
      flat.push({ ...e, key: flat.length, statementId: st.id, account: st.account, bookingDate })
    }
  }
  const keys = occurrenceKeys(flat)
  const lines = flat.map((l, i) => ({ ...l, fingerprint: createHash('sha256').update(keys[i]).digest('base64url').slice(0, 32) }))
  return { fileName: src.fileName, sha256: createHash('sha256').update(src.bytes).digest('hex'), format: parsed.format, lines, warnings: parsed.warnings.map((w) => w.message), errors }
}

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
