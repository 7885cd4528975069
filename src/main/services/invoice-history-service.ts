import { notFound } from '../api/errors'
import { invoiceHistory } from '../db/repos/invoice-history-repo'
import { getInvoice } from '../db/repos/invoices-repo'
import type { ServiceContext } from './context'

/** What the invoice detail screen shows besides the invoice itself. */
export function createInvoiceHistoryService(ctx: ServiceContext) {
  return {
    history(id: number) {
      if (!getInvoice(ctx.ledger, id)) throw notFound('invoice', id)
      return invoiceHistory(ctx.ledger, id)
    }
  }
}
