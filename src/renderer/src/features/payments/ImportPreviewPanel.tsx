import { useMemo, useState } from 'react'
import type { ImportPreview, PreviewLine } from '../../../../shared/contract'
import { inMemoryPages, VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormat, type Format } from '../../lib/format'
import { matchReason } from './LineDetail'

type Outcome = 'auto' | 'suggested' | 'unmatched' | 'duplicate' | 'return' | 'ignored'
const OUTCOMES: { id: Outcome | 'all'; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'auto', label: 'Will match' },
  { id: 'suggested', label: 'Suggested' },
  { id: 'unmatched', label: 'Unmatched' },
  { id: 'duplicate', label: 'Duplicates' },
  { id: 'return', label: 'Returned debits' },
  { id: 'ignored', label: 'Not for matching' }
]
const OUTCOME_TEXT: Record<Outcome, string> = {
  auto: 'will match',
  suggested: 'suggested',
  unmatched: 'unmatched',
  duplicate: 'already imported',
  return: 'returned debit',
  ignored: 'not for matching'
}
const NO_SORT = { by: 'key', dir: 'asc' } as const
const MAX_ERRORS = 20

const outcomeOf = (l: PreviewLine): Outcome => (l.duplicate || !l.decision ? 'duplicate' : l.decision.kind)

/** Which invoices the line will pay (with the debtor, when it is one), or may pay. */
function target(l: PreviewLine, p: ImportPreview, fmt: Format): string {
  const d = l.decision
  const num = (id: number) => p.invoices[id]?.number ?? `#${id}`
  if (!d) return ''
  if (d.kind === 'auto') {
    if (d.allocations.length > 1) return d.allocations.map((a) => `${num(a.invoiceId)} (${fmt.money(a.amount, l.currency)})`).join(', ')
    const inv = p.invoices[d.allocations[0].invoiceId]
    return inv ? `${inv.number} · ${inv.debtorName}` : num(d.allocations[0].invoiceId)
  }
  if (d.kind === 'suggested') return d.candidates.map((c) => `${num(c.invoiceId)}?`).join(', ')
  if (d.kind === 'return') return num(d.invoiceId)
  return ''
}

/**
 * What an import will do, line by line, before anything is stored: what was read, which lines are new or already
 * imported, what each will pay and why. The counts cover the whole file; the table shows the lines the server
 * sent (the first 2,000 of a large file).
 */
export function ImportPreviewPanel({ preview: p, busy, onCommit, onCancel }: { preview: ImportPreview; busy: boolean; onCommit: () => void; onCancel: () => void }) {
  const fmt = useFormat()
  const [outcome, setOutcome] = useState<Outcome | 'all'>('all')
  const c = p.counts
  const tally = useMemo(() => {
    const t = new Map<Outcome | 'all', number>([['all', p.lines.length]])
    for (const l of p.lines) t.set(outcomeOf(l), (t.get(outcomeOf(l)) ?? 0) + 1)
    return t
  }, [p])
  const shown = useMemo(() => (outcome === 'all' ? p.lines : p.lines.filter((l) => outcomeOf(l) === outcome)), [p, outcome])
  const fetchPage = useMemo(() => inMemoryPages(shown), [shown])
  const columns: Column<PreviewLine>[] = useMemo(
    () => [
      { key: 'date', header: 'Booked', width: '96px', render: (l) => fmt.date(l.bookingDate) },
      { key: 'payer', header: 'Payer', width: 'minmax(120px, 1fr)', render: (l) => <span title={l.counterpartyAccount ?? undefined}>{l.counterpartyName ?? l.counterpartyAccount ?? '—'}</span> },
      { key: 'amount', header: 'Amount', width: '120px', align: 'right', render: (l) => <span className={l.amount < 0 ? 'neg' : ''}>{fmt.money(l.amount, l.currency)}</span> },
      { key: 'text', header: 'Reference / text', width: 'minmax(130px, 1.2fr)', render: (l) => <span title={l.remittance ?? undefined}>{l.reference ?? l.remittance ?? ''}</span> },
      { key: 'outcome', header: 'Outcome', width: '120px', render: (l) => <span className={`pay-outcome ${outcomeOf(l)}`}>{OUTCOME_TEXT[outcomeOf(l)]}</span> },
      { key: 'target', header: 'Invoice', width: 'minmax(120px, 1fr)', render: (l) => <span title={target(l, p, fmt)}>{target(l, p, fmt)}</span> },
      {
        key: 'why',
        header: 'Why',
        width: 'minmax(180px, 2fr)',
        render: (l) => {
          const why = l.decision ? matchReason(l.decision, fmt) : 'already in the ledger from an earlier import (same account, booking and amount)'
          return <span className="muted" title={why}>{why}</span>
        }
      }
    ],
    [fmt, p]
  )
  const errors = p.errors.length
  return (
    <section className="pay-preview" aria-label="Import preview">
      <div>
        <strong>{p.fileName}</strong> ({p.format}): {fmt.count(c.entries, 'line')} read · {fmt.int(c.added)} new · {fmt.count(c.duplicates, 'duplicate')} · {fmt.int(c.autoMatched)} will match automatically · {fmt.int(c.suggested)} suggested · {fmt.int(c.unmatched)} unmatched.
        <span className="muted"> Nothing is stored until you import.</span>
      </div>
      {errors > 0 && (
        <div className="pay-preview-errors neg" role="alert">
          {fmt.count(errors, 'row')} could not be read; importing stores the rest:
          <ul>
            {p.errors.slice(0, MAX_ERRORS).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {errors > MAX_ERRORS && <span>… and {fmt.int(errors - MAX_ERRORS)} more.</span>}
        </div>
      )}
      {p.warnings.map((w) => (
        <div key={w} className="muted">{w}</div>
      ))}
      <div className="pay-tabs" role="tablist" aria-label="Preview lines">
        {OUTCOMES.filter((o) => o.id === 'all' || tally.get(o.id)).map((o) => (
          <button key={o.id} role="tab" aria-selected={outcome === o.id} className={outcome === o.id ? 'active' : ''} onClick={() => setOutcome(o.id)}>
            {o.label} <span className="count">{fmt.int(tally.get(o.id) ?? 0)}</span>
          </button>
        ))}
      </div>
      {p.truncated && <div className="muted small">Showing the first {fmt.count(p.lines.length, 'line')} of {fmt.int(c.entries)}; the counts above cover the whole file.</div>}
      <div className="pay-preview-table">
        <VirtualTable label="Lines to import" queryKey={['import-preview', p.token, outcome]} fetchPage={fetchPage} columns={columns} rowKey={(l) => l.key} sort={NO_SORT} onSort={() => {}} />
      </div>
      <div className="pay-preview-actions">
        <button className="primary" disabled={busy || (c.added === 0 && errors === 0)} onClick={onCommit}>
          {busy ? 'Importing…' : errors > 0 ? 'Import what could be read' : c.added === 0 ? 'Nothing new to import' : `Import ${fmt.count(c.added, 'new line')}`}
        </button>
        <button disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </section>
  )
}
