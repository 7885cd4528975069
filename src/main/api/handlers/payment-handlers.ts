import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'

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
  return {
    'payments.folderFailures': () => s.bankFolder.failures(),
    'payments.retryFolderFile': (i) => s.bankFolder.retry(i.file),
    'payments.previewImport': (i) => s.statementImport.preview(src(i)),
    'payments.commitImport': (i, c) => s.statementImport.commitReporting(src(i), { token: i.token, acceptErrors: i.acceptErrors, source: 'manual', userId: c.userId }),
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
