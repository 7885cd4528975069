import iconv from 'iconv-lite'
import { readSheet } from 'read-excel-file/node'
import type { ColumnMapping, FileFormat, RowError, UploadedFile } from '../../shared/contract/requests'
import { findRepeatedNumbers, type InvoiceLine } from '../../core/requests/rows'
import { FACTORDESK_MAPPING, FileFormatError, isFactorDeskCsv, readCsvTable, readTable, type Table } from '../../core/requests/tables'
import { readUbl } from '../../core/requests/ubl'

export interface ReadFiles {
  files: { name: string; format: FileFormat; rows: number }[]
  lines: InvoiceLine[]
  errors: RowError[]
}

/** UTF-8 (with or without BOM) is the rule; a file that is not valid UTF-8 is read as Windows-1252, what Excel on Windows writes. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return iconv.decode(bytes, 'win1252')
  }
}

function isZip(b: Buffer): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
}

function isXml(name: string, text: string): boolean {
  return /\.xml$/i.test(name) || /^\s*<(\?xml|[A-Za-z:]*Invoice|[A-Za-z:]*CreditNote)/.test(text.replace(/^\ufeff/, ''))
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  // Date cells: the workbook's serial date, already a calendar day; read it in UTC so no time zone shifts it.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  return String(v)
}

/** The first sheet as a grid. Numbers stay the text the workbook stores, so amounts never pass through a float. */
export async function readXlsxTable(name: string, bytes: Buffer): Promise<Table> {
  try {
    const rows = await readSheet(bytes, { parseNumber: (s: string) => s })
    return { rows: rows.map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) })) }
  } catch (e) {
    throw new FileFormatError(`${name}: not a readable XLSX workbook (${(e as Error).message})`)
  }
}

export function fileError(name: string, message: string): RowError {
  return { file: name, line: 0, field: '(file)', message }
}

/**
 * Reads every uploaded file into invoice lines. Which reader applies is decided per file: UBL XML,
 * the FactorDesk CSV by its header, anything else (CSV or XLSX) through the client's mapping.
 */
export async function readUploads(files: UploadedFile[], mapping: ColumnMapping | undefined): Promise<ReadFiles> {
  const out: ReadFiles = { files: [], lines: [], errors: [] }
  for (const f of files) {
    const bytes = Buffer.from(f.data, 'base64')
    let format: FileFormat
    let r: { lines: InvoiceLine[]; errors: RowError[] }
    try {
      if (isZip(bytes)) {
        format = 'xlsx'
        if (!mapping) throw new FileFormatError(`${f.name}: a spreadsheet needs a column mapping (choose or save one for this client)`)
        r = readTable(f.name, await readXlsxTable(f.name, bytes), mapping)
      } else {
        const text = decodeText(bytes)
        if (isXml(f.name, text)) (format = 'ubl'), (r = readUbl(f.name, text))
        else if (isFactorDeskCsv(text)) (format = 'factordesk-csv'), (r = readTable(f.name, readCsvTable(f.name, text, ','), FACTORDESK_MAPPING))
        else {
          format = 'mapped-csv'
          if (!mapping) throw new FileFormatError(`${f.name}: the first line is not the FactorDesk header (${FACTORDESK_MAPPING.columns.invoiceNumber},…); choose a column mapping for this layout`)
          r = readTable(f.name, readCsvTable(f.name, text, mapping.delimiter), mapping)
        }
      }
    } catch (e) {
      if (!(e instanceof FileFormatError)) throw e
      out.errors.push(fileError(f.name, e.message))
      out.files.push({ name: f.name, format: isZip(bytes) ? 'xlsx' : 'mapped-csv', rows: 0 })
      continue
    }
    out.files.push({ name: f.name, format, rows: r.lines.length })
    out.lines.push(...r.lines)
    out.errors.push(...r.errors)
  }
  // Within one file this is already reported; across files (many UBL invoices) it is caught here.
  if (files.length > 1) out.errors.push(...findRepeatedNumbers(out.lines, 'invoice number').filter((e) => !out.errors.some((x) => x.file === e.file && x.line === e.line)))
  return out
}
