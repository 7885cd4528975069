import { useEffect, useRef, useState } from 'react'
import type { ImportPreview, PaymentLine } from '../../../../shared/contract'
import { reasonText, type ReasonFormat } from '../../../../shared/reason-text'
import { PageHeader } from '../../components/PageHeader'
import { SearchBox } from '../../components/SearchBox'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import { call } from '../../lib/rpc'
import './payments.css'

const VIEWS = [
  { id: 'open', label: 'Needs attention' },
  { id: 'suggested', label: 'Suggested' },
  { id: 'unmatched', label: 'Unmatched' },
  { id: 'unapplied', label: 'Unapplied cash' },
  { id: 'matched', label: 'Matched' },
  { id: 'all', label: 'All' }
] as const
type View = (typeof VIEWS)[number]['id']

/**
 * The payments worklist: bank lines waiting for a person, each with the matcher's reason and candidates.
 * Keyboard: ↑/↓ or j/k move, 1-5 apply that candidate, u undoes the last application, / searches.
 */
export function PaymentsPage() {
  const fmt = useFormat()
  const [view, setView] = useState<View>('open')
  const [search, setSearch] = useState('')
  const [sel, setSel] = useState(0)
  const [preview, setPreview] = useState<{ p: ImportPreview; fileName: string; content: string } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const lines = useApi('payments.lines', { view, search: search || undefined, limit: 200 })
  const allocate = useApiMutation('payments.allocate')
  const undo = useApiMutation('payments.undo')
  const rows = lines.data?.rows ?? []
  const line: PaymentLine | undefined = rows[Math.min(sel, rows.length - 1)]
  const fileRef = useRef<HTMLInputElement>(null)

  /** closeShort settles the rest of the invoice against the client's reserve (a discount or short payment accepted). */
  const apply = (l: PaymentLine, i: number, closeShort = false) => {
    const c = l.candidates[i]
    if (!c) return
    const amount = Math.min(c.amount, l.unapplied)
    allocate.mutate(
      { bankEntryId: l.id, allocations: [{ invoiceId: c.id, amount, closeShortfall: closeShort && amount < c.openAmount }] },
      { onSuccess: () => setMessage(`Applied ${fmt.money(amount, l.currency)} to ${c.number}${closeShort ? ', difference closed' : ''}`), onError: (e) => setMessage(e.message) }
    )
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return
      if (e.key === 'ArrowDown' || e.key === 'j') setSel((s) => Math.min(s + 1, rows.length - 1))
      else if (e.key === 'ArrowUp' || e.key === 'k') setSel((s) => Math.max(s - 1, 0))
      else if (/^Digit[1-5]$/.test(e.code) && line) apply(line, Number(e.code.slice(5)) - 1, e.shiftKey)
      else if (e.key === 'u' && line) {
        const last = [...line.allocations].reverse().find((a) => !a.reversed)
        if (last) undo.mutate({ bankEntryId: line.id, journalEntryId: last.journalEntryId, reason: 'undone on the payments screen' }, { onSuccess: () => setMessage(`Undid the application to ${last.invoiceNumber}`) })
      } else if (e.key === '/') {
        e.preventDefault()
        document.querySelector<HTMLInputElement>('.payments input[type=search]')?.focus()
      } else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const pick = async (f: File) => {
    const content = btoa(String.fromCharCode(...new Uint8Array(await f.arrayBuffer())))
    try {
      setPreview({ p: await call('payments.previewImport', { fileName: f.name, contentBase64: content }), fileName: f.name, content })
    } catch (e) {
      setMessage((e as Error).message)
    }
  }
  const commit = async () => {
    if (!preview) return
    try {
      const r = await call('payments.commitImport', { fileName: preview.fileName, contentBase64: preview.content, token: preview.p.token, acceptErrors: preview.p.errors.length > 0 })
      setMessage(`${r.fileName}: ${r.counts.added} new, ${r.counts.duplicates} duplicates, ${r.counts.autoMatched} matched automatically, ${r.counts.suggested} suggested, ${r.counts.unmatched} unmatched`)
      setPreview(null)
      void lines.refetch()
    } catch (e) {
      setMessage((e as Error).message)
    }
  }

  return (
    <div className="list-page payments">
      <PageHeader
        title="Payments"
        subtitle="Bank lines waiting for a decision: ↑↓ move · 1–5 apply a candidate (⇧ also closes a short rest) · u undo · / search"
        actions={
          <>
            <input ref={fileRef} type="file" hidden onChange={(e) => e.target.files?.[0] && void pick(e.target.files[0])} />
            <button onClick={() => fileRef.current?.click()}>Import bank file…</button>
          </>
        }
      />
      {message && <div className="pay-message" role="status">{message}</div>}
      {preview && <PreviewPanel preview={preview.p} onCommit={commit} onCancel={() => setPreview(null)} />}
      <div className="toolbar">
        <div className="pay-tabs" role="tablist">
          {VIEWS.map((v) => (
            <button key={v.id} role="tab" aria-selected={view === v.id} className={view === v.id ? 'active' : ''} onClick={() => (setView(v.id), setSel(0))}>
              {v.label}
            </button>
          ))}
        </div>
        <SearchBox value={search} onChange={(s) => (setSearch(s), setSel(0))} placeholder="Search payer, text, reference, IBAN or amount" />
        <span className="muted">{lines.data ? `${fmt.int(lines.data.total)} lines` : ''}</span>
      </div>
      <div className="pay-split">
        <ul className="pay-list" aria-label="Bank lines">
          {rows.map((r, i) => (
            <li key={r.id} className={i === sel ? 'selected' : ''} onClick={() => setSel(i)} aria-selected={i === sel}>
              <div className="pay-row1">
                <span>{r.counterpartyName ?? r.counterpartyAccount ?? 'Unknown payer'}</span>
                <span className={r.amount < 0 ? 'neg' : ''}>{fmt.money(r.amount, r.currency)}</span>
              </div>
              <div className="pay-row2 muted">
                <span>{fmt.date(r.bookingDate)} · {r.status}{r.unapplied > 0 && r.status !== 'unmatched' && r.status !== 'suggested' ? ` · ${fmt.money(r.unapplied, r.currency)} unapplied` : ''}</span>
                <span className="ellipsis">{r.reference ?? r.remittance ?? ''}</span>
              </div>
            </li>
          ))}
          {rows.length === 0 && !lines.isLoading && <li className="muted empty">Nothing waiting here.</li>}
        </ul>
        {line ? <LineDetail line={line} onApply={(i, close) => apply(line, i, close)} onUndo={(jid) => undo.mutate({ bankEntryId: line.id, journalEntryId: jid, reason: 'undone on the payments screen' })} /> : <div className="pay-detail muted">Select a line.</div>}
      </div>
    </div>
  )
}

function LineDetail({ line, onApply, onUndo }: { line: PaymentLine; onApply: (i: number, closeShort: boolean) => void; onUndo: (journalEntryId: number) => void }) {
  const fmt = useFormat()
  return (
    <section className="pay-detail" aria-label="Selected line">
      <h2>
        {fmt.money(line.amount, line.currency)} <span className="muted">from {line.counterpartyName ?? 'unknown payer'}</span>
      </h2>
      <dl className="pay-facts">
        <dt>Booked</dt>
        <dd>{fmt.date(line.bookingDate)}</dd>
        <dt>Payer account</dt>
        <dd className="mono">{line.counterpartyAccount ?? '—'}</dd>
        <dt>Reference</dt>
        <dd className="mono">{line.reference ?? '—'}</dd>
        <dt>Text</dt>
        <dd>{line.remittance ?? '—'}</dd>
        <dt>Unapplied</dt>
        <dd>{fmt.money(line.unapplied, line.currency)}</dd>
      </dl>
      <p className="pay-reason">
        <strong>Why:</strong> {matchReason(line, fmt)}
      </p>
      {/* Once all the cash is applied the matcher's old candidates are history, not choices. */}
      {line.candidates.length > 0 && line.unapplied > 0 && (
        <>
          <h3>Candidates</h3>
          <ol className="pay-cands">
            {line.candidates.map((c, i) => (
              <li key={c.id}>
                <kbd>{i + 1}</kbd>
                <div>
                  <div>
                    <span className="mono">{c.number}</span> · {c.debtorName} · {c.clientName} · open {fmt.money(c.openAmount, c.currency)} · due {fmt.date(c.dueDate)}
                  </div>
                  <div className="muted">{matchReason(c, fmt)}</div>
                </div>
                <span className="pay-cand-actions">
                  <button disabled={line.unapplied <= 0 || c.status === 'paid'} onClick={() => onApply(i, false)}>
                    Apply {fmt.money(Math.min(c.amount, line.unapplied), line.currency)}
                  </button>
                  {Math.min(c.amount, line.unapplied) < c.openAmount && (
                    <button disabled={line.unapplied <= 0} onClick={() => onApply(i, true)} title="The rest of the invoice is charged to the client's reserve">
                      Apply and close
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      {line.allocations.length > 0 && (
        <>
          <h3>Applied</h3>
          <table className="pay-allocs">
            <tbody>
              {line.allocations.map((a) => (
                <tr key={a.id} className={a.reversed ? 'reversed' : ''}>
                  <td className="mono">{a.invoiceNumber}</td>
                  <td>{fmt.money(a.amount, line.currency)}</td>
                  <td className="muted">fee {fmt.money(a.fee, line.currency)}{a.rebate !== null ? ` · rebate ${fmt.money(a.rebate, line.currency)}` : ''}</td>
                  <td>{a.reversed ? <span className="muted">undone</span> : <button onClick={() => onUndo(a.journalEntryId)}>Undo</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

function PreviewPanel({ preview, onCommit, onCancel }: { preview: ImportPreview; onCommit: () => void; onCancel: () => void }) {
  const c = preview.counts
  return (
    <section className="pay-preview" aria-label="Import preview">
      <strong>{preview.fileName}</strong> ({preview.format}): {c.entries} lines read · {c.added} new · {c.duplicates} duplicates · {c.autoMatched} will match automatically · {c.suggested} suggested · {c.unmatched} unmatched
      {preview.errors.length > 0 && <div className="neg">{preview.errors.length} row(s) could not be read, first: {preview.errors[0]}</div>}
      {preview.warnings.map((w) => (
        <div key={w} className="muted">{w}</div>
      ))}
      <div className="pay-preview-actions">
        <button onClick={onCommit}>{preview.errors.length > 0 ? 'Import what could be read' : 'Import'}</button>
        <button onClick={onCancel}>Cancel</button>
      </div>
    </section>
  )
}

/** A matcher's reason with amounts and dates in the reader's format; lines stored without a template show their plain text. */
function matchReason(r: { reason: string; reasonTemplate?: string | null; reasonArgs?: PaymentLine['reasonArgs'] }, fmt: ReasonFormat): string {
  return reasonText({ points: 0, text: r.reason, template: r.reasonTemplate ?? undefined, args: r.reasonArgs ?? undefined }, { money: fmt.money, date: fmt.date })
}
