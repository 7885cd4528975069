import { useEffect, useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { reasonSentence } from '../../../../shared/reason-text'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import { AgencyView } from './AgencyView'
import { ChargebacksView } from './ChargebacksView'
import { DebtorPanel } from './DebtorPanel'
import { PlansView } from './PlansView'
import { RatesView } from './RatesView'
import { TodayView } from './TodayView'
import './collections.css'

type Segment = '' | 'low' | 'standard' | 'high'
type Tab = 'list' | 'today' | 'chargebacks' | 'agency' | 'plans' | 'rates'
const TABS: [Tab, string][] = [['list', 'Worklist'], ['today', 'Today'], ['chargebacks', 'Chargebacks'], ['agency', 'Agency'], ['plans', 'Dunning plans'], ['rates', 'Interest rates']]

/**
 * The collection list: debtors with money overdue, highest score first, each saying why. Keyboard:
 * ↑/↓ or j/k move, Enter or o opens the call form, Ctrl+Enter saves the call and moves on, t toggles Today.
 */
export function CollectionsPage() {
  const fmt = useFormat()
  const reasonFmt = { money: fmt.money, date: fmt.date }
  const [tab, setTab] = useState<Tab>('list')
  const [controllerId, setControllerId] = useState<string>('')
  const [riskClass, setRiskClass] = useState<Segment>('')
  const [clientId, setClientId] = useState<string>('')
  const [currency, setCurrency] = useState('')
  const [sel, setSel] = useState(0)
  const [openId, setOpenId] = useState<number | null>(null)
  const users = useApi('users.list', {})
  const clients = useApi('clients.list', { limit: 500 })
  const list = useApi('collections.worklist', {
    limit: 200,
    controllerId: controllerId === '' ? undefined : controllerId === 'none' ? null : Number(controllerId),
    riskClass: riskClass || undefined,
    clientId: clientId ? Number(clientId) : undefined,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : undefined
  })
  const run = useApiMutation('reminders.run')
  const rows = list.data?.rows ?? []
  const current = rows[Math.min(sel, rows.length - 1)]
  const shownId = openId ?? current?.debtorId ?? null

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return
      // The other tabs are forms and tables: their buttons keep Enter, and letters are not shortcuts there.
      if (tab !== 'list' && tab !== 'today') return
      if (e.key === 'ArrowDown' || e.key === 'j') (setSel((s) => Math.min(s + 1, rows.length - 1)), setOpenId(null))
      else if (e.key === 'ArrowUp' || e.key === 'k') (setSel((s) => Math.max(s - 1, 0)), setOpenId(null))
      else if (e.key === 'Enter' || e.key === 'o') document.querySelector<HTMLTextAreaElement>('.coll-call textarea')?.focus()
      else if (e.key === 't') setTab((t) => (t === 'today' ? 'list' : 'today'))
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })
  useEffect(() => {
    document.querySelector('.coll-list li.selected')?.scrollIntoView({ block: 'nearest' })
  }, [sel])

  const moveOn = () => {
    setOpenId(null)
    setSel((s) => Math.min(s + 1, Math.max(rows.length - 1, 0)))
  }
  const controllers = (users.data ?? []).filter((u) => u.active)
  return (
    <div className="collections">
      <PageHeader
        title="Collections"
        subtitle={list.data ? `${fmt.int(list.data.total)} debtors with money overdue, highest priority first` : 'Loading…'}
        actions={
          <>
            <div className="coll-tabs" role="tablist">
              {TABS.map(([t, label]) => <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>{label}</button>)}
            </div>
            <button onClick={() => run.mutate({})} disabled={run.isPending} title="Decide the reminders due today (the scheduler also does this)">Run reminders</button>
          </>
        }
      />
      {run.data && <div className="coll-message">{run.data.reminders.length} reminders decided, {run.data.skipped.length} debtors held back.</div>}
      {tab === 'today' ? (
        <TodayView onOpen={(id) => (setOpenId(id), setTab('list'))} />
      ) : tab === 'chargebacks' ? (
        <ChargebacksView />
      ) : tab === 'agency' ? (
        <AgencyView onOpen={(id) => (setOpenId(id), setTab('list'))} />
      ) : tab === 'plans' ? (
        <PlansView />
      ) : tab === 'rates' ? (
        <RatesView />
      ) : (
        <>
          <div className="toolbar coll-filters">
            <label>Controller <select value={controllerId} onChange={(e) => setControllerId(e.target.value)}><option value="">All</option><option value="none">Unassigned</option>{controllers.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></label>
            <label>Segment <select value={riskClass} onChange={(e) => setRiskClass(e.target.value as Segment)}><option value="">All</option><option value="high">High risk</option><option value="standard">Standard</option><option value="low">Low risk</option></select></label>
            <label>Client <select value={clientId} onChange={(e) => setClientId(e.target.value)}><option value="">All</option>{(clients.data?.rows ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select></label>
            <label>Currency <input value={currency} maxLength={3} size={4} onChange={(e) => setCurrency(e.target.value.toUpperCase())} placeholder="all" /></label>
            <span className="small muted"><kbd>j</kbd>/<kbd>k</kbd> move <kbd>Enter</kbd> call <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save and next <kbd>t</kbd> today</span>
          </div>
          <div className="coll-split">
            <ol className="coll-list" aria-label="Collection list">
              {list.error && <li className="empty neg">{list.error.message}</li>}
              {rows.length === 0 && !list.isLoading && <li className="empty muted">Nobody owes anything overdue.</li>}
              {rows.map((r, i) => (
                <li key={r.debtorId} className={r.debtorId === shownId ? 'selected' : ''} onClick={() => (setSel(i), setOpenId(null))} data-debtor={r.debtorId}>
                  <div className="coll-row1">
                    <span className="rank">{i + 1}</span>
                    <span className="name">{r.debtorName}</span>
                    <span className="amount" title={r.overdueInBase ? `≈ ${fmt.money(r.overdueInBase.amount, r.overdueInBase.currency)} in all, for ranking` : undefined}>
                      {r.currencies.map((c) => <span key={c.currency} className="ccy">{fmt.money(c.overdue, c.currency)}</span>)}
                    </span>
                  </div>
                  <div className="coll-row2">
                    <span className="score" title="score">{r.score.toFixed(1)}</span>
                    <span className="why">{reasonSentence(r.reasons, 3, reasonFmt)}</span>
                    <span className="muted small">{r.daysOverdue} d{r.level !== null ? ` · L${r.level}` : ''}{r.controllerName ? ` · ${r.controllerName}` : ''}</span>
                  </div>
                </li>
              ))}
            </ol>
            {shownId !== null ? <DebtorPanel debtorId={shownId} onLogged={moveOn} /> : <div className="panel muted">Select a debtor.</div>}
          </div>
        </>
      )}
    </div>
  )
}
