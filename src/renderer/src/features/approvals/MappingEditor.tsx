import { useQuery } from '@tanstack/react-query'
import { DATE_FORMATS, type ColumnMapping, type MappingPreview, type UploadedFile } from '../../../../shared/contract'
import { columnMappingSchema } from '../../../../shared/contract/requests'
import { useFormat } from '../../lib/format'
import { call, type ApiError } from '../../lib/rpc'
import { useDebounced } from '../../lib/debounce'

type Key = keyof ColumnMapping['columns']

/** The fields in the order the preview shows them; required ones must be given a column. */
export const FIELDS: { key: Key; label: string; required: boolean }[] = [
  { key: 'invoiceNumber', label: 'Invoice number', required: true },
  { key: 'debtorName', label: 'Debtor', required: true },
  { key: 'debtorRegNo', label: 'Reg. no', required: false },
  { key: 'debtorCountry', label: 'Country', required: false },
  { key: 'issueDate', label: 'Issued', required: true },
  { key: 'dueDate', label: 'Due', required: true },
  { key: 'currency', label: 'Currency', required: false },
  { key: 'amount', label: 'Amount', required: true }
]

const DELIMITER_LABELS: Record<string, string> = { ';': 'Semicolon ;', ',': 'Comma ,', '\t': 'Tab', '|': 'Pipe |' }
const isHeaderError = (field: string, message: string) => field === '(header)' || / no column titled /.test(message)
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

/** The column a field is read from: its index in the row, and the name the server uses in its messages. */
export function columnOf(ref: string | number | undefined, header: string[]): { index: number; name: string } | null {
  if (ref === undefined) return null
  if (typeof ref === 'number') return { index: ref - 1, name: header[ref - 1] || `column ${ref}` }
  return { index: header.findIndex((h) => norm(h) === norm(ref)), name: ref }
}

interface Props {
  file: UploadedFile & { id: number; kind: 'csv' | 'xlsx' }
  mapping: ColumnMapping
  onChange: (m: ColumnMapping) => void
  name: string
  onName: (n: string) => void
  onSave: () => void
  saving: boolean
  savedAs: string | null
}

/**
 * Edits a client's column mapping beside a live preview of the file's first rows read through it:
 * every change is read again by the server, so what the table shows is what an import would store.
 */
export function MappingEditor({ file, mapping, onChange, name, onName, onSave, saving, savedAs }: Props) {
  const fmt = useFormat()
  const debounced = useDebounced(mapping, 250)
  const valid = columnMappingSchema.safeParse(debounced)
  const preview = useQuery<MappingPreview, ApiError>({
    queryKey: ['mappings.preview', file.id, debounced],
    queryFn: () => call('mappings.preview', { file, mapping: debounced, limit: 12 }),
    enabled: valid.success,
    placeholderData: (prev) => prev,
    staleTime: Infinity
  })
  const header = preview.data?.header ?? []
  const set = (patch: Partial<ColumnMapping>) => onChange({ ...mapping, ...patch })
  const setColumn = (key: Key, value: string) => {
    const columns = { ...mapping.columns } as Record<Key, string | number | undefined>
    columns[key] = value === '' ? undefined : value.startsWith('n:') ? Number(value.slice(2)) : value.slice(2)
    onChange({ ...mapping, columns: columns as ColumnMapping['columns'] })
  }
  const refValue = (ref: string | number | undefined) => (ref === undefined ? '' : typeof ref === 'number' ? `n:${ref}` : `t:${ref}`)
  // With a header the columns are offered by title; without one (or for untitled columns) by position.
  const width = Math.max(header.length, ...(preview.data?.rows.map((r) => r.cells.length) ?? [0]))
  const options = Array.from({ length: width }, (_, i) => {
    const title = mapping.headerRow > 0 ? (header[i] ?? '').trim() : ''
    return title ? { value: `t:${title}`, label: title } : { value: `n:${i + 1}`, label: `Column ${i + 1}` }
  })
  const headerErrors = preview.data?.rows.flatMap((r) => r.errors.filter((e) => isHeaderError(e.field, e.message))) ?? []
  const rowsWithErrors = preview.data?.rows.filter((r) => r.errors.length > 0).length ?? 0

  return (
    <div className="map-editor" aria-label="Column mapping editor">
      <div className="map-settings">
        {file.kind === 'csv' && (
          <label className="field">
            <span>Delimiter</span>
            <select value={mapping.delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
              {Object.entries(DELIMITER_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span>Decimal mark</span>
          <select value={mapping.decimalMark} onChange={(e) => set({ decimalMark: e.target.value as ',' | '.' })}>
            <option value=",">Comma 1.234,50</option>
            <option value=".">Point 1,234.50</option>
          </select>
        </label>
        <label className="field">
          <span>Date format</span>
          <select value={mapping.dateFormat} onChange={(e) => set({ dateFormat: e.target.value as ColumnMapping['dateFormat'] })}>
            {DATE_FORMATS.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="field narrow">
          <span>Header row</span>
          <input type="number" min={0} max={100} value={mapping.headerRow} onChange={(e) => set({ headerRow: Math.max(0, Math.min(100, Number(e.target.value) || 0)) })} title="The line with the column titles; 0 when the file has none" />
        </label>
        <label className="field narrow">
          <span>Default country</span>
          <input value={mapping.defaultCountry ?? ''} maxLength={2} placeholder="DE" onChange={(e) => set({ defaultCountry: e.target.value.toUpperCase() || undefined })} />
        </label>
        <label className="field narrow">
          <span>Default currency</span>
          <input value={mapping.defaultCurrency ?? ''} maxLength={3} placeholder="EUR" onChange={(e) => set({ defaultCurrency: e.target.value.toUpperCase() || undefined })} />
        </label>
      </div>
      <div className="map-columns">
        {FIELDS.map((f) => (
          <label key={f.key} className={`field${f.required && mapping.columns[f.key] === undefined ? ' has-error' : ''}`}>
            <span>{f.label}{f.required ? ' *' : ''}</span>
            <select aria-label={`Column for ${f.label}`} value={refValue(mapping.columns[f.key])} onChange={(e) => setColumn(f.key, e.target.value)}>
              {!f.required && <option value="">{f.key === 'debtorCountry' || f.key === 'currency' ? '(use default)' : '(none)'}</option>}
              {f.required && mapping.columns[f.key] === undefined && <option value="">choose…</option>}
              {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              {mapping.columns[f.key] !== undefined && !options.some((o) => o.value === refValue(mapping.columns[f.key])) && <option value={refValue(mapping.columns[f.key])}>{String(mapping.columns[f.key])} (not in file)</option>}
            </select>
          </label>
        ))}
      </div>
      <div className="map-save">
        <input aria-label="Mapping name" value={name} placeholder="Name, e.g. ERP export" onChange={(e) => onName(e.target.value)} />
        <button disabled={!name.trim() || !columnMappingSchema.safeParse(mapping).success || saving} onClick={onSave}>Save mapping for this client</button>
        {savedAs && <span className="saved small">Saved as “{savedAs}”</span>}
        <span className="spacer" />
        <span className="muted small" aria-live="polite">
          {preview.isFetching ? 'Reading…' : preview.data ? `First ${preview.data.rows.length} rows as they will be read · ${rowsWithErrors ? `${rowsWithErrors} with problems` : 'no problems'}` : ''}
        </span>
      </div>
      {!valid.success && <div className="neg small">{valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</div>}
      {preview.error && <div className="neg small" role="alert">{preview.error.message}</div>}
      {headerErrors.length > 0 && <div className="neg small" role="alert">{[...new Set(headerErrors.map((e) => e.message))].join(' · ')}</div>}
      {preview.data && (
        <div className="map-preview-wrap">
          <table className="apr-table map-preview" aria-label="Mapping preview">
            <thead>
              <tr><th className="num">Line</th>{FIELDS.map((f) => <th key={f.key} className={f.key === 'amount' ? 'num' : undefined}>{f.label}</th>)}</tr>
            </thead>
            <tbody>
              {preview.data.rows.map((r) => <PreviewLine key={r.line} row={r} mapping={mapping} header={header} fmt={fmt} />)}
              {preview.data.rows.length === 0 && <tr><td colSpan={FIELDS.length + 1} className="muted">No data rows below the header row.</td></tr>}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

/** "3 Nov 2026": spelled-out months, so day-first and month-first can be told apart at a glance. */
function longDate(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
}

function PreviewLine({ row, mapping, header, fmt }: { row: MappingPreview['rows'][number]; mapping: ColumnMapping; header: string[]; fmt: ReturnType<typeof useFormat> }) {
  const read = row.read
  const shown = (key: Key): string => {
    if (!read) return ''
    switch (key) {
      case 'invoiceNumber': return read.number
      case 'debtorName': return read.debtorName
      case 'debtorRegNo': return read.debtorRegNo ?? ''
      case 'debtorCountry': return read.debtorCountry
      case 'issueDate': return longDate(fmt.locale, read.issueDate)
      case 'dueDate': return longDate(fmt.locale, read.dueDate)
      case 'currency': return read.currency
      case 'amount': return fmt.money(read.amount, read.currency)
    }
  }
  // Column-title problems are shown once above the table, not under the first row.
  const errors = row.errors.filter((e) => !isHeaderError(e.field, e.message))
  const bad = errors.length > 0
  return (
    <>
      <tr className={bad ? 'bad' : undefined} data-line={row.line}>
        <td className="num muted">{row.line}</td>
        {FIELDS.map((f) => {
          const col = columnOf(mapping.columns[f.key], header)
          const raw = col && col.index >= 0 ? (row.cells[col.index] ?? '') : ''
          // An unmapped field is named by its key in the server's messages (e.g. an empty default country).
          const err = row.errors.find((e) => e.field === (col?.name ?? f.key))
          const value = err || !read ? raw : shown(f.key)
          // Dates and amounts are converted: the file's own text stays visible under what was read from it.
          const converted = read && !err && (f.key === 'issueDate' || f.key === 'dueDate' || f.key === 'amount') && raw && raw !== value
          return (
            <td key={f.key} className={`${f.key === 'amount' ? 'num' : ''}${err ? ' cell-error' : ''}`} title={err?.message} aria-invalid={err ? true : undefined}>
              {value || (err ? <i>empty</i> : col ? '' : <span className="faint">—</span>)}
              {converted && <div className="raw">{raw}</div>}
            </td>
          )
        })}
      </tr>
      {bad && (
        <tr className="row-errors">
          <td />
          <td colSpan={FIELDS.length}>{errors.map((e, i) => <div key={i}>{e.message.replace(/^.*? line \d+(, |: )/, '')}</div>)}</td>
        </tr>
      )}
    </>
  )
}
