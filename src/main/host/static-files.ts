import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json'
}

/**
 * Resolves a URL path inside the built renderer folder. Anything that escapes the folder is refused;
 * unknown paths without an extension fall back to index.html so client-side routes survive a reload.
 */
export function resolveStatic(root: string, urlPath: string): { body: Buffer; type: string } | null {
  const base = resolve(root)
  let rel: string
  try {
    rel = decodeURIComponent(urlPath.split('?')[0])
  } catch {
    return null
  }
  const target = resolve(base, '.' + normalize('/' + rel))
  if (target !== base && !target.startsWith(base + sep)) return null
  let file = target
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(rel)) return null
    file = join(base, 'index.html')
    if (!existsSync(file)) return null
  }
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' }
}
