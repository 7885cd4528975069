/**
 * Undoing an application: never a delete. The allocations one bank line made within one journal entry get a
 * mirror entry built from the allocation rows (the entry may hold a whole file's matches), the invoices get their
 * balances back and the cash is unapplied again on its bank line.
 */
import type { LocalDate } from '../../shared/dates'
import { unapplicationEntry } from '../../core/settlement/settle'
import { AppError } from '../api/errors'
import { getBankEntry, liveAllocationCount, liveApplication, markReversed, setInvoiceBalance, updateBankEntry } from '../db/repos/bank-allocation-repo'
import { postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'

export interface ApplicationRef {
  bankEntryId: number
  journalEntryId: number
}

export function undoApplication(ledger: Ledger, ref: ApplicationRef, date: LocalDate, reason: string, userId: number | null, at: number): { reversalEntryId: number; bankEntryId: number; invoiceIds: number[] } {
  const allocs = liveApplication(ledger, ref.bankEntryId, ref.journalEntryId)
  if (allocs.length === 0) throw new AppError('NOT_FOUND', `bank line ${ref.bankEntryId} has no live application in journal entry ${ref.journalEntryId} (already undone, or not a payment)`)
  const be = getBankEntry(ledger, ref.bankEntryId)!
  const entry = unapplicationEntry({
    date,
    kind: 'reversal',
    memo: `Undo of bank line ${ref.bankEntryId}'s application in entry ${ref.journalEntryId}: ${reason}`,
    debtorId: be.debtorId,
    parts: allocs.map((a) => ({ inv: { id: a.invoiceId, clientId: a.clientId, debtorId: a.debtorId, currency: a.currency }, s: { applied: a.amount, fee: a.fee, shortfall: a.shortfall } }))
  })
  const reversalEntryId = postEntry(ledger, entry, userId, at)
  markReversed(ledger, allocs.map((a) => a.id), reversalEntryId)
  for (const a of allocs) {
    const open = a.openAmount + a.amount + a.shortfall
    // Back to where it was before any payment, or partly paid while other payments still stand.
    const status = open >= a.face ? (a.prevStatus === 'disputed' ? 'disputed' : 'funded') : 'partly_paid'
    setInvoiceBalance(ledger, a.invoiceId, open, status, null)
  }
  const restored = be.unapplied + allocs.reduce((s, a) => s + a.amount, 0)
  const stillApplied = liveAllocationCount(ledger, ref.bankEntryId)
  // A line the matcher had suggestions for goes back to the suggested list, where its candidates are offered again.
  const status = stillApplied > 0 ? 'matched' : be.candidates?.length ? 'suggested' : 'unmatched'
  updateBankEntry(ledger, ref.bankEntryId, status, restored, ` | undone: ${reason}`)
  return { reversalEntryId, bankEntryId: ref.bankEntryId, invoiceIds: allocs.map((a) => a.invoiceId) }
}
