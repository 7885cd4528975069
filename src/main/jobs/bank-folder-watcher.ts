/**
 * Watches a folder for bank files (polling: works on network shares and needs no native watcher), imports each
 * one (by extension: .xml, .sta, .csv, .ofx…; partial downloads and other files stay put) and moves it to
 * imported/ or failed/ (with NAME.reason.txt). A file is only moved after its import has
 * committed; if the app stops in between, the next scan imports it again, which adds nothing (fingerprints),
 * and then moves it. Files that arrived while the app was closed are picked up by the scan at start.
 * Only confident matches apply automatically (the import's own rule); the rest wait as suggestions.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { Clock } from '../../shared/dates'

export interface FolderImportResult {
  file: string
  outcome: 'imported' | 'failed'
  message: string
}

export interface BankFolderJobOptions {
  folder: string
  /** Imports one file (throws with a readable message when it cannot); the statement-import service's commit. */
  importFile: (fileName: string, bytes: Uint8Array) => { counts: { added: number; duplicates: number; autoMatched: number; suggested: number; unmatched: number } }
  /**
   * Compared with the files' modification times, so it must be the file system's time, not the business date's
   * clock: with a pinned business date (FACTORDESK_TODAY) every real file would look "still being written".
   */
  clock: Clock
  /** How often to look (default 30 s). */
  intervalMs?: number
  /** A file must be unchanged this long before it is read, so half-copied files are left alone (default 2 s). */
  settleMs?: number
  onResult?: (r: FolderImportResult) => void
}

// Only what banks deliver statements as: a folder shared with other downloads keeps its PDFs, logs and the
// rest where they are instead of seeing them moved to failed/ (files without an extension are left alone too).
const BANK_FILE = new Set(['.xml', '.sta', '.mt940', '.940', '.mt942', '.942', '.fin', '.txt', '.csv', '.ofx', '.qfx', '.bai', '.bai2', '.dat', '.asc'])

/** Moves without overwriting: a second "stmt.xml" becomes "stmt (2).xml". */
export function moveUnique(from: string, dir: string, name: string): string {
  mkdirSync(dir, { recursive: true })
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  let target = join(dir, name)
  for (let n = 2; existsSync(target); n++) target = join(dir, `${stem} (${n})${ext}`)
  renameSync(from, target)
  return target
}

export function createBankFolderJob(opts: BankFolderJobOptions) {
  const settleMs = opts.settleMs ?? 2000
  let timer: ReturnType<typeof setInterval> | null = null
  let running: Promise<FolderImportResult[]> | null = null

  function candidates(): string[] {
    if (!existsSync(opts.folder)) return []
    return readdirSync(opts.folder, { withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.startsWith('.') && BANK_FILE.has(extname(d.name).toLowerCase()) && !d.name.endsWith('.reason.txt'))
      .map((d) => d.name)
      .sort()
  }

  function processOne(name: string): FolderImportResult | null {
    const path = join(opts.folder, name)
    let st
    try {
      st = statSync(path)
    } catch {
      return null // gone since listing (moved by someone else): nothing to do
    }
    if (st.mtimeMs > opts.clock.now() - settleMs) return null // still being written; next scan
    let result: FolderImportResult
    try {
      const r = opts.importFile(name, readFileSync(path))
      const c = r.counts
      moveUnique(path, join(opts.folder, 'imported'), name)
      result = { file: name, outcome: 'imported', message: `${c.added} new, ${c.duplicates} duplicates; ${c.autoMatched} matched automatically, ${c.suggested} suggested, ${c.unmatched} unmatched` }
    } catch (e) {
      const message = (e as Error).message
      const target = moveUnique(path, join(opts.folder, 'failed'), name)
      writeFileSync(`${target}.reason.txt`, `${message}\n`)
      result = { file: name, outcome: 'failed', message }
    }
    opts.onResult?.(result)
    return result
  }

  /** One pass over the folder; overlapping calls share the pass in progress. */
  function scanOnce(): Promise<FolderImportResult[]> {
    if (!running) {
      running = Promise.resolve()
        .then(() => candidates().map(processOne).filter((r): r is FolderImportResult => r !== null))
        .finally(() => {
          running = null
        })
    }
    return running
  }

  return {
    scanOnce,
    /** Scans at once (files that arrived while the app was closed), then every intervalMs. */
    start(): Promise<FolderImportResult[]> {
      if (!timer) timer = setInterval(() => void scanOnce().catch(() => {}), opts.intervalMs ?? 30_000)
      return scanOnce()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
    get running(): boolean {
      return timer !== null
    }
  }
}
export type BankFolderJob = ReturnType<typeof createBankFolderJob>
