import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

type H = Pick<Handlers, 'settings.getFactor' | 'settings.setFactor' | 'settings.getJobs' | 'settings.setJobs' | 'users.list' | 'users.create' | 'users.update' | 'ledger.stats' | 'audit.list' | 'app.info'>

export function adminHandlers(s: Services): H {
  return {
    'settings.getFactor': () => s.admin.getFactor(),
    'settings.setFactor': (i, c) => s.admin.setFactor(i, c.userId),
    'settings.getJobs': () => s.admin.getJobs(),
    'settings.setJobs': (i, c) => s.admin.setJobs(i, c.userId),
    'users.list': () => s.admin.listUsers(),
    'users.create': (i, c) => s.admin.createUser(i, c.userId),
    'users.update': (i, c) => s.admin.updateUser(i, c.userId),
    'ledger.stats': () => s.admin.stats(),
    'audit.list': (i) => s.admin.auditList(i),
    'app.info': () => ({ version: s.version, ledgerPath: s.ctx.ledger.path, today: s.ctx.clock.today(), locale: (s.admin.getSetting('locale') as string | undefined) ?? null })
  }
}
