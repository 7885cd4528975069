import { Font } from '@react-pdf/renderer'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The family every template uses. DejaVu Sans covers Latin (å ä ö é), € and the minus sign Intl prints. */
export const FONT_FAMILY = 'DejaVu Sans'
const REGULAR = 'DejaVuSans.ttf'
const BOLD = 'DejaVuSans-Bold.ttf'

/**
 * resources/fonts ships beside the code: at the repo root in development, tests and `npm run build`,
 * and under process.resourcesPath in a packaged app (electron-builder extraResources).
 */
export function fontsFolder(): string {
  const fromEnv = process.env.FACTORDESK_FONTS
  if (fromEnv) return fromEnv
  const resources = (process as { resourcesPath?: string }).resourcesPath
  if (resources && existsSync(join(resources, 'fonts', REGULAR))) return join(resources, 'fonts')
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts')
    if (existsSync(join(candidate, REGULAR))) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error(`cannot find resources/fonts/${REGULAR}; set FACTORDESK_FONTS to the folder holding it`)
}

let registered = false

/**
 * Registers the embedded font once per process. @react-pdf caches the parsed font per family, so every
 * later document reuses it; that cache is most of what makes batch rendering fast.
 */
export function registerFonts(): void {
  if (registered) return
  const dir = fontsFolder()
  Font.register({ family: FONT_FAMILY, fonts: [{ src: join(dir, REGULAR) }, { src: join(dir, BOLD), fontWeight: 'bold' }] })
  // Hyphenating would split IBANs, references and names at odd places; whole words wrap instead.
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}
