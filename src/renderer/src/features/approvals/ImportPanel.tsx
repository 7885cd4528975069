import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { ColumnMapping, RequestPreview } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'
import { useApi } from '../../lib/query'
import { call, on } from '../../lib/rpc'
import { MappingEditor } from './MappingEditor'
import { decodeSample, guessDelimiter, guessMapping, sniffKind, type FileKind } from './mapping-guess'
import { toBase64 } from '../../lib/base64'

export interface PickedFile {
  id: number
  name: string
  data: string
  kind: FileKind
  size: number
}

let nextFileId = 1

/** Reads one file as base64 in slices, reporting how far it got, so a large workbook does not look stuck. */
async function readPicked(f: File, onBytes: (n: number) => void): Promise<PickedFile> {
  const bytes = new Uint8Array(await f.arrayBuffer())
  const b64 = await toBase64(bytes, onBytes)
  return { id: nextFileId++, name: f.name, data: b64, kind: sniffKind(f.name, bytes, decodeSample(bytes)), size: bytes.length }
}

type Progress = { label: string; done: number; total: number } | null

/**
 * Import of a financing request: pick the client and the files; a CSV or XLSX in the client's own
 * layout is read through a column mapping (saved per client, edited beside a live preview of its
 * first rows); then every invoice is checked (nothing stored) and, once accepted, imported as shown.
 */
export function ImportPanel({ onDone }: { onDone: (message: string) => void }) {
  const fmt = useFormat()
  const qc = useQueryClient()
  const clients = useApi('clients.list', { limit: 500, sortBy: 'name' })
  const [clientId, setClientId] = useState<number | null>(null)
  const mappings = useApi('mappings.list', { clientId: clientId ?? 0 }, { enabled: clientId !== null })
  const [files, setFiles] = useState<PickedFile[]>([])
  const [mappingId, setMappingId] = useState<number | 'new' | null>(null)
  const [draft, setDraft] = useState<ColumnMapping | null>(null)
  const [name, setName] = useState('')
  const [savedAs, setSavedAs] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [preview, setPreview] = useState<RequestPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<Progress>(null)
  const busy = progress !== null
  const mapped = files.find((f): f is PickedFile & { kind: 'csv' | 'xlsx' } => f.kind === 'csv' || f.kind === 'xlsx')

  // The server reports the stages of a long check or import; show them here, where the user waits.
  const waiting = useRef(false)
  useEffect(() => on('job.progress', (p) => {
    if (waiting.current && p.job === 'requests.intake') setProgress({ label: p.message ?? 'Working…', done: p.done, total: p.total })
  }), [])

  // A new client or file set starts again from the client's saved mapping, or a guess from the file;
  // later changes to the saved list (saving the draft) must not throw away what is on screen.
  const startedFor = useRef('')
  useEffect(() => {
    const key = `${mapped?.id}:${clientId}`
    if (!mapped || clientId === null || !mappings.data || startedFor.current === key) return
    startedFor.current = key
    setPreview(null)
    setSavedAs(null)
    const saved = [...mappings.data].sort((a, b) => b.updatedAt - a.updatedAt)[0]
    if (saved) {
      setMappingId(saved.id)
      setDraft(saved.mapping)
      setName(saved.name)
      return
    }
    void guessFor(mapped).then((m) => {
      if (startedFor.current !== key) return
      setMappingId('new')
      setDraft(m)
      setName(`${mapped.kind === 'xlsx' ? 'Spreadsheet' : 'CSV'} layout`)
    }, (e: Error) => setError(e.message))
  }, [mapped, clientId, mappings.data])

  const choose = (value: string) => {
    setPreview(null)
    setSavedAs(null)
    if (value === 'new') {
      setMappingId('new')
      if (mapped) void guessFor(mapped).then(setDraft)
      setName('')
      return
    }
    const m = mappings.data?.find((x) => x.id === Number(value))
    if (m) (setMappingId(m.id), setDraft(m.mapping), setName(m.name))
  }

  const pick = async (list: FileList | null) => {
    const chosen = [...(list ?? [])]
    setError(null)
    setPreview(null)
    if (!chosen.length) return setFiles([])
    const total = chosen.reduce((s, f) => s + f.size, 0)
    let before = 0
    const out: PickedFile[] = []
    try {
      for (const f of chosen) {
        out.push(await readPicked(f, (n) => setProgress({ label: `Reading ${f.name}`, done: before + n, total })))
        before += f.size
      }
      setFiles(out)
    } finally {
      setProgress(null)
    }
  }

  const save = async () => {
    if (!draft || clientId === null) return
    setSaving(true)
    try {
      const row = await call('mappings.save', { clientId, name: name.trim(), mapping: draft })
      await qc.invalidateQueries({ queryKey: ['mappings.list'] })
      setMappingId(row.id)
      setSavedAs(row.name)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  const input = () => ({ clientId: clientId!, files: files.map((f) => ({ name: f.name, data: f.data })), ...(mapped && draft ? { mapping: draft } : {}) })
  const withProgress = async (label: string, what: () => Promise<void>) => {
    setError(null)
    waiting.current = true
    setProgress({ label, done: 0, total: 0 })
    try {
      await what()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      waiting.current = false
      setProgress(null)
    }
  }
  const check = () => withProgress('Checking…', async () => setPreview(await call('requests.preview', input())))
  const doImport = () =>
    withProgress('Importing…', async () => {
      const r = await call('requests.import', { ...input(), token: preview!.token })
      onDone(r.requestId ? `Request ${r.requestId}: ${r.stored} invoices stored, ${r.totals.eligible} eligible` : 'Nothing stored: every invoice is already in the ledger')
    })

  const currency = preview?.rows[0]?.currency ?? clients.data?.rows.find((c) => c.id === clientId)?.agreement.currency ?? 'EUR'
  const problems = preview ? preview.rows.filter((r) => !r.eligible || r.checks.length > 0 || r.skipped) : []
  return (
    <section className="panel apr-import" aria-label="Import a financing request">
      <div className="toolbar">
        <select value={clientId ?? ''} onChange={(e) => (setClientId(e.target.value ? Number(e.target.value) : null), setPreview(null))} aria-label="Client">
          <option value="">Client…</option>
          {clients.data?.rows.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        <input type="file" multiple accept=".csv,.txt,.xlsx,.xml" aria-label="Files" disabled={busy} onChange={(e) => void pick(e.target.files)} />
        {files.length > 0 && <span className="muted small">{files.length === 1 ? KIND_LABEL[files[0].kind] : files.map((f) => `${f.name}: ${KIND_LABEL[f.kind]}`).join(', ')}</span>}
        {mapped && (
          <select value={mappingId ?? ''} onChange={(e) => choose(e.target.value)} aria-label="Saved column mapping" disabled={clientId === null}>
            {mappingId === null && <option value="">Column mapping…</option>}
            {mappings.data?.map((m) => <option key={m.id} value={m.id}>Mapping: {m.name}</option>)}
            <option value="new">New mapping…</option>
          </select>
        )}
        <span className="spacer" />
        <button disabled={!clientId || !files.length || busy || (!!mapped && !draft)} onClick={() => void check()}>Check invoices</button>
        <button className="primary" disabled={!preview || preview.errors.length > 0 || preview.totals.invoices === 0 || busy} onClick={() => void doImport()}>Import {preview ? preview.totals.invoices : ''}</button>
      </div>
      {progress && (
        <div className="apr-progress" role="progressbar" aria-label={progress.label} aria-valuenow={progress.total ? Math.round((progress.done * 100) / progress.total) : undefined}>
          <span>{progress.label}</span>
          <progress max={progress.total || undefined} value={progress.total ? progress.done : undefined} />
          {progress.total > 0 && <span className="num">{fmt.int(Math.floor((progress.done * 100) / progress.total))} %</span>}
        </div>
      )}
      {error && <div className="neg" role="alert">{error}</div>}
      {mapped && draft && clientId !== null && (
        <MappingEditor file={mapped} mapping={draft} onChange={(m) => (setDraft(m), setPreview(null), setSavedAs(null))} name={name} onName={setName} onSave={() => void save()} saving={saving} savedAs={savedAs} />
      )}
      {mapped && clientId === null && <div className="muted small">Choose the client: its saved column mappings are offered for this file.</div>}
      {preview && (
        <div className="apr-preview" aria-label="Checked invoices">
          <div>
            <b>{fmt.int(preview.totals.invoices)} invoices, {fmt.money(preview.totals.amount, currency)}</b> · {fmt.int(preview.totals.eligible)} eligible ({fmt.money(preview.totals.eligibleAmount, currency)}) · {fmt.int(preview.totals.withErrors)} with errors · {fmt.int(preview.totals.withWarnings)} with warnings · {fmt.int(preview.totals.newDebtors)} new debtors · {fmt.int(preview.totals.skipped)} already in the ledger
          </div>
          {preview.errors.length > 0 && (
            <div className="neg small">
              <b>Nothing can be imported until the file is fixed ({preview.errors.length} problem{preview.errors.length > 1 ? 's' : ''}):</b>
              <ul>{preview.errors.slice(0, 20).map((e, i) => <li key={i}>{e.message}</li>)}</ul>
            </div>
          )}
          <table className="apr-table small">
            <thead>
              <tr><th>Line</th><th>Invoice</th><th>Debtor</th><th>Issued</th><th>Due</th><th className="num">Amount</th><th>Checks</th></tr>
            </thead>
            <tbody>
              {(problems.length ? problems : preview.rows).slice(0, 12).map((r) => (
                <tr key={`${r.file}:${r.line}`}>
                  <td className="muted">{files.length > 1 ? `${r.file}:` : ''}{r.line}</td>
                  <td className="mono">{r.number}</td>
                  <td>{r.debtorName}{r.debtorMatch === 'new' && <span className="tag note">new</span>}</td>
                  <td>{fmt.date(r.issueDate)}</td>
                  <td>{fmt.date(r.dueDate)}</td>
                  <td className="num">{fmt.money(r.amount, r.currency)}</td>
                  <td>{r.skipped && <span className="tag note">skipped</span>}{r.checks.map((c) => <span key={c.code} className={`tag ${c.severity === 'error' ? 'err' : 'warn'}`} title={c.message}>{c.code}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems.length > 12 && <div className="muted small">…and {fmt.int(problems.length - 12)} more flagged invoices; all of them appear in the approval queue after the import.</div>}
        </div>
      )}
    </section>
  )
}

const KIND_LABEL: Record<FileKind, string> = { 'factordesk-csv': 'FactorDesk CSV', ubl: 'UBL invoice', xlsx: 'XLSX, mapped', csv: 'own CSV layout, mapped' }

/** Splits the file's first rows on the server with no header (the same reader imports use), then guesses. */
async function guessFor(f: PickedFile & { kind: 'csv' | 'xlsx' }): Promise<ColumnMapping> {
  const delimiter = f.kind === 'csv' ? guessDelimiter(decodeSample(Uint8Array.from(atob(f.data.slice(0, 350_000)), (c) => c.charCodeAt(0)))) : ';'
  const grid = await call('mappings.preview', {
    file: { name: f.name, data: f.data },
    mapping: { delimiter, decimalMark: '.', dateFormat: 'YYYY-MM-DD', headerRow: 0, columns: { invoiceNumber: 1, debtorName: 1, issueDate: 1, dueDate: 1, amount: 1 } },
    limit: 30
  })
  return guessMapping(grid.rows.map((r) => ({ line: r.line, cells: r.cells })), delimiter)
}
