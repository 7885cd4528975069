import type { Page } from '@playwright/test'
import type { MethodCallInput, MethodName, MethodOutput } from '../../../src/shared/contract'

/**
 * Asks the same backend the page talks to (the browser context carries the access cookie), so a test
 * can compare what the screen shows with what the ledger holds.
 */
export async function api<K extends MethodName>(page: Page, method: K, input: MethodCallInput<K>): Promise<MethodOutput<K>> {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/call/${method}`, { data: { input, userId: null } })
  const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.data as MethodOutput<K>
}

/** en-GB money, as the app shows it with the test's locale: €1,234.50 or SEK 1,234.50. */
export function gbMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100)
}
