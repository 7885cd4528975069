import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'
import { adminHandlers } from './admin-handlers'
import { dashboardHandlers } from './dashboard-handlers'
import { partiesHandlers } from './parties-handlers'

/** Every contract method must have a handler: the Handlers type makes a missing one a compile error. */
export function createHandlers(s: Services): Handlers {
  return {
    ...adminHandlers(s),
    ...partiesHandlers(s),
    ...dashboardHandlers(s)
  }
}
