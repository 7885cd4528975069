import { createHash } from 'node:crypto'
import type { ColumnMapping, ImportResult, MappingPreview, MappingRow, PreviewRow, RequestPreview, UploadedFile } from '../../shared/contract/requests'
import type { Agreement } from '../../shared/agreement'
import { addDays } from '../../shared/dates'
import { normaliseName } from '../../core/names'
import { checkBatch, isEligible, tripleKey, type CheckedLine } from '../../core/requests/checks'
import type { InvoiceLine } from '../../core/requests/rows'
import { FileFormatError, previewTable, readCsvTable } from '../../core/requests/tables'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { insertDebtor } from '../db/repos/parties-repo'
import * as mappings from '../db/repos/request-mapping-repo'
import { ensurePairs, insertChecks, insertRequest } from '../db/repos/request-repo'
import * as snap from '../db/repos/request-snapshot-repo'
import { writeTx, type ServiceContext } from './context'
import { createInvoicesService } from './invoices-service'
import { decodeText, readUploads, readXlsxTable, type ReadFiles } from './request-files'
import { debtorFacts } from './request-recheck'

interface Assessed {
  preview: RequestPreview
  lines: CheckedLine[]
  newDebtors: Map<string, InvoiceLine>
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex')

/**
 * Matches each line's debtor: registration number + country first, then the normalised name (a name
 * match is refused when both sides carry different registration numbers: that is another company).
 * Debtors not found get a provisional key, shared by every line naming the same new company.
 */
function matchDebtors(ctx: ServiceContext, lines: InvoiceLine[]): { keys: string[]; match: PreviewRow['debtorMatch'][]; records: Map<number, snap.DebtorRecord>; newDebtors: Map<string, InvoiceLine> } {
  const regs = [...new Map(lines.filter((l) => l.debtorRegNo).map((l) => [`${l.debtorCountry}|${l.debtorRegNo}`, { country: l.debtorCountry, regNo: l.debtorRegNo! }])).values()]
  const norms = lines.map((l) => normaliseName(l.debtorName))
  const byReg = new Map(snap.debtorsByRegNo(ctx.ledger, regs).map((d) => [`${d.country}|${d.regNo}`, d]))
  const byName = new Map<string, snap.DebtorRecord[]>()
  for (const d of snap.debtorsByName(ctx.ledger, [...new Set(norms)])) byName.set(d.nameNorm, [...(byName.get(d.nameNorm) ?? []), d])
  const records = new Map<number, snap.DebtorRecord>()
  const newDebtors = new Map<string, InvoiceLine>()
  const newByName = new Map<string, string>()
  const keys: string[] = []
  const match: PreviewRow['debtorMatch'][] = []
  lines.forEach((l, i) => {
    let rec = l.debtorRegNo ? byReg.get(`${l.debtorCountry}|${l.debtorRegNo}`) : undefined
    let how: PreviewRow['debtorMatch'] = 'reg_no'
    if (!rec) {
      const candidates = (byName.get(norms[i]) ?? []).filter((c) => !(l.debtorRegNo && c.regNo && c.regNo !== l.debtorRegNo))
      rec = candidates.find((c) => c.country === l.debtorCountry) ?? candidates[0]
      how = 'name'
    }
    if (rec) {
      records.set(rec.id, rec)
      keys.push(`d${rec.id}`)
      match.push(how)
      return
    }
    const nameKey = `${norms[i]}|${l.debtorCountry}`
    const key = (l.debtorRegNo && newDebtors.has(`new:${l.debtorCountry}|${l.debtorRegNo}`) ? `new:${l.debtorCountry}|${l.debtorRegNo}` : undefined) ?? newByName.get(nameKey) ?? (l.debtorRegNo ? `new:${l.debtorCountry}|${l.debtorRegNo}` : `new:${nameKey}`)
    if (!newDebtors.has(key)) newDebtors.set(key, l)
    if (!newByName.has(nameKey)) newByName.set(nameKey, key)
    keys.push(key)
    match.push('new')
  })
  return { keys, match, records, newDebtors }
}

function assess(ctx: ServiceContext, client: { id: number; name: string; agreement: Agreement }, read: ReadFiles, fileDigest: string): Assessed {
  const a = client.agreement
  const today = ctx.clock.today()
  const { keys, match, records, newDebtors } = matchDebtors(ctx, read.lines)
  const facts = debtorFacts(ctx, client, records.values(), today)
  for (const [key, l] of newDebtors) facts.set(key, { key, name: l.debtorName, isNew: true, needsReview: true, creditLimit: 0, limitCurrency: l.currency, exposure: 0, pairLimit: null, pairExposure: 0, noaStatus: 'none', pairOpen: 0, pairAged: 0 })
  const lines: CheckedLine[] = read.lines.map((l, i) => ({ ...l, debtorKey: keys[i] }))
  const triples = lines.filter((l) => l.debtorKey.startsWith('d')).map((l) => ({ debtorId: Number(l.debtorKey.slice(1)), amount: l.amount, issueDate: l.issueDate }))
  const existingNumbers = new Set(snap.existingNumbers(ctx.ledger, client.id, lines.map((l) => l.number)))
  const checks = checkBatch(lines, {
    today, clientName: client.name, agreement: a, debtors: facts, existingNumbers,
    existingTriples: new Set(snap.existingTriples(ctx.ledger, triples).map((t) => tripleKey(`d${t.debtorId}`, t.amount, t.issueDate))),
    clientExposure: snap.clientExposure(ctx.ledger, client.id, a.currency)
  })
  const rows: PreviewRow[] = lines.map((l, i) => ({
    file: l.file, line: l.line, number: l.number, debtorName: l.debtorName, debtorRegNo: l.debtorRegNo, debtorCountry: l.debtorCountry,
    debtorId: l.debtorKey.startsWith('d') ? Number(l.debtorKey.slice(1)) : null, debtorMatch: match[i],
    issueDate: l.issueDate, dueDate: l.dueDate, currency: l.currency, amount: l.amount, checks: checks[i], eligible: isEligible(checks[i]), skipped: existingNumbers.has(l.number)
  }))
  const stored = rows.filter((r) => !r.skipped)
  const sum = (rs: PreviewRow[]) => rs.reduce((s, r) => s + r.amount, 0)
  const token = hash(fileDigest + JSON.stringify(rows.map((r) => [r.number, r.debtorId, r.amount, r.skipped, r.checks.map((c) => c.code)])))
  return {
    lines,
    newDebtors,
    preview: {
      clientId: client.id, clientName: client.name, files: read.files, rows, errors: read.errors, token,
      totals: {
        invoices: stored.length, amount: sum(stored), eligible: stored.filter((r) => r.eligible).length, eligibleAmount: sum(stored.filter((r) => r.eligible)),
        withErrors: stored.filter((r) => !r.eligible).length, withWarnings: stored.filter((r) => r.eligible && r.checks.length > 0).length,
        newDebtors: newDebtors.size, skipped: rows.length - stored.length
      }
    }
  }
}

export function createRequestIntakeService(ctx: ServiceContext) {
  const { ledger, clock } = ctx
  const invoices = createInvoicesService(ctx)
  const clientOf = (id: number) => snap.clientTerms(ledger, id) ?? (() => { throw notFound('client', id) })()
  const mappingFor = (clientId: number, mappingId?: number, inline?: ColumnMapping): ColumnMapping | undefined => {
    if (inline) return inline
    if (mappingId === undefined) return undefined
    const m = mappings.getMapping(ledger, mappingId)
    if (!m || m.clientId !== clientId) throw notFound('column mapping', mappingId)
    return m.mapping
  }
  const digest = (files: UploadedFile[], m?: ColumnMapping) => hash(JSON.stringify([files.map((f) => hash(f.data)), m ?? null]))
  // The files as read by the last previews, keyed by content + mapping: import after preview (the normal
  // path) skips parsing again. Checks are never cached: they run again inside the import's transaction.
  const readCache = new Map<string, ReadFiles>()
  const read = async (files: UploadedFile[], m?: ColumnMapping): Promise<{ read: ReadFiles; key: string }> => {
    const key = digest(files, m)
    let r = readCache.get(key)
    if (!r) {
      r = await readUploads(files, m)
      readCache.set(key, r)
      if (readCache.size > 4) readCache.delete(readCache.keys().next().value!)
    }
    return { read: r, key }
  }

  /**
   * Stages of a check or import for the progress bar. The checks and the store run in one synchronous
   * transaction, so the stage is announced and the event loop let go once before it starts.
   */
  const stage = async (done: number, total: number, message: string) => {
    ctx.emit('job.progress', { job: 'requests.intake', done, total, message })
    if (done < total) await new Promise((r) => setImmediate(r))
  }

  /**
   * The synchronous half of import: checks the lines already read and stores them in one transaction.
   * The demo generator comes in here too, so its requests carry the checks a real import gives.
   */
  function storeRead(clientId: number, files: ReadFiles, fileDigest: string, token: string | undefined, userId: number | null): ImportResult {
    const client = clientOf(clientId)
    const result = writeTx(ctx, () => {
      const { preview, lines, newDebtors } = assess(ctx, client, files, fileDigest)
      if (preview.errors.length) {
        throw new AppError('FILE_ERRORS', `${preview.errors.length} problem${preview.errors.length > 1 ? 's' : ''} in the file, nothing was stored; first: ${preview.errors[0].message}`, preview.errors.slice(0, 200).map((e) => ({ path: `${e.file} line ${e.line}`, message: e.message })))
      }
      if (token && token !== preview.token) throw new AppError('STALE_PREVIEW', 'the ledger changed since the preview (checks or duplicates differ); preview the file again before importing')
      const toStore = preview.rows.map((r, i) => ({ r, l: lines[i] })).filter((x) => !x.r.skipped)
      if (!toStore.length) return { ...preview, requestId: null, stored: 0 }
      const at = clock.now()
      const created = new Map<string, number>()
      const storedKeys = new Set(toStore.map((x) => x.l.debtorKey))
      for (const [key, l] of newDebtors) {
        if (!storedKeys.has(key)) continue
        created.set(key, insertDebtor(ledger, { name: l.debtorName, nameNorm: normaliseName(l.debtorName), regNo: l.debtorRegNo, country: l.debtorCountry, language: 'en', creditLimit: 0, limitCurrency: l.currency, riskClass: 'standard', paymentRating: 'B', needsReview: true }, at))
      }
      const debtorId = (key: string) => (key.startsWith('d') ? Number(key.slice(1)) : created.get(key)!)
      const formats = [...new Set(preview.files.map((f) => f.format))]
      const requestId = insertRequest(ledger, {
        clientId: client.id, source: formats.length === 1 ? formats[0] : 'mixed', fileName: preview.files.map((f) => f.name).join(', ').slice(0, 250),
        currency: client.agreement.currency, total: toStore.reduce((s, x) => s + x.r.amount, 0), submittedDate: clock.today(), preparedBy: userId
      }, at)
      ensurePairs(ledger, client.id, new Set(toStore.map((x) => debtorId(x.l.debtorKey))))
      const checks = toStore.map(({ r, l }) => ({
        requestId,
        checks: r.checks,
        invoiceId: invoices.insert({ clientId: client.id, debtorId: debtorId(l.debtorKey), requestId, number: l.number, currency: l.currency, face: l.amount, issueDate: l.issueDate, dueDate: l.dueDate, status: 'submitted' })
      }))
      insertChecks(ledger, checks)
      audit(ledger, at, { userId, action: 'request.import', entity: 'financing_request', entityId: requestId, details: { clientId: client.id, files: preview.files, invoices: toStore.length, total: toStore.reduce((s, x) => s + x.r.amount, 0), skippedDuplicates: preview.totals.skipped, newDebtors: created.size } })
      return { ...preview, requestId, stored: toStore.length }
    })
    if (result.requestId) ctx.emit('ledger.changed', { scope: ['requests', 'invoices', 'debtors'] })
    return result
  }

  return {
    async preview(input: { clientId: number; files: UploadedFile[]; mappingId?: number; mapping?: ColumnMapping }): Promise<RequestPreview> {
      const client = clientOf(input.clientId)
      const m = mappingFor(client.id, input.mappingId, input.mapping)
      try {
        await stage(0, 2, `Reading ${input.files.length === 1 ? input.files[0].name : `${input.files.length} files`}`)
        const r = await read(input.files, m)
        await stage(1, 2, `Checking ${r.read.lines.length.toLocaleString('en')} invoices`)
        return assess(ctx, client, r.read, r.key).preview
      } finally {
        await stage(2, 2, 'Checked')
      }
    },

    /** Stores what preview showed, all or nothing. Any file error, or a changed ledger (token), stores nothing. */
    async import(input: { clientId: number; files: UploadedFile[]; mappingId?: number; mapping?: ColumnMapping; token?: string }, userId: number | null): Promise<ImportResult> {
      const client = clientOf(input.clientId)
      const m = mappingFor(client.id, input.mappingId, input.mapping)
      try {
        await stage(0, 2, `Reading ${input.files.length === 1 ? input.files[0].name : `${input.files.length} files`}`)
        const r = await read(input.files, m)
        await stage(1, 2, `Checking and storing ${r.read.lines.length.toLocaleString('en')} invoices`)
        return storeRead(client.id, r.read, r.key, input.token, userId)
      } finally {
        await stage(2, 2, 'Imported')
      }
    },

    storeRead,

    listMappings: (clientId: number): MappingRow[] => (clientOf(clientId), mappings.listMappings(ledger, clientId)),
    saveMapping(clientId: number, name: string, mapping: ColumnMapping, userId: number | null): MappingRow {
      clientOf(clientId)
      const id = writeTx(ctx, () => {
        const id = mappings.saveMapping(ledger, clientId, name, mapping, clock.now())
        audit(ledger, clock.now(), { userId, action: 'mapping.save', entity: 'column_mapping', entityId: id, details: { clientId, name, mapping } })
        return id
      })
      return mappings.getMapping(ledger, id)!
    },
    /** The first rows of a CSV or XLSX exactly as the mapping would read them. */
    async previewMapping(file: UploadedFile, mapping: ColumnMapping, limit: number): Promise<MappingPreview> {
      const bytes = Buffer.from(file.data, 'base64')
      try {
        const table = bytes[0] === 0x50 && bytes[1] === 0x4b ? await readXlsxTable(file.name, bytes) : readCsvTable(file.name, decodeText(bytes), mapping.delimiter)
        return previewTable(file.name, table, mapping, limit)
      } catch (e) {
        if (e instanceof FileFormatError) throw new AppError('FILE_ERRORS', e.message)
        throw e
      }
    }
  }
}
export type RequestIntakeService = ReturnType<typeof createRequestIntakeService>
