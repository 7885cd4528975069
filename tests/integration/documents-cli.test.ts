import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/main'
import { fundedRequest, pageCount } from './documents-fixture'

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true))
  try {
    return { code: await runCli(argv), out, err }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A ledger file holding one funded request of n invoices. */
async function ledgerFile(n: number): Promise<{ db: string; dir: string; requestId: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-docs-cli-'))
  dirs.push(dir)
  const { b, requestId } = await fundedRequest({ invoices: n })
  const db = join(dir, 'ledger.db')
  await b.ledger.sqlite.backup(db)
  b.close()
  return { db, dir, requestId }
}

describe('factordesk documents', () => {
  it('writes the PDFs and returns their names as JSON, with nothing else on stdout', async () => {
    const { db, dir, requestId } = await ledgerFile(3)
    const out = join(dir, 'pdf')
    const r = await cli('documents', '--db', db, '--request', String(requestId), '--out', out, '--json')
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    const json = JSON.parse(r.out) as { files: { fileName: string; kind: string }[]; outDir: string }
    expect(json.outDir).toBe(out)
    expect(json.files.map((f) => f.fileName)).toEqual([
      'F-2026_4120-notice-of-assignment.pdf',
      'F-2026_4122-notice-of-assignment.pdf',
      'F-2026_4121-invoice-copy.pdf',
      `request-${requestId}-funding-statement.pdf`
    ])
    for (const f of json.files) expect(pageCount(readFileSync(join(out, f.fileName)))).toBe(1)
  })

  it('shows progress on stderr when not --json', async () => {
    const { db, dir, requestId } = await ledgerFile(2)
    const r = await cli('documents', '--db', db, '--request', String(requestId), '--out', join(dir, 'pdf'))
    expect(r.code).toBe(0)
    expect(r.err).toMatch(/^documents: 0\/3/m)
    expect(r.err).toMatch(/^documents: 3\/3 \S+\.pdf$/m)
    expect(r.out).toContain('3 PDFs in')
  })

  it('renders a single document to a file', async () => {
    const { db, dir } = await ledgerFile(2)
    const file = join(dir, 'one', 'notice.pdf')
    const r = await cli('documents', 'render', '--db', db, '--invoice', '2', '--variant', 'notice', '--out', file, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).title).toBe('Notice of assignment F-2026/4121')
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('fails with one line on stderr for an unknown request or a missing option', async () => {
    const { db, dir } = await ledgerFile(1)
    const missing = await cli('documents', '--db', db, '--request', '42', '--out', join(dir, 'x'))
    expect(missing.code).not.toBe(0)
    expect(missing.err.trim().split('\n')).toEqual(['factordesk documents: financing request 42 does not exist'])
    expect(existsSync(join(dir, 'x'))).toBe(false)
    const noOut = await cli('documents', '--db', db, '--request', '1')
    expect(noOut.code).not.toBe(0)
    expect(noOut.err.trim()).toBe('factordesk documents: --out is required')
  })
})
