import { useState } from 'react'
import type { ChargebackRow } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

type Filter = 'proposed' | 'accepted' | 'rejected' | 'reversed' | ''
const TONE: Record<ChargebackRow['status'], string> = { proposed: 'warn', accepted: 'bad', rejected: 'muted', reversed: 'info' }

/**
 * Chargeback proposals: invoices still unpaid at their agreement's recourse date. An approver accepts one
 * (the open amount becomes the client's to pay back, netted from its next funding, and the client is
 * told), rejects it with a reason, or undoes an accepted one.
 */
export function ChargebacksView() {
  const fmt = useFormat()
  const [status, setStatus] = useState<Filter>('proposed')
  const list = useApi('chargebacks.list', { status: status || undefined })
  const propose = useApiMutation('chargebacks.propose')
  const accept = useApiMutation('chargebacks.accept')
  const reject = useApiMutation('chargebacks.reject')
  const reverse = useApiMutation('chargebacks.reverse')
  const [asking, setAsking] = useState<{ id: number; kind: 'reject' | 'reverse' } | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const rows = list.data ?? []
  const totals = new Map<string, number>()
  for (const r of rows) if (r.status === 'proposed') totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.openNow)
  const onError = (e: Error) => setError(e.message)
  const decide = () => {
    if (!asking) return
    setError(null)
    const m = asking.kind === 'reject' ? reject : reverse
    m.mutate({ id: asking.id, reason }, { onSuccess: () => (setAsking(null), setReason('')), onError })
  }
  return (
    <section className="panel coll-cb-panel" aria-label="Chargebacks">
      <div className="panel-head">
        <h2>Chargebacks at the recourse date</h2>
        <div className="coll-tabs" role="tablist" aria-label="Chargeback status">
          {(['proposed', 'accepted', 'rejected', 'reversed', ''] as Filter[]).map((s) => (
            <button key={s || 'all'} role="tab" className={status === s ? 'active' : ''} onClick={() => setStatus(s)}>{s || 'all'}</button>
          ))}
        </div>
        <button onClick={() => propose.mutate({}, { onError })} disabled={propose.isPending} title="Look for invoices unpaid past due date + the agreement's recourse days">Find due chargebacks</button>
      </div>
      <p className="small muted">
        Accepting moves the invoice's open amount from purchased receivables to what the client owes back; it is deducted from the client's next funding and the client is notified by e-mail or letter.
        {totals.size > 0 && <> Waiting: {[...totals].map(([c, a]) => fmt.money(a, c)).join(' + ')}.</>}
        {propose.data && <> {propose.data.length} new proposal{propose.data.length === 1 ? '' : 's'} found.</>}
      </p>
      {error && <div className="coll-warn" role="alert">{error}</div>}
      <div className="coll-scroll">
      <table className="grid-table coll-cb">
        <thead>
          <tr><th>Invoice</th><th>Debtor</th><th>Client</th><th>Due → recourse</th><th className="num">Open now</th><th>Status</th><th>Decision</th><th /></tr>
        </thead>
        <tbody>
          {list.error && <tr><td colSpan={8} className="empty neg">{list.error.message}</td></tr>}
          {rows.length === 0 && !list.isLoading && <tr><td colSpan={8} className="empty muted">No {status || ''} chargebacks.</td></tr>}
          {rows.map((r) => (
            <tr key={r.id} data-chargeback={r.id}>
              <td className="mono">{r.invoiceNumber}</td>
              <td className="coll-name" title={r.debtorName}>{r.debtorName}</td>
              <td className="coll-name" title={r.clientName}>{r.clientName}</td>
              <td>{fmt.date(r.dueDate)} → {fmt.date(r.recourseDate)}</td>
              <td className="num">{r.status === 'accepted' || r.status === 'reversed' ? fmt.money(r.bookedAmount ?? 0, r.currency) : fmt.money(r.openNow, r.currency)}</td>
              <td><span className={`badge tone-${TONE[r.status]}`}>{r.status}</span></td>
              <td className="small coll-decision">
                {r.decidedByName ? <div>{r.decidedByName} · {fmt.date(r.decidedDate)}</div> : <span className="muted">—</span>}
                {r.note && <div className="muted">“{r.note}”</div>}
                {r.noticeStatus && <div className="muted">client notice {r.noticeStatus}</div>}
              </td>
              <td className="row-actions">
                {asking?.id === r.id ? (
                  <form className="coll-reason" onSubmit={(e) => (e.preventDefault(), decide())}>
                    <input autoFocus aria-label="Reason" placeholder={asking.kind === 'reject' ? 'Why not charge back?' : 'Why undo it?'} value={reason} onChange={(e) => setReason(e.target.value)} />
                    <button type="submit" className="primary">{asking.kind === 'reject' ? 'Reject' : 'Undo'}</button>
                    <button type="button" className="link" onClick={() => setAsking(null)}>Cancel</button>
                  </form>
                ) : r.status === 'proposed' ? (
                  <>
                    <button className="primary" onClick={() => (setError(null), accept.mutate({ id: r.id }, { onError }))} disabled={accept.isPending}>Accept</button>{' '}
                    <button onClick={() => (setAsking({ id: r.id, kind: 'reject' }), setReason(''))}>Reject…</button>
                  </>
                ) : r.status === 'accepted' ? (
                  <button className="link danger" onClick={() => (setAsking({ id: r.id, kind: 'reverse' }), setReason(''))}>Undo…</button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  )
}
