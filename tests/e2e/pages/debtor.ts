import type { Locator, Page } from '@playwright/test'

export class DebtorDetailPage {
  constructor(readonly page: Page) {}
  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }
  openItems(): Locator {
    return this.page.getByRole('table', { name: 'Open items' }).locator('tbody tr')
  }
  limits(): Locator {
    return this.page.getByRole('region', { name: 'Limits and usage' })
  }
}
