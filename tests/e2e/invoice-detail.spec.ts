import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api, gbMoney } from './pages/api'
import { ListPage } from './pages/list'
import { downloadShownPdf } from './pages/pdf'

test('open a partly paid invoice from the list: amounts, grouped RF reference, journal history and its notice PDF', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const inv = (await api(page, 'invoices.list', { status: ['partly_paid'], sortBy: 'dueDate', sortDir: 'asc', limit: 1 })).rows[0]
  const full = await api(page, 'invoices.get', { id: inv.id })
  const history = await api(page, 'invoices.history', { id: inv.id })

  await app.goTo('Invoices')
  const list = new ListPage(page, 'Invoices')
  await list.search(inv.number)
  await list.rows().filter({ hasText: inv.number }).first().getByRole('link', { name: inv.number }).click()

  await expect(page).toHaveURL(new RegExp(`#/invoices/${inv.id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(inv.number)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('partly paid')
  const amounts = page.getByRole('region', { name: 'Amounts' })
  await expect(amounts).toContainText(gbMoney(full.face, full.currency))
  await expect(amounts).toContainText(gbMoney(full.openAmount, full.currency))
  await expect(amounts).toContainText(gbMoney(full.advance, full.currency))
  // Printed in groups of four, and still the same reference without the spaces.
  const rf = await page.getByTestId('rf-ref').innerText()
  expect(rf).toMatch(/^RF\d\d( [A-Z0-9]{1,4})+$/)
  expect(rf.replace(/ /g, '')).toBe(full.rfRef)

  // One row per journal line; a partly paid invoice was funded and then paid in part.
  const journal = page.getByRole('table', { name: 'Journal history' })
  await expect(journal.locator('tbody tr')).toHaveCount(history.reduce((n, e) => n + e.lines.length, 0))
  await expect(journal).toContainText('funding')
  await expect(journal).toContainText('payment')
  await expect(page.getByRole('table', { name: 'Audit trail' })).toBeVisible()
  await page.screenshot({ path: '.tmp/invoice-detail-e2e.png', fullPage: true })

  await page.getByRole('button', { name: 'Notice of assignment (PDF)' }).click()
  const viewer = page.getByRole('dialog', { name: /Notice of assignment/ })
  await expect(viewer).toBeVisible()
  // The same bytes the frame shows, saved through the Download link.
  await downloadShownPdf(page, viewer)

  // From the invoice to its debtor, and back through the debtor's open items.
  await page.getByRole('link', { name: inv.debtorName }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(inv.debtorName)
  await page.getByRole('table', { name: 'Open items' }).getByRole('link', { name: inv.number, exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`#/invoices/${inv.id}$`))
})

test('an invoice that does not exist says so', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await page.goto(`${page.url().split('#')[0]}#/invoices/99999999`)
  await expect(page.getByRole('alert')).toContainText('invoice 99999999 does not exist')
})
