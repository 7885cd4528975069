import { renderPdf } from './render'
import { templateElement, type TemplateJob } from './templates'

/**
 * A render worker: a child process forked by pool.ts. It receives { id, job } messages and answers with
 * the PDF bytes (advanced serialisation carries Buffers as they are). It holds no ledger: the parent
 * loads the data, so the worker never touches SQLite.
 */
interface Request {
  id: number
  job: TemplateJob
}

process.on('message', (m: Request) => {
  const cpu = process.cpuUsage()
  renderPdf(templateElement(m.job)).then(
    (pdf) => {
      // CPU time spent on this document, so the parent can tell render cost from waiting for a busy machine.
      const used = process.cpuUsage(cpu)
      process.send?.({ id: m.id, ok: true, pdf, cpuMs: (used.user + used.system) / 1000 })
    },
    (e: unknown) => process.send?.({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) })
  )
})
// The parent going away closes the channel; without this the worker would linger.
process.on('disconnect', () => process.exit(0))
