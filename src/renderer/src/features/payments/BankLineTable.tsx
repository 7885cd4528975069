import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { PAYMENT_VIEWS, type Page, type PaymentLine } from '../../../../shared/contract'
import { VirtualTable, type Column } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { call } from '../../lib/rpc'

const PAGE_SIZE = 200
// Newest booking first, as the server orders them; the columns are not sortable.
const NO_SORT = { by: 'bookingDate', dir: 'desc' } as const
export type LineView = (typeof PAYMENT_VIEWS)[number]

/** The list's cache key: the table and the selected-line lookup below read the same pages. */
const linesKey = (view: LineView, search: string) => ['payments.lines', view, search] as const
const fetchLines = (view: LineView, search: string) => (offset: number, limit: number) => call('payments.lines', { view, search: search || undefined, offset, limit })

/**
 * The line under the keyboard cursor, from the page that holds it: after a 100k-line import the list is only
 * loaded where it is scrolled to, so the cursor's page may have to be fetched on its own.
 */
export function useSelectedLine(view: LineView, search: string, sel: number): { line: PaymentLine | undefined; loading: boolean; find: (id: number) => { index: number; line: PaymentLine } | null } {
  const page = Math.floor(sel / PAGE_SIZE)
  const q = useQuery<Page<PaymentLine>>({ queryKey: [...linesKey(view, search), 'page', page], queryFn: () => fetchLines(view, search)(page * PAGE_SIZE, PAGE_SIZE), staleTime: 30_000 })
  const rows = q.data?.rows
  /** Where a line is now on the cursor's page (null when it is not there): lines arriving or leaving shift the others. */
  const find = (id: number) => {
    const i = rows?.findIndex((r) => r.id === id) ?? -1
    return i < 0 ? null : { index: page * PAGE_SIZE + i, line: rows![i] }
  }
  return { line: rows?.[sel - page * PAGE_SIZE], loading: q.isLoading, find }
}

const payer = (l: PaymentLine): string => l.counterpartyName ?? l.counterpartyAccount ?? 'Unknown payer'

/** Every bank line of the view, however many: only what is scrolled into view is fetched and drawn. */
export function BankLineTable({ view, search, sel, onSelect, onTotal }: { view: LineView; search: string; sel: number; onSelect: (i: number) => void; onTotal: (n: number | null) => void }) {
  const fmt = useFormat()
  const fetchPage = useCallback((offset: number, limit: number) => fetchLines(view, search)(offset, limit), [view, search])
  const columns: Column<PaymentLine>[] = useMemo(
    () => [
      {
        key: 'payer',
        header: 'Payer',
        width: 'minmax(150px, 1.3fr)',
        render: (l) => (
          <span className="pay-cell">
            <span title={payer(l)}>{payer(l)}</span>
            <span className="muted small">
              {fmt.date(l.bookingDate)} · {l.status}
            </span>
          </span>
        )
      },
      {
        key: 'text',
        header: 'Reference / text',
        width: 'minmax(110px, 1fr)',
        render: (l) => (
          <span className="pay-cell muted small" title={[l.reference, l.remittance].filter(Boolean).join(' · ')}>
            <span className="mono">{l.reference ?? ''}</span>
            <span>{l.remittance ?? ''}</span>
          </span>
        )
      },
      {
        key: 'amount',
        header: 'Amount',
        width: '130px',
        align: 'right',
        render: (l) => (
          <span className="pay-cell">
            <span className={`strong${l.amount < 0 ? ' neg' : ''}`}>{fmt.money(l.amount, l.currency)}</span>
            {/* Suggested and unmatched lines are unapplied whole; only a part left over is news. */}
            {l.unapplied > 0 && l.unapplied !== l.amount && <span className="muted small">{fmt.money(l.unapplied, l.currency)} unapplied</span>}
          </span>
        )
      }
    ],
    [fmt]
  )
  return (
    <VirtualTable
      label="Bank lines"
      queryKey={linesKey(view, search)}
      fetchPage={fetchPage}
      pageSize={PAGE_SIZE}
      columns={columns}
      rowKey={(l) => l.id}
      sort={NO_SORT}
      onSort={() => {}}
      onRowClick={(_l, index) => onSelect(index)}
      selectedIndex={sel}
      rowHeight={46}
      onTotal={onTotal}
    />
  )
}
