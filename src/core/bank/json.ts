/** The stable JSON shape of `factordesk statement parse FILE --json`. Errors are not part of it: the CLI reports them and exits non-zero. */
import type { Balance, Entry, Issue, ParsedFile } from './types'

export interface StatementJson {
  format: string
  statements: {
    id: string
    account: string
    currency: string
    opening: Balance | null
    closing: Balance | null
    entries: Entry[]
  }[]
  warnings: Issue[]
}

export function statementToJson(parsed: ParsedFile): StatementJson {
  return {
    format: parsed.format,
    statements: parsed.statements.map((s) => ({
      id: s.id,
      account: s.account,
      currency: s.currency,
      opening: s.opening ? { amount: s.opening.amount, date: s.opening.date } : null,
      closing: s.closing ? { amount: s.closing.amount, date: s.closing.date } : null,
      entries: s.entries.map((e) => ({
        amount: e.amount,
        currency: e.currency,
        bookingDate: e.bookingDate,
        valueDate: e.valueDate,
        bankRef: e.bankRef,
        endToEndId: e.endToEndId,
        reference: e.reference,
        remittance: e.remittance,
        counterpartyName: e.counterpartyName,
        counterpartyAccount: e.counterpartyAccount
      }))
    })),
    warnings: parsed.warnings.map((w) => ({ ...w }))
  }
}
