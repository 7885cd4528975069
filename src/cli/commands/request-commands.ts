import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { callOrThrow, type Backend } from '../../main/backend'
import { CHECK_CODES, type CheckCode, type FundingFigures, type ImportResult, type MappingRow, type MethodOutput } from '../../shared/contract'
import { toMajorString } from '../../shared/money'
import { backendFromArgs } from '../ledger-arg'
import { CliError, DB_OPTS, list, str, type Command } from '../registry'
import { table } from '../table'

function readUpload(path: string): { name: string; data: string } {
  try {
    return { name: basename(path), data: readFileSync(path).toString('base64') }
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

function requestId(args: Record<string, unknown>): number {
  const v = str(args as never, 'request', true)!
  if (!/^\d+$/.test(v)) throw new CliError(`--request must be a request id, got "${v}"`)
  return Number(v)
}

function figuresText(f: FundingFigures): string {
  const m = (n: number) => `${toMajorString(n, f.currency)} ${f.currency}`
  return [
    `request ${f.requestId}: ${f.status.replace(/_/g, ' ')}${f.fundedDate ? ` on ${f.fundedDate}` : ''} (${f.invoices} invoices)`,
    `face ${m(f.face)}, advance ${m(f.advance)}, reserve ${m(f.reserve)}, fees ${m(f.fees)}, chargebacks netted ${m(f.chargebacksNetted)}`,
    `net payout ${m(f.netPayout)}; availability ${m(f.availability.available)}; signed off by ${f.approvals.join(', ') || 'nobody yet'}`
  ].join('\n')
}

export const requestImportCommand: Command = {
  name: 'request import',
  summary: 'import a financing request from a FactorDesk CSV, a mapped CSV/XLSX or UBL invoice XML files',
  usage: 'factordesk request import --db PATH --client CLIENT --file FILE [--file FILE ...] [--mapping NAME] [--by USER] [--json]',
  options: { ...DB_OPTS, client: { type: 'string' }, file: { type: 'string', multiple: true }, mapping: { type: 'string' }, by: { type: 'string' } },
  async run(args) {
    const files = list(args, 'file')
    if (!files.length) throw new CliError('--file is required')
    const clientRef = str(args, 'client', true)!
    const b = backendFromArgs(args)
    try {
      const client = b.services.parties.resolveClient(clientRef)
      const user = str(args, 'by') ? b.services.requestApproval.resolveUser(str(args, 'by')!) : null
      let mappingId: number | undefined
      const mappingRef = str(args, 'mapping')
      if (mappingRef) {
        const all = (await callOrThrow(b, 'mappings.list', { clientId: client.id })) as MappingRow[]
        const m = all.find((x) => x.name === mappingRef || String(x.id) === mappingRef)
        if (!m) throw new CliError(`client ${client.name} has no column mapping "${mappingRef}" (saved: ${all.map((x) => x.name).join(', ') || 'none'})`)
        mappingId = m.id
      }
      const r = (await callOrThrow(b, 'requests.import', { clientId: client.id, files: files.map(readUpload), mappingId }, user?.id ?? null)) as ImportResult
      const invoices = r.rows.map((row) => ({ number: row.number, debtor: row.debtorName, debtorId: row.debtorId, amount: row.amount, currency: row.currency, issueDate: row.issueDate, dueDate: row.dueDate, eligible: row.eligible && !row.skipped, stored: !row.skipped, checks: row.checks }))
      const json = { requestId: r.requestId, client: { id: client.id, name: client.name }, stored: r.stored, totals: r.totals, invoices }
      const head = r.requestId ? `request ${r.requestId} for ${client.name}: ${r.stored} invoices stored, ${r.totals.eligible} eligible` : `nothing stored for ${client.name}: every invoice is already in the ledger`
      const human = [head, table(invoices.map((i) => ({ number: i.number, debtor: i.debtor, amount: toMajorString(i.amount, i.currency), currency: i.currency, eligible: i.eligible ? 'yes' : 'no', checks: i.checks.map((c) => `${c.code}(${c.severity[0]})`).join(' ') })))].join('\n')
      return { json, human }
    } finally {
      b.close()
    }
  }
}

function parseOverrides(values: string[]): { code: CheckCode; reason: string }[] {
  return values.map((v) => {
    const i = v.indexOf(':')
    const code = (i < 0 ? v : v.slice(0, i)).trim().toUpperCase()
    const reason = i < 0 ? '' : v.slice(i + 1).trim()
    if (!(CHECK_CODES as readonly string[]).includes(code)) throw new CliError(`--override ${v}: unknown check code "${code}" (one of ${CHECK_CODES.join(', ')})`)
    if (reason.length < 3) throw new CliError(`--override ${v}: give a reason after the colon, e.g. ${code}:confirmed by phone`)
    return { code: code as CheckCode, reason }
  })
}

async function invoiceIds(b: Backend, id: number, numbers: string[]): Promise<number[]> {
  const got = (await callOrThrow(b, 'requests.get', { id })) as MethodOutput<'requests.get'>
  return numbers.map((n) => got.invoices.find((i) => i.number === n)?.id ?? (() => { throw new CliError(`invoice ${n} is not part of request ${id}`) })())
}

export const requestApproveCommand: Command = {
  name: 'request approve',
  summary: 'approve (and reject) invoices of a request, sign off, and fund it once enough approvers have',
  usage: 'factordesk request approve --db PATH --request ID --by USER [--invoice NUMBER ...] [--override CODE:REASON ...] [--reject NUMBER ... --reason TEXT] [--json]',
  options: { ...DB_OPTS, request: { type: 'string' }, by: { type: 'string' }, invoice: { type: 'string', multiple: true }, override: { type: 'string', multiple: true }, reject: { type: 'string', multiple: true }, reason: { type: 'string' } },
  async run(args) {
    const id = requestId(args)
    const overrides = parseOverrides(list(args, 'override'))
    const b = backendFromArgs(args)
    try {
      const user = b.services.requestApproval.resolveUser(str(args, 'by', true)!)
      const rejects = list(args, 'reject')
      let rejected = 0
      if (rejects.length) {
        const reason = str(args, 'reason')
        if (!reason) throw new CliError('--reject needs --reason')
        rejected = ((await callOrThrow(b, 'requests.decide', { requestId: id, invoiceIds: await invoiceIds(b, id, rejects), decision: 'reject', reason }, user.id)) as { rejected: number }).rejected
      }
      const numbers = list(args, 'invoice')
      const view = (await callOrThrow(b, 'requests.get', { id })) as MethodOutput<'requests.get'>
      let decided: MethodOutput<'requests.decide'> | null = null
      if (view.request.pending > 0) {
        decided = (await callOrThrow(b, 'requests.decide', { requestId: id, invoiceIds: numbers.length ? await invoiceIds(b, id, numbers) : undefined, decision: 'approve', overrides, reason: overrides.length ? 'approved with overrides' : '' }, user.id)) as MethodOutput<'requests.decide'>
      }
      const after = (await callOrThrow(b, 'requests.get', { id })) as MethodOutput<'requests.get'>
      const figures = after.request.pending === 0 && after.request.approved > 0 ? ((await callOrThrow(b, 'requests.fund', { requestId: id }, user.id)) as FundingFigures) : after.figures
      const refused = decided?.refused ?? []
      const json = { requestId: id, by: user.name, approved: decided?.approved ?? 0, rejected, refused, undecided: after.request.pending, figures }
      const rc = figures.recheck
      const notes = [
        refused.length ? `not approved: ${refused.map((r) => `${r.number} (${r.reason})`).join('; ')}` : '',
        after.request.pending ? `${after.request.pending} invoices still undecided: funding waits for them` : '',
        rc?.notFunded.length ? `not funded, no longer eligible at funding: ${rc.notFunded.map((n) => `${n.number} (${n.reason})`).join('; ')}` : '',
        rc?.needsOverride.length ? `not funded: new warnings since approval need an override (--override CODE:REASON): ${rc.needsOverride.map((n) => `${n.number} (${n.reason})`).join('; ')}` : ''
      ].filter(Boolean)
      return { json, human: [figuresText(figures), ...notes].join('\n') }
    } finally {
      b.close()
    }
  }
}

export const payoutExportCommand: Command = {
  name: 'payout export',
  summary: 'write the SEPA credit transfer (pain.001) paying a funded request to the client',
  usage: 'factordesk payout export --db PATH --request ID --out FILE [--version 09|03] [--json]',
  options: { ...DB_OPTS, request: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' } },
  async run(args) {
    const id = requestId(args)
    const out = str(args, 'out', true)!
    const version = str(args, 'version') ?? '09'
    if (version !== '09' && version !== '03') throw new CliError(`--version must be 09 or 03, got "${version}"`)
    const b = backendFromArgs(args)
    try {
      const r = (await callOrThrow(b, 'payout.export', { requestId: id, version })) as MethodOutput<'payout.export'>
      writeFileSync(out, r.xml)
      return { json: { file: out, version: `pain.001.001.${version}`, amount: r.amount, currency: r.currency }, human: `wrote ${out}: pain.001.001.${version}, ${toMajorString(r.amount, r.currency)} ${r.currency}` }
    } finally {
      b.close()
    }
  }
}

export const requestCommands: Command[] = [requestImportCommand, requestApproveCommand, payoutExportCommand]
