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

test('the as-of date and currency pickers narrow every figure, and CEI and at-risk match the ledger', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const dash = new DashboardPage(page)
  const now = await api(page, 'dashboard.summary', {})
  for (const k of now.kpis) {
    await expect(page.getByTestId(`cei-${k.currency}`)).toContainText(`${k.cei!.toFixed(1)}%`)
    await expect(page.getByTestId(`risk-${k.currency}`)).toContainText(`${k.atRisk!.toFixed(1)}%`)
  }
  // The formula is there to read, with the figures it was computed from.
  await expect(page.getByTestId('cei-EUR')).toHaveAttribute('title', /\(AR at start \+ purchased in the period − AR at end\)/)

  await page.getByLabel('Currency').selectOption('SEK')
  await expect(dash.openBalance('EUR')).toHaveCount(0)
  await expect(dash.openBalance('SEK')).toBeVisible()
  await expect(dash.chart()).toHaveCount(1)

  await page.getByLabel('As of date').fill('2026-06-30')
  await expect(page.locator('.page-header .subtitle')).toHaveText('As of 30/06/2026')
  const then = await api(page, 'dashboard.summary', { asOf: '2026-06-30', currency: 'SEK' })
  const sek = then.openBalance[0]
  await expect(dash.openBalance('SEK')).toContainText(gbMoney(sek.amount, 'SEK'))
  expect(sek.amount).not.toBe(now.openBalance.find((o) => o.currency === 'SEK')!.amount)
  await expect(page.getByTestId('cei-SEK')).toContainText(`${then.kpis[0].cei!.toFixed(1)}%`)
  // The DSO chart now ends with June 2026.
  const months = page.locator('.chart text.recharts-cartesian-axis-tick-value').filter({ hasText: /^[A-Z][a-z]+ \d\d$/ })
  await expect(months.last()).toHaveText('Jun 26')
  await expect(months.first()).toHaveText('Jul 25')
  await page.screenshot({ path: '.tmp/dashboard-asof-sek.png' })

  await page.getByRole('button', { name: 'Today' }).click()
  await expect(page.locator('.page-header .subtitle')).toHaveText('As of 23/11/2026')
})
