import { callOrThrow } from '../../main/backend'
import { isLocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import type { Page, RunResult, WorklistRow } from '../../shared/contract'
import { backendFromArgs } from '../ledger-arg'
import { CliError, DB_OPTS, int, str, type ArgValues, type Command } from '../registry'
import { table } from '../table'

function asOf(args: ArgValues): string | undefined {
  const d = str(args, 'as-of')
  if (d !== undefined && !isLocalDate(d)) throw new CliError(`--as-of must be a real date as YYYY-MM-DD, got "${d}"`)
  return d
}

export const remindersRunCommand: Command = {
  name: 'reminders run',
  summary: 'decide (or with --dry-run only show) the reminders due per debtor as of a date',
  usage: 'factordesk reminders run --db PATH [--as-of YYYY-MM-DD] [--dry-run] [--json]',
  options: { ...DB_OPTS, 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(args) {
    const day = asOf(args)
    const b = backendFromArgs(args)
    try {
      const r = (await callOrThrow(b, 'reminders.run', { asOf: day, dryRun: args['dry-run'] === true })) as RunResult
      const debtors = r.reminders.map((x) => ({
        debtorId: x.debtorId,
        debtor: x.debtorName,
        level: x.level,
        channel: x.channel,
        status: x.status,
        currency: x.currency,
        invoices: x.invoices,
        fee: x.fee,
        interest: x.interest,
        compensation: x.compensation,
        reminderId: x.reminderId
      }))
      const human =
        table(
          debtors.map((d) => ({ ...d, invoices: d.invoices.length, fee: toMajorString(d.fee, d.currency), interest: toMajorString(d.interest, d.currency) })),
          ['debtorId', 'debtor', 'level', 'channel', 'status', 'invoices', 'currency', 'fee', 'interest']
        ) + `\n${r.dryRun ? 'would send' : 'decided'} ${debtors.length} reminders as of ${r.asOf}; ${r.skipped.length} debtors held back (${r.ms} ms)`
      return { json: { asOf: r.asOf, dryRun: r.dryRun, debtors, skipped: r.skipped, debtorsChecked: r.debtorsChecked, invoicesChecked: r.invoicesChecked }, human }
    } finally {
      b.close()
    }
  }
}

export const worklistCommand: Command = {
  name: 'worklist',
  summary: 'the collection list: debtors with money overdue, ranked, with the reasons in words',
  usage: 'factordesk worklist --db PATH [--as-of YYYY-MM-DD] [--top N] [--refresh] [--json]',
  options: { ...DB_OPTS, 'as-of': { type: 'string' }, top: { type: 'string' }, refresh: { type: 'boolean' } },
  async run(args) {
    const day = asOf(args)
    const top = int(args, 'top', 20)!
    if (top < 1 || top > 500) throw new CliError(`--top must be between 1 and 500, got ${top}`)
    const b = backendFromArgs(args)
    try {
      // The list reads the stored summary; recompute it for the date asked so the figures are as of that day.
      await callOrThrow(b, 'collections.refresh', { asOf: day })
      const r = (await callOrThrow(b, 'collections.worklist', { asOf: day, limit: top })) as Page<WorklistRow>
      const rows = r.rows.map((x, i) => ({
        rank: i + 1,
        debtorId: x.debtorId,
        debtor: x.debtorName,
        score: x.score,
        currency: x.currency,
        overdueAmount: x.overdueAmount,
        currencies: x.currencies,
        daysOverdue: x.daysOverdue,
        riskClass: x.riskClass,
        controller: x.controllerName,
        why: x.why,
        reasons: x.reasons
      }))
      return {
        json: { asOf: day ?? b.services.ctx.clock.today(), total: r.total, rows },
        human: table(rows.map((x) => ({ ...x, overdue: x.currencies.map((c) => `${toMajorString(c.overdue, c.currency)} ${c.currency}`).join(' + ') })), ['rank', 'debtor', 'score', 'overdue', 'daysOverdue', 'why']) + `\n${r.total} debtors with money overdue`
      }
    } finally {
      b.close()
    }
  }
}

export const collectionCommands: Command[] = [remindersRunCommand, worklistCommand]
