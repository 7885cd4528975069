/**
 * Statement import: preview (read + plan, nothing stored), then commit (the same plan, recomputed inside one
 * transaction, persisted all or nothing). Re-importing a file or an overlapping statement adds nothing.
 */
import { performance } from 'node:perf_hooks'
import type { ImportPreview, PreviewLine } from '../../shared/contract/payments'
import { buildEntry, cr, dr } from '../../core/journal'
import { ibanKey, itemsById, type Decision } from '../../core/matching'
import { AppError } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { getBankEntry, invoiceBriefs, learnIban, updateBankEntry } from '../db/repos/bank-allocation-repo'
import { settleRowsFromIndex } from '../db/repos/bank-match-repo'
import { insertBankEntries, insertImport, listImports, storeFile } from '../db/repos/bank-import-repo'
import { collectionApplication, markCollectionPaid, markCollectionReturned } from '../db/repos/bank-mandate-repo'
import { postEntry } from '../db/repos/journal-repo'
import { writeTx, type ServiceContext } from './context'
import { undoApplication } from './matching-undo'
import { applyStateOf, flushInvoices, settleApplication, writeApplications } from './settlement-apply'
import { planImport, type ImportPlan } from './statement-import-plan'
import { readFile, type ImportSource, type ReadFile } from './statement-read'

export type { ImportSource }

export interface CommitOptions {
  /** The preview's token: the commit refuses when the plan it recomputes differs. */
  token?: string
  /** A file with unreadable rows is only stored when the user accepted what could be read. */
  acceptErrors?: boolean
  source: 'manual' | 'folder' | 'cli'
  userId: number | null
  /** Filled with milliseconds per phase when given (the bench reads it). */
  timings?: Record<string, number>
}

export interface CommitResult {
  importId: number
  fileName: string
  format: string
  counts: ImportPlan['counts']
  warnings: string[]
}

const LEARN_FROM = new Set(['reference', 'remittance', 'direct_debit'])

/** A stopwatch that adds the time since its last call under a name, when timings are asked for. */
function lapper(into: Record<string, number> | undefined): (name: string) => void {
  if (!into) return () => {}
  let t = performance.now()
  return (name) => {
    const now = performance.now()
    into[name] = (into[name] ?? 0) + now - t
    t = now
  }
}

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

  function persist(plan: ImportPlan, bytes: Uint8Array, opt: CommitOptions, lap: (phase: string) => void): number {
    const at = clock.now()
    const { file, counts, decisions } = plan
    storeFile(ledger, file.sha256, bytes)
    const importId = insertImport(ledger, { sha256: file.sha256, fileName: file.fileName, format: file.format, source: opt.source, warnings: [...file.warnings, ...file.errors], userId: opt.userId, at, ...counts })
    const lineOf = (d: Decision) => file.lines[d.key]
    const entryIds = insertBankEntries(
      ledger,
      decisions.map((d) => {
        const l = lineOf(d)
        return {
          importId, fingerprint: l.fingerprint, statementId: l.statementId, account: l.account, currency: l.currency, amount: l.amount, bookingDate: l.bookingDate, valueDate: l.valueDate,
          bankRef: l.bankRef, endToEndId: l.endToEndId, reference: l.reference, remittance: l.remittance, counterpartyName: l.counterpartyName, counterpartyAccount: l.counterpartyAccount,
          status: d.kind === 'auto' ? 'matched' : d.kind === 'return' ? 'returned' : d.kind,
          unapplied: d.kind === 'auto' ? d.unapplied : d.kind === 'suggested' || d.kind === 'unmatched' ? l.amount : 0,
          reason: d.reason,
          reasonTemplate: d.reasonTemplate ?? null,
          reasonArgs: d.reasonArgs ? JSON.stringify(d.reasonArgs) : null,
          candidates: d.kind === 'suggested' ? JSON.stringify(d.candidates) : null,
          debtorId: 'debtorId' in d ? d.debtorId : null,
          createdAt: at
        }
      })
    )
    lap('persist.entries')
    bookIncomingCash(plan, importId, opt.userId, at)
    lap('persist.cash')
    applyAutomatic(plan, entryIds, opt.userId, at)
    decisions.forEach((d, i) => {
      if (d.kind === 'return') bookReturn(d, lineOf(d).amount, lineOf(d).currency, lineOf(d).bookingDate, entryIds[i], opt.userId, at)
    })
    audit(ledger, at, { userId: opt.userId, action: 'statement.import', entity: 'bank_import', entityId: importId, details: { fileName: file.fileName, sha256: file.sha256, source: opt.source, ...counts } })
    return importId

    function applyAutomatic(plan: ImportPlan, entryIds: number[], userId: number | null, at: number): void {
      const byId = itemsById(plan.index)
      const autos = plan.decisions.flatMap((d, i) => (d.kind === 'auto' ? [{ d, id: entryIds[i], line: lineOf(d) }] : []))
      const st = applyStateOf(settleRowsFromIndex(ledger, [...new Set(autos.flatMap((x) => x.d.allocations.map((a) => a.invoiceId)))].map((id) => byId.get(id)!)))
      const apps = autos.map(({ d, id, line }) =>
        settleApplication(st, { bankEntryId: id, date: line.bookingDate, currency: line.currency, debtorId: d.debtorId, allocations: d.allocations, mode: d.rung === 'direct_debit' ? 'direct_debit' : 'auto', reason: d.reason, userId, at })
      )
      lap('persist.settle')
      writeApplications(ledger, apps, (n) => `Bank statement ${plan.file.fileName} (import ${importId}): ${n} payment${n === 1 ? '' : 's'} matched automatically`, userId, at)
      lap('persist.journal')
      flushInvoices(ledger, st)
      lap('persist.invoices')
      // The payer's account is learned once per debtor, and only when the ledger does not know it yet.
      const learned = new Set<string>()
      for (const { d, line } of autos) {
        const iban = ibanKey(line.counterpartyAccount)
        if (!iban || !LEARN_FROM.has(d.rung) || plan.index.debtorsByIban.get(iban)?.includes(d.debtorId) || learned.has(`${iban}|${d.debtorId}`)) continue
        learned.add(`${iban}|${d.debtorId}`)
        learnIban(ledger, iban, d.debtorId, line.bookingDate)
      }
      for (const { d, line } of autos) if (d.rung === 'direct_debit' && line.endToEndId) markCollectionPaid(ledger, line.endToEndId)
    }
  }

  /**
   * Incoming cash enters the books once per account, currency and booking day (Dr bank, Cr unapplied cash), as the
   * statement shows it; matches are then applied out of unapplied cash, so undoing one never touches the bank.
   */
  function bookIncomingCash(plan: ImportPlan, importId: number, userId: number | null, at: number): void {
    const groups = new Map<string, { account: string; currency: string; date: string; amount: number; count: number }>()
    for (const d of plan.decisions) {
      if (d.kind !== 'auto' && d.kind !== 'suggested' && d.kind !== 'unmatched') continue
      const l = plan.file.lines[d.key]
      const k = `${l.account}|${l.currency}|${l.bookingDate}`
      const g = groups.get(k) ?? { account: l.account, currency: l.currency, date: l.bookingDate, amount: 0, count: 0 }
      g.amount += l.amount
      g.count++
      groups.set(k, g)
    }
    for (const g of groups.values()) {
      const memo = `Bank statement ${plan.file.fileName} (import ${importId}), account ${g.account}: ${g.count} incoming payment${g.count === 1 ? '' : 's'} received`
      postEntry(ledger, buildEntry({ date: g.date, kind: 'unapplied', memo }, dr('bank', g.currency, g.amount), cr('unappliedCash', g.currency, g.amount)), userId, at)
    }
  }

  /** A returned direct debit: undo the collection (invoice reopens), then the cash leaves the bank again. */
  function bookReturn(d: Extract<Decision, { kind: 'return' }>, amount: number, currency: string, date: string, bankEntryId: number, userId: number | null, at: number): void {
    const paid = collectionApplication(ledger, d.directDebitId)
    if (paid) undoApplication(ledger, paid, date, `direct debit returned (bank line ${bankEntryId})`, userId, at)
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
      const lap = lapper(opt.timings)
      const file = readFile(src, clock.today())
      lap('read')
      return commitRead(file, src.bytes, opt, lap)
    },
    /**
     * The same, reporting its stages to the window's progress (job.progress). A big file takes seconds; the event loop
     * is let go between the stages so each event reaches the window before the synchronous work behind it starts.
     */
    async commitReporting(src: ImportSource, opt: CommitOptions): Promise<CommitResult> {
      const stage = async (done: number, message: string) => {
        ctx.emit('job.progress', { job: 'payments.import', done, total: 2, message })
        if (done < 2) await new Promise((r) => setImmediate(r))
      }
      await stage(0, `Reading ${src.fileName}`)
      try {
        const file = readFile(src, clock.today())
        await stage(1, `${src.fileName}: matching and posting ${file.lines.length.toLocaleString('en-US')} lines`)
        return commitRead(file, src.bytes, opt, lapper(opt.timings))
      } finally {
        await stage(2, `${src.fileName}: done`)
      }
    },
    listImports: (limit = 50) => listImports(ledger, limit),
    getBankEntry: (id: number) => getBankEntry(ledger, id),
    updateBankEntry: (id: number, status: string, unapplied: number) => updateBankEntry(ledger, id, status, unapplied)
  }

  function commitRead(file: ReadFile, bytes: Uint8Array, opt: CommitOptions, lap: (phase: string) => void): CommitResult {
    if (file.errors.length > 0 && !opt.acceptErrors) {
      throw new AppError('FILE_ERRORS', `${file.fileName}: ${file.errors.length} row(s) could not be read (first: ${file.errors[0]}); nothing was stored. Accept the preview to import the rest.`)
    }
    const result = writeTx(ctx, () => {
      lap('lock')
      const plan = planImport(ledger, file)
      lap('plan')
      if (opt.token && opt.token !== plan.token) throw new AppError('STALE_PREVIEW', `${file.fileName}: the ledger changed since the preview; preview the file again`)
      const importId = persist(plan, bytes, opt, lap)
      return { importId, counts: plan.counts }
    })
    lap('commit')
    ctx.emit('ledger.changed', { scope: ['payments', 'invoices'] })
    return { importId: result.importId, fileName: file.fileName, format: file.format, counts: result.counts, warnings: file.warnings }
  }
}
export type StatementImportService = ReturnType<typeof createStatementImportService>
