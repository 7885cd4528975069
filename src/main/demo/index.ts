import type { Ledger } from '../db/open'
import { finishDemoRequests } from '../services/request-demo'
import { seedDemo, type SeedOptions, type SeedSummary } from './seed'

/**
 * The demo ledger a first start shows: the seeded firm, then its open financing requests checked by the
 * same code intake runs, plus (unless turned off) one client file waiting for approval.
 * The desktop app, `serve --demo` and `init --demo` all start from here.
 */
export function createDemoLedger(ledger: Ledger, opts: SeedOptions & { clientFile?: boolean }): SeedSummary {
  const summary = seedDemo(ledger, opts)
  finishDemoRequests(ledger, opts.today, { clientFile: opts.clientFile })
  return summary
}
