import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'
import { ListPage } from './pages/list'

test('the invoice list shows the whole ledger and scrolls deep, fetching the right page', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Invoices')
  const list = new ListPage(page, 'Invoices')
  const all = await api(page, 'invoices.list', { sortBy: 'dueDate', sortDir: 'desc', limit: 1 })
  expect(all.total).toBeGreaterThan(1000)
  await expect.poll(() => list.total()).toBe(all.total)

  await list.scrollTo(0.9)
  // Math.min of no rows is Infinity, which would pass; and keep the index the poll saw, as asking again may
  // catch the list between two renders with no rows loaded.
  let index = 0
  await expect
    .poll(async () => {
      const loaded = await list.loadedIndexes()
      index = loaded.length ? Math.min(...loaded) : 0
      return index
    })
    .toBeGreaterThan(all.total * 0.85)
  // The row at a deep index is the invoice the API has at that offset in the same order.
  const expected = (await api(page, 'invoices.list', { sortBy: 'dueDate', sortDir: 'desc', offset: index - 1, limit: 1 })).rows[0]
  await expect(list.table.locator(`[aria-rowindex="${index}"]`)).toContainText(expected.number)

  await list.scrollTo(1)
  await expect.poll(async () => Math.max(...(await list.loadedIndexes()))).toBe(all.total)
})

test('searching invoices by number narrows the list', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const some = (await api(page, 'invoices.list', { sortBy: 'number', limit: 1, offset: 100 })).rows[0]
  await app.goTo('Invoices')
  const list = new ListPage(page, 'Invoices')
  await list.search(some.number)
  await expect(list.rows().first()).toContainText(some.number)
  await expect.poll(() => list.total()).toBeLessThan(10)
})
