import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'
import { adminHandlers } from './admin-handlers'
import { documentHandlers } from './document-handlers'
import { dashboardHandlers } from './dashboard-handlers'
import { invoiceHistoryHandlers } from './invoice-history-handlers'
import { partiesHandlers } from './parties-handlers'
import { requestHandlers } from './request-handlers'
import { paymentHandlers } from './payment-handlers'
import { collectionHandlers } from './collection-handlers'

/** Every contract method must have a handler: the Handlers type makes a missing one a compile error. */
export function createHandlers(s: Services): Handlers {
  return {
    ...adminHandlers(s),
    ...documentHandlers(s),
    ...partiesHandlers(s),
    ...dashboardHandlers(s),
    ...invoiceHistoryHandlers(s),
    ...requestHandlers(s),
    ...paymentHandlers(s),
    ...collectionHandlers(s)
  }
}
