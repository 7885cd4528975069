import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The drizzle/ folder ships beside the code: at the repo root in development and after `npm run build`,
 * in the resources folder of a packaged app. Walk up from this module until it is found.
 */
export function migrationsFolder(): string {
  const fromEnv = process.env.FACTORDESK_MIGRATIONS
  if (fromEnv) return fromEnv
  const resources = (process as { resourcesPath?: string }).resourcesPath
  if (resources && existsSync(join(resources, 'drizzle', 'meta', '_journal.json'))) return join(resources, 'drizzle')
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'drizzle')
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error('cannot find the drizzle migrations folder; set FACTORDESK_MIGRATIONS')
}
