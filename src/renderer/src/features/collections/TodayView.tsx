import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

/** What is due today: follow-ups, promises falling due, reminders waiting for approval, instalments due. */
export function TodayView({ onOpen }: { onOpen: (debtorId: number) => void }) {
  const fmt = useFormat()
  const t = useApi('collections.today', {})
  const approve = useApiMutation('reminders.approve')
  const reject = useApiMutation('reminders.reject')
  const outbox = useApi('outbox.list', { limit: 200 })
  const retry = useApiMutation('outbox.retry')
  const deliver = useApiMutation('outbox.deliver')
  const settings = useApi('collections.settings', {})
  // Nothing counts as sent unless the server accepted it: what is stuck is shown, grouped by its error.
  const msgs = outbox.data ?? []
  const unconfigured = [
    ...(settings.data && !settings.data.smtp ? [{ channel: 'e-mail', n: msgs.filter((m) => m.status === 'queued' && m.channel === 'email').length, where: 'an SMTP server' }] : []),
    ...(settings.data && !settings.data.sms ? [{ channel: 'SMS', n: msgs.filter((m) => m.status === 'queued' && m.channel === 'sms').length, where: 'an SMS gateway' }] : [])
  ].filter((u) => u.n > 0)
  const groups = new Map<string, typeof msgs>()
  for (const m of msgs) if (m.status === 'failed' || (m.status === 'queued' && m.lastError)) groups.set(`${m.status}: ${m.lastError}`, [...(groups.get(`${m.status}: ${m.lastError}`) ?? []), m])
  const problems = [...groups.entries()]
  const retryAll = async (ids: number[]) => {
    for (const id of ids) await retry.mutateAsync({ id })
    deliver.mutate({})
  }
  if (!t.data) return <div className="panel muted">{t.error?.message ?? 'Loading…'}</div>
  const v = t.data
  return (
    <div className="coll-today">
      <section className="panel">
        <div className="panel-head"><h2>Reminders waiting for approval</h2><span className="badge">{v.approvals.length}</span></div>
        {v.approvals.length === 0 ? <p className="muted">Nothing to approve.</p> : (
          <table className="coll-items"><tbody>
            {v.approvals.map((a) => (
              <tr key={a.id}>
                <td><a onClick={() => onOpen(a.debtorId)}>{a.debtorName}</a></td><td>level {a.level} by {a.channel}</td>
                <td className="num">{fmt.money(a.total, a.currency)}</td><td className="num">fee {fmt.money(a.fee, a.currency)}</td>
                <td className="num"><button onClick={() => approve.mutate({ id: a.id })}>Approve</button> <button onClick={() => reject.mutate({ id: a.id, reason: 'held back by controller' })}>Hold back</button></td>
              </tr>
            ))}
          </tbody></table>
        )}
      </section>
      <section className="panel">
        <div className="panel-head"><h2>Delivery problems</h2><span className={`badge ${problems.length + unconfigured.length ? 'tone-bad' : ''}`}>{problems.reduce((n, [, ms]) => n + ms.length, 0) + unconfigured.reduce((n, u) => n + u.n, 0)}</span></div>
        {unconfigured.map((u) => (
          <p key={u.channel} className="coll-warn">{u.n} {u.channel} reminders are waiting: set up {u.where} in the collections settings. They stay queued until it accepts them.</p>
        ))}
        {problems.length === 0 && unconfigured.length === 0 && <p className="muted">Every reminder that was due went out.</p>}
        {problems.length > 0 && (
          <table className="coll-items"><tbody>
            {problems.map(([err, ms]) => (
              <tr key={err}>
                <td className="neg">{err}</td>
                <td className="small muted">{ms.length} × {ms.slice(0, 2).map((m) => m.recipient ?? '(no address)').join(', ')}{ms.length > 2 ? ', …' : ''}</td>
                <td className="num"><button onClick={() => void retryAll(ms.map((m) => m.id))}>Retry now</button></td>
              </tr>
            ))}
          </tbody></table>
        )}
      </section>
      <section className="panel">
        <div className="panel-head"><h2>Follow-ups due</h2><span className="badge">{v.followUps.length}</span></div>
        {v.followUps.length === 0 ? <p className="muted">No follow-ups due.</p> : (
          <ul className="coll-history">{v.followUps.map((f) => <li key={f.debtorId}><a onClick={() => onOpen(f.debtorId)}>{f.debtorName}</a> <span className="muted">since {fmt.date(f.nextActionDate)}</span>{f.currency && f.overdueAmount > 0 && <span className="num"> {fmt.money(f.overdueAmount, f.currency)} overdue</span>}</li>)}</ul>
        )}
      </section>
      <section className="panel">
        <div className="panel-head"><h2>Promises falling due</h2><span className="badge">{v.promisesDue.length}</span></div>
        {v.promisesDue.length === 0 ? <p className="muted">No promises due.</p> : (
          <ul className="coll-history">{v.promisesDue.map((p) => <li key={p.id}><a onClick={() => onOpen(p.debtorId)}>{p.debtorName}</a> {fmt.money(p.amount, p.currency)} by {fmt.date(p.promisedDate)}</li>)}</ul>
        )}
      </section>
      <section className="panel">
        <div className="panel-head"><h2>Instalments due</h2><span className="badge">{v.instalmentsDue.length}</span></div>
        {v.instalmentsDue.length === 0 ? <p className="muted">No instalments due.</p> : (
          <ul className="coll-history">{v.instalmentsDue.map((i) => <li key={`${i.planId}-${i.dueDate}`}><a onClick={() => onOpen(i.debtorId)}>{i.debtorName}</a> {fmt.money(i.amount, i.currency)} due {fmt.date(i.dueDate)}</li>)}</ul>
        )}
      </section>
    </div>
  )
}
