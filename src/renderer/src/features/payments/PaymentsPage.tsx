import { useEffect, useRef, useState } from 'react'
import type { ImportPreview, PaymentLine } from '../../../../shared/contract'
import { PageHeader } from '../../components/PageHeader'
import { SearchBox } from '../../components/SearchBox'
import { useFormat } from '../../lib/format'
import { queryClient, useApi, useApiMutation } from '../../lib/query'
import { call } from '../../lib/rpc'
import { toBase64 } from '../../lib/base64'
import { BankLineTable, useSelectedLine, type LineView } from './BankLineTable'
import { DirectDebitPanel } from './DirectDebitPanel'
import { ImportHistory } from './ImportHistory'
import { ImportPreviewPanel } from './ImportPreviewPanel'
import { LineDetail } from './LineDetail'
import './payments.css'

const VIEWS: { id: LineView; label: string }[] = [
  { id: 'open', label: 'Needs attention' },
  { id: 'suggested', label: 'Suggested' },
  { id: 'unmatched', label: 'Unmatched' },
  { id: 'unapplied', label: 'Unapplied cash' },
  { id: 'matched', label: 'Matched' },
  { id: 'all', label: 'All' }
]

/**
 * The payments worklist: bank lines waiting for a person, each with the matcher's reason and candidates.
 * Keyboard: ↑/↓ or j/k move, 1-5 apply that candidate, u undoes the last application, / searches.
 */
export function PaymentsPage() {
  const fmt = useFormat()
  const [view, setView] = useState<LineView>('open')
  const [search, setSearch] = useState('')
  const [sel, setSel] = useState(0)
  const [total, setTotal] = useState<number | null>(null)
  const [preview, setPreview] = useState<{ p: ImportPreview; fileName: string; content: string } | null>(null)
  const [committing, setCommitting] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [panel, setPanel] = useState<'directDebits' | 'history' | null>(null)
  const togglePanel = (p: 'directDebits' | 'history') => setPanel((cur) => (cur === p ? null : p))
  // Files the watched folder could not import are news: the history button says so without being opened.
  const failed = useApi('payments.folderFailures', {}).data?.files.length ?? 0
  const allocate = useApiMutation('payments.allocate')
  const undo = useApiMutation('payments.undo')
  // A line that leaves the view (applied, say) hands the cursor to the one after it, or to the new last line.
  const at = total === null ? sel : Math.max(0, Math.min(sel, total - 1))
  const cursor = useSelectedLine(view, search, at)
  // The cursor stays on its line when others arrive above it (an import, another window): a line that is half
  // allocated must not be swapped for its neighbour, not even for one render (its panels would start afresh).
  // It moves on to the line now in its place only when its own line has left the view.
  const [selId, setSelId] = useState<number | null>(null)
  const moved = selId !== null && cursor.line && cursor.line.id !== selId ? cursor.find(selId) : null
  const line = moved ? moved.line : cursor.line
  const loading = cursor.loading
  useEffect(() => {
    if (moved) setSel(moved.index)
    else if (cursor.line && cursor.line.id !== selId) setSelId(cursor.line.id)
  }, [moved, cursor.line, selId])
  const select = (i: number) => (setSel(i), setSelId(null))
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
      if (e.key === 'ArrowDown' || e.key === 'j') select(Math.min(at + 1, Math.max(0, (total ?? 1) - 1)))
      else if (e.key === 'ArrowUp' || e.key === 'k') select(Math.max(at - 1, 0))
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
    setPreview(null)
    setMessage(`Reading ${f.name}…`)
    try {
      const content = await toBase64(new Uint8Array(await f.arrayBuffer()))
      setPreview({ p: await call('payments.previewImport', { fileName: f.name, contentBase64: content }), fileName: f.name, content })
      setMessage(null)
    } catch (e) {
      setMessage((e as Error).message)
    }
  }
  const commit = async () => {
    if (!preview) return
    setCommitting(true)
    try {
      const r = await call('payments.commitImport', { fileName: preview.fileName, contentBase64: preview.content, token: preview.p.token, acceptErrors: preview.p.errors.length > 0 })
      const n = r.counts
      setMessage(`${r.fileName}: ${fmt.int(n.added)} new, ${fmt.count(n.duplicates, 'duplicate')}, ${fmt.int(n.autoMatched)} matched automatically, ${fmt.int(n.suggested)} suggested, ${fmt.int(n.unmatched)} unmatched`)
      setPreview(null)
      void queryClient.invalidateQueries()
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setCommitting(false)
    }
  }

  return (
    <div className="list-page payments">
      <PageHeader
        title="Payments"
        subtitle="Bank lines waiting for a decision: ↑↓ move · 1–5 apply a candidate (⇧ closes the short rest) · a by hand · u undo · / search"
        actions={
          <>
            {/* Cleared after each pick, so picking the same file again (after a cancel) still reads it. */}
            <input ref={fileRef} type="file" hidden onChange={(e) => (e.target.files?.[0] && void pick(e.target.files[0]), (e.target.value = ''))} />
            <button onClick={() => fileRef.current?.click()}>Import bank file…</button>
            <button aria-pressed={panel === 'directDebits'} onClick={() => togglePanel('directDebits')}>
              Direct debits…
            </button>
            <button aria-pressed={panel === 'history'} onClick={() => togglePanel('history')}>
              Import history{failed > 0 && <span className="pay-failed-badge"> · {fmt.count(failed, 'file')} failed</span>}
            </button>
          </>
        }
      />
      {message && <div className="pay-message" role="status">{message}</div>}
      {panel === 'directDebits' && <DirectDebitPanel onClose={() => setPanel(null)} />}
      {panel === 'history' && <ImportHistory onClose={() => setPanel(null)} />}
      {preview && <ImportPreviewPanel preview={preview.p} busy={committing} onCommit={() => void commit()} onCancel={() => setPreview(null)} />}
      <div className="toolbar">
        <div className="pay-tabs" role="tablist">
          {VIEWS.map((v) => (
            <button key={v.id} role="tab" aria-selected={view === v.id} className={view === v.id ? 'active' : ''} onClick={() => (setView(v.id), select(0))}>
              {v.label}
            </button>
          ))}
        </div>
        <SearchBox value={search} onChange={(s) => (setSearch(s), select(0))} placeholder="Search payer, text, reference, IBAN or amount" />
        <span className="muted">{total === null ? '' : fmt.count(total, 'line')}</span>
      </div>
      <div className="pay-split">
        <BankLineTable view={view} search={search} sel={at} onSelect={select} onTotal={setTotal} />
        {line ? (
          <LineDetail line={line} onApply={(i, close) => apply(line, i, close)} onUndo={(jid) => undo.mutate({ bankEntryId: line.id, journalEntryId: jid, reason: 'undone on the payments screen' })} />
        ) : (
          <div className="pay-detail muted">{loading ? 'Loading…' : total === 0 ? 'Nothing waiting here.' : 'Select a line.'}</div>
        )}
      </div>
    </div>
  )
}
