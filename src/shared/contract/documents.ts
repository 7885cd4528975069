import { z } from 'zod'
import { id } from './common'
import { method } from './define'

/** A PNG or JPEG as a data: URL (same rule as the factor's logo); '' removes it. */
export const logoDataUrl = z
  .string()
  .max(1_500_000)
  .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, 'must be a PNG or JPEG image as a data: URL')

/**
 * Which document to render. 'invoice' picks the notice of assignment while the client-debtor pair has no
 * notice on file, else the invoice copy with the assignment notation; `variant` forces one.
 */
export const documentRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invoice'), invoiceId: id, variant: z.enum(['auto', 'copy', 'notice']).default('auto') }),
  z.object({
    kind: z.literal('verification'),
    /** The invoices to confirm, all owed by one debtor to one client; or requestId + debtorId for a request's invoices of that debtor. */
    invoiceIds: z.array(id).min(1).max(500).optional(),
    requestId: id.optional(),
    debtorId: id.optional()
  }),
  z.object({ kind: z.literal('funding-statement'), requestId: id })
])
export type DocumentRequest = z.infer<typeof documentRequest>

export interface RenderedDocument {
  /** A suggested file name, safe on every OS. */
  fileName: string
  title: string
  mimeType: 'application/pdf'
  /** The PDF bytes, base64-encoded, for preview in the UI. */
  base64: string
  bytes: number
}

export interface ExportedFile {
  fileName: string
  kind: 'invoice-copy' | 'notice-of-assignment' | 'funding-statement'
  invoiceId: number | null
  bytes: number
}

export interface ExportResult {
  requestId: number
  outDir: string
  files: ExportedFile[]
  /** Wall-clock time of the export, for the user's sense of progress and for the benchmark. */
  ms: number
}

export const documentsContract = {
  'documents.render': method(documentRequest).returns<RenderedDocument>(),
  /** Writes one PDF per funded invoice of the request plus the funding statement into outDir (created if missing). */
  'documents.exportRequest': method(z.object({ requestId: id, outDir: z.string().trim().min(1, 'outDir is required') })).returns<ExportResult>(),
  'documents.setClientLogo': method(z.object({ clientId: id, logo: logoDataUrl })).returns<{ clientId: number; hasLogo: boolean }>()
}
