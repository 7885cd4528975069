import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

export function dashboardHandlers(s: Services): Pick<Handlers, 'dashboard.summary'> {
  return {
    'dashboard.summary': (i) => s.dashboard.summary(i)
  }
}
