import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

type H = Pick<
  Handlers,
  'requests.preview' | 'requests.import' | 'requests.queue' | 'requests.get' | 'requests.invoices' | 'requests.decide' | 'requests.fund' | 'requests.availability' | 'requests.setFourEyesThreshold' | 'mappings.list' | 'mappings.save' | 'mappings.preview' | 'payout.export'
>

export function requestHandlers(s: Services): H {
  return {
    'requests.preview': (i) => s.requestIntake.preview(i),
    'requests.import': (i, c) => s.requestIntake.import(i, c.userId),
    'requests.queue': (i) => s.requestApproval.queue(i),
    'requests.get': (i) => s.requestApproval.get(i.id, i),
    'requests.invoices': (i) => s.requestApproval.invoicePage(i.id, i, i.offset, i.limit),
    'requests.decide': (i, c) => s.requestApproval.decide(i, c.userId),
    'requests.fund': (i, c) => s.requestApproval.fund(i.requestId, c.userId, i.date),
    'requests.availability': (i) => s.requestApproval.availability(i.clientId, i.requestId),
    'requests.setFourEyesThreshold': (i, c) => ({ fourEyesThreshold: s.requestApproval.setFourEyesThreshold(i.amount, c.userId) }),
    'mappings.list': (i) => s.requestIntake.listMappings(i.clientId),
    'mappings.save': (i, c) => s.requestIntake.saveMapping(i.clientId, i.name, i.mapping, c.userId),
    'mappings.preview': (i) => s.requestIntake.previewMapping(i.file, i.mapping, i.limit),
    'payout.export': (i, c) => s.requestPayout.export(i.requestId, i.version, c.userId)
  }
}
