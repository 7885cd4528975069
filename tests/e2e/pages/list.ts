import { expect, type Locator, type Page } from '@playwright/test'

/** Any of the virtualized lists (clients, debtors, invoices). */
export class ListPage {
  readonly table: Locator
  constructor(
    readonly page: Page,
    name: string
  ) {
    this.table = page.getByRole('table', { name })
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox').fill(text)
  }

  rows(): Locator {
    return this.table.locator('.vtable-body [role="row"][data-key]')
  }

  /** The count in the footer, e.g. "6,000 rows". */
  async total(): Promise<number> {
    const foot = this.table.locator('.vtable-foot')
    await expect(foot).toHaveText(/\d+ rows?/)
    return Number((await foot.innerText()).replace(/\D/g, ''))
  }

  scroller(): Locator {
    return this.table.getByTestId('vtable-scroll')
  }

  /** Scrolls the list to a fraction (0..1) of its height, the way dragging the scrollbar does. */
  async scrollTo(fraction: number): Promise<void> {
    await this.scroller().evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f
    }, fraction)
  }

  /** The row indexes (1-based aria-rowindex) that show loaded data. */
  async loadedIndexes(): Promise<number[]> {
    return this.rows().evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('aria-rowindex'))))
  }

  async sortBy(header: string): Promise<void> {
    await this.table.getByRole('columnheader', { name: header }).getByRole('button').click()
  }
}
