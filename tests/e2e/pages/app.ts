import { expect, type Locator, type Page } from '@playwright/test'

/** The shell: opens the app with its token, navigates by the left menu, waits until it is ready. */
export class App {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    const url = process.env.E2E_URL
    if (!url) throw new Error('E2E_URL is not set: run through playwright.config.ts (global setup starts the server)')
    await this.page.goto(url)
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible()
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })
  }

  async goTo(name: string): Promise<void> {
    await this.nav(name).click()
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible()
  }
}
