import { z } from 'zod'
import { systemClock, type Clock } from '../../shared/dates'
import type { Backend } from '../backend'
import { createBankFolderJob, type BankFolderJob } from './bank-folder-watcher'
import { createScheduler, type Scheduler } from './scheduler'

/** Background-job settings, stored in the ledger so the desktop app and the headless host agree. */
export const jobSettingsSchema = z.object({
  /** Folder watched for bank files; null = off. */
  bankFolder: z.string().trim().min(1).nullable().default(null),
  /** Reminder scheduler on or off (on by default). */
  remindersEnabled: z.boolean().default(true)
})
export type JobSettings = z.infer<typeof jobSettingsSchema>

export function readJobSettings(backend: Backend): JobSettings {
  return jobSettingsSchema.parse(backend.services.admin.getSetting('jobs') ?? {})
}

export interface RunningJobs {
  scheduler: Scheduler | null
  bankFolder: BankFolderJob | null
  stop(): Promise<void>
}

/**
 * Starts the background jobs of the main process: the collections scheduler (catch-up at start, then
 * periodic) and the bank-folder import. Both the Electron app and `factordesk serve` call this, so the
 * ledger behaves the same whichever way it is opened.
 */
export function startJobs(backend: Backend, opts: { clock: Clock; log: (msg: string) => void; overrides?: Partial<JobSettings> }): RunningJobs {
  const settings = { ...readJobSettings(backend), ...opts.overrides }
  const scheduler = settings.remindersEnabled
    ? createScheduler(backend.services, {
        clock: opts.clock,
        onTick: (r) => {
          opts.log(`collections: ${r.reminders.reminders.length} reminders decided as of ${r.asOf} (caught up ${r.daysCaughtUp} days)`)
          backend.services.ctx.emit('ledger.changed', { scope: ['collections'] })
        },
        onError: (e) => opts.log(`collections job failed: ${(e as Error).message}`)
      })
    : null
  const bankFolder = settings.bankFolder
    ? createBankFolderJob({
        folder: settings.bankFolder,
        // File ages are real time; opts.clock may be a pinned business date.
        clock: systemClock,
        importFile: (fileName, bytes) => backend.services.statementImport.commit({ fileName, bytes }, { source: 'folder', userId: null }),
        onResult: (r) => {
          opts.log(`bank folder: ${r.file} ${r.outcome}: ${r.message}`)
          backend.services.ctx.emit('ledger.changed', { scope: ['payments'] })
        }
      })
    : null
  void scheduler?.start().catch((e) => opts.log(`collections job failed to start: ${(e as Error).message}`))
  void bankFolder?.start().catch((e) => opts.log(`bank folder job failed: ${(e as Error).message}`))
  return {
    scheduler,
    bankFolder,
    async stop() {
      scheduler?.stop()
      await bankFolder?.stop()
    }
  }
}

/**
 * Starts the jobs and restarts them whenever their settings change (Settings screen, API), so a newly
 * chosen bank folder is watched at once rather than after the next start of the app.
 */
export function superviseJobs(backend: Backend, opts: { clock: Clock; log: (msg: string) => void }): { stop(): Promise<void>; current(): RunningJobs } {
  let jobs = startJobs(backend, opts)
  let chain: Promise<void> = Promise.resolve()
  const off = backend.on('ledger.changed', ({ scope }) => {
    if (!scope.includes('jobs')) return
    chain = chain.then(async () => {
      await jobs.stop()
      jobs = startJobs(backend, opts)
    })
  })
  return {
    current: () => jobs,
    async stop() {
      off()
      await chain
      await jobs.stop()
    }
  }
}
