/**
 * Reading a bank file: bytes in, flat lines with their content fingerprints out, without touching the ledger.
 * A file that yields nothing usable is refused here, naming the file and the place it broke.
 */
import { createHash } from 'node:crypto'
import { parseStatement, type CsvProfile, type Entry, type Format, type ParsedFile } from '../../core/bank'
import { occurrenceKeys } from '../../core/matching'
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
