import { expect, test, type Locator } from '@playwright/test'
import { App } from './pages/app'
import { downloadShownPdf } from './pages/pdf'
import { api, gbMoney } from './pages/api'
import type { MethodOutput } from '../../src/shared/contract'

/** An en-GB amount as the screen shows it ('-€1,234.50', 'SEK 12.00') back to minor units. */
function minor(text: string): number {
  const n = Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100)
  return /[-−]/.test(text) ? -n : n
}

const amountOf = async (row: Locator) => minor(await row.getByRole('cell').innerText())

test("a client's statement for the year to date: the reserve reconciles, lines and open items match the ledger, and the PDF opens", async ({ page }) => {
  const app = new App(page)
  await app.open()
  const { today } = await api(page, 'app.info', {})
  const ytd = { from: `${today.slice(0, 4)}-01-01`, to: today }
  // A client with funded invoices whose year has advances and a reserve that was already there on 1 January.
  const clients = (await api(page, 'clients.list', {})).rows.filter((c) => c.openInvoices > 0)
  let found: { id: number; name: string; st: MethodOutput<'payments.clientStatement'> } | undefined
  for (const c of clients) {
    const st = await api(page, 'payments.clientStatement', { clientId: c.id, ...ytd })
    if (st.openingReserve !== 0 && st.lines.some((l) => l.kind === 'advance')) {
      found = { id: c.id, name: c.name, st }
      break
    }
  }
  if (!found) throw new Error('the demo ledger has no client with advances this year and an opening reserve')
  const { id, name, st } = found

  await page.goto(`${page.url().split('#')[0]}#/clients/${id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await page.getByRole('link', { name: 'Statement', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`#/clients/${id}/statement$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  await expect(page.getByRole('region', { name: 'Period', exact: true })).toContainText(st.currency)

  // It opens on the month just closed, by the business date.
  const month = Number(today.slice(5, 7))
  const lastMonth = month === 1 ? `${Number(today.slice(0, 4)) - 1}-12` : `${today.slice(0, 4)}-${String(month - 1).padStart(2, '0')}`
  await expect(page.getByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(`${lastMonth}-01`)

  await page.getByRole('button', { name: 'Year to date' }).click()
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(ytd.from)
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(ytd.to)

  // Closing = opening + every movement the screen lists, and the ledger's figure.
  const reserve = page.getByRole('table', { name: 'Reserve' })
  await expect(reserve.getByRole('row').last()).toContainText(gbMoney(st.closingReserve, st.currency))
  const opening = await amountOf(reserve.getByRole('row').first())
  const closing = await amountOf(reserve.getByRole('row').last())
  const moves = reserve.locator('tr[data-movement]')
  expect(await moves.count()).toBeGreaterThanOrEqual(4)
  let sum = 0
  for (const row of await moves.all()) sum += await amountOf(row)
  expect(opening).toBe(st.openingReserve)
  expect(opening + sum).toBe(closing)
  expect(closing).toBe(st.closingReserve)
  const activity = page.getByRole('definition').filter({ hasText: gbMoney(st.totals.advances, st.currency) })
  await expect(activity).toHaveCount(1)

  // Every line of the period is there; the advances carry their invoice numbers.
  const lines = page.getByRole('table', { name: 'Statement lines' })
  await expect(lines).toHaveAttribute('aria-rowcount', String(st.lines.length))
  await page.getByRole('region', { name: /^Lines/ }).screenshot({ path: '.tmp/client-statement-lines.png' })
  await page.getByLabel('Kind', { exact: true }).selectOption('advance')
  const firstAdvance = st.lines.find((l) => l.kind === 'advance')!
  const row = lines.getByRole('row').filter({ hasText: firstAdvance.invoiceNumber! }).first()
  await expect(row).toContainText('Advance')
  await expect(row).toContainText(gbMoney(firstAdvance.amount, st.currency))
  // The invoice number leads to the invoice.
  await expect(row.getByRole('link', { name: firstAdvance.invoiceNumber! })).toHaveAttribute('href', `#/invoices/${firstAdvance.invoiceId}`)
  await expect(lines).toHaveAttribute('aria-rowcount', String(st.lines.filter((l) => l.kind === 'advance').length))

  const open = page.getByRole('region', { name: 'Open items', exact: true })
  await expect(open.getByTestId('open-items-total')).toHaveText(gbMoney(st.openItemsTotal.openAmount, st.currency))
  await expect(open.getByRole('table', { name: 'Open items' })).toHaveAttribute('aria-rowcount', String(st.openItems.length))
  await expect(open.getByRole('table', { name: 'Open items' })).toContainText(st.openItems[0].number)
  await page.screenshot({ path: '.tmp/client-statement.png', fullPage: true })
  await open.screenshot({ path: '.tmp/client-statement-open-items.png' })

  const doc = await api(page, 'documents.clientStatement', { clientId: id, ...ytd })
  expect(doc.bytes).toBeGreaterThan(1000)
  expect(Buffer.from(doc.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await page.getByRole('button', { name: 'PDF', exact: true }).click()
  const viewer = page.getByRole('dialog', { name: /Client statement/ })
  await expect(viewer).toBeVisible()
  await page.waitForTimeout(1500) // the frame's PDF viewer draws after the frame is attached
  await page.screenshot({ path: '.tmp/client-statement-pdf.png' })
  await downloadShownPdf(page, viewer)

  // A period that ends before it starts is refused, with the reason, and there is nothing to print.
  await page.getByLabel('From', { exact: true }).fill(`${today.slice(0, 4)}-12-31`)
  await expect(page.getByRole('alert')).toContainText('From date on or before the To date')
  await expect(page.getByRole('button', { name: 'PDF', exact: true })).toBeDisabled()
})

test('the statement of a client that does not exist says so', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await page.goto(`${page.url().split('#')[0]}#/clients/99999999/statement`)
  await expect(page.getByRole('alert')).toContainText('99999999')
})
