import { factorDetailsSchema } from '../../shared/contract'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { getClient } from '../db/repos/parties-repo'
import { getFunding, getRequestHead } from '../db/repos/request-repo'
import { getSettingValue } from '../db/repos/request-snapshot-repo'
import { buildPain001, SepaError, type PainVersion } from '../sepa/pain001'
import { writeTx, type ServiceContext } from './context'

/** The payout of a funded request as a SEPA credit transfer from the factor's account to the client's. */
export function createRequestPayoutService(ctx: ServiceContext) {
  return {
    export(requestId: number, version: PainVersion, userId: number | null): { fileName: string; xml: string; amount: number; currency: string } {
      const head = getRequestHead(ctx.ledger, requestId) ?? (() => { throw notFound('financing request', requestId) })()
      const funding = getFunding(ctx.ledger, requestId)
      if (!funding) throw new AppError('NOT_FUNDED', `request ${requestId} is not funded yet; there is nothing to pay out`)
      if (funding.netPayout <= 0) throw new AppError('NOTHING_TO_PAY', `request ${requestId} nets to ${funding.netPayout} after fees and chargebacks; no payment is due`)
      const raw = getSettingValue(ctx.ledger, 'factor')
      if (raw === undefined) throw new AppError('NO_FACTOR_DETAILS', 'the factor\'s own name, IBAN and BIC are not set (Settings)')
      const factor = factorDetailsSchema.parse(raw)
      const client = getClient(ctx.ledger, head.clientId)!
      if (!client.iban) throw new AppError('NO_CLIENT_IBAN', `client ${client.name} has no IBAN to pay to`)
      const now = new Date(ctx.clock.now()).toISOString().slice(0, 19)
      try {
        const xml = buildPain001({
          version,
          msgId: `FD-REQ${requestId}-${now.replace(/\D/g, '').slice(0, 14)}`,
          createdAt: now,
          executionDate: funding.date < ctx.clock.today() ? ctx.clock.today() : funding.date,
          debtor: { name: factor.name, iban: factor.iban, bic: factor.bic || null },
          payments: [{ endToEndId: `FD-REQ${requestId}`, amount: funding.netPayout, currency: funding.currency, creditor: { name: client.name, iban: client.iban, bic: client.bic }, remittance: `Funding of financing request ${requestId}, ${funding.invoices} invoices` }]
        })
        writeTx(ctx, () => audit(ctx.ledger, ctx.clock.now(), { userId, action: 'payout.export', entity: 'financing_request', entityId: requestId, details: { version, amount: funding.netPayout, currency: funding.currency } }))
        return { fileName: `payout-request-${requestId}-pain.001.001.${version}.xml`, xml, amount: funding.netPayout, currency: funding.currency }
      } catch (e) {
        if (e instanceof SepaError) throw new AppError('PAYOUT_INVALID', e.message)
        throw e
      }
    }
  }
}
