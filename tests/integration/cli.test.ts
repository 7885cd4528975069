import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/main'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fd-cli-'))))
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

/** Runs the CLI in-process and captures what it prints, as a shell user would see it. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  const code = await runCli(argv)
  vi.restoreAllMocks()
  return { code, out, err }
}

describe('factordesk CLI', () => {
  it('creates a ledger and reports its stats as JSON', async () => {
    const db = join(dir, 'l.db')
    const init = await cli('init', '--db', db, '--json')
    expect(init.code).toBe(0)
    expect(JSON.parse(init.out).created).toBe(true)
    const stats = await cli('stats', '--db', db, '--json')
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.out).journal.balanced).toBe(true)
  })

  it('fails with one line on stderr and a non-zero code', async () => {
    const missing = await cli('stats', '--db', join(dir, 'nope.db'), '--json')
    expect(missing.code).not.toBe(0)
    expect(missing.err.trim().split('\n')).toHaveLength(1)
    expect(missing.err).toMatch(/does not exist/)
    const badFlag = await cli('stats', '--db', join(dir, 'x.db'), '--bogus')
    expect(badFlag.code).not.toBe(0)
    expect(badFlag.err).toMatch(/bogus/)
    const unknown = await cli('frobnicate')
    expect(unknown.code).not.toBe(0)
    const corrupt = join(dir, 'c.db')
    writeFileSync(corrupt, 'garbage'.repeat(200))
    const c = await cli('list', 'clients', '--db', corrupt, '--json')
    expect(c.code).toBe(1)
    expect(c.err).toMatch(/not a readable ledger/)
  })

  it('lists what it was asked for and refuses what it does not know', async () => {
    const db = join(dir, 'l.db')
    await cli('init', '--db', db)
    const l = await cli('list', 'clients', '--db', db, '--json')
    expect(JSON.parse(l.out)).toEqual({ total: 0, rows: [] })
    const bad = await cli('list', 'widgets', '--db', db)
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/clients, debtors, invoices/)
  })
})
