import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

const HEADER = 'invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount'
const N = 10_000

test('a 10,000-invoice request scrolls in the shared virtual table and keeps its keyboard cursor', async ({ page }) => {
  test.setTimeout(120_000)
  const app = new App(page)
  await app.open()
  const client = (await api(page, 'clients.list', { limit: 1, sortBy: 'name' })).rows[0]
  const cur = client.agreement.currency
  // Forty new buyers (warnings on every line) and every 100th invoice too old to buy (an OVER_AGE error).
  const rows = Array.from({ length: N }, (_, i) => {
    const n = i + 1
    const d = n % 40
    const issue = n % 100 === 0 ? '2026-05-01' : `2026-11-${String(1 + (n % 20)).padStart(2, '0')}`
    return `BULK-${String(n).padStart(5, '0')},Bulk Kunde ${d} GmbH,HRB 8${String(d).padStart(3, '0')},DE,${issue},2026-12-${String(1 + (n % 28)).padStart(2, '0')},${cur},${100 + n}.${String(n % 100).padStart(2, '0')}`
  })
  const data = Buffer.from([HEADER, ...rows].join('\n')).toString('base64')
  const imp = await api(page, 'requests.import', { clientId: client.id, files: [{ name: 'bulk.csv', data }] })
  expect(imp.stored).toBe(N)

  await page.reload()
  await app.goTo('Approvals')
  await page.getByRole('region', { name: 'Waiting requests' }).getByText(`#${imp.requestId} `).click()
  const detail = page.getByRole('region', { name: 'Selected request' })
  const table = detail.getByRole('table', { name: 'Invoices of the request' })
  await expect(table).toHaveAttribute('aria-rowcount', String(N))
  // Only what is on screen is in the DOM.
  expect(await table.locator('.vtable-row').count()).toBeLessThan(80)

  // The cursor walks past the first screenful and the table follows it.
  await expect(table.locator('.vtable-row.selected')).toContainText('BULK-00001')
  for (let i = 0; i < 45; i++) await page.keyboard.press('j')
  await expect(table.locator('.vtable-row.selected')).toContainText('BULK-00046')
  await expect(table.locator('.vtable-row.selected')).toBeInViewport()
  await expect(detail.getByLabel('Selected invoice')).toContainText('BULK-00046 · Bulk Kunde 6 GmbH')
  await page.keyboard.press('k')
  await expect(detail.getByLabel('Selected invoice')).toContainText('BULK-00045')

  // Dragging to the very end shows the last invoices.
  await table.getByTestId('vtable-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await expect(table.getByText(`BULK-${N}`)).toBeVisible()
  await page.screenshot({ path: '.tmp/approvals-large.png' })

  // The flag filter narrows the same table; the cursor starts again at the top of the filtered list.
  await detail.getByRole('tab', { name: /^OVER_AGE/ }).click()
  await expect(table).toHaveAttribute('aria-rowcount', String(N / 100))
  await expect(table.locator('.vtable-row.selected')).toContainText('BULK-00100')

  // Leave the shared demo ledger as it was for the next specs: nothing of this request stays pending.
  await api(page, 'requests.decide', { requestId: imp.requestId!, decision: 'reject', reason: 'e2e bulk request' })
})
