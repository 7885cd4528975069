import { existsSync } from 'node:fs'
import { createBackend, type Backend } from '../main/backend'
import { openLedger } from '../main/db/open'
import { systemClock, fixedClock, isLocalDate } from '../shared/dates'
import { CliError, str, type ArgValues } from './registry'

/** Opens the ledger named by --db. Commands that read must not create a new empty ledger by accident. */
/** `longRunning`: a process that stays up (serve) checkpoints the WAL in the background instead of in commits. */
export function backendFromArgs(args: ArgValues, opts: { create?: boolean; longRunning?: boolean } = {}): Backend {
  const path = str(args, 'db', true)!
  if (!opts.create && !existsSync(path)) throw new CliError(`ledger ${path} does not exist (create it with: factordesk init --db ${path})`)
  // FACTORDESK_TODAY pins the business date, so scripted runs and demos are reproducible.
  const today = process.env.FACTORDESK_TODAY
  if (today !== undefined && !isLocalDate(today)) throw new CliError(`FACTORDESK_TODAY must be YYYY-MM-DD, got "${today}"`)
  return createBackend(openLedger(path, { backgroundCheckpoint: opts.longRunning === true }), { clock: today ? fixedClock(today) : systemClock, log: () => {} })
}
