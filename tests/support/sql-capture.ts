import type Database from 'better-sqlite3'

export interface Captured {
  sql: string
  args: unknown[]
}

/** Runs fn with prepare() wrapped, recording every statement it runs together with its arguments. */
export function capture(db: Database.Database, fn: () => unknown): Captured[] {
  const original = db.prepare.bind(db)
  const seen: Captured[] = []
  db.prepare = ((sql: string) => {
    const wrap = (s: Database.Statement): Database.Statement =>
      new Proxy(s, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver)
          if (prop === 'pluck' || prop === 'raw') return (...a: unknown[]) => wrap((v as (...x: unknown[]) => Database.Statement).apply(target, a))
          if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run')
            return (...args: unknown[]) => {
              seen.push({ sql, args })
              return (v as (...x: unknown[]) => unknown).apply(target, args)
            }
          return typeof v === 'function' ? v.bind(target) : v
        }
      })
    return wrap(original(sql))
  }) as typeof db.prepare
  try {
    fn()
  } finally {
    db.prepare = original as typeof db.prepare
  }
  return seen
}

/** EXPLAIN QUERY PLAN of a captured statement, one detail line per step. */
export function queryPlan(db: Database.Database, c: Captured): string[] {
  return (db.prepare(`explain query plan ${c.sql}`).all(...c.args) as { detail: string }[]).map((r) => r.detail)
}
