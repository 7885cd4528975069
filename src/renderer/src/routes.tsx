import { lazy, type ComponentType } from 'react'

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
// Every page is its own chunk, loaded on first visit, so the first screen does not wait for recharts or
// for screens the user may never open.
const DashboardPage = page(() => import('./features/dashboard/DashboardPage'), 'DashboardPage')
const ClientEditPage = page(() => import('./features/clients/ClientEditPage'), 'ClientEditPage')
const DebtorEditPage = page(() => import('./features/debtors/DebtorEditPage'), 'DebtorEditPage')

export const routes: RouteDef[] = [
  { path: '/', nav: 'Dashboard', page: DashboardPage },
  { path: '/approvals', nav: 'Approvals', page: page(() => import('./features/approvals/ApprovalsPage'), 'ApprovalsPage') },
  { path: '/collections', nav: 'Collections', page: page(() => import('./features/collections/CollectionsPage'), 'CollectionsPage') },
  { path: '/payments', nav: 'Payments', page: page(() => import('./features/payments/PaymentsPage'), 'PaymentsPage') },
  { path: '/invoices', nav: 'Invoices', page: page(() => import('./features/invoices/InvoicesPage'), 'InvoicesPage') },
  { path: '/invoices/:id', page: page(() => import('./features/invoices/InvoiceDetailPage'), 'InvoiceDetailPage') },
  { path: '/clients', nav: 'Clients', page: page(() => import('./features/clients/ClientsPage'), 'ClientsPage') },
  { path: '/clients/new', page: ClientEditPage },
  { path: '/clients/:id', page: ClientEditPage },
  { path: '/clients/:id/statement', page: page(() => import('./features/clients/ClientStatementPage'), 'ClientStatementPage') },
  { path: '/debtors', nav: 'Debtors', page: page(() => import('./features/debtors/DebtorsPage'), 'DebtorsPage') },
  { path: '/debtors/new', page: DebtorEditPage },
  { path: '/debtors/:id/edit', page: DebtorEditPage },
  { path: '/debtors/:id', page: page(() => import('./features/debtors/DebtorDetailPage'), 'DebtorDetailPage') },
  { path: '/settings', nav: 'Settings', page: page(() => import('./features/settings/SettingsPage'), 'SettingsPage') }
]
