import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { parseStatement, statementToJson } from '../../core/bank'
import { callOrThrow } from '../../main/backend'
import type { RenderedDocument } from '../../shared/contract'
import { backendFromArgs } from '../ledger-arg'
import { CliError, DB_OPTS, str, type Command } from '../registry'

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

export const statementParseCommand: Command = {
  name: 'statement parse',
  summary: 'read a bank file (camt.05x, MT940/942, BAI2, OFX, BgMax) and print its normalised statements',
  usage: 'factordesk statement parse FILE [--json]',
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(_args, positionals) {
    const file = positionals[0]
    if (!file) throw new CliError('which file? factordesk statement parse FILE')
    const parsed = parseStatement(readBytes(file), { fileName: basename(file) })
    if (parsed.statements.length === 0 || parsed.errors.length > 0) throw new CliError(parsed.errors[0]?.message ?? `${basename(file)}: no statements found`)
    const json = statementToJson(parsed)
    const n = json.statements.reduce((s, st) => s + st.entries.length, 0)
    return { json, human: `${basename(file)}: ${json.format}, ${json.statements.length} statement(s), ${n} entries${json.warnings.length ? `, ${json.warnings.length} warning(s)` : ''}` }
  }
}

export const statementImportCommand: Command = {
  name: 'statement import',
  summary: 'import a bank file into the ledger and match its payments (confident matches apply, the rest are suggestions)',
  usage: 'factordesk statement import --db PATH --file FILE [--accept-errors] [--json]',
  options: { ...DB_OPTS, file: { type: 'string' }, 'accept-errors': { type: 'boolean' } },
  async run(args) {
    const file = str(args, 'file', true)!
    const bytes = readBytes(file)
    const b = backendFromArgs(args)
    try {
      const r = b.services.statementImport.commit({ fileName: basename(file), bytes }, { source: 'cli', userId: null, acceptErrors: args['accept-errors'] === true })
      const c = r.counts
      const json = { importId: r.importId, file: r.fileName, format: r.format, entries: c.entries, new: c.added, duplicates: c.duplicates, matchedAutomatically: c.autoMatched, suggested: c.suggested, unmatched: c.unmatched, warnings: r.warnings }
      return { json, human: `${r.fileName} (${r.format}): ${c.entries} entries, ${c.added} new, ${c.duplicates} duplicates; ${c.autoMatched} matched automatically, ${c.suggested} suggested, ${c.unmatched} unmatched` }
    } finally {
      b.close()
    }
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export const statementClientCommand: Command = {
  name: 'statement client',
  summary: "write a client's statement for a period as a PDF: reserve from opening to closing, advances, fees, collections, open invoices",
  usage: 'factordesk statement client --db PATH --client CLIENT --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--json]',
  options: { ...DB_OPTS, client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  async run(args) {
    const clientId = Number(str(args, 'client', true))
    if (!Number.isInteger(clientId) || clientId < 1) throw new CliError(`--client must be a client id (a whole number), got "${str(args, 'client')}"`)
    const from = str(args, 'from', true)!
    const to = str(args, 'to', true)!
    for (const [k, v] of [['from', from], ['to', to]]) if (!DAY.test(v)) throw new CliError(`--${k} must be a date YYYY-MM-DD, got "${v}"`)
    const out = resolve(str(args, 'out', true)!)
    const b = backendFromArgs(args)
    try {
      const r = (await callOrThrow(b, 'documents.clientStatement', { clientId, from, to })) as RenderedDocument
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, Buffer.from(r.base64, 'base64'))
      return { json: { file: out, title: r.title, bytes: r.bytes }, human: `${r.title}: ${out} (${r.bytes} bytes)` }
    } finally {
      b.close()
    }
  }
}

export const statementCommands: Command[] = [statementParseCommand, statementImportCommand, statementClientCommand]
