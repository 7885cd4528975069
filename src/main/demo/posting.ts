import type { AccountCode, EntryKind } from '../../core/journal'
import type { BulkWriter } from '../db/repos/bulk-repo'

/**
 * Writes journal entries straight to the bulk writer, with the same balancing rule as core/journal.ts
 * assertBalanced: an entry that does not sum to zero per currency is refused before it is written.
 * (The generator aggregates thousands of lines per entry, so it does not build JournalEntry objects.)
 */
export class Poster {
  entries = 0
  lines = 0
  private nextId: number
  private open: { id: number; sums: Map<string, number>; lines: number } | null = null

  constructor(
    private readonly w: BulkWriter,
    firstId: number
  ) {
    this.nextId = firstId
  }

  begin(date: string, kind: EntryKind, memo: string, clientId: number | null, invoiceId: number | null, createdBy: number | null, at: number): number {
    if (this.open) throw new Error(`journal entry ${this.open.id} was not closed`)
    const id = this.nextId++
    this.w.entry(id, date, kind, memo, clientId, invoiceId, createdBy, at)
    this.open = { id, sums: new Map(), lines: 0 }
    this.entries++
    return id
  }

  /** amount > 0 debits the account, amount < 0 credits it; zero lines are dropped like core dr()/cr() do. */
  post(account: AccountCode, currency: string, amount: number, clientId: number | null, debtorId: number | null = null, invoiceId: number | null = null): void {
    const e = this.open
    if (!e) throw new Error('post() outside an entry')
    if (amount === 0) return
    if (!Number.isInteger(amount)) throw new RangeError(`journal amount must be integer minor units, got ${amount}`)
    this.w.line(e.id, account, currency, amount, clientId, debtorId, invoiceId)
    e.sums.set(currency, (e.sums.get(currency) ?? 0) + amount)
    e.lines++
    this.lines++
  }

  end(): void {
    const e = this.open
    if (!e) throw new Error('end() without an entry')
    if (e.lines < 2) throw new Error(`journal entry ${e.id} has ${e.lines} line(s); an entry needs at least two`)
    for (const [currency, sum] of e.sums) if (sum !== 0) throw new Error(`journal entry ${e.id} does not balance in ${currency}: ${sum}`)
    this.open = null
  }
}
