/**
 * Documents throughput: one-page PDFs a second through documents.exportRequest (notices of assignment and
 * invoice copies, plus the statement), beside pdfkit drawing the same letter text directly with the same
 * embedded font, which is the floor any layout engine on top of pdfkit can reach.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fundedRequest } from '../tests/integration/documents-fixture'
import { fontsFolder } from '../src/main/documents/fonts'
import { assignmentSentence } from '../src/main/documents/letter-parts'
import type { BenchRow } from './types'

const INVOICES = 120

interface PdfKitDoc {
  registerFont(name: string, src: unknown): void
  font(name: string): PdfKitDoc
  fontSize(n: number): PdfKitDoc
  text(s: string, x?: number, y?: number, o?: Record<string, unknown>): PdfKitDoc
  moveDown(n?: number): PdfKitDoc
  on(e: string, f: (c?: Buffer) => void): void
  end(): void
}

/** pdfkit (the engine under @react-pdf) drawing the letter's text with no layout tree: the baseline. */
async function pdfkitLetters(n: number, lines: string[]): Promise<number> {
  // pdfkit ships with @react-pdf/renderer; it is not a direct dependency, so load it the CommonJS way.
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (o: Record<string, unknown>) => PdfKitDoc
  // Parsed once and shared by every document, as @react-pdf does with a registered font.
  const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): unknown }
  const fonts = { regular: fontkit.create(readFileSync(join(fontsFolder(), 'DejaVuSans.ttf'))), bold: fontkit.create(readFileSync(join(fontsFolder(), 'DejaVuSans-Bold.ttf'))) }
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const doc = new PDFDocument({ size: 'A4', margin: 71 })
    const chunks: Buffer[] = []
    const done = new Promise<void>((res) => doc.on('end', () => res()))
    doc.on('data', (c) => chunks.push(c!))
    doc.registerFont('R', fonts.regular)
    doc.registerFont('B', fonts.bold)
    doc.font('B').fontSize(13).text(`Notice of assignment F-${i}`)
    doc.font('R').fontSize(9.5)
    for (const l of lines) doc.text(l).moveDown(0.3)
    doc.end()
    await done
  }
  return n / ((performance.now() - t0) / 1000)
}

export async function benchDocuments(): Promise<BenchRow[]> {
  const { b, requestId, invoiceIds } = await fundedRequest({ invoices: INVOICES })
  const dir = mkdtempSync(join(tmpdir(), 'fd-bench-docs-'))
  try {
    const s = b.services.documents
    // Warm up: the first document parses the font and loads the layout engine.
    await s.render({ kind: 'invoice', invoiceId: invoiceIds[0], variant: 'auto' })
    const single: number[] = []
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      await s.render({ kind: 'invoice', invoiceId: invoiceIds[i % invoiceIds.length], variant: 'auto' })
      single.push(performance.now() - t)
    }
    single.sort((a, c) => a - c)
    // Twice: the first export also starts the render workers, the second shows them warm.
    const cold = await s.exportRequest(requestId, join(dir, 'cold'), null)
    const before = s.workerStats()
    const warm = await s.exportRequest(requestId, join(dir, 'warm'), null)
    const after = s.workerStats()
    // CPU time per PDF inside the workers: what two idle cores would turn into 2000 / cpuMs PDFs a second.
    const cpuPerPdf = (after.cpuMs - before.cpuMs) / Math.max(1, after.jobs - before.jobs)
    const rate = (r: { files: unknown[]; ms: number }) => r.files.length / (r.ms / 1000)
    const data = s.prepare({ kind: 'invoice', invoiceId: invoiceIds[0], variant: 'notice' })
    const props = data.job.props as { factor: { name: string; iban: string; bic: string }; data: { invoice: { rfRef: string } } }
    const lines = [
      'Dear Sir or Madam, Åkerlund & Söner Trävaror AB has assigned its receivables against you to the factor: the invoice below and every invoice it issues to you from now on.',
      'Invoice F-2026/4120   02.11.2026   02.12.2026   EUR   12.345,50 €',
      assignmentSentence(props.factor, props.data.invoice.rfRef),
      `Payee ${props.factor.name}`, `IBAN ${props.factor.iban}`, `BIC ${props.factor.bic}`,
      'Acknowledgement: we acknowledge the assignment and will pay only to the IBAN above.'
    ]
    const baseline = await pdfkitLetters(60, lines)
    // Both cores are shared with whatever else runs: the load average says how far to trust the figures.
    const load = loadavg()[0]
    return [
      { name: `export ${INVOICES} invoices + statement, 2 render workers (warm)`, value: rate(warm), unit: 'PDFs/s', baseline, baselineName: 'pdfkit direct, same text and font', target: '>= 30 PDFs/s', pass: rate(warm) >= 30 },
      { name: 'CPU time per PDF in a render worker', value: cpuPerPdf, unit: 'ms', baseline: 1000 / baseline, baselineName: 'pdfkit direct, per page (wall)' },
      { name: 'implied by that CPU time on 2 idle cores', value: 2000 / cpuPerPdf, unit: 'PDFs/s', target: '>= 30 PDFs/s', pass: 2000 / cpuPerPdf >= 30 },
      { name: 'export, first run (starts the workers)', value: rate(cold), unit: 'PDFs/s', baseline, baselineName: 'pdfkit direct, same text and font' },
      { name: 'one notice in-process, median', value: single[Math.floor(single.length / 2)], unit: 'ms', baseline: 1000 / baseline, baselineName: 'pdfkit direct, per page' },
      { name: 'one notice in-process, p95', value: single[Math.floor(single.length * 0.95)], unit: 'ms' },
      { name: 'machine load average (1 min) at the end of the run', value: load, unit: 'runnable' }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
    b.close()
  }
}
