/**
 * Statement import: preview (read + plan, nothing stored), then commit (the same plan, recomputed inside one
 * transaction, persisted all or nothing). Re-importing a file or an overlapping statement adds nothing.
 */
import type { ImportPreview, PreviewLine } from '../../shared/contract/payments'
import { buildEntry, cr, dr } from '../../core/journal'
import { ibanKey, type Decision } from '../../core/matching'
import { AppError } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { getBankEntry, invoiceBriefs, learnIban, updateBankEntry } from '../db/repos/bank-allocation-repo'
import { insertBankEntry, insertImport, listImports, storeFile } from '../db/repos/bank-import-repo'
import { markCollectionPaid, markCollectionReturned } from '../db/repos/bank-mandate-repo'
import { postEntry } from '../db/repos/journal-repo'
import { writeTx, type ServiceContext } from './context'
import { undoApplication } from './matching-undo'
import { applyCash, flushInvoices, loadApplyState } from './settlement-apply'
import { planImport, readFile, type ImportPlan, type ImportSource } from './statement-import-plan'

export type { ImportSource }

export interface CommitOptions {
  /** The preview's token: the commit refuses when the plan it recomputes differs. */
  token?: string
  /** A file with unreadable rows is only stored when the user accepted what could be read. */
  acceptErrors?: boolean
  source: 'manual' | 'folder' | 'cli'
  userId: number | null
}

export interface CommitResult {
  importId: number
  fileName: string
  format: string
  counts: ImportPlan['counts']
  warnings: string[]
}

const LEARN_FROM = new Set(['reference', 'remittance', 'direct_debit'])

export function createStatementImportService(ctx: ServiceContext) {
  const { ledger, clock } = ctx

  function toPreview(plan: ImportPlan, limit: number): ImportPreview {
    const decided = new Map(plan.decisions.map((d) => [d.key, d]))
    const lines: PreviewLine[] = plan.file.lines.slice(0, limit).map((l, i) => ({
      key: l.key,
      statementId: l.statementId,
      account: l.account,
      amount: l.amount,
      currency: l.currency,
      bookingDate: l.bookingDate,
      reference: l.reference,
      remittance: l.remittance,
      counterpartyName: l.counterpartyName,
      counterpartyAccount: l.counterpartyAccount,
      duplicate: plan.duplicate[i],
      decision: plan.duplicate[i] ? null : (decided.get(l.key) ?? null)
    }))
    const ids = new Set<number>()
    for (const l of lines) {
      const d = l.decision
      if (d?.kind === 'auto') d.allocations.forEach((a) => ids.add(a.invoiceId))
      if (d?.kind === 'suggested') d.candidates.forEach((c) => ids.add(c.invoiceId))
      if (d?.kind === 'return') ids.add(d.invoiceId)
    }
    const invoices = Object.fromEntries(invoiceBriefs(ledger, [...ids]).map((i) => [i.id, i]))
    return { token: plan.token, fileName: plan.file.fileName, format: plan.file.format, sha256: plan.file.sha256, counts: plan.counts, warnings: plan.file.warnings, errors: plan.file.errors, lines, truncated: plan.file.lines.length > limit, invoices }
  }

  function persist(plan: ImportPlan, bytes: Uint8Array, opt: CommitOptions): number {
    const at = clock.now()
    const { file, counts } = plan
    storeFile(ledger, file.sha256, bytes)
    const importId = insertImport(ledger, { sha256: file.sha256, fileName: file.fileName, format: file.format, source: opt.source, warnings: [...file.warnings, ...file.errors], userId: opt.userId, at, ...counts })
    const autoIds = plan.decisions.flatMap((d) => (d.kind === 'auto' ? d.allocations.map((a) => a.invoiceId) : []))
    const st = loadApplyState(ledger, autoIds)
    const byKey = new Map(file.lines.map((l) => [l.key, l]))
    for (const d of plan.decisions) {
      const l = byKey.get(d.key)!
      const base = { importId, fingerprint: l.fingerprint, statementId: l.statementId, account: l.account, currency: l.currency, amount: l.amount, bookingDate: l.bookingDate, valueDate: l.valueDate, bankRef: l.bankRef, endToEndId: l.endToEndId, reference: l.reference, remittance: l.remittance, counterpartyName: l.counterpartyName, counterpartyAccount: l.counterpartyAccount, reason: d.reason, createdAt: at }
      const status = d.kind === 'auto' ? 'matched' : d.kind === 'return' ? 'returned' : d.kind
      const debtorId = 'debtorId' in d ? d.debtorId : null
      const candidates = d.kind === 'suggested' ? JSON.stringify(d.candidates) : null
      const unapplied = d.kind === 'auto' ? d.unapplied : d.kind === 'suggested' || d.kind === 'unmatched' ? l.amount : 0
      const bankEntryId = insertBankEntry(ledger, { ...base, status, unapplied, candidates, debtorId })
      if (d.kind === 'auto') {
        applyCash(ledger, st, { bankEntryId, date: l.bookingDate, currency: l.currency, source: 'bank', amount: l.amount, debtorId: d.debtorId, allocations: d.allocations, mode: d.rung === 'direct_debit' ? 'direct_debit' : 'auto', kind: 'payment', reason: d.reason, userId: opt.userId, at })
        const iban = ibanKey(l.counterpartyAccount)
        if (iban && LEARN_FROM.has(d.rung)) learnIban(ledger, iban, d.debtorId, l.bookingDate)
        if (d.rung === 'direct_debit' && l.endToEndId) markCollectionPaid(ledger, l.endToEndId)
      } else if (d.kind === 'suggested' || d.kind === 'unmatched') {
        postEntry(ledger, unappliedEntry(l.bookingDate, l.currency, l.amount, bankEntryId, debtorId), opt.userId, at)
      } else if (d.kind === 'return') {
        flushInvoices(ledger, st)
        bookReturn(plan, d, l.amount, l.currency, l.bookingDate, bankEntryId, opt.userId, at)
      }
    }
    flushInvoices(ledger, st)
    audit(ledger, at, { userId: opt.userId, action: 'statement.import', entity: 'bank_import', entityId: importId, details: { fileName: file.fileName, sha256: file.sha256, source: opt.source, ...counts } })
    return importId
  }

  function unappliedEntry(date: string, currency: string, amount: number, bankEntryId: number, debtorId: number | null) {
    return buildEntry({ date, kind: 'unapplied', memo: `Bank line ${bankEntryId}: received, not yet applied` }, dr('bank', currency, amount, { debtorId }), cr('unappliedCash', currency, amount, { debtorId }))
  }

  /** A returned direct debit: undo the collection (invoice reopens), then the cash leaves the bank again. */
  function bookReturn(plan: ImportPlan, d: Extract<Decision, { kind: 'return' }>, amount: number, currency: string, date: string, bankEntryId: number, userId: number | null, at: number): void {
    const jid = [...plan.index.directDebits.values()].find((x) => x.id === d.directDebitId)?.allocationJournalId ?? null
    if (jid !== null) undoApplication(ledger, jid, date, `direct debit returned (bank line ${bankEntryId})`, userId, at)
    postEntry(ledger, buildEntry({ date, kind: 'payout', memo: `Returned direct debit, bank line ${bankEntryId}` }, dr('unappliedCash', currency, -amount), cr('bank', currency, -amount)), userId, at)
    markCollectionReturned(ledger, d.directDebitId, d.reason)
  }

  return {
    /** Reads and plans; stores nothing. `limit` caps the lines returned (counts always cover the whole file). */
    preview(src: ImportSource, limit = 2000): ImportPreview {
      const file = readFile(src, clock.today())
      return toPreview(planImport(ledger, file), limit)
    },
    commit(src: ImportSource, opt: CommitOptions): CommitResult {
      const file = readFile(src, clock.today())
      if (file.errors.length > 0 && !opt.acceptErrors) {
        throw new AppError('FILE_ERRORS', `${file.fileName}: ${file.errors.length} row(s) could not be read (first: ${file.errors[0]}); nothing was stored. Accept the preview to import the rest.`)
      }
      const result = writeTx(ctx, () => {
        const plan = planImport(ledger, file)
        if (opt.token && opt.token !== plan.token) throw new AppError('STALE_PREVIEW', `${file.fileName}: the ledger changed since the preview; preview the file again`)
        return { importId: persist(plan, src.bytes, opt), counts: plan.counts }
      })
      ctx.emit('ledger.changed', { scope: ['payments', 'invoices'] })
      return { importId: result.importId, fileName: file.fileName, format: file.format, counts: result.counts, warnings: file.warnings }
    },
    listImports: (limit = 50) => listImports(ledger, limit),
    getBankEntry: (id: number) => getBankEntry(ledger, id),
    updateBankEntry: (id: number, status: string, unapplied: number) => updateBankEntry(ledger, id, status, unapplied)
  }
}
export type StatementImportService = ReturnType<typeof createStatementImportService>
