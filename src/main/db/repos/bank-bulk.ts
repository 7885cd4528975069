/**
 * Multi-row inserts for the statement import: a 100k-line file writes hundreds of thousands of rows in one
 * transaction, and one statement per 50 rows costs far less than one per row. Statements are prepared once per
 * connection and row count.
 */
import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()
const ROWS_PER_STATEMENT = 50

function statement(q: Database.Database, table: string, columns: readonly string[], rows: number): Database.Statement {
  let m = cache.get(q)
  if (!m) cache.set(q, (m = new Map()))
  const key = `${table}|${columns.length}|${rows}`
  let s = m.get(key)
  if (!s) {
    const one = `(${columns.map(() => '?').join(',')})`
    s = q.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => one).join(',')}`)
    m.set(key, s)
  }
  return s
}

/**
 * Inserts rows (each an array of values in `columns` order) and returns their ids in the same order. The rows
 * of one statement get consecutive ids: SQLite assigns each row max(id) + 1 and the caller holds the write lock.
 */
export function insertRows(q: Database.Database, table: string, columns: readonly string[], rows: readonly unknown[][]): number[] {
  const ids: number[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, rows.length - i)
    const args: unknown[] = []
    for (let j = i; j < i + n; j++) for (const v of rows[j]) args.push(v)
    const last = Number(statement(q, table, columns, n).run(...args).lastInsertRowid)
    for (let j = 0; j < n; j++) ids[i + j] = last - n + 1 + j
  }
  return ids
}
