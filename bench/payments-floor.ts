/**
 * The write floor of a statement import: the rows a commit of the same file stores (the file, the bank lines, the
 * cash and payment entries with three lines per invoice paid, the allocations, the invoice balances), written by
 * plain prepared statements from arrays built before the clock starts. No parsing, matching, settlement maths or
 * validation: what the ledger's schema costs on this machine, whatever the code around it does.
 */
import { createHash } from 'node:crypto'
import type { Ledger } from '../src/main/db/open'
import { makeRfReference } from '../src/core/rf-reference'
import { CLIENTS, DEBTORS, faceOf, invoiceOfLine, kindOfLine } from './payments-data'

type Row = (string | number | null)[]

interface FloorRows {
  entries: Row[]
  /** Invoices paid (in id order, as the app writes them) with the index of the bank line that paid each. */
  paid: { id: number; line: number }[]
}

function rowsOf(first: number, lines: number, invoices: number): FloorRows {
  const entries: Row[] = []
  const paid: FloorRows['paid'] = []
  for (let g = first; g < first + lines; g++) {
    const id = invoiceOfLine(g, invoices)
    const kind = kindOfLine(g)
    const matched = kind !== 9
    const amount = matched ? faceOf(id) : 12_345 + (g % 100_000)
    const rf = makeRfReference(String(id).padStart(9, '0'))
    const template = `structured reference ${rf} identifies invoice INV-${id}; the amount {0} equals the open amount`
    const fingerprint = createHash('sha256').update(`floor|${g}`).digest('base64url').slice(0, 32)
    entries.push([
      fingerprint, amount, `F-${g}`, kind < 6 ? rf : null, kind < 6 ? null : `Payment of invoice INV-${id} thank you`,
      matched ? 'matched' : 'unmatched', matched ? 0 : amount, template.replace('{0}', '26458.96 EUR'), template,
      `[{"money":{"amount":${amount},"currency":"EUR"}}]`, matched ? 1 + (id % DEBTORS) : null
    ])
    if (matched) paid.push({ id, line: entries.length - 1 })
  }
  paid.sort((a, b) => a.id - b.id)
  return { entries, paid }
}

/** Writes the rows of lines first..first+lines-1 in one transaction; returns wall and CPU milliseconds. */
export function writeFloor(ledger: Ledger, first: number, lines: number, invoices: number, file: Uint8Array): { ms: number; cpu: number } {
  const q = ledger.sqlite
  const { entries, paid } = rowsOf(first, lines, invoices)
  const sha = createHash('sha256').update(file).update(`floor|${first}`).digest('hex')
  const entry = q.prepare(
    `insert into bank_entry (import_id, fingerprint, statement_id, account, currency, amount, booking_date, value_date, bank_ref, end_to_end_id, reference,
       remittance, counterparty_name, counterparty_account, status, unapplied, reason, reason_template, reason_args, candidates, debtor_id, created_at)
     values (?, ?, 'S-F', 'SE3550000000054910000003', 'EUR', ?, '2026-11-20', '2026-11-20', ?, null, ?, ?, null, null, ?, ?, ?, ?, ?, null, ?, 0)`
  )
  const journalEntry = q.prepare("insert into journal_entry (date, kind, memo, created_at) values ('2026-11-20', ?, 'floor', 0)")
  const line = q.prepare('insert into journal_line (entry_id, account, currency, amount, client_id, debtor_id, invoice_id) values (?, ?, ?, ?, ?, ?, ?)')
  const allocation = q.prepare(
    "insert into bank_allocation (bank_entry_id, invoice_id, journal_entry_id, amount, fee, shortfall, rebate, prev_status, mode, reason, created_by, created_at) values (?, ?, ?, ?, ?, 0, ?, 'funded', 'auto', ?, null, 0)"
  )
  const invoice = q.prepare("update invoice set open_amount = 0, status = 'paid', closed_date = '2026-11-20' where id = ?")
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  q.transaction(() => {
    q.prepare('insert into bank_file (sha256, size, bytes) values (?, ?, ?)').run(sha, file.length, file)
    const importId = Number(
      q.prepare("insert into bank_import (file_sha256, file_name, format, source, entries, added, duplicates, auto_matched, suggested, unmatched, warnings, created_at) values (?, 'floor.xml', 'camt.053', 'cli', 0, 0, 0, 0, 0, 0, '[]', 0)").run(sha).lastInsertRowid
    )
    const ids = entries.map((r) => Number(entry.run(importId, ...r).lastInsertRowid))
    const cash = Number(journalEntry.run('unapplied').lastInsertRowid)
    line.run(cash, 'bank', 'EUR', 1, null, null, null)
    line.run(cash, 'unappliedCash', 'EUR', -1, null, null, null)
    const payment = Number(journalEntry.run('payment').lastInsertRowid)
    line.run(payment, 'unappliedCash', 'EUR', paid.reduce((sum, p) => sum + faceOf(p.id), 0), null, null, null)
    for (const p of paid) {
      const client = 1 + (p.id % CLIENTS)
      const debtor = 1 + (p.id % DEBTORS)
      line.run(payment, 'receivables', 'EUR', -faceOf(p.id), client, debtor, p.id)
      line.run(payment, 'clientReserve', 'EUR', 100, client, debtor, p.id)
      line.run(payment, 'feeIncome', 'EUR', -100, client, debtor, p.id)
    }
    for (const p of paid) allocation.run(ids[p.line], p.id, payment, faceOf(p.id), 100, 1_000, entries[p.line][7])
    for (const p of paid) invoice.run(p.id)
  })()
  const c = process.cpuUsage(c0)
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 }
}
