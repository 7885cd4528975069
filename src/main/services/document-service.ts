import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { applyBp } from '../../shared/money'
import { addDays } from '../../shared/dates'
import { factorDetailsSchema, type FactorDetails } from '../../shared/contract/admin'
import type { DocumentRequest, ExportedFile, ExportResult, RenderedDocument } from '../../shared/contract/documents'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as repo from '../db/repos/document-repo'
import { safeFileName } from '../documents/format'
import type { StatementLine, StatementTotals } from '../documents/funding-statement'
import { chooseVariant, type InvoiceDocVariant } from '../documents/invoice-notice'
import { createRenderPool, type RenderPool } from '../documents/pool'
import { renderPdf } from '../documents/render'
import { templateElement, type TemplateJob } from '../documents/templates'
import { writeTx, type ServiceContext } from './context'

/** Invoice statuses that mean the factor bought the invoice: a request's documents cover all of them. */
const FUNDED_STATUSES = ['funded', 'partly_paid', 'paid', 'disputed', 'recoursed', 'written_off'] as const

const clientLogoKey = (clientId: number) => `client-logo:${clientId}`

/** A broken logo or a layout bug names the document it hit instead of surfacing as an internal error. */
async function rendered(doc: PreparedDocument, run: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await run()
  } catch (e) {
    throw new AppError('RENDER_FAILED', `could not render ${doc.title}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** The data URL's bytes start like the image type it claims (PNG signature or JPEG SOI marker). */
function isImage(dataUrl: string): boolean {
  const [head, data] = dataUrl.split(',', 2)
  const bytes = Buffer.from(data ?? '', 'base64')
  if (head.includes('image/png')) return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

/** Render processes for batch exports (FACTORDESK_RENDER_WORKERS=0 renders in this process). */
const WORKERS = Math.max(0, Math.min(8, Number(process.env.FACTORDESK_RENDER_WORKERS ?? 2) || 0))
/** Below this many documents, starting workers costs more than it saves. */
const POOL_THRESHOLD = 12

export interface PreparedDocument {
  /** The template and its data: plain values, so a render worker can take it. */
  job: TemplateJob
  fileName: string
  title: string
  kind: ExportedFile['kind'] | 'verification-letter'
  invoiceId: number | null
}

/**
 * Builds and renders the PDFs. Loading is synchronous and short; rendering is async CPU work that never
 * runs inside a transaction, so a large export does not hold the write lock.
 */
export function createDocumentService(ctx: ServiceContext) {
  const { ledger } = ctx
  let pool: RenderPool | null = null
  // In this process, one document at a time: interleaving renders only raises peak memory.
  let chain: Promise<unknown> = Promise.resolve()
  const inProcess = (j: TemplateJob): Promise<Buffer> => {
    const next = chain.then(() => renderPdf(templateElement(j)))
    chain = next.catch(() => undefined)
    return next
  }
  const renderer = (): ((j: TemplateJob) => Promise<Buffer>) => {
    if (WORKERS === 0) return inProcess
    pool ??= createRenderPool(WORKERS)
    return (j) => pool!.render(j)
  }

  function factor(): FactorDetails {
    const raw = repo.loadSetting(ledger, 'factor')
    if (raw === undefined) throw new AppError('FACTOR_MISSING', "the factor's details are not set: enter name, address, IBAN and BIC under Settings before printing documents")
    const parsed = factorDetailsSchema.safeParse(raw)
    if (!parsed.success) throw new AppError('FACTOR_INVALID', `the factor's details in Settings are incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    if (!parsed.data.iban || !parsed.data.bic) throw new AppError('FACTOR_INVALID', "the factor's IBAN and BIC are required on documents: set them under Settings")
    return parsed.data
  }

  const clientLogo = (clientId: number): string => {
    const v = repo.loadSetting(ledger, clientLogoKey(clientId))
    return typeof v === 'string' ? v : ''
  }

  const client = (id: number) => repo.loadClient(ledger, id) ?? (() => { throw notFound('client', id) })()
  const debtor = (id: number) => repo.loadDebtor(ledger, id) ?? (() => { throw notFound('debtor', id) })()

  function invoiceDocument(invoiceId: number, variant: InvoiceDocVariant | 'auto', f = factor()): PreparedDocument {
    const invoice = repo.loadInvoice(ledger, invoiceId) ?? (() => { throw notFound('invoice', invoiceId) })()
    const data: repo.InvoiceDocData = { invoice, client: client(invoice.clientId), debtor: debtor(invoice.debtorId), ...repo.loadNoa(ledger, invoice.clientId, invoice.debtorId) }
    const v = variant === 'auto' ? chooseVariant(data.noaStatus) : variant
    const kind = v === 'notice' ? 'notice-of-assignment' : 'invoice-copy'
    return {
      job: { template: 'invoice', props: { data, factor: f, clientLogo: clientLogo(invoice.clientId), variant: v, today: ctx.clock.today() } },
      fileName: `${safeFileName(invoice.number)}-${kind}.pdf`,
      title: `${v === 'notice' ? 'Notice of assignment' : 'Invoice copy'} ${invoice.number}`,
      kind,
      invoiceId
    }
  }

  function verificationDocument(q: Extract<DocumentRequest, { kind: 'verification' }>): PreparedDocument {
    let ids = q.invoiceIds ?? []
    if (ids.length === 0) {
      if (!q.requestId || !q.debtorId) throw new AppError('INVALID_INPUT', 'a verification letter needs invoiceIds, or requestId and debtorId')
      ids = repo.loadRequestInvoices(ledger, q.requestId, ['submitted', 'approved', ...FUNDED_STATUSES]).filter((i) => i.debtorId === q.debtorId).map((i) => i.id)
      if (ids.length === 0) throw new AppError('NOT_FOUND', `request ${q.requestId} has no invoices owed by debtor ${q.debtorId}`)
    }
    const invoices = repo.loadInvoices(ledger, ids)
    const missing = ids.filter((id) => !invoices.some((i) => i.id === id))
    if (missing.length) throw notFound('invoice', missing.join(', '))
    const pairs = new Set(invoices.map((i) => `${i.clientId}/${i.debtorId}`))
    if (pairs.size > 1) throw new AppError('INVALID_INPUT', 'a verification letter lists invoices of one client to one debtor; these span several')
    const c = client(invoices[0].clientId)
    const d = debtor(invoices[0].debtorId)
    const today = ctx.clock.today()
    return {
      job: { template: 'verification', props: { factor: factor(), client: c, clientLogo: clientLogo(c.id), debtor: d, invoices, today, replyBy: addDays(today, 14) } },
      fileName: `verification-${safeFileName(d.name)}-${today}.pdf`,
      title: `Verification letter to ${d.name}`,
      kind: 'verification-letter',
      invoiceId: null
    }
  }

  /**
   * Statement figures. Totals come from what the funding step recorded (request_funding) when it exists;
   * per-invoice fees from the funding-day journal; with neither, from the agreement (and the statement says so).
   */
  function statementFigures(request: repo.DocRequest, c: repo.DocClient) {
    const invoices = repo.loadRequestInvoices(ledger, request.id, FUNDED_STATUSES)
    if (invoices.length === 0) throw new AppError('NOTHING_FUNDED', `request ${request.id} has no funded invoices yet`)
    const recorded = repo.loadRequestFunding(ledger, request.id)
    const postings = repo.loadFundingPostings(ledger, invoices.map((i) => i.id), recorded?.date ?? request.fundedDate)
    const source: 'journal' | 'agreement' = recorded || postings.length > 0 ? 'journal' : 'agreement'
    const byInvoice = new Map(postings.map((p) => [p.invoiceId, p]))
    const lines: StatementLine[] = invoices.map((i) => {
      const advance = i.advance > 0 ? i.advance : applyBp(i.face, c.agreement.advanceRateBp)
      const fees = source === 'journal' ? (byInvoice.get(i.id)?.fees ?? 0) : applyBp(i.face, c.agreement.upfrontFeeBp)
      return { number: i.number, debtorName: i.debtorName, dueDate: i.dueDate, face: i.face, advance, reserve: i.face - advance, fees }
    })
    const sum = (f: (l: StatementLine) => number) => lines.reduce((t, l) => t + f(l), 0)
    if (recorded) {
      const { face, advance, reserve, fees, chargebacksNetted, netPayout } = recorded
      const totals: StatementTotals = { face, advance, reserve, fees, requestFees: Math.max(0, fees - sum((l) => l.fees)), otherDeductions: chargebacksNetted, netPayout }
      return { lines, totals, source }
    }
    const requestFees = byInvoice.get(null)?.fees ?? 0
    const fees = sum((l) => l.fees) + requestFees
    const advance = sum((l) => l.advance)
    // A posting that pays out inside the funding entry (net of fees) is the payout; otherwise advance less fees.
    const posted = postings.reduce((t, p) => t + p.payout, 0)
    const netPayout = posted > 0 && posted < advance ? posted : advance - fees
    const totals: StatementTotals = { face: sum((l) => l.face), advance, reserve: sum((l) => l.reserve), fees, requestFees, otherDeductions: advance - fees - netPayout, netPayout }
    return { lines, totals, source }
  }

  function statementDocument(requestId: number, f = factor()): PreparedDocument {
    const request = repo.loadRequest(ledger, requestId) ?? (() => { throw notFound('financing request', requestId) })()
    const c = client(request.clientId)
    const { lines, totals, source } = statementFigures(request, c)
    return {
      job: { template: 'funding-statement', props: { factor: f, client: c, clientLogo: clientLogo(c.id), request, lines, totals, source, today: ctx.clock.today() } },
      fileName: `request-${requestId}-funding-statement.pdf`,
      title: `Funding statement, request ${requestId}`,
      kind: 'funding-statement',
      invoiceId: null
    }
  }

  function prepare(q: DocumentRequest): PreparedDocument {
    switch (q.kind) {
      case 'invoice':
        return invoiceDocument(q.invoiceId, q.variant)
      case 'verification':
        return verificationDocument(q)
      case 'funding-statement':
        return statementDocument(q.requestId)
    }
  }

  return {
    prepare,
    /** What the render workers have done in this process: for the benchmark and diagnostics. */
    workerStats: () => pool?.stats() ?? { jobs: 0, cpuMs: 0 },
    statementFigures: (requestId: number) => {
      const request = repo.loadRequest(ledger, requestId) ?? (() => { throw notFound('financing request', requestId) })()
      return statementFigures(request, client(request.clientId))
    },

    async render(q: DocumentRequest): Promise<RenderedDocument> {
      const doc = prepare(q)
      const pdf = await rendered(doc, () => renderPdf(templateElement(doc.job)))
      return { fileName: doc.fileName, title: doc.title, mimeType: 'application/pdf', base64: pdf.toString('base64'), bytes: pdf.length }
    },

    /**
     * Every document of a funded request, written to outDir: one per invoice, then the statement.
     * Everything is loaded and checked before the first file is written, so a missing setting fails fast.
     */
    async exportRequest(requestId: number, outDir: string, userId: number | null): Promise<ExportResult> {
      const started = performance.now()
      if (!repo.loadRequest(ledger, requestId)) throw notFound('financing request', requestId)
      const f = factor()
      const invoices = repo.loadRequestInvoices(ledger, requestId, FUNDED_STATUSES)
      if (invoices.length === 0) throw new AppError('NOTHING_FUNDED', `request ${requestId} has no funded invoices yet`)
      const docs = [...invoices.map((i) => invoiceDocument(i.id, 'auto', f)), statementDocument(requestId, f)]
      const dir = resolve(outDir)
      await mkdir(dir, { recursive: true })
      // Two invoice numbers can clean up to the same file name ("A/1", "A:1"); the id keeps them apart.
      const used = new Set<string>()
      const names = docs.map((doc, i) => {
        const name = used.has(doc.fileName) ? doc.fileName.replace(/\.pdf$/, `-${doc.invoiceId ?? i}.pdf`) : doc.fileName
        used.add(name)
        return name
      })
      const job = `documents.export:${requestId}`
      let done = 0
      ctx.emit('job.progress', { job, done, total: docs.length, message: `rendering ${docs.length} documents` })
      const render = docs.length >= POOL_THRESHOLD ? renderer() : inProcess
      const files: ExportedFile[] = await Promise.all(
        docs.map(async (doc, i) => {
          const pdf = await rendered(doc, () => render(doc.job))
          await writeFile(join(dir, names[i]), pdf)
          ctx.emit('job.progress', { job, done: ++done, total: docs.length, message: names[i] })
          return { fileName: names[i], kind: doc.kind as ExportedFile['kind'], invoiceId: doc.invoiceId, bytes: pdf.length }
        })
      )
      writeTx(ctx, () => audit(ledger, ctx.clock.now(), { userId, action: 'documents.export', entity: 'financing_request', entityId: requestId, details: { outDir: dir, files: files.length } }))
      return { requestId, outDir: dir, files, ms: Math.round(performance.now() - started) }
    },

    setClientLogo(clientId: number, logo: string, userId: number | null): { clientId: number; hasLogo: boolean } {
      client(clientId)
      if (logo && !isImage(logo)) throw new AppError('INVALID_INPUT', 'logo: the data is not a PNG or JPEG image', [{ path: 'logo', message: 'not a PNG or JPEG image' }])
      writeTx(ctx, () => {
        if (logo) repo.saveSetting(ledger, clientLogoKey(clientId), logo)
        else repo.deleteSetting(ledger, clientLogoKey(clientId))
        audit(ledger, ctx.clock.now(), { userId, action: 'client.logo', entity: 'client', entityId: clientId, details: { logo: logo ? '(image)' : '' } })
      })
      ctx.emit('ledger.changed', { scope: ['clients'] })
      return { clientId, hasLogo: logo !== '' }
    }
  }
}
export type DocumentService = ReturnType<typeof createDocumentService>
