import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page } from '@playwright/test'

/**
 * The in-page PDF viewer shows a blob, and its Download link saves the same bytes as a real PDF; Escape closes it.
 * Returns the downloaded bytes for further checks.
 */
export async function downloadShownPdf(page: Page, viewer: Locator): Promise<Buffer> {
  expect(await viewer.locator('iframe').getAttribute('src')).toMatch(/^blob:.+/)
  const [download] = await Promise.all([page.waitForEvent('download'), viewer.getByRole('link', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toMatch(/\.pdf$/)
  const bytes = readFileSync((await download.path())!)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(bytes.length).toBeGreaterThan(1000)
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
  return bytes
}
