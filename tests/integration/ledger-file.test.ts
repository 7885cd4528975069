import Database from 'better-sqlite3'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { APPLICATION_ID, LedgerOpenError, openLedger, runMigrations } from '../../src/main/db/open'
import { migrationsFolder } from '../../src/main/db/migrations-folder'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fd-ledger-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A copy of the migrations folder that knows only the first n migrations: the ledger of an older release. */
function olderRelease(n: number): string {
  const folder = join(dir, `drizzle-${n}`)
  cpSync(migrationsFolder(), folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  journal.entries = journal.entries.slice(0, n)
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

describe('the ledger file', () => {
  it('is created with WAL, foreign keys and the FactorDesk application id', () => {
    const l = openLedger(join(dir, 'a.db'))
    expect(l.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(l.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(l.sqlite.pragma('application_id', { simple: true })).toBe(0x46444b31)
    l.close()
  })

  it('migrates a populated ledger of the first release without losing rows', () => {
    const path = join(dir, 'old.db')
    const old = new Database(path)
    runMigrations(old, olderRelease(1))
    old.pragma(`application_id = ${APPLICATION_ID}`)
    old.prepare("insert into client (name, country, agreement, active, created_at) values ('Old Client AB', 'SE', '{}', 1, 1)").run()
    old.prepare("insert into debtor (name, name_norm, country, created_at) values ('Old Debtor', 'old debtor', 'SE', 1)").run()
    old
      .prepare("insert into invoice (client_id, debtor_id, number, currency, face, open_amount, issue_date, due_date, status, rf_ref, created_at) values (1, 1, 'A-1', 'SEK', 1000, 1000, '2026-01-01', '2026-01-31', 'funded', 'RF712348231', 1)")
      .run()
    old.prepare("insert into journal_entry (date, kind, memo, created_at) values ('2026-01-01', 'funding', 'x', 1)").run()
    old.prepare("insert into journal_line (entry_id, account, currency, amount) values (1, 'receivables', 'SEK', 1000), (1, 'bank', 'SEK', -1000)").run()
    old.close()

    const l = openLedger(path)
    expect(l.sqlite.prepare('select number, face, status from invoice').all()).toEqual([{ number: 'A-1', face: 1000, status: 'funded' }])
    expect(l.sqlite.prepare('select count(*) from journal_line').pluck().get()).toBe(2)
    expect(l.sqlite.pragma('foreign_key_check')).toEqual([])
    l.close()
  })

  it('opening twice is a no-op the second time', () => {
    const path = join(dir, 'twice.db')
    openLedger(path).close()
    const before = readFileSync(path).length
    const l = openLedger(path)
    const applied = l.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()
    l.close()
    expect(applied).toBe(JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')).entries.length)
    expect(readFileSync(path).length).toBe(before)
  })

  it('refuses a ledger written by a newer version and leaves it untouched', () => {
    const path = join(dir, 'newer.db')
    const l = openLedger(path)
    l.sqlite.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-the-future', Date.now() + 10 * 365 * 86_400_000)
    l.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    l.close()
    const bytes = readFileSync(path)
    expect(() => openLedger(path)).toThrow(/newer version/)
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })

  it('refuses a corrupt file and does not touch it', () => {
    const path = join(dir, 'corrupt.db')
    writeFileSync(path, 'this is not a database '.repeat(100))
    const bytes = readFileSync(path)
    let err: unknown
    try {
      openLedger(path)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(LedgerOpenError)
    expect((err as LedgerOpenError).code).toBe('CORRUPT')
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })

  it('refuses another application\u2019s SQLite file', () => {
    const path = join(dir, 'other.db')
    const other = new Database(path)
    other.exec('create table notes (id integer primary key, text text)')
    other.close()
    expect(() => openLedger(path)).toThrow(/not a FactorDesk ledger/)
  })

  it('keeps the journal append-only', () => {
    const l = openLedger(':memory:')
    l.sqlite.prepare("insert into journal_entry (date, kind, memo, created_at) values ('2026-01-01', 'funding', 'x', 1)").run()
    l.sqlite.prepare("insert into journal_line (entry_id, account, currency, amount) values (1, 'receivables', 'EUR', 500), (1, 'bank', 'EUR', -500)").run()
    expect(() => l.sqlite.prepare('update journal_line set amount = 1 where id = 1').run()).toThrow(/append-only/)
    expect(() => l.sqlite.prepare('delete from journal_line').run()).toThrow(/append-only/)
    expect(() => l.sqlite.prepare("update journal_entry set memo = 'y'").run()).toThrow(/append-only/)
    expect(() => l.sqlite.prepare("insert into journal_line (entry_id, account, currency, amount) values (1, 'bank', 'EUR', 0)").run()).toThrow(/CHECK/)
  })
})
