import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

test('background jobs: a bank folder that does not exist is refused under its field; an existing one is saved', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const before = await api(page, 'settings.getJobs', {})
  await app.goTo('Settings')
  const jobs = page.getByRole('form', { name: 'Background jobs' })
  await jobs.getByLabel('Watch a folder for bank files').check()
  await jobs.getByLabel('Bank folder').fill('/no/such/folder-for-factordesk')
  await jobs.getByRole('button', { name: 'Save jobs' }).click()
  await expect(jobs.getByLabel('Bank folder')).toHaveAttribute('aria-invalid', 'true')
  await expect(jobs.locator('.field.has-error')).toContainText('not an existing folder')
  expect((await api(page, 'settings.getJobs', {})).bankFolder).toBe(before.bankFolder)

  // An empty folder of its own: the watcher starts at once and imports (moves!) every file in the folder it is given.
  const folder = mkdtempSync(join(tmpdir(), 'fd-e2e-bank-in-'))
  try {
    await jobs.getByLabel('Bank folder').fill(folder)
    await jobs.getByLabel('Run the reminder scheduler').setChecked(!before.remindersEnabled)
    await jobs.getByRole('button', { name: 'Save jobs' }).click()
    await expect(jobs.getByRole('status')).toHaveText('Saved')
    expect(await api(page, 'settings.getJobs', {})).toEqual({ bankFolder: folder, remindersEnabled: !before.remindersEnabled })
    await page.screenshot({ path: '.tmp/settings-jobs.png', fullPage: true })
  } finally {
    await api(page, 'settings.setJobs', before)
    rmSync(folder, { recursive: true, force: true })
  }
})

test('reminder delivery: SMTP settings are saved with the password masked', async ({ page }) => {
  const app = new App(page)
  await app.open()
  const before = await api(page, 'collections.settings', {})
  await app.goTo('Settings')
  const form = page.getByRole('form', { name: 'Reminder delivery' })
  await form.getByLabel('Send e-mail reminders through an SMTP server').check()
  await form.getByLabel('Server', { exact: true }).fill('smtp.example.com')
  await form.getByLabel('Port', { exact: true }).fill('587')
  await form.getByLabel('User name').fill('collections')
  await expect(form.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password')
  await form.getByLabel('Password', { exact: true }).fill('s3cret')
  await form.getByLabel('From address').fill('collections@example.com')
  await form.getByRole('button', { name: 'Save delivery' }).click()
  await expect(form.getByRole('status')).toHaveText('Saved')
  const after = await api(page, 'collections.settings', {})
  expect(after.smtp).toMatchObject({ host: 'smtp.example.com', port: 587, user: 'collections', from: 'collections@example.com' })
  await page.screenshot({ path: '.tmp/settings-delivery.png', fullPage: true })
  await api(page, 'collections.saveSettings', before)
})
