import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

type H = Pick<Handlers, 'documents.render' | 'documents.exportRequest' | 'documents.setClientLogo'>

export function documentHandlers(s: Services): H {
  return {
    'documents.render': (i) => s.documents.render(i),
    'documents.exportRequest': (i, c) => s.documents.exportRequest(i.requestId, i.outDir, c.userId),
    'documents.setClientLogo': (i, c) => s.documents.setClientLogo(i.clientId, i.logo, c.userId)
  }
}
