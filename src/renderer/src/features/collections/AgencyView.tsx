import { useEffect, useState } from 'react'
import type { AgencyCaseRow } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

const TONE: Record<AgencyCaseRow['status'], string> = { proposed: 'warn', approved: 'info', exported: 'good', rejected: 'muted' }

/**
 * Handover to a collection agency: the rule (days overdue, final reminder sent long enough ago, no live
 * promise or dispute) proposes debtors and says which condition was met; approving hands the debtor over
 * (internal dunning stops) and writes the file for the agency.
 */
export function AgencyView({ onOpen }: { onOpen: (debtorId: number) => void }) {
  const fmt = useFormat()
  const settings = useApi('collections.settings', {})
  const cases = useApi('agency.cases', {})
  const propose = useApiMutation('agency.propose')
  const decide = useApiMutation('agency.decide')
  const exportCase = useApiMutation('agency.export')
  const [dir, setDir] = useState('')
  const [format, setFormat] = useState<'json' | 'csv'>('json')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (settings.data && dir === '') setDir(settings.data.agencyDir ?? settings.data.letterDir ?? '')
  }, [settings.data]) // eslint-disable-line react-hooks/exhaustive-deps
  const all = cases.data ?? []
  const proposed = all.filter((c) => c.status === 'proposed')
  const decided = all.filter((c) => c.status !== 'proposed')
  const rule = settings.data?.handover
  const onError = (e: Error) => setError(e.message)
  const doExport = (id: number) => exportCase.mutate({ id, format, dir: dir.trim() || undefined }, { onError })
  const approve = (id: number) => {
    setError(null)
    decide.mutate({ id, approve: true }, { onSuccess: () => doExport(id), onError })
  }
  const overdue = (c: AgencyCaseRow) => (c.overdue.length ? c.overdue.map((o) => fmt.money(o.overdue, o.currency)).join(' + ') : <span className="muted">nothing now</span>)
  return (
    <div className="coll-cases">
      <section className="panel" aria-label="Agency proposals">
        <div className="panel-head">
          <h2>Proposed for a collection agency</h2>
          <span className="badge">{proposed.length}</span>
          <button onClick={() => (setError(null), propose.mutate({}, { onError }))} disabled={propose.isPending}>Check the handover rule</button>
        </div>
        {rule && (
          <p className="small muted">
            Rule: oldest item at least {rule.minDaysOverdue} days overdue, final reminder sent at least {rule.finalReminderDaysAgo} days ago, no active promise to pay and no open dispute.
            {propose.data && <> {propose.data.length} new proposal{propose.data.length === 1 ? '' : 's'}.</>}
          </p>
        )}
        <div className="toolbar coll-export">
          <label>Export folder <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="folder for agency files" size={40} /></label>
          <label>Format <select value={format} onChange={(e) => setFormat(e.target.value as 'json' | 'csv')}><option value="json">JSON</option><option value="csv">CSV</option></select></label>
        </div>
        {error && <div className="coll-warn" role="alert">{error}</div>}
        <table className="grid-table">
          <thead><tr><th>Debtor</th><th>Why proposed</th><th className="num">Overdue</th><th>Proposed</th><th /></tr></thead>
          <tbody>
            {proposed.length === 0 && !cases.isLoading && <tr><td colSpan={5} className="empty muted">No debtor meets the handover rule.</td></tr>}
            {proposed.map((c) => (
              <tr key={c.id} data-case={c.id}>
                <td><a className="coll-link" onClick={() => onOpen(c.debtorId)}>{c.debtorName}</a></td>
                <td className="coll-why">{c.reason}</td>
                <td className="num">{overdue(c)}</td>
                <td>{fmt.date(c.proposedDate)}</td>
                <td className="row-actions">
                  <button className="primary" onClick={() => approve(c.id)} disabled={decide.isPending || exportCase.isPending}>Approve and export</button>{' '}
                  <button onClick={() => (setError(null), decide.mutate({ id: c.id, approve: false }, { onError }))}>Keep in house</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-label="Handed-over cases">
        <div className="panel-head"><h2>Decided cases</h2><span className="badge">{decided.length}</span></div>
        <table className="grid-table">
          <thead><tr><th>Debtor</th><th>Status</th><th>Internal dunning</th><th className="num">Overdue now</th><th>Decided by</th><th>File for the agency</th><th /></tr></thead>
          <tbody>
            {decided.length === 0 && !cases.isLoading && <tr><td colSpan={7} className="empty muted">No cases decided yet.</td></tr>}
            {decided.map((c) => (
              <tr key={c.id} data-case={c.id}>
                <td><a className="coll-link" onClick={() => onOpen(c.debtorId)}>{c.debtorName}</a></td>
                <td><span className={`badge tone-${TONE[c.status]}`}>{c.status === 'rejected' ? 'kept in house' : c.status}</span></td>
                <td>{c.handedOver ? <span className="badge tone-warn">stopped</span> : <span className="muted">running</span>}</td>
                <td className="num">{overdue(c)}</td>
                <td>{c.decidedByName ?? <span className="muted">—</span>}</td>
                <td className="mono small coll-file" title={c.exportFile ?? ''}>{c.exportFile ?? <span className="muted">not exported</span>}</td>
                <td className="row-actions">{c.status === 'approved' || c.status === 'exported' ? <button className="link" onClick={() => (setError(null), doExport(c.id))}>{c.status === 'approved' ? 'Export' : 'Export again'}</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
