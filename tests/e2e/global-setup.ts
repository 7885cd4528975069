import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** The business date the demo ledger and every assertion are pinned to. */
export const E2E_TODAY = '2026-11-23'

/**
 * Starts `factordesk serve --demo` on a fresh ledger and hands its URL (with the access token) to the
 * tests through E2E_URL. Returns the teardown that stops the server and removes the ledger.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'factordesk-e2e-'))
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const child = spawn(process.execPath, [join(root, 'bin', 'factordesk.mjs'), 'serve', '--db', join(dir, 'e2e.db'), '--demo', '--json'], {
    cwd: root,
    env: { ...process.env, FACTORDESK_TODAY: E2E_TODAY },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`factordesk serve did not start within 120 s:\n${stderr}`)), 120_000)
    child.once('exit', (code) => fail(new Error(`factordesk serve exited with ${code}:\n${stderr}`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      try {
        ok((JSON.parse(line) as { url: string }).url)
      } catch {
        fail(new Error(`unexpected first line from factordesk serve: ${line}`))
      }
    })
  })
  process.env.E2E_URL = url
  return async () => {
    child.removeAllListeners('exit')
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}
