import type Database from 'better-sqlite3'
import type { Ledger } from '../open'
import { rebuildRollups, rollupTriggers } from './dashboard-repo'

/**
 * Bulk loading for demo and benchmark ledgers. It goes around the ORM and the per-call services on purpose:
 * a million invoices with their journal lines must load in seconds, which only prepared statements in large
 * transactions do. Callers pass rows as positional values in the column order given below.
 */
export interface BulkWriter {
  /** id, name, reg_no, country, address, postal_code, city, email, iban, bic, agreement (json), created_at */
  client(...v: unknown[]): void
  /** id, name, name_norm, reg_no, country, address, postal_code, city, email, phone, language, credit_limit, limit_currency, risk_class, payment_rating, created_at */
  debtor(...v: unknown[]): void
  /** client_id, debtor_id, credit_limit, noa_status, noa_date */
  clientDebtor(...v: unknown[]): void
  /** iban, debtor_id, first_seen, source */
  debtorIban(...v: unknown[]): void
  /** id, client_id, status, source, file_name, currency, total, submitted_date, prepared_by, approved_by, funded_date, created_at */
  request(...v: unknown[]): void
  /** id, client_id, debtor_id, request_id, number, currency, face, open_amount, advance, issue_date, due_date, funded_date, closed_date, status, rf_ref, created_at */
  invoice(...v: unknown[]): void
  /** id, date, kind, memo, client_id, invoice_id, created_by, created_at */
  entry(...v: unknown[]): void
  /** entry_id, account, currency, amount (debit > 0), client_id, debtor_id, invoice_id */
  line(...v: unknown[]): void
  /** id, name, role, created_at */
  user(...v: unknown[]): void
  setting(key: string, json: string): void
  setDebtorLimit(debtorId: number, limit: number): void
}

const SQL = {
  client: 'insert into client (id, name, reg_no, country, address, postal_code, city, email, iban, bic, agreement, active, created_at) values (?,?,?,?,?,?,?,?,?,?,?,1,?)',
  debtor:
    'insert into debtor (id, name, name_norm, reg_no, country, address, postal_code, city, email, phone, language, credit_limit, limit_currency, risk_class, payment_rating, needs_review, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)',
  clientDebtor: 'insert into client_debtor (client_id, debtor_id, credit_limit, noa_status, noa_date) values (?,?,?,?,?)',
  debtorIban: 'insert or ignore into debtor_iban (iban, debtor_id, first_seen, source) values (?,?,?,?)',
  request: 'insert into financing_request (id, client_id, status, source, file_name, currency, total, submitted_date, prepared_by, approved_by, funded_date, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?)',
  invoice:
    'insert into invoice (id, client_id, debtor_id, request_id, number, currency, face, open_amount, advance, issue_date, due_date, funded_date, closed_date, status, rf_ref, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
  entry: 'insert into journal_entry (id, date, kind, memo, client_id, invoice_id, created_by, created_at) values (?,?,?,?,?,?,?,?)',
  line: 'insert into journal_line (entry_id, account, currency, amount, client_id, debtor_id, invoice_id) values (?,?,?,?,?,?,?)',
  user: 'insert into app_user (id, name, role, active, created_at) values (?,?,?,1,?)',
  setting: 'insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value',
  setDebtorLimit: 'update debtor set credit_limit = ? where id = ?'
}

/** The tables a demo load writes; it refuses to run unless they are all empty, so ids can be assigned up front. */
const LOADED_TABLES = ['client', 'debtor', 'invoice', 'financing_request', 'journal_entry', 'journal_line', 'app_user']

export function assertEmptyForBulk(ledger: Ledger): void {
  for (const t of LOADED_TABLES) {
    if (ledger.sqlite.prepare(`select exists(select 1 from ${t})`).pluck().get() === 1) throw new Error(`demo data goes into an empty ledger only: table ${t} already has rows`)
  }
}

/** Secondary indexes of the big tables: dropped during a large load and rebuilt once, sorted, afterwards. */
const BIG_TABLES = ['invoice', 'journal_entry', 'journal_line']

function secondaryIndexes(sqlite: Database.Database): { name: string; sql: string }[] {
  return sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BIG_TABLES.map(() => '?').join(',')}) order by name`)
    .all(...BIG_TABLES) as { name: string; sql: string }[]
}

export interface BulkOptions {
  /** Drop the big tables' secondary indexes for the load and rebuild them after: pays off from some ten thousand rows. */
  dropIndexes: boolean
  /**
   * Check every foreign key after the load instead of per row. The writer assigns ids itself, so references
   * are right by construction; a full check costs as much as the load, so large loads may skip it.
   */
  checkReferences: boolean
}

/** Rows per multi-row INSERT: one call into SQLite per 64 rows instead of per row. */
const PER_STATEMENT = 64

/** Buffers rows of one table and writes them with a multi-row INSERT. */
class Batch {
  // One fixed array reused for every statement: better-sqlite3 copies the values when it binds them.
  private readonly buf: unknown[]
  private n = 0
  private readonly many: Database.Statement
  private readonly one: Database.Statement
  private readonly width: number

  constructor(db: Database.Database, sql: string) {
    const [head, tuple] = sql.split(' values ')
    this.width = tuple.split('?').length - 1
    this.buf = new Array(PER_STATEMENT * this.width)
    this.one = db.prepare(sql)
    this.many = db.prepare(`${head} values ${Array(PER_STATEMENT).fill(tuple).join(',')}`)
  }

  add(v: unknown[]): void {
    if (v.length !== this.width) throw new Error(`bulk row has ${v.length} values, expected ${this.width}`)
    for (let i = 0; i < v.length; i++) this.buf[this.n++] = v[i]
    if (this.n === this.buf.length) {
      this.many.run(this.buf)
      this.n = 0
    }
  }

  flush(): void {
    for (let i = 0; i < this.n; i += this.width) this.one.run(this.buf.slice(i, i + this.width))
    this.n = 0
  }
}

/** Runs fn with a writer inside one IMMEDIATE transaction: a failed load leaves the ledger exactly as it was. */
export function bulkLoad<T>(ledger: Ledger, opts: BulkOptions, fn: (w: BulkWriter) => T): T {
  const db = ledger.sqlite
  const dropped = opts.dropIndexes ? secondaryIndexes(db) : []
  // The dashboard's rollup triggers cost as much per row as an index: rebuilt once at the end too.
  const triggers = opts.dropIndexes ? rollupTriggers(ledger) : []
  const st = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof SQL, Database.Statement>
  const batches = { invoice: new Batch(db, SQL.invoice), entry: new Batch(db, SQL.entry), line: new Batch(db, SQL.line) }
  const flush = () => Object.values(batches).forEach((b) => b.flush())
  const run = (s: Database.Statement) => (...v: unknown[]) => void s.run(...v)
  const writer: BulkWriter = {
    client: run(st.client),
    debtor: run(st.debtor),
    clientDebtor: run(st.clientDebtor),
    debtorIban: run(st.debtorIban),
    request: run(st.request),
    invoice: (...v) => batches.invoice.add(v),
    entry: (...v) => batches.entry.add(v),
    line: (...v) => batches.line.add(v),
    user: run(st.user),
    setting: (key, json) => void st.setting.run(key, json),
    setDebtorLimit: (id, limit) => void st.setDebtorLimit.run(limit, id)
  }
  const fkWas = db.pragma('foreign_keys', { simple: true }) as number
  // Per-row reference checks cost a lookup per parent per row; the pragma only changes outside a transaction.
  db.pragma('foreign_keys = OFF')
  // In WAL mode every page of a large load is written twice (WAL, then checkpoint). A rollback journal
  // writes new pages once, straight into the file, and needs no journal for pages past the old end.
  const walWas = opts.dropIndexes && (db.pragma('journal_mode', { simple: true }) as string) === 'wal'
  if (walWas) db.pragma('journal_mode = DELETE')
  try {
    // DDL is transactional in SQLite: a rollback brings the dropped indexes back with the ledger as it was.
    return db.transaction(() => {
      for (const ix of dropped) db.exec(`drop index "${ix.name}"`)
      for (const t of triggers) db.exec(`drop trigger "${t.name}"`)
      const result = fn(writer)
      flush()
      for (const ix of dropped) db.exec(ix.sql)
      for (const t of triggers) db.exec(t.sql)
      if (triggers.length) rebuildRollups(ledger)
      if (opts.checkReferences) {
        const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
        if (broken.length) throw new Error(`bulk load wrote ${broken.length} row(s) with broken references, e.g. ${broken[0].table} row ${broken[0].rowid} -> ${broken[0].parent}`)
      }
      return result
    }).immediate()
  } finally {
    db.pragma(`foreign_keys = ${fkWas ? 'ON' : 'OFF'}`)
    if (walWas) db.pragma('journal_mode = WAL')
  }
}
