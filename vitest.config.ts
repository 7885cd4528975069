import { defineConfig } from 'vitest/config'

process.env.TZ = 'UTC'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // better-sqlite3 is a native addon that is not safe across worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
