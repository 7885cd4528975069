import type { Locator, Page } from '@playwright/test'

export class DashboardPage {
  constructor(readonly page: Page) {}
  openBalance(currency: string): Locator {
    return this.page.getByTestId(`open-${currency}`)
  }
  agingRow(currency: string): Locator {
    return this.page.getByRole('table', { name: 'Aging' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: currency }) })
  }
  chart(): Locator {
    return this.page.locator('.chart .recharts-line')
  }
}
