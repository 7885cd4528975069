import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { callOrThrow } from '../../main/backend'
import type { DocumentRequest, ExportResult, RenderedDocument } from '../../shared/contract'
import { backendFromArgs } from '../ledger-arg'
import { CliError, DB_OPTS, int, str, type Command } from '../registry'

export const documentsExportCommand: Command = {
  name: 'documents',
  summary: "write a funded request's PDFs: one per invoice (notice of assignment or invoice copy) plus the funding statement",
  usage: 'factordesk documents --db PATH --request ID --out DIR [--user ID] [--json]',
  options: { ...DB_OPTS, request: { type: 'string' }, out: { type: 'string' }, user: { type: 'string' } },
  async run(args, _p, io) {
    const requestId = int(args, 'request')
    if (requestId === undefined) throw new CliError('--request is required')
    const outDir = str(args, 'out', true)!
    const b = backendFromArgs(args)
    try {
      // Progress goes to stderr so stdout stays clean for --json; about ten lines however large the batch.
      let lastShown = -1
      const off = b.on('job.progress', (p) => {
        if (args.json || p.total === 0) return
        const step = Math.floor((p.done / p.total) * 10)
        if (step === lastShown && p.done !== p.total) return
        lastShown = step
        io.err(`documents: ${p.done}/${p.total}${p.done > 0 && p.message ? ` ${p.message}` : ''}`)
      })
      try {
        const r = (await callOrThrow(b, 'documents.exportRequest', { requestId, outDir: resolve(outDir) }, int(args, 'user') ?? null)) as ExportResult
        const human = [...r.files.map((f) => f.fileName), `${r.files.length} PDFs in ${r.outDir} (${(r.ms / 1000).toFixed(1)} s)`].join('\n')
        return { json: r, human }
      } finally {
        off()
      }
    } finally {
      b.close()
    }
  }
}

export const documentsRenderCommand: Command = {
  name: 'documents render',
  summary: 'render one document to a PDF file: an invoice notice/copy, a verification letter or a funding statement',
  usage:
    'factordesk documents render --db PATH (--invoice ID [--variant auto|copy|notice] | --statement REQUEST | --verify-request REQUEST --debtor ID) --out FILE [--json]',
  options: {
    ...DB_OPTS,
    invoice: { type: 'string' },
    variant: { type: 'string' },
    statement: { type: 'string' },
    'verify-request': { type: 'string' },
    debtor: { type: 'string' },
    out: { type: 'string' }
  },
  async run(args) {
    const out = resolve(str(args, 'out', true)!)
    let q: DocumentRequest
    if (args.invoice !== undefined) {
      const variant = str(args, 'variant') ?? 'auto'
      if (!['auto', 'copy', 'notice'].includes(variant)) throw new CliError(`--variant must be auto, copy or notice, got "${variant}"`)
      q = { kind: 'invoice', invoiceId: int(args, 'invoice')!, variant: variant as 'auto' | 'copy' | 'notice' }
    } else if (args.statement !== undefined) {
      q = { kind: 'funding-statement', requestId: int(args, 'statement')! }
    } else if (args['verify-request'] !== undefined) {
      const debtorId = int(args, 'debtor')
      if (debtorId === undefined) throw new CliError('--debtor is required with --verify-request')
      q = { kind: 'verification', requestId: int(args, 'verify-request')!, debtorId }
    } else {
      throw new CliError('say which document: --invoice ID, --statement REQUEST or --verify-request REQUEST --debtor ID')
    }
    const b = backendFromArgs(args)
    try {
      const r = (await callOrThrow(b, 'documents.render', q)) as RenderedDocument
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, Buffer.from(r.base64, 'base64'))
      return { json: { file: out, title: r.title, bytes: r.bytes }, human: `${r.title}: ${out} (${r.bytes} bytes)` }
    } finally {
      b.close()
    }
  }
}

export const documentCommands: Command[] = [documentsExportCommand, documentsRenderCommand]
