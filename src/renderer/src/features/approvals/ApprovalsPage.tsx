import { useEffect, useRef, useState } from 'react'
import type { CheckCode, QueueRow, RecheckNote, RequestInvoice } from '../../../../shared/contract'
import { PageHeader } from '../../components/PageHeader'
import { useFormat } from '../../lib/format'
import { useApi } from '../../lib/query'
import { call } from '../../lib/rpc'
import { usePrefs } from '../../lib/prefs'
import { FundingPanel } from './FundingPanel'
import { ImportPanel } from './ImportPanel'
import { InvoiceTable, InvoiceWhy, useSelectedInvoice } from './InvoiceTable'
import './approvals.css'

type Prompt = { kind: 'reject' | 'override' | 'reject-all'; reason: string } | null

/**
 * The approval queue: requests oldest first on the left, the selected request's invoices with their
 * flags on the right. Keyboard: j/k or ↓/↑ move, [ and ] switch request, a approve, r reject,
 * o override the warnings with a reason (and approve), A approve every eligible invoice, f fund.
 */
export function ApprovalsPage() {
  const fmt = useFormat()
  const { userId } = usePrefs()
  const queue = useApi('requests.queue', {})
  const rows = queue.data?.rows ?? []
  const [reqIdx, setReqIdx] = useState(0)
  const current: QueueRow | undefined = rows[Math.min(reqIdx, rows.length - 1)]
  const [flag, setFlag] = useState<CheckCode | undefined>(undefined)
  // The request's head, flags and figures; its invoices are paged by the table as they scroll into view.
  const detail = useApi('requests.get', { id: current?.id ?? 0, withInvoices: false }, { enabled: !!current })
  const [total, setTotal] = useState<number | null>(null)
  const [sel, setSel] = useState(0)
  const inv: RequestInvoice | undefined = useSelectedInvoice(current?.id, flag, sel)
  const [prompt, setPrompt] = useState<Prompt>(null)
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | null>(null)
  const [importing, setImporting] = useState(false)
  const promptRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    setSel(0)
  }, [current?.id, flag])
  useEffect(() => {
    promptRef.current?.focus()
  }, [prompt?.kind])

  const run = async (what: () => Promise<string>) => {
    try {
      setMessage({ text: await what() })
    } catch (e) {
      setMessage({ text: (e as Error).message, bad: true })
    }
  }
  const decide = (invoiceIds: number[] | undefined, decision: 'approve' | 'reject', reason = '', overrides: { code: CheckCode; reason: string }[] = []) =>
    run(async () => {
      const r = await call('requests.decide', { requestId: current!.id, invoiceIds, decision, reason, overrides })
      if (invoiceIds?.length === 1) setSel((s) => Math.min(s + 1, Math.max(0, (total ?? 1) - 1)))
      const refused = r.refused.length ? `; ${r.refused.length} not approved (errors or warnings without override)` : ''
      return `${r.approved} approved, ${r.rejected} rejected${refused}`
    })
  const openWarnings = (i: RequestInvoice) => i.checks.filter((c) => c.severity === 'warning' && !c.override)
  const approve = (i: RequestInvoice) => (openWarnings(i).length && i.eligible ? setPrompt({ kind: 'override', reason: '' }) : void decide([i.id], 'approve'))
  const submitPrompt = () => {
    if (!prompt || !current) return
    if (prompt.kind === 'reject' && inv) void decide([inv.id], 'reject', prompt.reason)
    if (prompt.kind === 'reject-all') void decide(undefined, 'reject', prompt.reason)
    if (prompt.kind === 'override' && inv) void decide([inv.id], 'approve', '', openWarnings(inv).map((c) => ({ code: c.code, reason: prompt.reason })))
    setPrompt(null)
  }
  const fund = () => current && run(async () => {
    const f = await call('requests.fund', { requestId: current.id })
    const notes = (list: RecheckNote[]) => list.slice(0, 3).map((n) => `${n.number} (${n.reason})`).join('; ') + (list.length > 3 ? ` and ${list.length - 3} more` : '')
    const rc = f.recheck
    // The checks ran again at funding: what changed since approval is told in the approver's face, not buried.
    if (rc?.needsOverride.length) throw new Error(`Not funded: ${rc.needsOverride.length} invoice(s) have a new warning since approval and need a decision with an override${rc.notFunded.length ? `; ${rc.notFunded.length} became ineligible and were rejected` : ''}: ${notes([...rc.needsOverride, ...rc.notFunded])}`)
    if (f.status === 'funded' && rc?.notFunded.length) throw new Error(`Request ${f.requestId} funded: ${fmt.money(f.netPayout, f.currency)} to pay out. Not funded, no longer eligible: ${notes(rc.notFunded)}`)
    if (rc?.notFunded.length) throw new Error(`Nothing funded: every approved invoice became ineligible: ${notes(rc.notFunded)}`)
    return f.status === 'funded' ? `Request ${f.requestId} funded: ${fmt.money(f.netPayout, f.currency)} to pay out` : `Signed off; request ${f.requestId} needs a second approver (above the four-eyes amount)`
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return
      if (e.key === 'j' || e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, Math.max(0, (total ?? 1) - 1)))
      else if (e.key === 'k' || e.key === 'ArrowUp') setSel((s) => Math.max(s - 1, 0))
      else if (e.key === ']') setReqIdx((i) => Math.min(i + 1, rows.length - 1))
      else if (e.key === '[') setReqIdx((i) => Math.max(i - 1, 0))
      else if (e.key === 'a' && inv) approve(inv)
      else if (e.key === 'A' && current) void decide(undefined, 'approve')
      else if (e.key === 'r' && inv) setPrompt({ kind: 'reject', reason: '' })
      else if (e.key === 'o' && inv && openWarnings(inv).length) setPrompt({ kind: 'override', reason: '' })
      else if (e.key === 'f') void fund()
      else if (e.key === 'Escape') setPrompt(null)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <div className="list-page approvals">
      <PageHeader
        title="Approvals"
        subtitle="j/k move · [ ] request · a approve · r reject · o override · A approve all eligible · f fund"
        actions={<button onClick={() => setImporting((v) => !v)}>{importing ? 'Close import' : 'Import request…'}</button>}
      />
      {userId === null && <div className="apr-message bad" role="alert">Choose who you are (top right) before deciding: every decision is signed and audited.</div>}
      {message && <div className={`apr-message${message.bad ? ' bad' : ''}`} role="status">{message.text}</div>}
      {importing && <ImportPanel onDone={(t) => (setImporting(false), setMessage({ text: t }))} />}
      <div className="apr-split">
        <section className="apr-queue" aria-label="Waiting requests">
          <div className="apr-totals">
            {queue.data ? `${fmt.int(queue.data.totals.requests)} requests · ${fmt.int(queue.data.totals.invoices)} invoices` : 'Loading…'}
            {queue.data?.totals.amounts.map((a) => <div key={a.currency} className="strong">{fmt.money(a.total, a.currency)} <span className="muted small">({fmt.money(a.eligible, a.currency)} eligible)</span></div>)}
          </div>
          <ul>
            {rows.map((r, i) => (
              <li key={r.id} className={r.id === current?.id ? 'selected' : ''} onClick={() => setReqIdx(i)} aria-selected={r.id === current?.id}>
                <div className="apr-row1"><span className="strong">{r.clientName}</span><span>{fmt.money(r.total, r.currency)}</span></div>
                <div className="apr-row2 muted small">
                  <span>#{r.id} · {fmt.date(r.submittedDate)} · {r.invoices} inv.</span>
                  <span>{r.withErrors > 0 && <b className="tag err">{r.withErrors} err</b>}{r.withWarnings > 0 && <b className="tag warn">{r.withWarnings} warn</b>}{r.needsTwoApprovals && <b className="tag note">4 eyes</b>}</span>
                </div>
              </li>
            ))}
            {rows.length === 0 && !queue.isLoading && <li className="muted empty">No requests are waiting.</li>}
          </ul>
        </section>
        {current && detail.data ? (
          <section className="apr-detail" aria-label="Selected request">
            <div className="apr-head">
              <div>
                <h2>{current.clientName} <span className="muted">request #{current.id} · {current.source}{current.fileName ? ` · ${current.fileName}` : ''}</span></h2>
                <div className="muted small">Prepared by {current.preparedBy ?? 'an import'} · {fmt.int(current.pending)} pending · {fmt.int(current.approved)} approved · {fmt.int(current.rejected)} rejected</div>
              </div>
              <div className="apr-bulk">
                <button onClick={() => void decide(undefined, 'approve')} title="A">Approve all eligible</button>
                <button onClick={() => setPrompt({ kind: 'reject-all', reason: '' })}>Reject pending…</button>
              </div>
            </div>
            <FundingPanel figures={detail.data.figures} request={detail.data.request} threshold={detail.data.fourEyesThreshold} onFund={() => void fund()} />
            <div className="apr-flags" role="tablist" aria-label="Filter by flag">
              <button role="tab" aria-selected={!flag} className={!flag ? 'active' : ''} onClick={() => setFlag(undefined)}>All {fmt.int(current.invoices)}</button>
              {detail.data.flags.map((f) => (
                <button key={f.code} role="tab" aria-selected={flag === f.code} className={flag === f.code ? 'active' : ''} onClick={() => setFlag(f.code)}>{f.code} {fmt.int(f.count)}</button>
              ))}
            </div>
            {prompt && (
              <form className="apr-prompt" onSubmit={(e) => (e.preventDefault(), submitPrompt())}>
                <label>
                  {prompt.kind === 'override' ? `Override ${inv ? openWarnings(inv).map((c) => c.code).join(', ') : ''} on ${inv?.number} because` : prompt.kind === 'reject' ? `Reject ${inv?.number} because` : 'Reject every pending invoice because'}
                  <input ref={promptRef} value={prompt.reason} onChange={(e) => setPrompt({ ...prompt, reason: e.target.value })} onKeyDown={(e) => e.key === 'Escape' && setPrompt(null)} placeholder="reason (required)" />
                </label>
                <button className="primary" disabled={prompt.reason.trim().length < 3}>{prompt.kind === 'override' ? 'Override and approve' : 'Reject'}</button>
                <button type="button" className="link" onClick={() => setPrompt(null)}>Cancel</button>
              </form>
            )}
            <InvoiceTable requestId={current.id} flag={flag} sel={sel} onSelect={setSel} onTotal={setTotal} />
            <InvoiceWhy invoice={inv} />
          </section>
        ) : (
          <div className="apr-detail muted">{rows.length ? 'Loading…' : 'Nothing to approve.'}</div>
        )}
      </div>
    </div>
  )
}
