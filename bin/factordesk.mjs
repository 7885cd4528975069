#!/usr/bin/env node
// The CLI is built with the app (npm run build → out/main/cli.js); this shim only loads it.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('factordesk: not built yet; run `npm run build` first\n')
  process.exit(1)
}
await import(pathToFileURL(built).href)
