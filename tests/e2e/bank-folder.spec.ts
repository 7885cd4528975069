import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

const camt = (id: string, amount: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>2026-11-23T08:00:00</CreDtTm></GrpHdr><Stmt><Id>${id}</Id><CreDtTm>2026-11-23T08:00:00</CreDtTm><Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Folder Payer ${id}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>folder</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`

/** Written a minute "ago", so the watcher sees a finished file rather than one still being copied. */
function put(path: string, content: string): void {
  writeFileSync(path, content)
  const t = new Date(Date.now() - 60_000)
  utimesSync(path, t, t)
}

test('a file the watched folder could not import is shown with its reason and imported once fixed and tried again', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const before = await api(page, 'settings.getJobs', {})
  const folder = mkdtempSync(join(tmpdir(), 'fd-e2e-watched-'))
  const id = `FOLDER-${Date.now()}`
  try {
    put(join(folder, 'statement.xml'), '<Document><BkToCstmrStmt>cut off')
    // Saving the setting restarts the watcher, which scans the folder at once.
    await api(page, 'settings.setJobs', { bankFolder: folder, remindersEnabled: before.remindersEnabled })
    await expect.poll(async () => (await api(page, 'payments.folderFailures', {})).files.map((f) => f.file), { timeout: 20_000 }).toEqual(['statement.xml'])

    await app.goTo('Payments')
    await expect(page.getByRole('button', { name: /Import history · 1 file failed/ })).toBeVisible()
    await page.getByRole('button', { name: /Import history/ }).click()
    const failed = page.getByRole('region', { name: 'Files the watched folder could not import' })
    await expect(failed).toContainText('statement.xml')
    await expect(failed).toContainText((await api(page, 'payments.folderFailures', {})).files[0].reason.replace('statement.xml: ', ''))
    await page.screenshot({ path: '.tmp/bank-folder-failed.png' })

    // The bank sends the file again, whole; it replaces the broken copy and is tried again from the screen.
    put(join(folder, 'failed', 'statement.xml'), camt(id, '123.45'))
    await failed.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(async () => (await api(page, 'payments.imports', { limit: 5 })).map((r) => [r.fileName, r.source]), { timeout: 20_000 }).toContainEqual(['statement.xml', 'folder'])
    await expect(failed).toHaveCount(0)
    await expect(page.getByRole('table', { name: 'Imported files' }).getByRole('row').filter({ hasText: 'statement.xml' })).toContainText('watched folder')
    await expect(page.getByRole('button', { name: 'Import history' })).toBeVisible()
  } finally {
    await api(page, 'settings.setJobs', before)
    rmSync(folder, { recursive: true, force: true })
  }
})
