import { Cron } from 'croner'
import { diffDays, type Clock, type LocalDate } from '../../shared/dates'
import { getSetting, setSetting } from '../db/repos/collections-config-repo'
import type { Services } from '../backend'
import type { DeliveryReport, RunResult } from '../../shared/contract/collections'

export interface TickResult {
  asOf: LocalDate
  /** Days since the previous completed tick (0 = same day); what the catch-up covered. */
  daysCaughtUp: number
  reminders: RunResult
  evaluated: { kept: number; broken: number; plansBroken: number; plansCompleted: number }
  summaries: number
  agencyProposals: number
  chargebackProposals: number
  delivery: DeliveryReport
}

export interface SchedulerOptions {
  clock: Clock
  /** Cron pattern for periodic ticks; every 15 minutes by default. */
  pattern?: string
  onTick?: (r: TickResult) => void
  onError?: (e: unknown) => void
}

const LAST_RUN = 'collections.lastRun'

/**
 * One pass of the collections job as of clock.today(). It computes what is due as of today instead of
 * replaying the missed days: levels escalate one at a time and each decision carries an idempotency key,
 * so a laptop that was off for a week sends every level that fell due, once; a second tick the same day
 * decides nothing new. Delivery runs last, outside any transaction.
 */
export async function collectionsTick(s: Services, clock: Clock): Promise<TickResult> {
  const asOf = clock.today()
  const last = getSetting(s.ctx.ledger, LAST_RUN) as string | undefined
  const evaluated = s.collectionCases.evaluate(asOf)
  const reminders = s.dunning.run(asOf, false, null)
  const summaries = s.collection.refresh(asOf).debtors
  const agencyProposals = s.collectionAgency.propose(asOf).length
  const chargebackProposals = s.collectionAgency.proposeChargebacks(asOf).length
  const delivery = await s.outbox.deliver()
  s.ctx.ledger.sqlite.transaction(() => setSetting(s.ctx.ledger, LAST_RUN, asOf)).immediate()
  return { asOf, daysCaughtUp: last ? Math.max(0, diffDays(last, asOf)) : 0, reminders, evaluated, summaries, agencyProposals, chargebackProposals, delivery }
}

export interface Scheduler {
  /** Runs a tick now (the start-up catch-up) and then on the pattern. Resolves after the first tick. */
  start(): Promise<TickResult | null>
  stop(): void
  /** Runs one tick unless one is already running (then waits for that one). */
  tickNow(): Promise<TickResult | null>
  readonly running: boolean
}

export function createScheduler(s: Services, o: SchedulerOptions): Scheduler {
  let cron: Cron | null = null
  let current: Promise<TickResult | null> | null = null
  const tickNow = (): Promise<TickResult | null> => {
    if (current) return current
    current = collectionsTick(s, o.clock)
      .then((r) => {
        o.onTick?.(r)
        return r
      })
      .catch((e) => {
        o.onError?.(e)
        return null
      })
      .finally(() => {
        current = null
      })
    return current
  }
  return {
    async start() {
      if (cron) throw new Error('scheduler already started')
      // protect: a tick still delivering when the next is due is skipped rather than overlapped.
      cron = new Cron(o.pattern ?? '*/15 * * * *', { protect: true }, () => void tickNow())
      return tickNow()
    },
    stop() {
      cron?.stop()
      cron = null
    },
    tickNow,
    get running() {
      return cron !== null
    }
  }
}
