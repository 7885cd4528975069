import { rmSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { App } from './pages/app'
import { api } from './pages/api'

/** Acts as the demo's approver: chargebacks need one. */
async function asApprover(page: Page, app: App): Promise<void> {
  const users = await api(page, 'users.list', {})
  const approver = users.find((u) => u.role === 'approver' && u.active)!
  await page.evaluate((id) => localStorage.setItem('fd.userId', String(id)), approver.id)
  await page.reload()
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await app.goTo('Collections')
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true })

test('chargebacks: an approver accepts one, it is booked to the client and the client notice is queued', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await api(page, 'chargebacks.propose', {})
  const proposed = await api(page, 'chargebacks.list', { status: 'proposed' })
  test.skip(proposed.length < 2, 'the demo ledger has no chargeback proposals')
  await asApprover(page, app)
  await tab(page, 'Chargebacks').click()
  const table = page.getByRole('region', { name: 'Chargebacks' })
  const first = proposed[0]
  const row = table.locator(`tr[data-chargeback="${first.id}"]`)
  await expect(row).toContainText(first.invoiceNumber)
  await row.getByRole('button', { name: 'Accept' }).click()
  await expect(row).toHaveCount(0)
  const booked = (await api(page, 'chargebacks.list', { status: 'accepted' })).find((c) => c.id === first.id)!
  expect(booked).toMatchObject({ status: 'accepted', invoiceStatus: 'recoursed', bookedAmount: first.openNow, noticeStatus: 'queued' })

  // Rejecting asks for the reason in place.
  const second = table.locator(`tr[data-chargeback="${proposed[1].id}"]`)
  await second.getByRole('button', { name: 'Reject…' }).click()
  await second.getByLabel('Reason').fill('Client settles it directly this week')
  await second.getByRole('button', { name: 'Reject', exact: true }).click()
  await expect(second).toHaveCount(0)
  await tab(page, 'all').click()
  await expect(table.locator(`tr[data-chargeback="${first.id}"]`)).toContainText('accepted')
  await expect(table.locator(`tr[data-chargeback="${proposed[1].id}"]`)).toContainText('Client settles it directly this week')
  await page.screenshot({ path: '.tmp/collections-chargebacks.png' })
})

test('agency: proposals say which rule was met; approving exports the file and the case shows as handed over', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await api(page, 'agency.propose', {})
  let proposed = await api(page, 'agency.cases', { status: 'proposed' })
  if (proposed.length === 0) {
    // The demo ledger has no dunning history, so nobody has had a final reminder yet: propose the top debtor by hand.
    const top = (await api(page, 'collections.worklist', { limit: 5 })).rows.find((r) => r.currencies.length === 1)!
    await api(page, 'agency.proposeDebtor', { debtorId: top.debtorId, reason: 'no answer to three calls, company address closed' })
    proposed = await api(page, 'agency.cases', { status: 'proposed' })
  }
  await app.goTo('Collections')
  await tab(page, 'Agency').click()
  const props = page.getByRole('region', { name: 'Agency proposals' })
  const c = proposed[0]
  await expect(props.locator(`tr[data-case="${c.id}"]`)).toContainText(c.reason)
  await page.screenshot({ path: '.tmp/collections-agency-proposals.png' })
  await props.getByLabel('Export folder').fill('/tmp/factordesk-e2e-agency')
  await props.locator(`tr[data-case="${c.id}"]`).getByRole('button', { name: 'Approve and export' }).click()
  const decided = page.getByRole('region', { name: 'Handed-over cases' }).locator(`tr[data-case="${c.id}"]`)
  await expect(decided).toContainText('exported')
  await expect(decided).toContainText('stopped')
  await expect(decided).toContainText('/tmp/factordesk-e2e-agency/agency-case-')
  const run = await api(page, 'reminders.run', { dryRun: true })
  expect(run.skipped).toContainEqual({ debtorId: c.debtorId, reason: 'handed over to a collection agency' })
  await page.screenshot({ path: '.tmp/collections-agency.png' })
  rmSync('/tmp/factordesk-e2e-agency', { recursive: true, force: true })
})

test('dunning plans: a step is edited per language and an unknown placeholder shows under the text field', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Collections')
  await tab(page, 'Dunning plans').click()
  await page.getByRole('region', { name: 'Dunning plans' }).getByText('Standard', { exact: true }).click()
  await page.getByRole('region', { name: 'Steps' }).locator('tr[data-level="2"]').click()
  const form = page.getByRole('form', { name: 'Level 2' })
  await form.getByRole('tab', { name: 'German' }).click()
  await expect(form.getByLabel('Subject')).toHaveValue('2. Mahnung: {{references}}')
  const text = form.getByLabel('Text')
  const original = await text.inputValue()
  await text.fill(original.replace('{{total}}', '{{betrag}}'))
  await form.getByRole('button', { name: 'Save plan' }).click()
  await expect(form.locator('label', { hasText: 'Text' }).locator('.field-error')).toContainText('unknown placeholder {{betrag}}')
  await page.screenshot({ path: '.tmp/collections-plans-error.png' })
  await text.fill(original)
  await form.getByLabel('Offset from due date (days)').fill('15')
  await form.getByRole('button', { name: 'Save plan' }).click()
  await expect(form.getByText('Saved.')).toBeVisible()
  const standard = (await api(page, 'dunning.plans', {})).find((p) => p.name === 'Standard')!
  expect(standard.steps.find((s) => s.level === 2)!.offsetDays).toBe(15)
  await page.screenshot({ path: '.tmp/collections-plans.png' })
})

test('interest rates: a half-year rate is added and a country margin set', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await app.goTo('Collections')
  await tab(page, 'Interest rates').click()
  const add = page.getByRole('form', { name: 'Add a half-year rate' })
  await add.getByLabel('Year').fill('2027')
  await add.getByLabel('Half').selectOption('07')
  await add.getByLabel('Rate %').fill('2.5x')
  await add.getByRole('button', { name: 'Save rate' }).click()
  await expect(page.getByRole('region', { name: 'Reference rates' }).getByRole('alert')).toContainText('Rate: a percentage')
  await add.getByLabel('Rate %').fill('1.90')
  await add.getByRole('button', { name: 'Save rate' }).click()
  await expect.poll(async () => (await api(page, 'interest.rates', {})).find((r) => r.from === '2027-07-01')?.rateBp).toBe(190)
  const margin = page.getByRole('form', { name: 'Set a country margin' })
  await margin.getByLabel('Country').fill('NL')
  await margin.getByLabel('Margin %').fill('8')
  await margin.getByRole('button', { name: 'Set margin' }).click()
  await expect(page.getByRole('region', { name: 'Margins per country' }).locator('tr', { hasText: 'NL' })).toContainText('8%')
  expect((await api(page, 'collections.settings', {})).countryRules.NL).toEqual({ series: 'ECB', marginBp: 800 })
  await page.screenshot({ path: '.tmp/collections-rates.png' })
})

test('worklist rows show every currency a debtor owes', async ({ page }) => {
  const app = new App(page)
  await app.open()
  await api(page, 'collections.refresh', {})
  const top = await api(page, 'collections.worklist', { limit: 200 })
  await app.goTo('Collections')
  const multi = top.rows.find((r) => r.currencies.length > 1)
  test.skip(!multi, 'no debtor in the demo ledger owes in two currencies')
  const li = page.locator(`.coll-list li[data-debtor="${multi!.debtorId}"]`)
  await li.scrollIntoViewIfNeeded()
  for (const c of multi!.currencies) await expect(li.locator('.amount')).toContainText(c.currency === 'EUR' ? '€' : c.currency)
  await li.click()
  await page.screenshot({ path: '.tmp/collections-multicurrency.png' })
})
