/**
 * What a person does on the payments screen: look at lines waiting for a decision, allocate cash to invoices
 * (confirming a suggestion is the same thing), undo an application, refund unapplied cash. Each decision is
 * one transaction and goes to the audit log; a confirmed match teaches the payer's IBAN.
 */
import type { PaymentLine } from '../../shared/contract/payments'
import { toMajorString } from '../../shared/money'
import { buildEntry, cr, dr } from '../../core/journal'
import { ibanKey } from '../../core/matching'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as repo from '../db/repos/bank-allocation-repo'
import { postEntry } from '../db/repos/journal-repo'
import { writeTx, type ServiceContext } from './context'
import { undoApplication } from './matching-undo'
import { applyCash, flushInvoices, loadApplyState } from './settlement-apply'

/** An amount in a message: people read these, the API's fields stay in minor units. */
const major = (amount: number, currency: string): string => `${toMajorString(amount, currency)} ${currency}`

export function createMatchingService(ctx: ServiceContext) {
  const { ledger, clock } = ctx

  function enrich(rows: repo.BankEntryRow[]): PaymentLine[] {
    const ids = [...new Set(rows.flatMap((r) => (r.candidates ?? []).map((c) => c.invoiceId)))]
    const briefs = new Map(repo.invoiceBriefs(ledger, ids).map((b) => [b.id, b]))
    return rows.map((r) => ({
      ...r,
      candidates: (r.candidates ?? []).filter((c) => briefs.has(c.invoiceId)).map((c) => ({ ...briefs.get(c.invoiceId)!, amount: c.amount, reason: c.reason, reasonTemplate: c.reasonTemplate, reasonArgs: c.reasonArgs })),
      allocations: repo.allocationsOfEntry(ledger, r.id)
    }))
  }

  function line(id: number): PaymentLine {
    const r = repo.getBankEntry(ledger, id)
    if (!r) throw notFound('bank line', id)
    return enrich([r])[0]
  }

  return {
    lines(q: { view: repo.Worklist; search?: string; offset: number; limit: number }) {
      const page = repo.listBankEntries(ledger, q)
      return { rows: enrich(page.rows), total: page.total, offset: q.offset }
    },
    line,
    searchInvoices: (text: string, currency: string | undefined, limit: number) => repo.searchOpenInvoices(ledger, text, currency, limit),

    /** Applies a line's unapplied cash to invoices chosen by a person; closeShortfall settles the rest of an invoice against the reserve. */
    allocate(input: { bankEntryId: number; allocations: { invoiceId: number; amount: number; closeShortfall: boolean }[] }, userId: number | null): PaymentLine {
      writeTx(ctx, () => {
        const be = repo.getBankEntry(ledger, input.bankEntryId)
        if (!be) throw notFound('bank line', input.bankEntryId)
        if (be.amount <= 0 || be.status === 'ignored' || be.status === 'returned') throw new AppError('NOT_ALLOCATABLE', `bank line ${be.id} is not incoming cash that can be allocated`)
        const total = input.allocations.reduce((s, a) => s + a.amount, 0)
        if (total > be.unapplied) throw new AppError('OVER_ALLOCATED', `allocating ${major(total, be.currency)} but only ${major(be.unapplied, be.currency)} of bank line ${be.id} is unapplied`)
        if (new Set(input.allocations.map((a) => a.invoiceId)).size !== input.allocations.length) throw new AppError('INVALID_INPUT', 'each invoice may appear once per allocation')
        const st = loadApplyState(ledger, input.allocations.map((a) => a.invoiceId))
        const debtorIds = new Set(input.allocations.map((a) => st.rows.get(a.invoiceId)?.debtorId))
        const debtorId = debtorIds.size === 1 ? ([...debtorIds][0] ?? null) : null
        const reason = `allocated by hand${be.status === 'suggested' ? ' (suggestion confirmed)' : ''}`
        const { journalEntryId } = applyCash(ledger, st, { bankEntryId: be.id, date: clock.today(), currency: be.currency, debtorId, allocations: input.allocations, mode: 'manual', reason, userId, at: clock.now() })
        flushInvoices(ledger, st)
        repo.updateBankEntry(ledger, be.id, 'matched', be.unapplied - total)
        const iban = ibanKey(be.counterpartyAccount)
        if (iban && debtorId !== null) repo.learnIban(ledger, iban, debtorId, clock.today())
        audit(ledger, clock.now(), { userId, action: 'payment.allocate', entity: 'bank_entry', entityId: be.id, details: { journalEntryId, allocations: input.allocations } })
      })
      ctx.emit('ledger.changed', { scope: ['payments', 'invoices'] })
      return line(input.bankEntryId)
    },

    undo(input: { bankEntryId: number; journalEntryId: number; reason: string }, userId: number | null): PaymentLine {
      const r = writeTx(ctx, () => {
        const r = undoApplication(ledger, { bankEntryId: input.bankEntryId, journalEntryId: input.journalEntryId }, clock.today(), input.reason, userId, clock.now())
        audit(ledger, clock.now(), { userId, action: 'payment.undo', entity: 'bank_entry', entityId: r.bankEntryId, details: { journalEntryId: input.journalEntryId, reversalEntryId: r.reversalEntryId, reason: input.reason } })
        return r
      })
      ctx.emit('ledger.changed', { scope: ['payments', 'invoices'] })
      return line(r.bankEntryId)
    },

    /** Pays unapplied cash back (an overpayment, a payment that was not for us): it leaves the bank. */
    refund(input: { bankEntryId: number; amount: number; reason: string }, userId: number | null): PaymentLine {
      writeTx(ctx, () => {
        const be = repo.getBankEntry(ledger, input.bankEntryId)
        if (!be) throw notFound('bank line', input.bankEntryId)
        if (input.amount > be.unapplied) throw new AppError('OVER_ALLOCATED', `refunding ${major(input.amount, be.currency)} but only ${major(be.unapplied, be.currency)} of bank line ${be.id} is unapplied`)
        const id = postEntry(ledger, buildEntry({ date: clock.today(), kind: 'payout', memo: `Refund from bank line ${be.id}: ${input.reason}` }, dr('unappliedCash', be.currency, input.amount, { debtorId: be.debtorId }), cr('bank', be.currency, input.amount)), userId, clock.now())
        const left = be.unapplied - input.amount
        repo.updateBankEntry(ledger, be.id, left === 0 && be.status !== 'matched' ? 'ignored' : be.status, left, ` | refunded ${input.amount}: ${input.reason}`)
        audit(ledger, clock.now(), { userId, action: 'payment.refund', entity: 'bank_entry', entityId: be.id, details: { journalEntryId: id, amount: input.amount, reason: input.reason } })
      })
      ctx.emit('ledger.changed', { scope: ['payments'] })
      return line(input.bankEntryId)
    }
  }
}
export type MatchingService = ReturnType<typeof createMatchingService>
