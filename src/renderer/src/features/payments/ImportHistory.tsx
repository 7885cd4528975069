import { Fragment, useState } from 'react'
import type { ImportRow } from '../../../../shared/contract'
import { EmptyRow } from '../../components/DetailParts'
import { useFormat } from '../../lib/format'
import { useApi } from '../../lib/query'
import { FolderFailures } from './FolderFailures'
import './payments-extra.css'

const SOURCE_TEXT: Record<string, string> = { manual: 'manual', folder: 'watched folder', cli: 'command line' }
const LIMIT = 100
const COLS = 11

/** Every bank file imported, newest first, whichever way it came in (this screen, the watched folder, the CLI). */
export function ImportHistory({ onClose }: { onClose: () => void }) {
  const fmt = useFormat()
  const q = useApi('payments.imports', { limit: LIMIT })
  const [open, setOpen] = useState<Set<number>>(new Set())
  const toggle = (id: number) => setOpen((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s).add(id)))
  const rows = q.data ?? []
  return (
    <section className="panel ih-panel" aria-label="Import history">
      <div className="panel-head">
        <h2>
          Import history {q.data && <span className="muted">({rows.length === LIMIT ? `latest ${fmt.int(LIMIT)}` : fmt.int(rows.length)})</span>}
        </h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <FolderFailures />
      <div className="ih-scroll">
        <table className="grid-table" aria-label="Imported files">
          <thead>
            <tr>
              <th>When</th>
              <th>File</th>
              <th>Format</th>
              <th>Source</th>
              <th className="num">Entries</th>
              <th className="num">New</th>
              <th className="num">Duplicates</th>
              <th className="num">Auto</th>
              <th className="num">Suggested</th>
              <th className="num">Unmatched</th>
              <th>Warnings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.id}>
                <ImportLine r={r} expanded={open.has(r.id)} onToggle={() => toggle(r.id)} />
                {open.has(r.id) && (
                  <tr className="ih-warnings">
                    <td colSpan={COLS}>
                      <ul aria-label={`Warnings for ${r.fileName}`}>
                        {r.warnings.map((w, i) => (
                          <li key={i}>{w.startsWith(`${r.fileName} `) ? w.slice(r.fileName.length + 1) : w}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            {q.isLoading && <EmptyRow cols={COLS} text="Loading…" />}
            {q.error && <EmptyRow cols={COLS} text={q.error.message} />}
            {q.data && rows.length === 0 && <EmptyRow cols={COLS} text="No bank file has been imported yet." />}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ImportLine({ r, expanded, onToggle }: { r: ImportRow; expanded: boolean; onToggle: () => void }) {
  const fmt = useFormat()
  // Zeros are greyed so the counts that need a look (suggested, unmatched) stand out.
  const n = (v: number, tone?: string) => <td className={`num${v > 0 && tone ? ` ${tone}` : ''}`}>{v > 0 ? fmt.int(v) : <span className="muted">0</span>}</td>
  return (
    <tr>
      <td>{fmt.timestamp(r.createdAt)}</td>
      <td className="ih-file" title={`SHA-256 ${r.sha256}`}>
        {r.fileName}
      </td>
      <td>{r.format}</td>
      <td>{SOURCE_TEXT[r.source] ?? r.source}</td>
      {n(r.entries)}
      {n(r.added)}
      {n(r.duplicates)}
      {n(r.autoMatched, 'pos')}
      {n(r.suggested, 'ih-warn')}
      {n(r.unmatched, 'neg')}
      <td>
        {r.warnings.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <button type="button" className="link" aria-expanded={expanded} onClick={onToggle}>
            {expanded ? '▾' : '▸'} {fmt.count(r.warnings.length, 'warning')}
          </button>
        )}
      </td>
    </tr>
  )
}
