import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'
import { formatDate } from '../../src/shared/dates'
import { formatMoney } from '../../src/shared/money'
import { reasonText } from '../../src/shared/reason-text'

const camt = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>E2E</MsgId><CreDtTm>2026-11-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>E2E-1</Id><CreDtTm>2026-11-23T08:00:00</CreDtTm><Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`
const ntry = (amount: string, txDtls: string) => `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><NtryDtls><TxDtls>${txDtls}</TxDtls></NtryDtls></Ntry>`

test('a suggested payment is applied from the keyboard and the reason is shown', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const [inv] = (await api(page, 'invoices.list', { status: ['funded'], currency: undefined, sortBy: 'number', limit: 1, offset: 7 } as never)).rows
  const paid = (inv.openAmount - Math.round(inv.openAmount * 0.02)) / 100
  const xml = camt(
    ntry(paid.toFixed(2), `<RltdPties><Dbtr><Nm>Someone Paying</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice ${inv.number} less 2 % discount</Ustrd></RmtInf>`) +
      ntry('77.70', '<RltdPties><Dbtr><Nm>Nobody We Know</Nm></Dbtr></RltdPties><RmtInf><Ustrd>misc</Ustrd></RmtInf>')
  )
  const contentBase64 = Buffer.from(xml).toString('base64')
  const preview = await api(page, 'payments.previewImport', { fileName: 'e2e.xml', contentBase64 })
  expect(preview.counts).toMatchObject({ entries: 2, suggested: 1, unmatched: 1 })
  await api(page, 'payments.commitImport', { fileName: 'e2e.xml', contentBase64, token: preview.token })

  await app.goTo('Payments')
  const list = page.getByRole('table', { name: 'Bank lines' })
  await expect(list.getByText('Someone Paying')).toBeVisible()
  await list.getByText('Someone Paying').click()
  const detail = page.getByRole('region', { name: 'Selected line' })
  await expect(detail).toContainText('within the short-payment/discount tolerance')
  await expect(detail).toContainText(inv.number)
  // The reasons show amounts and dates in the reader's locale, not the plain form the API's `reason` carries.
  const locale = await page.evaluate(() => localStorage.getItem('fd.locale') || navigator.language || 'en-GB')
  const inLocale = { money: (a: number, c: string) => formatMoney(a, c, locale), date: (d: string) => formatDate(d, locale) }
  const stored = (await api(page, 'payments.lines', { view: 'all', offset: 0, limit: 200 } as never)).rows.find((r) => r.counterpartyName === 'Someone Paying')!
  expect(stored.reasonTemplate).toBeTruthy()
  await expect(detail).toContainText(reasonText({ points: 0, text: stored.reason, template: stored.reasonTemplate ?? undefined, args: stored.reasonArgs ?? undefined }, inLocale))
  const cand = stored.candidates[0]
  await expect(detail).toContainText(reasonText({ points: 0, text: cand.reason, template: cand.reasonTemplate, args: cand.reasonArgs }, inLocale))
  await page.screenshot({ path: '.tmp/payments-screen.png' })
  await page.keyboard.press('Shift+Digit1')
  await expect(page.getByRole('status')).toContainText(`to ${inv.number}`)
  const after = await api(page, 'invoices.get', { id: inv.id })
  expect(after).toMatchObject({ status: 'paid', openAmount: 0 })
  await page.getByRole('tab', { name: 'Matched', exact: true }).click()
  await list.getByText('Someone Paying').click()
  // All the cash is applied: the old candidates are no longer offered as choices.
  await expect(detail.getByRole('heading', { name: 'Applied' })).toBeVisible()
  await expect(detail.getByRole('heading', { name: 'Candidates' })).toHaveCount(0)
  await page.screenshot({ path: '.tmp/payments-matched.png' })
  await page.keyboard.press('u')
  await expect.poll(async () => (await api(page, 'invoices.get', { id: inv.id })).status).toBe('funded')
})

test('an import is previewed line by line before anything is stored, and every line of a long list can be reached', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const [inv] = (await api(page, 'invoices.list', { status: ['funded'], currency: undefined, sortBy: 'number', limit: 1, offset: 11 } as never)).rows
  const walkIns = Array.from({ length: 600 }, (_, i) => ntry((1000 + i / 100).toFixed(2), `<RltdPties><Dbtr><Nm>Walk-in payer ${String(i + 1).padStart(3, '0')}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>cash ${i + 1}</Ustrd></RmtInf>`))
  const xml = camt(ntry((inv.openAmount / 100).toFixed(2), `<RmtInf><Strd><CdtrRefInf><Ref>${inv.rfRef}</Ref></CdtrRefInf></Strd></RmtInf>`) + walkIns.join(''))
  const before = (await api(page, 'payments.lines', { view: 'all', offset: 0, limit: 1 } as never)).total

  await app.goTo('Payments')
  await page.locator('.payments input[type=file]').setInputFiles({ name: 'walk-ins.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) })
  const preview = page.getByRole('region', { name: 'Import preview' })
  await expect(preview).toContainText('601 lines read')
  await expect(preview.getByRole('tab', { name: /Will match\s*1$/ })).toBeVisible()
  await expect(preview.getByRole('tab', { name: /Unmatched\s*600$/ })).toBeVisible()
  // The preview stored nothing.
  expect((await api(page, 'payments.lines', { view: 'all', offset: 0, limit: 1 } as never)).total).toBe(before)
  await preview.getByRole('tab', { name: /Will match/ }).click()
  const lines = preview.getByRole('table', { name: 'Lines to import' })
  await expect(lines.getByRole('row').filter({ hasText: inv.number })).toContainText('will match')
  await expect(lines).toContainText('1 row')
  await page.screenshot({ path: '.tmp/payments-preview.png' })
  await preview.getByRole('button', { name: 'Import 601 new lines' }).click()
  // The header showed the import's stages meanwhile; the page's own message says what was stored.
  await expect(page.getByRole('status').filter({ hasText: 'walk-ins.xml: 601 new' })).toBeVisible()
  await expect(page.locator('.jobs')).toHaveCount(0)
  await expect(preview).toHaveCount(0)
  expect(await api(page, 'invoices.get', { id: inv.id })).toMatchObject({ status: 'paid', openAmount: 0 })

  // More lines than one page of the list: the last one is reached by scrolling, and selecting it shows it.
  await page.getByRole('tab', { name: 'Unmatched', exact: true }).click()
  const list = page.getByRole('table', { name: 'Bank lines' })
  // The view loads after the tab is clicked: wait until the table holds what the API says the view has.
  const total = (await api(page, 'payments.lines', { view: 'unmatched', offset: 0, limit: 1 } as never)).total
  expect(total).toBeGreaterThanOrEqual(600)
  await expect(list).toHaveAttribute('aria-rowcount', String(total))
  await list.getByTestId('vtable-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  const last = list.locator(`[aria-rowindex="${total}"]`)
  await expect(last).toContainText('unmatched')
  const payer = (await last.locator('[role=cell]').first().locator('span > span').first().textContent()) ?? ''
  await last.click()
  await expect(page.getByRole('region', { name: 'Selected line' }).getByRole('heading', { level: 2 })).toContainText(payer)
  await page.screenshot({ path: '.tmp/payments-long-list.png' })
})

test('the selected line stays selected when new lines arrive above it', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const send = async (name: string, amount: string) => {
    const contentBase64 = Buffer.from(camt(ntry(amount, `<RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>cash</Ustrd></RmtInf>`).replace(/E2E-1/g, name))).toString('base64')
    const preview = await api(page, 'payments.previewImport', { fileName: `${name}.xml`, contentBase64 })
    await api(page, 'payments.commitImport', { fileName: `${name}.xml`, contentBase64, token: preview.token })
  }
  await send('Cursor Keeper', '41.41')
  await app.goTo('Payments')
  const list = page.getByRole('table', { name: 'Bank lines' })
  await list.getByText('Cursor Keeper').click()
  const heading = page.getByRole('region', { name: 'Selected line' }).getByRole('heading', { level: 2 })
  await expect(heading).toContainText('Cursor Keeper')
  const before = Number(await list.getAttribute('aria-rowcount'))
  // Another file arrives (another window, the watched folder): its line sorts above ours.
  await send('Newcomer Above', '42.42')
  await expect(list).toHaveAttribute('aria-rowcount', String(before + 1))
  await expect(list.getByRole('row', { selected: true })).toContainText('Cursor Keeper')
  await expect(heading).toContainText('Cursor Keeper')
})
