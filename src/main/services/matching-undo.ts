/**
 * Undoing an application: never a delete. The application's journal entry gets its reversal, the invoices get
 * their balances back, and when the undone entry was the one that booked the bank line (an automatic match at
 * import) the cash is booked again as unapplied, so the bank balance still agrees with the statement.
 */
import type { LocalDate } from '../../shared/dates'
import { buildEntry, cr, dr, reverseEntry } from '../../core/journal'
import { AppError } from '../api/errors'
import { allocationsOfJournal, getBankEntry, invoiceState, liveAllocationCount, markReversed, setInvoiceBalance, updateBankEntry } from '../db/repos/bank-allocation-repo'
import { loadEntry, postEntry } from '../db/repos/journal-repo'
import type { Ledger } from '../db/open'

export function undoApplication(ledger: Ledger, journalEntryId: number, date: LocalDate, reason: string, userId: number | null, at: number): { reversalEntryId: number; bankEntryId: number; invoiceIds: number[] } {
  const allocs = allocationsOfJournal(ledger, journalEntryId)
  if (allocs.length === 0) throw new AppError('NOT_FOUND', `journal entry ${journalEntryId} is not a live payment application (already undone, or not a payment)`)
  const original = loadEntry(ledger, journalEntryId)!
  const reversalEntryId = postEntry(ledger, reverseEntry(original, date, reason), userId, at)
  markReversed(ledger, journalEntryId, reversalEntryId)
  for (const a of allocs) {
    const inv = invoiceState(ledger, a.invoiceId)!
    const open = inv.openAmount + a.amount + a.shortfall
    // Back to where it was before any payment, or partly paid while other payments still stand.
    const status = open >= inv.face ? (a.prevStatus === 'disputed' ? 'disputed' : 'funded') : 'partly_paid'
    setInvoiceBalance(ledger, inv.id, open, status, null)
  }
  const bankEntryId = allocs[0].bankEntryId
  const be = getBankEntry(ledger, bankEntryId)!
  const bookedBank = original.lines.some((l) => l.account === 'bank')
  if (bookedBank) {
    postEntry(
      ledger,
      buildEntry({ date, kind: 'unapplied', memo: `Bank line ${bankEntryId} back to unapplied cash after undo` }, dr('bank', be.currency, be.amount, { debtorId: be.debtorId }), cr('unappliedCash', be.currency, be.amount, { debtorId: be.debtorId })),
      userId,
      at
    )
  }
  const restored = be.unapplied + allocs.reduce((s, a) => s + a.amount, 0)
  const stillApplied = liveAllocationCount(ledger, bankEntryId)
  updateBankEntry(ledger, bankEntryId, stillApplied > 0 ? 'matched' : 'unmatched', restored, ` | undone: ${reason}`)
  return { reversalEntryId, bankEntryId, invoiceIds: allocs.map((a) => a.invoiceId) }
}
