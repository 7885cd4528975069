import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'
import { AppError } from '../errors'
import { listFailedFiles, retryFailedFile } from '../../jobs/bank-folder-failed'

type H = Pick<
  Handlers,
  | 'payments.previewImport'
  | 'payments.commitImport'
  | 'payments.imports'
  | 'payments.folderFailures'
  | 'payments.retryFolderFile'
  | 'payments.lines'
  | 'payments.line'
  | 'payments.searchInvoices'
  | 'payments.allocate'
  | 'payments.undo'
  | 'payments.refund'
  | 'payments.clientStatement'
  | 'documents.clientStatement'
  | 'mandates.list'
  | 'mandates.create'
  | 'mandates.deactivate'
  | 'directDebits.preview'
  | 'directDebits.export'
>

const src = (i: { fileName: string; contentBase64: string; format?: string }) => ({ fileName: i.fileName, bytes: Buffer.from(i.contentBase64, 'base64'), format: i.format as never })

export function paymentHandlers(s: Services): H {
  const failures = () => {
    const folder = s.admin.getJobs().bankFolder
    return { folder, files: folder ? listFailedFiles(folder) : [] }
  }
  return {
    'payments.folderFailures': () => failures(),
    'payments.retryFolderFile': (i) => {
      const folder = s.admin.getJobs().bankFolder
      if (!folder) throw new AppError('INVALID_INPUT', 'no bank folder is watched (Settings → Background jobs)')
      retryFailedFile(folder, i.file)
      // The watcher restarts on a jobs change and scans at once, so the file is tried now, not in 30 s.
      s.ctx.emit('ledger.changed', { scope: ['jobs', 'payments'] })
      return failures()
    },
    'payments.previewImport': (i) => s.statementImport.preview(src(i)),
    // A big file takes seconds: the header's progress shows the stage, and the event loop is let go between the
    // stages so the event reaches the window before the synchronous work starts.
    'payments.commitImport': async (i, c) => {
      const stage = async (done: number, message: string) => {
        s.ctx.emit('job.progress', { job: 'payments.import', done, total: 2, message })
        if (done < 2) await new Promise((r) => setImmediate(r))
      }
      await stage(0, `Reading ${i.fileName}`)
      try {
        const file = s.statementImport.read(src(i))
        await stage(1, `${i.fileName}: matching and posting ${file.lines.length.toLocaleString('en-US')} lines`)
        return s.statementImport.commitRead(file, src(i).bytes, { token: i.token, acceptErrors: i.acceptErrors, source: 'manual', userId: c.userId })
      } finally {
        await stage(2, `${i.fileName}: done`)
      }
    },
    'payments.imports': (i) => s.statementImport.listImports(i.limit),
    'payments.lines': (i) => s.matching.lines(i),
    'payments.line': (i) => s.matching.line(i.id),
    'payments.searchInvoices': (i) => s.matching.searchInvoices(i.text, i.currency, i.limit),
    'payments.allocate': (i, c) => s.matching.allocate(i, c.userId),
    'payments.undo': (i, c) => s.matching.undo(i, c.userId),
    'payments.refund': (i, c) => s.matching.refund(i, c.userId),
    'payments.clientStatement': (i) => s.settlement.clientStatement(i.clientId, i.from, i.to),
    'documents.clientStatement': (i) => s.settlement.clientStatementPdf(i.clientId, i.from, i.to),
    'mandates.list': (i) => s.directDebit.listMandates(i.debtorId),
    'mandates.create': (i, c) => s.directDebit.createMandate({ ...i, bic: i.bic ?? null }, c.userId),
    'mandates.deactivate': (i, c) => s.directDebit.deactivateMandate(i, c.userId),
    'directDebits.preview': (i) => s.directDebit.previewCollections(i.collectionDate),
    'directDebits.export': (i, c) => s.directDebit.exportCollections(i, c.userId)
  }
}
