/**
 * Reading a bank file: bytes in, flat lines with their content fingerprints out, without touching the ledger.
 * A file that yields nothing usable is refused here, naming the file and the place it broke.
 */
import { hash } from 'node:crypto'
import { parseStatement, type CsvProfile, type Entry, type Format, type ParsedFile } from '../../core/bank'
import * as matching from '../../core/matching'
import { AppError } from '../api/errors'

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

// Local copies of what each line calls: under a CommonJS transform (tsx) each use of an import is a getter call.
const { contentKey, firstOccurrenceKey, occurrenceKey } = matching

// One-shot hash: createHash per line cost more than the hashing itself.
const fingerprintOf = (key: string): string => hash('sha256', key, 'base64url').slice(0, 32)

/** Parses without touching the ledger. A file that yields nothing usable is refused here, naming file and place. */
export function readFile(src: ImportSource, today: string): ReadFile {
  const parsed: ParsedFile = parseStatement(src.bytes, { fileName: src.fileName, format: src.format, csvProfile: src.csvProfile })
  const errors = parsed.errors.map((e) => e.message)
  const count = parsed.statements.reduce((s, st) => s + st.entries.length, 0)
  if (parsed.statements.length === 0 || (count === 0 && errors.length > 0)) {
    const first = errors[0] ?? 'no statements found'
    throw new AppError('BAD_FILE', first.startsWith(src.fileName) ? first : `${src.fileName}: ${first}`)
  }
  const lines: ReadLine[] = []
  for (const st of parsed.statements) {
    for (const e of st.entries) {
      // Booking date first; a line without one takes its value date, then the statement's closing date.
      const bookingDate = e.bookingDate ?? e.valueDate ?? st.closing?.date ?? today
      // One literal per line (no spreads): at 100k lines the copies and their garbage were a third of reading.
      lines.push({
        amount: e.amount, currency: e.currency, bookingDate, valueDate: e.valueDate, bankRef: e.bankRef, endToEndId: e.endToEndId, reference: e.reference,
        remittance: e.remittance, counterpartyName: e.counterpartyName, counterpartyAccount: e.counterpartyAccount, key: lines.length, statementId: st.id, account: st.account, fingerprint: ''
      })
    }
  }
  // The fingerprint of occurrenceKeys(lines)[i], without holding every content key until the end: lines are
  // counted by the fingerprint of their content's first occurrence, which is kept anyway.
  const seen = new Map<string, number>()
  for (const line of lines) {
    const first = fingerprintOf(firstOccurrenceKey(line))
    const n = (seen.get(first) ?? 0) + 1
    seen.set(first, n)
    line.fingerprint = n === 1 ? first : fingerprintOf(occurrenceKey(contentKey(line), n))
  }
  return { fileName: src.fileName, sha256: hash('sha256', src.bytes, 'hex'), format: parsed.format, lines, warnings: parsed.warnings.map((w) => w.message), errors }
}
