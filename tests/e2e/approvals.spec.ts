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
  // New debtors make the flags deterministic whatever the demo ledger holds: NEW_DEBTOR, NO_NOTICE and
  // VERIFICATION warnings on each, plus OVER_AGE (an error) on the old one.
  const rows = [
    `E2E-1,E2E Kunde Eins AG,HRB 9001,DE,2026-11-20,2026-12-20,${cur},120.00`,
    `E2E-2,E2E Kunde Zwei GmbH,HRB 9002,DE,2026-11-21,2026-12-21,${cur},80.00`,
    `E2E-3,E2E Kunde Eins AG,HRB 9001,DE,2026-05-01,2026-06-01,${cur},50.00`
  ]
  const data = Buffer.from([HEADER, ...rows].join('\n')).toString('base64')
  const imp = await api(page, 'requests.import', { clientId: client.id, files: [{ name: 'e2e.csv', data }] })
  expect(imp.stored).toBe(3)

  await page.reload()
  await app.goTo('Approvals')
  const queue = page.getByRole('region', { name: 'Waiting requests' })
  // The demo's own requests arrive checked: the client file imported at start-up shows its flags.
  const demoFile = (await api(page, 'requests.queue', {})).rows.find((r) => r.fileName?.includes('erp-export'))!
  await queue.getByText(`#${demoFile.id} `).click()
  const flags = page.getByRole('tablist', { name: 'Filter by flag' })
  for (const code of ['DUPLICATE', 'DEBTOR_LIMIT', 'NEW_DEBTOR', 'NO_NOTICE', 'OVER_AGE', 'VERIFICATION']) await expect(flags.getByRole('tab', { name: new RegExp(`^${code} `) })).toBeVisible()
  await page.screenshot({ path: '.tmp/approvals-demo-queue.png' })
  await queue.getByText(`#${imp.requestId} `).click()
  const detail = page.getByRole('region', { name: 'Selected request' })
  await expect(detail).toContainText(`request #${imp.requestId}`)
  await expect(detail.getByLabel('Funding figures')).toContainText('Availability')
  const table = detail.getByRole('table', { name: 'Invoices of the request' })

  // The old invoice: filter by its flag, try to approve (refused: an error), reject it with a reason.
  await detail.getByRole('tab', { name: /^OVER_AGE/ }).click()
  await expect(table).toHaveAttribute('aria-rowcount', '1')
  await expect(table).toContainText('E2E-3')
  await expect(detail.getByLabel('Selected invoice')).toContainText('days ago; the agreement buys invoices up to')
  await page.keyboard.press('r')
  await page.getByPlaceholder('reason (required)').fill('too old to finance')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toContainText('0 approved, 1 rejected')

  // The two new debtors: 'a' asks for the override reason because of the warnings, Enter approves.
  await detail.getByRole('tab', { name: /^All/ }).click()
  await expect(table).toHaveAttribute('aria-rowcount', '3')
  await table.getByText('E2E-1').click()
  await page.keyboard.press('a')
  await page.getByPlaceholder('reason (required)').fill('known buyer, register checked')
  await page.screenshot({ path: '.tmp/approvals-override.png' })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toContainText('1 approved')
  await expect(table.locator('.vtable-row.selected')).toContainText('E2E-2')
  await page.keyboard.press('o')
  await page.getByPlaceholder('reason (required)').fill('confirmed by phone')
  await page.keyboard.press('Enter')
  await expect(table.locator('.vtable-row', { hasText: 'E2E-2' })).toContainText('approved')
  await page.screenshot({ path: '.tmp/approvals-screen.png' })

  const projected = (await api(page, 'requests.get', { id: imp.requestId! })).figures
  expect(projected.face).toBe(20000)
  await expect(detail.getByRole('button', { name: /^Fund / })).toBeEnabled()
  await page.keyboard.press('f')
  await expect(page.getByRole('status')).toContainText(`Request ${imp.requestId} funded`)
  const funded = await api(page, 'requests.get', { id: imp.requestId! })
  expect(funded.figures).toMatchObject({ status: 'funded', face: 20000, netPayout: projected.netPayout })
  expect(funded.figures.approvals).toEqual([approver.name])
})
