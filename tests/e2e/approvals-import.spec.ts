import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

/** A client's own export: title line above the header, semicolons, decimal commas, German dates, no country or currency. */
function erpFile(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const text = ['Rechnungsausgangsbuch Export vom 20.11.2026', 'Rechnung;Kunde;HR-Nr;Datum;Fällig;Betrag', ...rows].join('\r\n') + '\r\n'
  return { name: 'erp-export.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') }
}

test('a client layout is mapped in a live preview, saved for the client, checked and imported', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const client = (await api(page, 'clients.list', { limit: 1, sortBy: 'name' })).rows[0]
  const cur = client.agreement.currency
  await app.goTo('Approvals')
  await page.getByRole('button', { name: 'Import request…' }).click()
  const panel = page.getByRole('region', { name: 'Import a financing request' })
  await panel.getByLabel('Client').selectOption(String(client.id))
  await panel.getByLabel('Files').setInputFiles(erpFile([
    'MAP-1;Mapkunde Eins GmbH;HRB 7101;03.11.2026;3.12.2026;1.234,50',
    'MAP-2;Mapkunde Zwei AG;HRB 7102;04.11.2026;31.11.2026;980,00',
    'MAP-3;Mapkunde Eins GmbH;HRB 7101;05.11.2026;05.12.2026;12.000,00'
  ]))

  // The first guess: header on line 2, columns by their German titles, decimal comma, day-first dates.
  await expect(panel.getByLabel('Column for Invoice number')).toHaveValue('t:Rechnung')
  await expect(panel.getByLabel('Column for Due')).toHaveValue('t:Fällig')
  const table = panel.getByRole('table', { name: 'Mapping preview' })
  // No country or currency in the file: every row says so, on the field, until defaults are given.
  await expect(table.locator('tr[data-line="3"] td[aria-invalid]')).toHaveCount(2)
  await panel.getByPlaceholder('DE').fill('DE')
  await panel.getByPlaceholder('EUR').fill(cur)
  await expect(table.locator('tr[data-line="3"] td[aria-invalid]')).toHaveCount(0)
  await expect(table.locator('tr[data-line="3"]')).toContainText('Mapkunde Eins GmbH')
  await expect(table.locator('tr[data-line="3"]')).toContainText('1.234,50')
  // The impossible date stays flagged on its row and field, with the server's words.
  await expect(table.locator('tr[data-line="4"] td[aria-invalid]')).toHaveText('31.11.2026')
  await expect(table).toContainText('field Fällig: 31.11.2026 is not a date in the form DD.MM.YYYY')
  await panel.getByLabel('Mapping name').fill('ERP export')
  await panel.getByRole('button', { name: 'Save mapping for this client' }).click()
  await expect(panel).toContainText('Saved as “ERP export”')
  await page.screenshot({ path: '.tmp/approvals-mapping.png', fullPage: true })
  const saved = await api(page, 'mappings.list', { clientId: client.id })
  expect(saved.find((m) => m.name === 'ERP export')?.mapping).toMatchObject({ delimiter: ';', decimalMark: ',', dateFormat: 'DD.MM.YYYY', headerRow: 2, defaultCountry: 'DE', defaultCurrency: cur })

  // Checking the file reports the bad row and refuses the import: nothing from a broken file is stored.
  await panel.getByRole('button', { name: 'Check invoices' }).click()
  await expect(panel.getByLabel('Checked invoices')).toContainText('Nothing can be imported until the file is fixed')
  await expect(panel.getByRole('button', { name: /^Import/ })).toBeDisabled()

  // The corrected file: the saved mapping is chosen again by itself; checks shown, then imported.
  await panel.getByLabel('Files').setInputFiles(erpFile([
    'MAP-1;Mapkunde Eins GmbH;HRB 7101;03.11.2026;3.12.2026;1.234,50',
    'MAP-2;Mapkunde Zwei AG;HRB 7102;04.11.2026;30.11.2026;980,00',
    'MAP-3;Mapkunde Eins GmbH;HRB 7101;05.11.2026;05.12.2026;12.000,00'
  ]))
  await expect(panel.getByLabel('Saved column mapping')).toHaveValue(String(saved.find((m) => m.name === 'ERP export')!.id))
  await panel.getByRole('button', { name: 'Check invoices' }).click()
  const checked = panel.getByLabel('Checked invoices')
  await expect(checked).toContainText('3 invoices')
  await expect(checked).toContainText('2 new debtors')
  await expect(checked.getByText('NEW_DEBTOR').first()).toBeVisible()
  await page.screenshot({ path: '.tmp/approvals-import-checked.png', fullPage: true })
  await panel.getByRole('button', { name: 'Import 3' }).click()
  await expect(page.getByRole('status').first()).toContainText(/Request \d+: 3 invoices stored/)
  const stored = await api(page, 'invoices.list', { search: 'MAP-', limit: 10, sortBy: 'number' })
  expect(stored.rows.map((i) => [i.number, i.face, i.dueDate])).toEqual([['MAP-1', 123450, '2026-12-03'], ['MAP-2', 98000, '2026-11-30'], ['MAP-3', 1200000, '2026-12-05']])
})
