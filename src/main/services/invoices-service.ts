import { makeRfReference } from '../../core/rf-reference'
import { notFound } from '../api/errors'
import * as repo from '../db/repos/invoices-repo'
import type { ServiceContext } from './context'

/** RF references carry the invoice id, zero-padded so printed references have one length. */
export const rfForInvoiceId = (id: number): string => makeRfReference(String(id).padStart(9, '0'))

export function createInvoicesService(ctx: ServiceContext) {
  return {
    list: (q: repo.InvoiceQuery) => ({ ...repo.listInvoices(ctx.ledger, q), offset: q.offset }),
    get(id: number) {
      return repo.getInvoice(ctx.ledger, id) ?? (() => { throw notFound('invoice', id) })()
    },
    /** For use inside another service's transaction: inserts one invoice with its RF reference. */
    insert: (inv: repo.NewInvoice) => repo.insertInvoice(ctx.ledger, inv, ctx.clock.now(), rfForInvoiceId)
  }
}
export type InvoicesService = ReturnType<typeof createInvoicesService>
