import { expect, test, type Page } from '@playwright/test'
import { App } from './pages/app'
import { api, gbMoney } from './pages/api'

// The camt.053 builders of payments.spec.ts, with this spec's own statement id.
const camt = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>E2E-MANUAL</MsgId><CreDtTm>2026-11-23T09:00:00</CreDtTm></GrpHdr><Stmt><Id>E2E-MANUAL-1</Id><CreDtTm>2026-11-23T09:00:00</CreDtTm><Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`
const ntry = (amount: string, txDtls: string) => `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><NtryDtls><TxDtls>${txDtls}</TxDtls></NtryDtls></Ntry>`
const payerOnly = (name: string) => `<RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>transfer</Ustrd></RmtInf>`
/** What a user in en-GB types: grouped thousands and two decimals ("1,234.50"). */
const typed = (minor: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2 }).format(minor / 100)

/** Imports one bank line that matches nothing, through the same preview + commit the screen uses. */
async function importUnmatched(page: Page, fileName: string, payer: string, minor: number): Promise<void> {
  const contentBase64 = Buffer.from(camt(ntry((minor / 100).toFixed(2), payerOnly(payer)))).toString('base64')
  const preview = await api(page, 'payments.previewImport', { fileName, contentBase64 })
  expect(preview.counts).toMatchObject({ entries: 1, unmatched: 1 })
  await api(page, 'payments.commitImport', { fileName, contentBase64, token: preview.token })
}

/** Finds the line by its payer with the page's search and selects it; returns the detail region. */
async function selectLine(page: Page, payer: string) {
  // The search applies once typing pauses and reloads the selected line, which resets a panel opened before it: wait for it.
  const filtered = page.waitForResponse((r) => r.url().endsWith('/payments.lines') && (r.request().postData() ?? '').includes(payer))
  await page.getByPlaceholder('Search payer, text, reference, IBAN or amount').fill(payer)
  await filtered
  const list = page.getByRole('table', { name: 'Bank lines' })
  await expect(list).toHaveAttribute('aria-rowcount', '1')
  await list.getByText(payer).click()
  const detail = page.getByRole('region', { name: 'Selected line' })
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(payer)
  return detail
}

const unappliedOf = (detail: ReturnType<Page['locator']>) => detail.locator('.pay-facts dt:text-is("Unapplied") + dd')

test('unapplied cash is allocated by hand to an invoice found by number and one found by debtor name', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const funded = (await api(page, 'invoices.list', { status: ['funded'], sortBy: 'number', limit: 100, offset: 40 })).rows.filter((r) => r.currency === 'EUR')
  const inv1 = funded[0]
  const other = funded.find((r) => r.debtorId !== inv1.debtorId)!
  // The second invoice is whichever the search by that debtor's name offers first, as a user would take it.
  const inv2 = (await api(page, 'payments.searchInvoices', { text: other.debtorName, currency: 'EUR' })).find((r) => r.id !== inv1.id)!
  const a1 = Math.round(inv1.openAmount * 0.4)
  const a2 = Math.round(inv2.openAmount * 0.5)
  const rest = 1234
  expect(inv2.openAmount - a2).toBeGreaterThan(rest + 100)
  const payer = 'Hand Allocated Payer'
  await importUnmatched(page, 'manual.xml', payer, a1 + a2 + rest)

  await app.goTo('Payments')
  const detail = await selectLine(page, payer)
  await expect(unappliedOf(detail)).toHaveText(gbMoney(a1 + a2 + rest, 'EUR'))
  const panel = detail.getByRole('region', { name: 'Allocate by hand' })
  // `a` focuses the search, and what is typed lands there (its digits are not taken as the page's 1-5 shortcuts).
  await page.keyboard.press('a')
  const search = panel.getByRole('combobox', { name: 'Search open invoices' })
  await expect(search).toBeFocused()
  await page.keyboard.type(inv1.number)
  await expect(search).toHaveValue(inv1.number)
  const results = panel.getByRole('listbox', { name: 'Open invoices' })
  await expect(results.getByRole('option').first()).toContainText(inv1.number)
  await page.keyboard.press('Enter')
  const amount1 = panel.getByLabel(`Amount for ${inv1.number}`)
  await expect(amount1).toHaveValue((Math.min(inv1.openAmount, a1 + a2 + rest) / 100).toFixed(2))
  await amount1.fill(typed(a1))

  await search.fill(other.debtorName)
  const opt2 = results.getByRole('option').filter({ hasText: inv2.number })
  await expect(opt2).toContainText(inv2.debtorName)
  await expect(opt2).toContainText(`open ${gbMoney(inv2.openAmount, 'EUR')}`)
  await opt2.click()
  const amount2 = panel.getByLabel(`Amount for ${inv2.number}`)
  // Prefilled with what is left of the line (less than the invoice's open amount here).
  await expect(amount2).toHaveValue((Math.min(inv2.openAmount, a2 + rest) / 100).toFixed(2))
  const allocateButton = panel.getByRole('button', { name: /^Allocate / })
  // One cent more than the line holds is refused before anything is sent.
  await amount2.fill(typed(a2 + rest + 1))
  await expect(panel).toContainText(`${gbMoney(1, 'EUR')} more than the line has unapplied`)
  await expect(allocateButton).toBeDisabled()
  await amount2.fill('abc')
  await expect(panel).toContainText('must be an amount such as 1250.00')
  await amount2.fill(typed(a2))
  await expect(panel).toContainText(`${gbMoney(a1 + a2, 'EUR')} of ${gbMoney(a1 + a2 + rest, 'EUR')} unapplied · ${gbMoney(rest, 'EUR')} stays unapplied`)
  await page.screenshot({ path: '.tmp/payments-manual.png' })
  await allocateButton.click()

  await expect(unappliedOf(detail)).toHaveText(gbMoney(rest, 'EUR'))
  const applied = detail.locator('.pay-allocs')
  await expect(applied.getByRole('row').filter({ hasText: inv1.number })).toContainText(gbMoney(a1, 'EUR'))
  await expect(applied.getByRole('row').filter({ hasText: inv2.number })).toContainText(gbMoney(a2, 'EUR'))
  await expect(results).toHaveCount(0)
  expect((await api(page, 'invoices.get', { id: inv1.id })).openAmount).toBe(inv1.openAmount - a1)
  expect((await api(page, 'invoices.get', { id: inv2.id })).openAmount).toBe(inv2.openAmount - a2)
  await page.screenshot({ path: '.tmp/payments-manual-done.png' })
})

test('unapplied cash is refunded, and more than the line holds is refused', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const payer = 'Refund Me Payer'
  await importUnmatched(page, 'refund.xml', payer, 25_000)

  await app.goTo('Payments')
  const detail = await selectLine(page, payer)
  await detail.getByRole('button', { name: 'Refund unapplied cash…' }).click()
  const form = detail.getByRole('form', { name: 'Refund unapplied cash' })
  await expect(form).toContainText('paid back to the payer')
  const amount = form.getByLabel('Amount')
  await expect(amount).toHaveValue('250.00')
  await amount.fill('300')
  await expect(form).toContainText(`at most the unapplied ${gbMoney(25_000, 'EUR')}`)
  await form.getByRole('button', { name: /^Refund/ }).click()
  await expect(form).toContainText('required: say why the money goes back')
  await page.screenshot({ path: '.tmp/payments-refund.png' })
  const line = async () => (await api(page, 'payments.lines', { view: 'all', search: payer, offset: 0, limit: 5 })).rows[0]
  expect((await line()).unapplied).toBe(25_000)

  await amount.fill('100')
  await form.getByLabel('Reason').fill('paid twice')
  await form.getByRole('button', { name: `Refund ${gbMoney(10_000, 'EUR')}` }).click()
  await expect(unappliedOf(detail)).toHaveText(gbMoney(15_000, 'EUR'))
  await expect(form).toHaveCount(0)

  // The rest, as prefilled: a line nothing was applied to is closed by it and leaves the worklist.
  await detail.getByRole('button', { name: 'Refund unapplied cash…' }).click()
  await expect(amount).toHaveValue('150.00')
  await form.getByLabel('Reason').fill('returned to payer')
  await form.getByRole('button', { name: `Refund ${gbMoney(15_000, 'EUR')}` }).click()
  await expect.poll(async () => (await line()).unapplied).toBe(0)
  await page.getByRole('tab', { name: 'All', exact: true }).click()
  await page.getByRole('table', { name: 'Bank lines' }).getByText(payer).click()
  await expect(unappliedOf(detail)).toHaveText(gbMoney(0, 'EUR'))
  await expect(detail.getByRole('button', { name: 'Refund unapplied cash…' })).toHaveCount(0)
})

test('a refusal from the ledger is shown beside the panel, not swallowed', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const inv = (await api(page, 'invoices.list', { status: ['funded'], sortBy: 'number', limit: 100, offset: 60 })).rows.filter((r) => r.currency === 'EUR' && r.openAmount > 20_000)[0]
  const payer = 'Late Decision Payer'
  await importUnmatched(page, 'late.xml', payer, 10_000)
  await app.goTo('Payments')
  const detail = await selectLine(page, payer)
  const panel = detail.getByRole('region', { name: 'Allocate by hand' })
  const search = panel.getByRole('combobox', { name: 'Search open invoices' })
  await search.fill(inv.number)
  await panel.getByRole('option').filter({ hasText: inv.number }).click()
  await expect(panel.getByLabel(`Amount for ${inv.number}`)).toHaveValue('100.00')
  await search.fill('')

  // Meanwhile someone else's payment leaves the invoice only 50.00 open (the picked row still shows the old figure).
  await importUnmatched(page, 'other.xml', 'Someone Else Paying', inv.openAmount - 5_000)
  const other = (await api(page, 'payments.lines', { view: 'all', search: 'Someone Else Paying', offset: 0, limit: 5 })).rows[0]
  await api(page, 'payments.allocate', { bankEntryId: other.id, allocations: [{ invoiceId: inv.id, amount: inv.openAmount - 5_000 }] })

  await panel.getByRole('button', { name: /^Allocate / }).click()
  await expect(panel.getByRole('alert')).toContainText('More than is available.')
  await expect(panel.getByRole('alert')).toContainText(`invoice ${inv.number}`)
  await page.screenshot({ path: '.tmp/payments-manual-refused.png' })
  expect((await api(page, 'payments.lines', { view: 'all', search: payer, offset: 0, limit: 5 })).rows[0].unapplied).toBe(10_000)
  // Searching it again brings the new open amount into the picked row, which then says what is allowed.
  await search.fill(inv.number)
  await expect(panel).toContainText(`at most the invoice's open ${gbMoney(5_000, 'EUR')}`)
  await expect(panel.getByRole('button', { name: /^Allocate / })).toBeDisabled()
})
