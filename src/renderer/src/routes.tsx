import { lazy, type ComponentType } from 'react'
import { placeholder } from './components/Placeholder'
import { DashboardPage } from './features/dashboard/DashboardPage'
import { ClientsPage } from './features/clients/ClientsPage'
import { ClientEditPage } from './features/clients/ClientEditPage'
import { DebtorsPage } from './features/debtors/DebtorsPage'
import { DebtorDetailPage } from './features/debtors/DebtorDetailPage'
import { DebtorEditPage } from './features/debtors/DebtorEditPage'
import { InvoicesPage } from './features/invoices/InvoicesPage'
import { SettingsPage } from './features/settings/SettingsPage'

export interface RouteDef {
  /** Hash path pattern; ':name' segments arrive as params. */
  path: string
  /** Shown in the left navigation when set, in table order. */
  nav?: string
  page: ComponentType<{ params: Record<string, string> }>
}

/** Loads a feature page on first visit: `page(() => import('./features/x/XPage'), 'XPage')`. */
export function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): RouteDef['page'] {
  return lazy(async () => ({ default: (await load())[name] as RouteDef['page'] }))
}

// One line per screen. Feature owners: replace your placeholder line with your page, e.g.
//   { path: '/approvals', nav: 'Approvals', page: page(() => import('./features/approvals/ApprovalsPage'), 'ApprovalsPage') },
// and add detail routes (no nav) right below it. Keep the nav order.
export const routes: RouteDef[] = [
  { path: '/', nav: 'Dashboard', page: DashboardPage },
  { path: '/approvals', nav: 'Approvals', page: page(() => import('./features/approvals/ApprovalsPage'), 'ApprovalsPage') },
  { path: '/collections', nav: 'Collections', page: page(() => import('./features/collections/CollectionsPage'), 'CollectionsPage') },
  { path: '/payments', nav: 'Payments', page: page(() => import('./features/payments/PaymentsPage'), 'PaymentsPage') },
  { path: '/invoices', nav: 'Invoices', page: InvoicesPage },
  { path: '/clients', nav: 'Clients', page: ClientsPage },
  { path: '/clients/new', page: ClientEditPage },
  { path: '/clients/:id', page: ClientEditPage },
  { path: '/debtors', nav: 'Debtors', page: DebtorsPage },
  { path: '/debtors/new', page: DebtorEditPage },
  { path: '/debtors/:id/edit', page: DebtorEditPage },
  { path: '/debtors/:id', page: DebtorDetailPage },
  { path: '/settings', nav: 'Settings', page: SettingsPage }
]
