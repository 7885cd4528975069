import { defineConfig } from 'vitest/config'

process.env.TZ = 'UTC'

// Sweeps the shared corpus of real bank files (../shared/fixtures) against their source projects' gold results.
export default defineConfig({
  test: {
    include: ['tests/conformance/**/*.test.ts'],
    testTimeout: 60_000
  }
})
