import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

export function invoiceHistoryHandlers(s: Services): Pick<Handlers, 'invoices.history'> {
  return { 'invoices.history': (i) => s.invoiceHistory.history(i.id) }
}
