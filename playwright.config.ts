import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/**
 * E2E against the headless host (`factordesk serve`) in Chromium. Which Chromium: $CHROMIUM_PATH, else
 * Debian's /usr/bin/chromium, else Playwright's own download (what a Mac or Windows developer has).
 * `npm test` builds before this runs; the global setup only starts the server.
 */
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

// As root (CI, containers) Chromium refuses to start sandboxed; the network flags stop it calling home.
const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
if (process.getuid?.() === 0) args.unshift('--no-sandbox')

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  outputDir: '.tmp/playwright',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args }
  }
})
