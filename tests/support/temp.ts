import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** A fresh temporary folder that is removed when the test process ends, so test runs leave no litter. */
export function tempDir(prefix: string): string {
  if (made.length === 0) process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })))
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
