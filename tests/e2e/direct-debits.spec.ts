import { expect, test, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { App } from './pages/app'
import { api, gbMoney } from './pages/api'
import { ListPage } from './pages/list'
import { E2E_TODAY } from './global-setup'

/** The business date E2E_TODAY (2026-11-23) is a Monday: the next bank day is the Tuesday. */
const COLLECTION_DATE = '2026-11-24'

const camt = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>E2E-H</MsgId><CreDtTm>2026-11-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>E2E-HIST</Id><CreDtTm>2026-11-23T08:00:00</CreDtTm><Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>EUR</Ccy></Acct>${body}</Stmt></BkToCstmrStmt></Document>`
const ntry = (amount: string, txDtls: string) =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><NtryDtls><TxDtls>${txDtls}</TxDtls></NtryDtls></Ntry>`
/** An opening balance without its date: the import keeps the file and records a warning. */
const undatedBalance = '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>'

/** What the server will collect for this debtor: open EUR invoices, funded or partly paid, due by the collection date. */
async function collectibleOf(page: Page, debtorId: number) {
  const d = await api(page, 'debtors.get', { id: debtorId })
  return d.openItems.filter((i) => i.currency === 'EUR' && ['funded', 'partly_paid'].includes(i.status) && i.openAmount > 0 && i.dueDate <= COLLECTION_DATE)
}

async function importThroughApi(page: Page, fileName: string, xml: string) {
  const contentBase64 = Buffer.from(xml).toString('base64')
  const preview = await api(page, 'payments.previewImport', { fileName, contentBase64 })
  return api(page, 'payments.commitImport', { fileName, contentBase64, token: preview.token })
}

test('a mandate added on the debtor page lets its due invoices be exported as a pain.008 file', async ({ page }) => {
  const app = new App(page)
  await app.open()
  // A debtor a user would set up: a few overdue EUR invoices and no mandate yet (nothing else in the suite adds mandates).
  const candidates = (await api(page, 'debtors.list', { sortBy: 'openBalance', sortDir: 'desc', limit: 40 })).rows
  let debtor: (typeof candidates)[number] | undefined
  for (const d of candidates) {
    const n = (await collectibleOf(page, d.id)).length
    if (n >= 2 && n <= 20 && (await api(page, 'mandates.list', { debtorId: d.id })).length === 0) {
      debtor = d
      break
    }
  }
  expect(debtor, 'a demo debtor with overdue EUR invoices').toBeTruthy()
  const umr = `E2E-MANDATE-${debtor!.id}`

  await app.goTo('Debtors')
  await new ListPage(page, 'Debtors').search(debtor!.name)
  await page.getByRole('table', { name: 'Debtors' }).getByRole('link', { name: debtor!.name, exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(debtor!.name)

  const panel = page.getByRole('region', { name: 'Direct debit mandates' })
  await expect(panel.getByRole('table', { name: 'Mandates' })).toContainText('No mandate')
  await panel.getByRole('button', { name: 'Add mandate' }).click()
  const form = panel.getByRole('form', { name: 'New mandate' })
  await form.getByLabel('Mandate reference (UMR)').fill(umr)
  await expect(form.getByLabel('Signature date')).toHaveValue(E2E_TODAY)
  await form.getByLabel('Scheme').selectOption('B2B')
  // Right length and shape, wrong check digits: only the server's IBAN check can refuse it.
  await form.getByLabel('IBAN').fill('DE88 3704 0044 0532 0130 00')
  await form.getByRole('button', { name: 'Add mandate' }).click()
  await expect(form.getByRole('alert').filter({ hasText: 'not a valid IBAN' })).toBeVisible()
  await expect(form.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true')
  expect(await api(page, 'mandates.list', { debtorId: debtor!.id })).toHaveLength(0)
  await panel.scrollIntoViewIfNeeded()
  await page.screenshot({ path: '.tmp/mandates-bad-iban.png' })

  await form.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00')
  await form.getByLabel('BIC').fill('cobadeffxxx')
  await form.getByRole('button', { name: 'Add mandate' }).click()
  await expect(panel.getByRole('status')).toContainText(`Mandate ${umr} added`)
  await expect(form).toHaveCount(0)
  const row = panel.getByRole('table', { name: 'Mandates' }).locator('tbody tr')
  await expect(row).toHaveCount(1)
  for (const text of [umr, 'B2B', 'FRST', 'DE89 3704 0044 0532 0130 00', 'COBADEFFXXX', '23/11/2026', 'active']) await expect(row).toContainText(text)
  await panel.scrollIntoViewIfNeeded()
  await page.screenshot({ path: '.tmp/mandates.png' })

  // Export from the payments screen.
  const due = await collectibleOf(page, debtor!.id)
  await app.goTo('Payments')
  await page.getByRole('button', { name: 'Direct debits…' }).click()
  const dd = page.getByRole('region', { name: 'Direct debits' })
  await expect(dd).toContainText(`${debtor!.name} (${umr})`)
  await expect(dd.getByLabel('Collection date')).toHaveValue(COLLECTION_DATE)
  // Before anything is exported, the panel lists what the file will collect.
  const toCollect = dd.getByRole('table', { name: 'Invoices to collect' })
  await expect(toCollect.locator('tbody tr')).toHaveCount(due.length)
  for (const inv of due) await expect(toCollect).toContainText(inv.number)
  await expect(dd).toContainText(`total ${gbMoney(due.reduce((s, i) => s + i.openAmount, 0), 'EUR')}`)
  await page.screenshot({ path: '.tmp/direct-debits-preview.png' })
  const exportButton = dd.getByRole('button', { name: /^Export / })
  await expect(exportButton).toHaveText(`Export ${due.length} ${due.length === 1 ? 'collection' : 'collections'} (pain.008)`)
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()])
  expect(download.suggestedFilename()).toMatch(/^FD-DD-20261123-\d+\.xml$/)
  const xml = await readFile(await download.path(), 'utf8')
  expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"')
  expect(xml).toContain(`<MndtId>${umr}</MndtId>`)
  expect(xml).toContain('<LclInstrm><Cd>B2B</Cd></LclInstrm>')
  expect(xml).toContain(`<ReqdColltnDt>${COLLECTION_DATE}</ReqdColltnDt>`)
  const header = /<GrpHdr>[\s\S]*?<NbOfTxs>(\d+)<\/NbOfTxs>\s*<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(xml)
  expect(header, 'group header with NbOfTxs and CtrlSum').toBeTruthy()
  const nbOfTxs = Number(header![1])
  const ctrlSum = Math.round(Number(header![2]) * 100)
  // Only this debtor has a mandate: the file holds exactly its due invoices, each once.
  expect(nbOfTxs).toBe(due.length)
  expect(ctrlSum).toBe(due.reduce((s, i) => s + i.openAmount, 0))
  for (const inv of due) expect(xml).toContain(`<Ref>${inv.rfRef}</Ref>`)
  const result = dd.getByRole('status', { name: 'Export result' })
  await expect(result).toContainText(`${nbOfTxs} collections`)
  await expect(result).toContainText(gbMoney(ctrlSum, 'EUR'))
  await expect(result).toContainText(download.suggestedFilename())
  await page.screenshot({ path: '.tmp/direct-debits.png' })

  // The invoices are now on their way: nothing is left to collect, and the panel says so before anyone tries.
  await expect(dd).toContainText(`Nothing is due for collection by ${'24/11/2026'}`)
  await expect(exportButton).toBeDisabled()
  await page.screenshot({ path: '.tmp/direct-debits-nothing.png' })

  // The debtor revokes the mandate: deactivated on the debtor page with a reason, it stays listed as inactive.
  await page.goto(page.url().replace(/#.*$/, `#/debtors/${debtor!.id}`))
  const mandates = page.getByRole('region', { name: 'Direct debit mandates' })
  await mandates.getByRole('button', { name: 'Deactivate' }).click()
  const revoke = mandates.getByRole('form', { name: `Deactivate ${umr}` })
  await expect(revoke.getByRole('button', { name: 'Deactivate' })).toBeDisabled()
  await revoke.getByLabel('Reason').fill('revoked by the debtor')
  await revoke.getByRole('button', { name: 'Deactivate' }).click()
  await expect(mandates.getByRole('table', { name: 'Mandates' }).locator('tbody tr')).toContainText('inactive')
  expect((await api(page, 'mandates.list', { debtorId: debtor!.id })).map((m) => m.active)).toEqual([false])
})

test('the import history lists a file imported elsewhere with its counts and warnings', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const mandated = new Set((await api(page, 'mandates.list', {})).map((m) => m.debtorId))
  const inv = (await api(page, 'invoices.list', { status: ['funded'], sortBy: 'number', sortDir: 'desc', limit: 50 })).rows.find((r) => r.currency === 'EUR' && !mandated.has(r.debtorId))!
  const stamp = Date.now()
  const stranger = ntry(`${(stamp % 900) + 100}.17`, `<RltdPties><Dbtr><Nm>History Payer ${stamp}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>no reference ${stamp}</Ustrd></RmtInf>`)
  await importThroughApi(page, `history-first-${stamp}.xml`, camt(stranger))
  // The same stranger again (a duplicate), a payment by RF reference (matched) and a second stranger (unmatched).
  const fileName = `history-second-${stamp}.xml`
  const second = await importThroughApi(
    page,
    fileName,
    camt(
      undatedBalance +
        stranger +
        ntry((inv.openAmount / 100).toFixed(2), `<RmtInf><Strd><CdtrRefInf><Ref>${inv.rfRef}</Ref></CdtrRefInf></Strd></RmtInf>`) +
        ntry('31.41', `<RltdPties><Dbtr><Nm>Another Stranger ${stamp}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>misc</Ustrd></RmtInf>`)
    )
  )
  expect(second.counts).toEqual({ entries: 3, added: 2, duplicates: 1, autoMatched: 1, suggested: 0, unmatched: 1 })
  const stored = (await api(page, 'payments.imports', { limit: 10 })).find((r) => r.fileName === fileName)!

  await app.goTo('Payments')
  await page.getByRole('button', { name: 'Import history' }).click()
  const history = page.getByRole('region', { name: 'Import history' })
  const row = history.getByRole('table', { name: 'Imported files' }).getByRole('row').filter({ hasText: fileName })
  await expect(row).toHaveCount(1)
  const locale = await page.evaluate(() => localStorage.getItem('fd.locale') || navigator.language || 'en-GB')
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(stored.createdAt))
  // When, file, format, source, entries, new, duplicates, auto, suggested, unmatched, warnings.
  const expected = [when, fileName, 'camt.053', 'manual', '3', '2', '1', '1', '0', '1', '1 warning']
  await expect(row.getByRole('cell')).toHaveText(expected.map((t) => (t === '1 warning' ? /1 warning/ : t)))
  await row.getByRole('button', { name: /1 warning/ }).click()
  await expect(history.getByRole('list', { name: `Warnings for ${fileName}` })).toContainText('balance OPBD has no date')
  await page.screenshot({ path: '.tmp/import-history.png' })
})
