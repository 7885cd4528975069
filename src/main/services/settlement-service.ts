/** Client-facing settlement views: the client statement for a period (advances, fees, collections, reserve). */
import type { ClientStatement } from '../../shared/contract/payments'
import { AppError, notFound } from '../api/errors'
import { clientStatementLines } from '../db/repos/bank-client-statement-repo'
import { getClient } from '../db/repos/parties-repo'
import type { ServiceContext } from './context'

export function createSettlementService(ctx: ServiceContext) {
  return {
    clientStatement(clientId: number, from: string, to: string): ClientStatement {
      if (from > to) throw new AppError('INVALID_INPUT', `from ${from} is after to ${to}`)
      const client = getClient(ctx.ledger, clientId) ?? (() => { throw notFound('client', clientId) })()
      const currency = client.agreement.currency
      const s = clientStatementLines(ctx.ledger, clientId, currency, from, to)
      const sum = (k: ClientStatement['lines'][number]['kind']) => s.lines.filter((l) => l.kind === k).reduce((a, l) => a + l.amount, 0)
      return {
        clientId,
        clientName: client.name,
        currency,
        from,
        to,
        openingReserve: s.opening,
        closingReserve: s.closing,
        lines: s.lines,
        totals: { advances: sum('advance'), fees: sum('fee'), collections: sum('collection'), reserveMovement: s.closing - s.opening }
      }
    }
  }
}
export type SettlementService = ReturnType<typeof createSettlementService>
