import type { Clock } from '../../shared/dates'
import type { EventName, Events } from '../../shared/contract'
import type { Ledger } from '../db/open'

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void

/** What every service needs: the ledger, the injected clock, and a way to tell listeners something changed. */
export interface ServiceContext {
  ledger: Ledger
  clock: Clock
  emit: Emit
}

/**
 * Runs fn in one synchronous IMMEDIATE transaction: it takes the write lock up front so two writers
 * never deadlock on upgrade. fn must not await: better-sqlite3 transactions cannot span ticks.
 */
export function writeTx<T>(ctx: { ledger: Ledger }, fn: () => T): T {
  return ctx.ledger.sqlite.transaction(fn).immediate()
}
