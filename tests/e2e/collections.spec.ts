import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'
import { formatDate } from '../../src/shared/dates'
import { formatMoney } from '../../src/shared/money'
import { reasonSentence } from '../../src/shared/reason-text'

test('the collection list ranks debtors with reasons and a call is logged from the keyboard', async ({ page }) => {
  const app = new App(page)
  await app.open()
  // The scheduler keeps the summary fresh in the app; here the demo ledger was loaded behind its back.
  await api(page, 'collections.refresh', {})
  const top = await api(page, 'collections.worklist', { limit: 3 })
  expect(top.total).toBeGreaterThan(0)
  await app.goTo('Collections')
  const list = page.getByRole('list', { name: 'Collection list' })
  await expect(list.locator('li').first()).toContainText(top.rows[0].debtorName)
  // The reasons show amounts and dates in the reader's locale, not the plain form the API's `why` carries.
  const locale = await page.evaluate(() => localStorage.getItem('fd.locale') || navigator.language || 'en-GB')
  const inLocale = { money: (a: number, c: string) => formatMoney(a, c, locale), date: (d: string) => formatDate(d, locale) }
  await expect(list.locator('li').first()).toContainText(reasonSentence(top.rows[0].reasons, 3, inLocale))
  if (top.rows[0].reasons[0].template) expect(reasonSentence(top.rows[0].reasons, 3, inLocale)).not.toBe(top.rows[0].why)
  await expect(page.locator('.coll-detail h2')).toHaveText(top.rows[0].debtorName)
  await page.screenshot({ path: '.tmp/collections-screen.png' })

  // j moves to the second debtor; Enter puts the cursor in the call note; Ctrl+Enter saves and moves on.
  await page.keyboard.press('j')
  const second = top.rows[1]
  await expect(page.locator('.coll-detail h2')).toHaveText(second.debtorName)
  await page.keyboard.press('Enter')
  await page.keyboard.type('Spoke to accounts payable, payment run on Friday')
  await page.keyboard.press('Control+Enter')
  await expect(page.locator('.coll-detail h2')).not.toHaveText(second.debtorName)
  const view = await api(page, 'collections.debtor', { debtorId: second.debtorId })
  expect(view.contacts[0]).toMatchObject({ outcome: 'reached', note: 'Spoke to accounts payable, payment run on Friday' })

  // A follow-up set for today shows on the Today view.
  await api(page, 'collections.logCall', { debtorId: top.rows[2].debtorId, outcome: 'no_answer', nextActionDate: '2026-11-23' })
  await page.keyboard.press('t')
  await expect(page.getByRole('heading', { name: 'Reminders waiting for approval' })).toBeVisible()
  await expect(page.locator('.coll-today')).toContainText(top.rows[2].debtorName)
  await page.screenshot({ path: '.tmp/collections-today.png' })
})
