import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import type { CheckCode, Page, RequestInvoice } from '../../../../shared/contract'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { call } from '../../lib/rpc'

export const PAGE_SIZE = 200
const NO_SORT = { by: 'id', dir: 'asc' } as const

/** The list's cache key: the shared table and the selected-invoice lookup below read the same pages. */
export const invoicesKey = (requestId: number, flag: CheckCode | undefined) => ['requests.invoices', requestId, flag ?? null] as const
const fetchInvoices = (requestId: number, flag: CheckCode | undefined) => (offset: number, limit: number) => call('requests.invoices', { id: requestId, flag, offset, limit })

/**
 * The invoice under the keyboard cursor, from the page that holds it; the table shows only what is
 * scrolled into view, so the page may not be loaded yet when the cursor jumps.
 */
export function useSelectedInvoice(requestId: number | undefined, flag: CheckCode | undefined, sel: number): RequestInvoice | undefined {
  const page = Math.floor(sel / PAGE_SIZE)
  const q = useQuery<Page<RequestInvoice>>({
    queryKey: [...invoicesKey(requestId ?? 0, flag), 'page', page],
    queryFn: () => fetchInvoices(requestId!, flag)(page * PAGE_SIZE, PAGE_SIZE),
    enabled: requestId !== undefined,
    staleTime: 30_000
  })
  return q.data?.rows[sel - page * PAGE_SIZE]
}

/** A request's invoices in the renderer's shared virtualized table: 10,000 rows cost what a screenful costs. */
export function InvoiceTable({ requestId, flag, sel, onSelect, onTotal }: { requestId: number; flag: CheckCode | undefined; sel: number; onSelect: (i: number) => void; onTotal: (n: number | null) => void }) {
  const fmt = useFormat()
  const fetchPage = useCallback((offset: number, limit: number) => fetchInvoices(requestId, flag)(offset, limit), [requestId, flag])
  const columns: Column<RequestInvoice>[] = useMemo(
    () => [
      { key: 'number', header: 'Invoice', width: 'minmax(96px, 0.7fr)', render: (i) => <span className="mono">{i.number}</span> },
      { key: 'debtor', header: 'Debtor', width: 'minmax(130px, 1.2fr)', render: (i) => <span title={i.debtorName}>{i.debtorName}</span> },
      { key: 'issued', header: 'Issued', width: '100px', render: (i) => fmt.date(i.issueDate) },
      { key: 'due', header: 'Due', width: '100px', render: (i) => fmt.date(i.dueDate) },
      { key: 'amount', header: 'Amount', width: '124px', align: 'right', render: (i) => fmt.money(i.face, i.currency) },
      { key: 'decision', header: 'Decision', width: '84px', render: (i) => <span className={`decision ${i.decision}`} title={i.decisionReason ?? undefined}>{i.decision}</span> },
      {
        key: 'checks',
        header: 'Checks',
        width: 'minmax(190px, 2fr)',
        render: (i) => (
          <span className="apr-checks">
            {i.checks.length === 0 && <span className="muted small">eligible</span>}
            {i.checks.map((c) => (
              <span key={c.code} className={`tag ${c.severity === 'error' ? 'err' : 'warn'}${c.override ? ' done' : ''}`} title={c.message}>{c.code}</span>
            ))}
          </span>
        )
      }
    ],
    [fmt]
  )
  return (
    <VirtualTable
      label="Invoices of the request"
      queryKey={invoicesKey(requestId, flag)}
      fetchPage={fetchPage}
      pageSize={PAGE_SIZE}
      columns={columns}
      rowKey={(i) => i.id}
      sort={NO_SORT}
      onSort={() => {}}
      onRowClick={(_row, index) => onSelect(index)}
      selectedIndex={sel}
      rowClassName={(i) => `decision-${i.decision}`}
      onTotal={onTotal}
    />
  )
}

/** Why the selected invoice is flagged, in the checks' own sentences, with any override beside it. */
export function InvoiceWhy({ invoice: i }: { invoice: RequestInvoice | undefined }) {
  const fmt = useFormat()
  if (!i) return <div className="apr-why muted small">Loading…</div>
  return (
    <div className="apr-why small" aria-label="Selected invoice">
      <div className="strong">
        {i.number} · {i.debtorName} · {fmt.money(i.face, i.currency)} · <span className={`decision ${i.decision}`}>{i.decision}</span>
        {i.decisionReason && <span className="muted"> ({i.decisionReason})</span>}
      </div>
      {i.checks.length === 0 && <div className="muted">No flags: eligible as it stands.</div>}
      {i.checks.map((c) => (
        <div key={c.code}>
          <b className={c.severity === 'error' ? 'neg' : 'warn-text'}>{c.code}</b> {c.message}
          {c.override && <em className="muted"> Overridden by {c.override.by}: {c.override.reason}</em>}
        </div>
      ))}
    </div>
  )
}
