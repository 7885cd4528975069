import type { Locator, Page } from '@playwright/test'

export class ClientFormPage {
  constructor(readonly page: Page) {}
  field(label: string): Locator {
    return this.page.getByRole('form').getByLabel(label, { exact: true })
  }
  /** The message shown under a field. */
  errorUnder(label: string): Locator {
    return this.page.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field-error')
  }
  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, v] of Object.entries(values)) {
      const f = this.field(label)
      if ((await f.evaluate((el) => el.tagName)) === 'SELECT') await f.selectOption(v)
      else await f.fill(v)
    }
  }
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: /Create client|Save changes/ }).click()
  }
}
