import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api, gbMoney } from './pages/api'
import { DebtorDetailPage } from './pages/debtor'
import { ListPage } from './pages/list'

test('find a debtor by searching, open it and see its open items and limits', async ({ page }) => {
  const app = new App(page)
  await app.open()
  // The debtor with the most open money: a user would look for that one.
  const top = (await api(page, 'debtors.list', { sortBy: 'openBalance', sortDir: 'desc', limit: 1 })).rows[0]
  const detail = await api(page, 'debtors.get', { id: top.id })
  expect(detail.openItems.length).toBeGreaterThan(0)

  await app.goTo('Debtors')
  const list = new ListPage(page, 'Debtors')
  const all = await list.total()
  await list.search(top.name)
  await expect.poll(() => list.total()).toBeLessThan(all)
  const row = list.rows().filter({ hasText: top.name }).first()
  await expect(row).toContainText(gbMoney(top.creditLimit, top.limitCurrency))
  await row.getByRole('link', { name: top.name }).click()

  const d = new DebtorDetailPage(page)
  await expect(d.heading()).toHaveText(top.name)
  await expect(d.limits()).toContainText(gbMoney(top.creditLimit, top.limitCurrency))
  await expect(d.openItems()).toHaveCount(detail.openItems.length)
  const oldest = detail.openItems[0]
  const first = d.openItems().first()
  await expect(first).toContainText(oldest.number)
  await expect(first).toContainText(gbMoney(oldest.openAmount, oldest.currency))
  if (oldest.daysOverdue > 0) await expect(first.locator('td').nth(4)).toHaveText(String(oldest.daysOverdue))
})

test('sorting the debtor list by credit limit orders the rows', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Debtors')
  const list = new ListPage(page, 'Debtors')
  await list.sortBy('Credit limit')
  await list.sortBy('Credit limit') // second click: descending
  const expected = (await api(page, 'debtors.list', { sortBy: 'creditLimit', sortDir: 'desc', limit: 3 })).rows.map((r) => r.name)
  await expect(list.rows().first()).toContainText(expected[0])
  await expect(list.rows().nth(1)).toContainText(expected[1])
})

test('a debtor added elsewhere (another window, the CLI) appears in the open list without a reload', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Debtors')
  const list = new ListPage(page, 'Debtors')
  const before = await list.total()
  await api(page, 'debtors.create', { name: `Zeta Live Update ${Date.now()} GmbH`, country: 'DE', creditLimit: 1_000_000, limitCurrency: 'EUR', riskClass: 'standard' })
  await expect.poll(() => list.total()).toBe(before + 1)
})
