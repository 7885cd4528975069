import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

export function dashboardHandlers(s: Services): Pick<Handlers, 'dashboard.summary' | 'dashboard.dso'> {
  return {
    'dashboard.summary': (i) => s.dashboard.summary(i),
    'dashboard.dso': (i) => s.dashboard.dso(i)
  }
}
