/** Client-facing settlement views: the client statement for a period (advances, fees, collections, reserve), as figures and as a PDF. */
import type { ClientStatement } from '../../shared/contract/payments'
import { factorDetailsSchema, type FactorDetails } from '../../shared/contract/admin'
import { AppError, notFound } from '../api/errors'
import { clientOpenItems, clientStatementLines, paymentFigures } from '../db/repos/bank-client-statement-repo'
import { loadClient, loadSetting } from '../db/repos/document-repo'
import { getClient } from '../db/repos/parties-repo'
import { ClientStatementDocument } from '../documents/client-statement'
import { safeFileName } from '../documents/format'
import { renderPdf } from '../documents/render'
import type { ServiceContext } from './context'

/** A statement lists at most this many open invoices (the totals always cover all of them): layout costs about 1 ms a row. */
const OPEN_ITEMS_LIMIT = 2000

export function createSettlementService(ctx: ServiceContext) {
  function clientStatement(clientId: number, from: string, to: string): ClientStatement {
    if (from > to) throw new AppError('INVALID_INPUT', `from ${from} is after to ${to}`)
    const client = getClient(ctx.ledger, clientId) ?? (() => { throw notFound('client', clientId) })()
    const currency = client.agreement.currency
    const s = clientStatementLines(ctx.ledger, clientId, currency, from, to)
    const sum = (k: ClientStatement['lines'][number]['kind']) => s.lines.filter((l) => l.kind === k).reduce((a, l) => a + l.amount, 0)
    const reserveBy = (kinds: string[]) => s.lines.filter((l) => l.kind === 'reserve' && kinds.includes(l.entryKind)).reduce((a, l) => a + l.reserveEffect, 0)
    const { shortfalls, rebates } = paymentFigures(ctx.ledger, clientId, currency, from, to)
    // Payment entries debit the reserve with the fee to date and any accepted short payment (known per allocation); fee entries with period fees.
    const atPayment = reserveBy(['payment', 'allocation', 'fee'])
    const reserve = { funding: reserveBy(['funding']), fees: atPayment + shortfalls, shortfalls: 0 - shortfalls, releases: reserveBy(['reserve_release']), chargebacks: reserveBy(['chargeback']), other: 0 }
    reserve.other = s.closing - s.opening - (reserve.funding + reserve.fees + reserve.shortfalls + reserve.releases + reserve.chargebacks)
    const open = clientOpenItems(ctx.ledger, clientId, currency, OPEN_ITEMS_LIMIT)
    return {
      clientId,
      clientName: client.name,
      currency,
      from,
      to,
      openingReserve: s.opening,
      closingReserve: s.closing,
      lines: s.lines,
      totals: { advances: sum('advance'), fees: sum('fee'), collections: sum('collection'), reserveMovement: s.closing - s.opening },
      reserve,
      rebates,
      openItems: open.items,
      openItemsTotal: open.total
    }
  }

  function factor(): FactorDetails {
    const parsed = factorDetailsSchema.safeParse(loadSetting(ctx.ledger, 'factor'))
    if (!parsed.success) throw new AppError('FACTOR_MISSING', "the factor's details are not set or incomplete: enter name, address, IBAN and BIC under Settings before printing documents")
    return parsed.data
  }

  return {
    clientStatement,
    async clientStatementPdf(clientId: number, from: string, to: string): Promise<{ fileName: string; title: string; mimeType: 'application/pdf'; base64: string; bytes: number }> {
      const figures = clientStatement(clientId, from, to)
      const client = loadClient(ctx.ledger, clientId)!
      const title = `Client statement ${from} to ${to}`
      let pdf: Buffer
      try {
        pdf = await renderPdf(ClientStatementDocument({ factor: factor(), client, statement: figures, today: ctx.clock.today() }))
      } catch (e) {
        if (e instanceof AppError) throw e
        throw new AppError('RENDER_FAILED', `could not render the client statement of ${client.name}: ${e instanceof Error ? e.message : String(e)}`)
      }
      return { fileName: `${safeFileName(`statement-${client.name}-${from}-${to}`)}.pdf`, title, mimeType: 'application/pdf', base64: pdf.toString('base64'), bytes: pdf.length }
    }
  }
}
export type SettlementService = ReturnType<typeof createSettlementService>
