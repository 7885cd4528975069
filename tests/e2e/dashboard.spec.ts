import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api, gbMoney } from './pages/api'
import { DashboardPage } from './pages/dashboard'

test('the dashboard shows the open balance per currency as the ledger holds it, its aging and a DSO line', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const dash = new DashboardPage(page)
  const stats = await api(page, 'ledger.stats', {})
  expect(stats.openBalance.length).toBeGreaterThan(0)
  for (const o of stats.openBalance) {
    await expect(dash.openBalance(o.currency)).toContainText(gbMoney(o.amount, o.currency))
    // The aging row's total is the same open balance, split into buckets.
    await expect(dash.agingRow(o.currency).locator('td').last()).toHaveText(new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2 }).format(o.amount / 100))
  }
  await expect(page.getByRole('heading', { name: /Days sales outstanding/ })).toBeVisible()
  await expect(dash.chart()).toHaveCount(stats.openBalance.length)
  await page.screenshot({ path: '.tmp/playwright/dashboard.png' })
})

test('the navigation reaches every section and marks the current one', async ({ page }) => {
  const app = new App(page)
  await app.open()
  for (const name of ['Approvals', 'Collections', 'Payments', 'Invoices', 'Clients', 'Debtors', 'Settings', 'Dashboard']) {
    await app.goTo(name)
    await expect(app.nav(name)).toHaveAttribute('aria-current', 'page')
  }
})
