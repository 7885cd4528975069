import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

type H = Pick<Handlers, 'clients.list' | 'clients.get' | 'clients.create' | 'clients.update' | 'debtors.list' | 'debtors.get' | 'debtors.create' | 'debtors.update' | 'invoices.list' | 'invoices.get'>

export function partiesHandlers(s: Services): H {
  return {
    'clients.list': (i) => s.parties.listClients(i),
    'clients.get': (i) => s.parties.getClient(i.id),
    'clients.create': (i, c) => s.parties.createClient(i, c.userId),
    'clients.update': (i, c) => s.parties.updateClient(i.id, i.patch, c.userId),
    'debtors.list': (i) => s.parties.listDebtors(i),
    'debtors.get': (i) => s.parties.getDebtor(i.id, i.asOf),
    'debtors.create': (i, c) => s.parties.createDebtor(i, c.userId),
    'debtors.update': (i, c) => s.parties.updateDebtor(i.id, i.patch, c.userId),
    'invoices.list': (i) => s.invoices.list(i),
    'invoices.get': (i) => s.invoices.get(i.id)
  }
}
