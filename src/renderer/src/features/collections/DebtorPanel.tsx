import { useEffect, useRef, useState } from 'react'
import type { DebtorCollection } from '../../../../shared/contract'
import { callOutcomes } from '../../../../shared/contract/collections'
import { parseMajor } from '../../../../shared/money'
import { reasonText } from '../../../../shared/reason-text'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

/**
 * One debtor as the controller works it: why it ranks where it does, what is overdue at which level,
 * and the call form. Ctrl+Enter saves the call and moves to the next debtor.
 */
export function DebtorPanel({ debtorId, onLogged }: { debtorId: number; onLogged: () => void }) {
  const fmt = useFormat()
  const q = useApi('collections.debtor', { debtorId })
  const log = useApiMutation('collections.logCall')
  const [outcome, setOutcome] = useState<(typeof callOutcomes)[number]>('reached')
  const [note, setNote] = useState('')
  const [promiseDate, setPromiseDate] = useState('')
  const [promiseAmount, setPromiseAmount] = useState('')
  const [next, setNext] = useState('')
  const [error, setError] = useState<string | null>(null)
  const noteRef = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    setNote('')
    setPromiseDate('')
    setPromiseAmount('')
    setNext('')
    setError(null)
  }, [debtorId])
  const d: DebtorCollection | undefined = q.data
  if (q.error) return <div className="panel error">{q.error.message}</div>
  if (!d) return <div className="panel muted">Loading…</div>
  const cur = d.summary?.currency ?? d.items[0]?.currency ?? 'EUR'
  const save = () => {
    setError(null)
    let promise
    try {
      promise = promiseDate ? { date: promiseDate, amount: parseMajor(promiseAmount || '0', cur), currency: cur } : undefined
    } catch (e) {
      return setError(`Promise amount: ${(e as Error).message}`)
    }
    log.mutate(
      { debtorId, outcome: promise ? 'promised' : outcome, note: note || undefined, promise, nextActionDate: next || undefined },
      { onSuccess: () => onLogged(), onError: (e) => setError(e.message) }
    )
  }
  return (
    <div className="coll-detail" onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && (e.preventDefault(), save())}>
      <div className="coll-detail-head">
        <h2>{d.debtorName}</h2>
        <span className={`badge tone-${d.riskClass === 'high' ? 'bad' : d.riskClass === 'low' ? 'good' : 'info'}`}>{d.riskClass} risk</span>
        <span className="badge" title="dunning plan">plan: {d.planName.toLowerCase()}</span>
        {d.handedOver && <span className="badge tone-warn">with collection agency</span>}
      </div>
      <div className="small muted">
        {d.email ?? 'no e-mail'} <span className="sep">·</span> {d.phone ?? 'no phone'} <span className="sep">·</span> language {d.language}
      </div>
      {d.summary && (
        <ul className="coll-reasons">
          {d.summary.reasons.map((r) => (
            <li key={r.text} className={r.points < 0 ? 'down' : ''}>
              <span className="num">{r.points > 0 ? '+' : ''}{r.points}</span> {reasonText(r, { money: fmt.money, date: fmt.date })}
            </li>
          ))}
        </ul>
      )}
      <h3>Open items</h3>
      <table className="coll-items">
        <thead>
          <tr><th>Invoice</th><th>Client</th><th>Due</th><th className="num">Days</th><th className="num">Open</th><th className="num">Interest</th><th>Level</th></tr>
        </thead>
        <tbody>
          {d.items.map((i) => (
            <tr key={i.invoiceId} className={i.daysOverdue > 0 ? 'overdue' : ''}>
              <td className="mono">{i.number}{i.disputed > 0 && <span className="badge tone-warn inline">disputed {fmt.amount(i.disputed, i.currency)}</span>}{i.blocked && <span className="badge inline">blocked</span>}</td>
              <td>{i.clientName}</td>
              <td>{fmt.date(i.dueDate)}</td>
              <td className="num">{i.daysOverdue || ''}</td>
              <td className="num">{fmt.money(i.open, i.currency)}</td>
              <td className="num">{i.interest ? fmt.money(i.interest, i.currency) : ''}</td>
              <td>{i.level ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Log a call</h3>
      <div className="coll-call">
        <label>Outcome<select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>{callOutcomes.map((o) => <option key={o} value={o}>{o.replace('_', ' ')}</option>)}</select></label>
        <label>Next action<input type="date" value={next} onChange={(e) => setNext(e.target.value)} /></label>
        <label>Promise date<input type="date" value={promiseDate} onChange={(e) => setPromiseDate(e.target.value)} /></label>
        <label>Promise amount ({cur})<input inputMode="decimal" value={promiseAmount} onChange={(e) => setPromiseAmount(e.target.value)} placeholder="0.00" /></label>
        <label className="wide">Note<textarea ref={noteRef} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What was said" /></label>
        <div className="wide coll-call-actions">
          <button className="primary" onClick={save} disabled={log.isPending}>Save call and next</button>
          <span className="small muted"><kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
          {error && <span className="neg">{error}</span>}
        </div>
      </div>
      <h3>History</h3>
      <ul className="coll-history">
        {d.contacts.map((c) => <li key={`c${c.id}`}><span className="muted">{fmt.date(c.date)}</span> call: {c.outcome.replace('_', ' ')}{c.note ? ` — ${c.note}` : ''}{c.nextActionDate ? ` (next ${fmt.date(c.nextActionDate)})` : ''}</li>)}
        {d.reminders.map((r) => <li key={`r${r.id}`}><span className="muted">{fmt.date(r.runDate)}</span> reminder level {r.level} by {r.channel} <span className="badge inline">{r.status.replace('_', ' ')}</span></li>)}
        {d.promises.map((p) => <li key={`p${p.id}`}><span className="muted">{fmt.date(p.createdDate)}</span> promised {fmt.money(p.amount, p.currency)} by {fmt.date(p.promisedDate)} <span className={`badge inline tone-${p.status === 'broken' ? 'bad' : p.status === 'kept' ? 'good' : 'info'}`}>{p.status}</span></li>)}
        {d.contacts.length + d.reminders.length + d.promises.length === 0 && <li className="muted">No contact yet.</li>}
      </ul>
    </div>
  )
}
