import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLedger } from '../../src/main/db/open'
import { tempDir } from '../support/temp'

const writeMany = (ledger: ReturnType<typeof openLedger>, n: number) => {
  const ins = ledger.sqlite.prepare("insert into audit_log (at, action, entity, entity_id, details) values (?, 'test.write', 'test', ?, ?)")
  ledger.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(i, i, JSON.stringify({ padding: 'x'.repeat(200), i }))
  })()
}

const waitFor = async (ok: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (ok()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return ok()
}

describe('background WAL checkpoints', () => {
  it('leave the commit alone and copy the WAL into the ledger file from a worker thread soon after', async () => {
    const path = join(tempDir('fd-ckpt-'), 'ledger.db')
    const ledger = openLedger(path, { backgroundCheckpoint: true })
    try {
      const before = statSync(path).size
      writeMany(ledger, 20_000)
      // The commit wrote the pages to the WAL only (the default would have checkpointed them inside it)...
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(4_000_000)
      expect(statSync(path).size).toBe(before)
      // ...and the worker copies them into the ledger file without anyone asking.
      expect(await waitFor(() => statSync(path).size > before + 4_000_000, 5000)).toBe(true)
      expect(ledger.sqlite.prepare("select count(*) from audit_log where action = 'test.write'").pluck().get()).toBe(20_000)
    } finally {
      ledger.close()
    }
    const again = openLedger(path)
    expect(again.sqlite.prepare("select count(*) from audit_log where action = 'test.write'").pluck().get()).toBe(20_000)
    again.close()
  })

  it('is not used unless asked for: a one-shot command checkpoints in its commits as SQLite does by default', () => {
    const path = join(tempDir('fd-ckpt-'), 'ledger.db')
    const ledger = openLedger(path)
    const before = statSync(path).size
    writeMany(ledger, 20_000)
    expect(statSync(path).size).toBeGreaterThan(before + 4_000_000)
    ledger.close()
  })
})
