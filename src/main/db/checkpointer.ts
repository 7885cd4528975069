/**
 * WAL checkpoints off the request path. By default the connection that commits past 1,000 WAL pages copies
 * them into the database file and syncs it, inside that commit: a 5,000-payment bank file waited ~240 ms for
 * it. The ledger's own connection instead checkpoints only as a safety net (a WAL of ~400 MB), and a worker
 * thread with its own connection runs a passive checkpoint every second, which never blocks a writer or a
 * reader. The worker is a few lines of plain JS, so it needs no build entry of its own; it gets the driver's
 * resolved path so it loads the same better-sqlite3 the ledger uses.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (e) { parentPort.postMessage(String((e && e.message) || e)) }
}
const timer = setInterval(tick, workerData.everyMs)
parentPort.on('message', () => { clearInterval(timer); tick(); db.close(); parentPort.close() })
`

/** WAL pages at which the ledger's own connection still checkpoints, should the worker not keep up. */
export const SAFETY_NET_PAGES = 100_000

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; resolves when its connection is closed. */
  stop(): Promise<void>
}

export function startCheckpointer(path: string, opts: { everyMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs: opts.everyMs ?? 1000 } })
  // A background helper must not keep a CLI command's process alive.
  worker.unref()
  worker.on('message', (m: string) => opts.onError?.(m))
  worker.on('error', (e) => opts.onError?.(e.message))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop: () => {
      worker.postMessage('stop')
      return exited
    }
  }
}
