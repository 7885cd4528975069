import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'
import { ClientFormPage } from './pages/client-form'
import { ListPage } from './pages/list'

test('create a client: errors show under the field as you type, server checks land on their field, rates are saved as basis points', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Clients')
  await page.getByRole('button', { name: 'New client' }).click()
  const form = new ClientFormPage(page)

  await form.field('Name').fill('X')
  await expect(form.errorUnder('Name')).toHaveText('name needs at least 2 characters')
  await form.field('Advance rate').fill('120')
  await expect(form.errorUnder('Advance rate')).toHaveText('at most 100 %')
  await form.field('Advance rate').fill('82.555')
  await expect(form.errorUnder('Advance rate')).toHaveText('at most 2 decimals (whole basis points)')

  const name = `Testbolaget ${Date.now()} AB`
  await form.fill({ Name: name, Country: 'se', 'Advance rate': '82.5', Currency: 'SEK', 'Minimum fee': '1 250,50', IBAN: 'SE45 5000 0000 0583 9825 7467' })
  await expect(form.errorUnder('Name')).toHaveCount(0)
  await expect(form.errorUnder('Advance rate')).toHaveCount(0)
  await form.save()
  // The IBAN's check digits are wrong: only the server knows, and says so under the field.
  await expect(form.errorUnder('IBAN')).toHaveText('not a valid IBAN')

  await form.fill({ IBAN: 'SE45 5000 0000 0583 9825 7466' })
  await form.save()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

  const saved = (await api(page, 'clients.list', { search: name })).rows[0]
  expect(saved.agreement).toMatchObject({ currency: 'SEK', advanceRateBp: 8250, minFee: 125050 })
  expect(saved.country).toBe('SE')

  await app.goTo('Clients')
  const list = new ListPage(page, 'Clients')
  await list.search(name)
  await expect(list.rows()).toHaveCount(1)
  await expect(list.rows().first()).toContainText('82.5%')
})
