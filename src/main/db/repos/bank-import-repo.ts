/** Bank files, imports and entries: the SQL of statement import. Call the writers inside the service's transaction. */
import type { BankLineState, ImportCounts, ImportRow } from '../../../shared/contract/payments'
import type { Ledger } from '../open'
import { insertRows } from './bank-bulk'

/**
 * Which of these fingerprints are already booked. Each one probes bank_entry_fingerprint_uq in file order: an
 * IN-list would first sort all of a file's fingerprints into a temporary index, which costs more than the probes.
 */
export function existingFingerprints(ledger: Ledger, fps: readonly string[]): Set<string> {
  const out = new Set<string>()
  if (fps.length === 0) return out
  const s = ledger.sqlite.prepare('select value from json_each(?) where value in (select fingerprint from bank_entry)').pluck()
  for (let i = 0; i < fps.length; i += 50_000) for (const f of s.all(JSON.stringify(fps.slice(i, i + 50_000))) as string[]) out.add(f)
  return out
}

/** Keeps the original bytes once per content hash (a re-import of the same file shares them). */
export function storeFile(ledger: Ledger, sha256: string, bytes: Uint8Array): void {
  ledger.sqlite.prepare('insert into bank_file (sha256, size, bytes) values (?, ?, ?) on conflict(sha256) do nothing').run(sha256, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

export function fileBytes(ledger: Ledger, sha256: string): Buffer | null {
  return (ledger.sqlite.prepare('select bytes from bank_file where sha256 = ?').pluck().get(sha256) as Buffer | undefined) ?? null
}

export function insertImport(ledger: Ledger, r: { sha256: string; fileName: string; format: string; source: 'manual' | 'folder' | 'cli'; warnings: string[]; userId: number | null; at: number } & ImportCounts): number {
  return Number(
    ledger.sqlite
      .prepare(
        `insert into bank_import (file_sha256, file_name, format, source, entries, added, duplicates, auto_matched, suggested, unmatched, warnings, imported_by, created_at)
         values (?,?,?,?,?,?,?,?,?,?,?,?,?)`
      )
      .run(r.sha256, r.fileName, r.format, r.source, r.entries, r.added, r.duplicates, r.autoMatched, r.suggested, r.unmatched, JSON.stringify(r.warnings), r.userId, r.at).lastInsertRowid
  )
}

export interface NewBankEntry extends Omit<BankLineState, 'id' | 'reasonArgs'> {
  /** The reason template's values as JSON. */
  reasonArgs: string | null
  fingerprint: string
  statementId: string
  /** The matcher's suggestions as JSON. */
  candidates: string | null
  createdAt: number
}

const ENTRY_COLUMNS = ['import_id', 'fingerprint', 'statement_id', 'account', 'currency', 'amount', 'booking_date', 'value_date', 'bank_ref', 'end_to_end_id', 'reference', 'remittance',
  'counterparty_name', 'counterparty_account', 'status', 'unapplied', 'reason', 'reason_template', 'reason_args', 'candidates', 'debtor_id', 'created_at'] as const

/** Inserts the lines of one import in file order; returns their ids in the same order. */
export function insertBankEntries(ledger: Ledger, entries: readonly NewBankEntry[]): number[] {
  const rows = entries.map((e) => [e.importId, e.fingerprint, e.statementId, e.account, e.currency, e.amount, e.bookingDate, e.valueDate, e.bankRef, e.endToEndId, e.reference, e.remittance, e.counterpartyName, e.counterpartyAccount, e.status, e.unapplied, e.reason, e.reasonTemplate, e.reasonArgs, e.candidates, e.debtorId, e.createdAt])
  return insertRows(ledger.sqlite, 'bank_entry', ENTRY_COLUMNS, rows)
}

export function listImports(ledger: Ledger, limit: number): ImportRow[] {
  const rows = ledger.sqlite
    .prepare(
      `select id, file_name as fileName, format, source, file_sha256 as sha256, entries, added, duplicates, auto_matched as autoMatched, suggested, unmatched, warnings, created_at as createdAt
       from bank_import order by id desc limit ?`
    )
    .all(limit) as (Omit<ImportRow, 'warnings'> & { warnings: string })[]
  return rows.map((r) => ({ ...r, warnings: JSON.parse(r.warnings) as string[] }))
}
