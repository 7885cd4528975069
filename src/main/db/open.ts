import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as schema from './schema'
import { migrationsFolder } from './migrations-folder'
import { SAFETY_NET_PAGES, startCheckpointer } from './checkpointer'

export type Db = BetterSQLite3Database<typeof schema>

export interface Ledger {
  /** The drizzle handle for typed queries. */
  db: Db
  /** The raw connection: only the db layer (repos, migrate, bulk loaders) may use it. */
  sqlite: Database.Database
  path: string
  close(): void
}


/** 'FDK1' as a 32-bit integer in the SQLite header, so a FactorDesk ledger can be told from any other SQLite file. */
export const APPLICATION_ID = 0x46444b31

export class LedgerOpenError extends Error {
  constructor(
    message: string,
    readonly code: 'CORRUPT' | 'NEWER_VERSION' | 'NOT_A_LEDGER' | 'MISSING'
  ) {
    super(message)
  }
}

interface JournalFile {
  entries: { idx: number; when: number; tag: string }[]
}

function knownMigrations(folder: string): JournalFile['entries'] {
  return (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as JournalFile).entries
}

/**
 * Looks at an existing file read-only before anything writes to it: a corrupt file or one written by a
 * newer FactorDesk must be refused with the file left exactly as it was.
 */
function inspectExisting(path: string, folder: string): void {
  let probe: Database.Database | undefined
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true })
    const check = probe.pragma('quick_check', { simple: true }) as string
    if (check !== 'ok') throw new LedgerOpenError(`${path} is damaged (${check}); it was not changed. Restore it from a backup.`, 'CORRUPT')
    const appId = probe.pragma('application_id', { simple: true }) as number
    const tables = probe.prepare("select count(*) n from sqlite_master where type = 'table'").get() as { n: number }
    if (appId !== APPLICATION_ID && tables.n > 0) throw new LedgerOpenError(`${path} is an SQLite file but not a FactorDesk ledger; it was not changed.`, 'NOT_A_LEDGER')
    const hasMigrations = probe.prepare("select 1 from sqlite_master where name = '__drizzle_migrations'").get()
    if (hasMigrations) {
      const applied = probe.prepare('select max(created_at) as last from __drizzle_migrations').get() as { last: number | null }
      const known = knownMigrations(folder)
      const newest = known.length ? known[known.length - 1].when : 0
      if (applied.last !== null && applied.last > newest) {
        throw new LedgerOpenError(`${path} was written by a newer version of FactorDesk; update the app to open it. The file was not changed.`, 'NEWER_VERSION')
      }
    }
  } catch (e) {
    if (e instanceof LedgerOpenError) throw e
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new LedgerOpenError(`${path} is not a readable ledger (${(e as Error).message}); it was not changed.`, 'CORRUPT')
    throw e
  } finally {
    probe?.close()
  }
}

export interface OpenOptions {
  /** Create the file when it does not exist (default true). */
  create?: boolean
  /** Checkpoint the WAL from a worker thread instead of inside commits (long-running processes: app, host). */
  backgroundCheckpoint?: boolean
}

/** Opens (creating and migrating as needed) a ledger file, or ':memory:' for tests. */
export function openLedger(path: string, opts: OpenOptions = {}): Ledger {
  const folder = migrationsFolder()
  const isFile = path !== ':memory:'
  if (isFile && existsSync(path) && statSync(path).size > 0) inspectExisting(path, folder)
  else if (isFile && opts.create === false) throw new LedgerOpenError(`${path} does not exist`, 'MISSING')
  const sqlite = new Database(path)
  try {
    if (isFile) sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('busy_timeout = 5000')
    // IN-lists and sorts use ephemeral tables; on disk, one invoice update firing the rollup trigger cost ~4x.
    sqlite.pragma('temp_store = MEMORY')
    sqlite.pragma('cache_size = -65536')
    runMigrations(sqlite, folder)
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`application_id = ${APPLICATION_ID}`)
  } catch (e) {
    sqlite.close()
    throw e
  }
  const db = drizzle(sqlite, { schema })
  if (!isFile || !opts.backgroundCheckpoint) return { db, sqlite, path, close: () => sqlite.close() }
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`)
  const checkpointer = startCheckpointer(path)
  return {
    db,
    sqlite,
    path,
    close: () => {
      void checkpointer.stop()
      sqlite.close()
    }
  }
}

/**
 * The one call site of drizzle's migrator. Foreign keys go off outside the migrator's transaction
 * (inside it the pragma is a no-op and a table rebuild would cascade-delete children), and
 * foreign_key_check afterwards proves nothing was orphaned.
 */
export function runMigrations(sqlite: Database.Database, folder = migrationsFolder()): void {
  sqlite.pragma('foreign_keys = OFF')
  migrate(drizzle(sqlite), { migrationsFolder: folder })
  const broken = sqlite.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) throw new Error(`migration left ${broken.length} rows with broken references`)
}
