import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

const HEADER = 'invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount'

test('an approver works a request from the keyboard: filter, override, reject, approve, fund', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const users = await api(page, 'users.list', {})
  const approver = users.find((u) => u.role === 'approver') ?? users[0]
  await page.evaluate((id) => localStorage.setItem('fd.userId', String(id)), approver.id)
  const client = (await api(page, 'clients.list', { limit: 1, sortBy: 'name' })).rows[0]
  const debtor = (await api(page, 'debtors.list', { limit: 1, sortBy: 'name' })).rows[0]
  const cur = client.agreement.currency
  const rows = [
    `E2E-1,"${debtor.name}",${debtor.regNo ?? ''},${debtor.country},2026-11-20,2026-12-20,${cur},120.00`,
    `E2E-2,Brand New Kunde GmbH,HRB 777,DE,2026-11-21,2026-12-21,${cur},80.00`,
    `E2E-3,"${debtor.name}",${debtor.regNo ?? ''},${debtor.country},2026-05-01,2026-06-01,${cur},50.00`
  ]
  const data = Buffer.from([HEADER, ...rows].join('\n')).toString('base64')
  const imp = await api(page, 'requests.import', { clientId: client.id, files: [{ name: 'e2e.csv', data }] })
  expect(imp.stored).toBe(3)

  await page.reload()
  await app.goTo('Approvals')
  const queue = page.getByRole('region', { name: 'Waiting requests' })
  await queue.getByText(`#${imp.requestId}`).click()
  const detail = page.getByRole('region', { name: 'Selected request' })
  await expect(detail).toContainText(`request #${imp.requestId}`)
  await expect(detail.getByLabel('Funding figures')).toContainText('Availability')

  await detail.getByRole('tab', { name: /^NEW_DEBTOR/ }).click()
  const table = detail.getByRole('table', { name: 'Invoices of the request' })
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table).toContainText('E2E-2')
  await page.keyboard.press('a')
  await page.getByPlaceholder('reason (required)').fill('known buyer, checked the register')
  await page.screenshot({ path: '.tmp/approvals-override.png' })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toContainText('1 approved')

  await detail.getByRole('tab', { name: /^All/ }).click()
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await table.getByText('E2E-3').click()
  await page.keyboard.press('r')
  await page.getByPlaceholder('reason (required)').fill('too old')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toContainText('1 rejected')
  await table.getByText('E2E-1').click()
  await page.keyboard.press('a')
  await expect(page.getByRole('status')).toContainText('approved')
  await page.screenshot({ path: '.tmp/approvals-screen.png' })

  const figures = (await api(page, 'requests.get', { id: imp.requestId! })).figures
  await expect(detail.getByRole('button', { name: /^Fund|Second sign-off/ })).toBeEnabled()
  await page.keyboard.press('f')
  await expect(page.getByRole('status')).toContainText(/funded|second approver/)
  const after = await api(page, 'requests.get', { id: imp.requestId! })
  expect(after.figures.status === 'funded' ? after.figures.netPayout : figures.netPayout).toBe(figures.netPayout)
})
