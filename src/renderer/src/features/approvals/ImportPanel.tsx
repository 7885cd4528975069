import { useState } from 'react'
import type { RequestPreview, UploadedFile } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'
import { useApi } from '../../lib/query'
import { call } from '../../lib/rpc'

async function toUpload(f: File): Promise<UploadedFile> {
  const bytes = new Uint8Array(await f.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { name: f.name, data: btoa(bin) }
}

/** Two steps: preview shows every row as read and checked (nothing stored), import stores exactly that. */
export function ImportPanel({ onDone }: { onDone: (message: string) => void }) {
  const fmt = useFormat()
  const clients = useApi('clients.list', { limit: 500, sortBy: 'name' })
  const [clientId, setClientId] = useState<number | null>(null)
  const mappings = useApi('mappings.list', { clientId: clientId ?? 0 }, { enabled: clientId !== null })
  const [mappingId, setMappingId] = useState<number | undefined>(undefined)
  const [files, setFiles] = useState<UploadedFile[]>([])
  const [preview, setPreview] = useState<RequestPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const input = () => ({ clientId: clientId!, files, mappingId })
  const doPreview = async () => {
    setError(null)
    try {
      setPreview(await call('requests.preview', input()))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const doImport = async () => {
    try {
      const r = await call('requests.import', { ...input(), token: preview!.token })
      onDone(r.requestId ? `Request ${r.requestId}: ${r.stored} invoices stored, ${r.totals.eligible} eligible` : 'Nothing stored: every invoice is already in the ledger')
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <section className="panel apr-import" aria-label="Import a financing request">
      <div className="toolbar">
        <select value={clientId ?? ''} onChange={(e) => (setClientId(e.target.value ? Number(e.target.value) : null), setPreview(null))} aria-label="Client">
          <option value="">Client…</option>
          {clients.data?.rows.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        <select value={mappingId ?? ''} onChange={(e) => setMappingId(e.target.value ? Number(e.target.value) : undefined)} aria-label="Column mapping">
          <option value="">FactorDesk CSV or UBL XML</option>
          {mappings.data?.map((m) => <option key={m.id} value={m.id}>Mapping: {m.name}</option>)}
        </select>
        <input type="file" multiple accept=".csv,.txt,.xlsx,.xml" aria-label="Files" onChange={async (e) => (setFiles(await Promise.all([...(e.target.files ?? [])].map(toUpload))), setPreview(null))} />
        <button disabled={!clientId || !files.length} onClick={() => void doPreview()}>Preview</button>
        <button className="primary" disabled={!preview || preview.errors.length > 0 || preview.totals.invoices === 0} onClick={() => void doImport()}>Import</button>
      </div>
      {error && <div className="neg">{error}</div>}
      {preview && (
        <div className="apr-preview">
          <div>{preview.totals.invoices} invoices, {fmt.money(preview.totals.amount, preview.rows[0]?.currency ?? 'EUR')} · {preview.totals.eligible} eligible · {preview.totals.withErrors} with errors · {preview.totals.newDebtors} new debtors · {preview.totals.skipped} already in the ledger</div>
          {preview.errors.length > 0 && <ul className="neg small">{preview.errors.slice(0, 20).map((e, i) => <li key={i}>{e.message}</li>)}</ul>}
          <table className="apr-table small">
            <tbody>
              {preview.rows.slice(0, 8).map((r) => (
                <tr key={`${r.file}:${r.line}`}><td>{r.file}:{r.line}</td><td className="mono">{r.number}</td><td>{r.debtorName}{r.debtorMatch === 'new' ? ' (new)' : ''}</td><td>{r.issueDate}</td><td>{r.dueDate}</td><td className="num">{fmt.money(r.amount, r.currency)}</td><td>{r.checks.map((c) => c.code).join(' ')}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
