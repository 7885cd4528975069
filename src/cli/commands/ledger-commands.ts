import { existsSync } from 'node:fs'
import { callOrThrow } from '../../main/backend'
import { createDemoLedger } from '../../main/demo'
import type { InvoiceRow, LedgerStats, Page } from '../../shared/contract'
import { toMajorString } from '../../shared/money'
import { backendFromArgs } from '../ledger-arg'
import { CliError, DB_OPTS, int, str, type Command } from '../registry'
import { table } from '../table'

export const initCommand: Command = {
  name: 'init',
  summary: 'create or migrate a ledger, optionally with demo data',
  usage: 'factordesk init --db PATH [--demo] [--seed N] [--invoices N] [--json]',
  options: { ...DB_OPTS, demo: { type: 'boolean' }, seed: { type: 'string' }, invoices: { type: 'string' } },
  async run(args, _p, io) {
    const existed = existsSync(str(args, 'db', true)!)
    const b = backendFromArgs(args, { create: true })
    try {
      let seeded = null
      if (args.demo || args.invoices !== undefined || args.seed !== undefined) {
        if (b.services.admin.stats().invoices > 0) throw new CliError('the ledger already holds invoices; demo data goes into an empty ledger only')
        let last = 0
        // `init --invoices N` promises exactly N invoices, so no extra client file here.
        seeded = createDemoLedger(b.ledger, {
          clientFile: false,
          seed: int(args, 'seed', 1)!,
          invoices: int(args, 'invoices', 6000)!,
          today: b.services.ctx.clock.today(),
          onProgress: (done, total) => {
            if (!args.json && done - last >= total / 10) {
              io.err(`seeding: ${Math.round((done / total) * 100)} %`)
              last = done
            }
          }
        })
      }
      const stats = b.services.admin.stats()
      return { json: { db: b.ledger.path, created: !existed, seeded, stats }, human: `${existed ? 'migrated' : 'created'} ${b.ledger.path}: ${stats.clients} clients, ${stats.debtors} debtors, ${stats.invoices} invoices` }
    } finally {
      b.close()
    }
  }
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'counts, open balance by currency, and whether the journal balances',
  usage: 'factordesk stats --db PATH [--json]',
  options: DB_OPTS,
  async run(args) {
    const b = backendFromArgs(args)
    try {
      const s = (await callOrThrow(b, 'ledger.stats', {})) as LedgerStats
      const human = [
        `clients ${s.clients}, debtors ${s.debtors}, invoices ${s.invoices}`,
        `by status: ${Object.entries(s.invoicesByStatus).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `open balance: ${s.openBalance.map((o) => `${toMajorString(o.amount, o.currency)} ${o.currency}`).join(', ') || 'none'}`,
        `journal: ${s.journal.entries} entries, ${s.journal.lines} lines, ${s.journal.balanced ? 'balanced' : 'NOT BALANCED'}`
      ].join('\n')
      return { json: s, human }
    } finally {
      b.close()
    }
  }
}

const KINDS = ['clients', 'debtors', 'invoices'] as const

export const listCommand: Command = {
  name: 'list',
  summary: 'list clients, debtors or invoices',
  usage: 'factordesk list clients|debtors|invoices --db PATH [--limit N] [--search TEXT] [--json]',
  options: { ...DB_OPTS, limit: { type: 'string' }, search: { type: 'string' }, offset: { type: 'string' } },
  positionals: true,
  async run(args, positionals) {
    const kind = positionals[0] as (typeof KINDS)[number]
    if (!KINDS.includes(kind)) throw new CliError(`list what? one of: ${KINDS.join(', ')}`)
    const b = backendFromArgs(args)
    try {
      const page = { limit: int(args, 'limit', 50), offset: int(args, 'offset', 0), search: str(args, 'search') }
      if (kind === 'invoices') {
        const r = (await callOrThrow(b, 'invoices.list', { ...page, sortBy: 'number' })) as Page<InvoiceRow>
        const rows = r.rows.map((i) => ({ id: i.id, number: i.number, client: i.clientName, clientId: i.clientId, debtor: i.debtorName, debtorId: i.debtorId, amount: i.face, openAmount: i.openAmount, currency: i.currency, issueDate: i.issueDate, dueDate: i.dueDate, status: i.status, rfReference: i.rfRef }))
        return { json: { total: r.total, rows }, human: table(rows.map((x) => ({ ...x, amount: toMajorString(x.amount, x.currency), openAmount: toMajorString(x.openAmount, x.currency) })), ['id', 'number', 'client', 'debtor', 'amount', 'currency', 'issueDate', 'dueDate', 'status', 'rfReference']) }
      }
      const r = (await callOrThrow(b, `${kind}.list`, page)) as Page<Record<string, unknown>>
      const cols = kind === 'clients' ? ['id', 'name', 'country', 'openInvoices', 'openBalance'] : ['id', 'name', 'country', 'regNo', 'riskClass', 'creditLimit', 'openBalance']
      return { json: { total: r.total, rows: r.rows }, human: table(r.rows, cols) }
    } finally {
      b.close()
    }
  }
}
