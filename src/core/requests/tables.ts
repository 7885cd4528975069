import { parse } from 'csv-parse/sync'
import type { ColumnMapping, MappingPreview, RowError } from '../../shared/contract/requests'
import { findRepeatedNumbers, readLine, type InvoiceLine, type RawLine } from './rows'

/** A grid of cell texts, each row with the 1-based line (CSV) or row (XLSX) number the user sees. */
export interface Table {
  rows: { line: number; cells: string[] }[]
}

export const FACTORDESK_HEADER = ['invoice_number', 'debtor_name', 'debtor_reg_no', 'debtor_country', 'issue_date', 'due_date', 'currency', 'amount'] as const

/** The FactorDesk invoice CSV is just a mapping whose columns are our own header titles. */
export const FACTORDESK_MAPPING: ColumnMapping = {
  delimiter: ',',
  decimalMark: '.',
  dateFormat: 'YYYY-MM-DD',
  headerRow: 1,
  columns: { invoiceNumber: 'invoice_number', debtorName: 'debtor_name', debtorRegNo: 'debtor_reg_no', debtorCountry: 'debtor_country', issueDate: 'issue_date', dueDate: 'due_date', currency: 'currency', amount: 'amount' }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export function isFactorDeskCsv(text: string): boolean {
  const first = stripBom(text).split(/\r?\n/, 1)[0] ?? ''
  return first.split(',').map((c) => c.trim().toLowerCase().replace(/^"|"$/g, '')).join(',') === FACTORDESK_HEADER.join(',')
}

export class FileFormatError extends Error {}

export function readCsvTable(name: string, text: string, delimiter: string): Table {
  try {
    const records = parse(stripBom(text), { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as { record: string[]; info: { lines: number } }[]
    return { rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) }
  } catch (e) {
    // csv-parse names the line itself ("... at line 4"); keep its words, prefixed with the file.
    throw new FileFormatError(`${name}: ${(e as Error).message}`)
  }
}

type Field = keyof RawLine
const FIELDS: Record<keyof ColumnMapping['columns'], Field> = {
  invoiceNumber: 'number',
  debtorName: 'debtorName',
  debtorRegNo: 'debtorRegNo',
  debtorCountry: 'debtorCountry',
  issueDate: 'issueDate',
  dueDate: 'dueDate',
  currency: 'currency',
  amount: 'amount'
}

interface Resolved {
  index: Partial<Record<Field, number>>
  names: Record<Field, string>
  header: string[]
  dataRows: Table['rows']
}

/** Finds each mapped column in the header (case- and space-insensitive) or by position. */
function resolveColumns(name: string, table: Table, m: ColumnMapping): { resolved?: Resolved; errors: RowError[] } {
  const headerIdx = m.headerRow > 0 ? table.rows.findIndex((r) => r.line >= m.headerRow) : -1
  const headerRow = headerIdx >= 0 ? table.rows[headerIdx] : undefined
  const header = headerRow?.cells ?? []
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')
  const index: Partial<Record<Field, number>> = {}
  const names = {} as Record<Field, string>
  const errors: RowError[] = []
  for (const [key, field] of Object.entries(FIELDS) as [keyof ColumnMapping['columns'], Field][]) {
    const ref = m.columns[key]
    names[field] = typeof ref === 'string' ? ref : ref !== undefined ? `${header[ref - 1] || `column ${ref}`}` : key
    if (ref === undefined) continue
    const i = typeof ref === 'number' ? ref - 1 : header.findIndex((h) => norm(h) === norm(ref))
    if (i < 0) errors.push({ file: name, line: headerRow?.line ?? m.headerRow, field: String(ref), message: `${name} line ${headerRow?.line ?? m.headerRow}: no column titled "${ref}" (found: ${header.join(', ') || 'no header row'})` })
    else index[field] = i
  }
  if (m.headerRow > 0 && !headerRow) errors.push({ file: name, line: m.headerRow, field: '(header)', message: `${name}: the file has no line ${m.headerRow} to take column titles from` })
  const dataRows = headerIdx >= 0 ? table.rows.slice(headerIdx + 1) : m.headerRow > 0 ? [] : table.rows
  return { resolved: errors.length ? undefined : { index, names, header, dataRows }, errors }
}

function rawOf(cells: string[], r: Resolved): RawLine {
  const raw: RawLine = {}
  for (const [f, i] of Object.entries(r.index) as [Field, number][]) raw[f] = cells[i] ?? ''
  return raw
}

/** Reads every data row through the mapping. Errors block the whole file; lines are only trusted without any. */
export function readTable(name: string, table: Table, m: ColumnMapping): { lines: InvoiceLine[]; errors: RowError[] } {
  const { resolved, errors } = resolveColumns(name, table, m)
  if (!resolved) return { lines: [], errors }
  const lines: InvoiceLine[] = []
  const opts = { dateFormat: m.dateFormat, decimalMark: m.decimalMark, defaultCountry: m.defaultCountry, defaultCurrency: m.defaultCurrency, fieldNames: resolved.names }
  for (const row of resolved.dataRows) {
    if (row.cells.every((c) => c.trim() === '')) continue
    if (resolved.header.length && row.cells.length > resolved.header.length) {
      // Usually a decimal comma in an unquoted amount, which shifts every later field: read nothing from the row.
      errors.push({ file: name, line: row.line, field: '(row)', message: `${name} line ${row.line}: ${row.cells.length} fields where the header has ${resolved.header.length} (an unquoted value containing the delimiter "${m.delimiter}"?)` })
      continue
    }
    const r = readLine(rawOf(row.cells, resolved), name, row.line, opts)
    errors.push(...r.errors)
    if (r.line) lines.push(r.line)
  }
  if (resolved.dataRows.length === 0) errors.push({ file: name, line: 0, field: '(file)', message: `${name}: no invoice rows found` })
  errors.push(...findRepeatedNumbers(lines, resolved.names.number))
  return { lines, errors }
}

/** The first rows exactly as the mapping will read them, for the user to check before saving it. */
export function previewTable(name: string, table: Table, m: ColumnMapping, limit: number): MappingPreview {
  const { resolved, errors } = resolveColumns(name, table, m)
  if (!resolved) return { header: table.rows[0]?.cells ?? [], rows: table.rows.slice(0, limit).map((r, i) => ({ line: r.line, cells: r.cells, read: null, errors: i === 0 ? errors : [] })) }
  const opts = { dateFormat: m.dateFormat, decimalMark: m.decimalMark, defaultCountry: m.defaultCountry, defaultCurrency: m.defaultCurrency, fieldNames: resolved.names }
  return {
    header: resolved.header,
    rows: resolved.dataRows.slice(0, limit).map((row) => {
      const r = readLine(rawOf(row.cells, resolved), name, row.line, opts)
      return { line: row.line, cells: row.cells, read: r.line ?? null, errors: r.errors }
    })
  }
}
