import { useCallback, useMemo, useState } from 'react'
import type { ClientStatement } from '../../../../shared/contract'
import { StatusBadge } from '../../components/Status'
import { inMemoryPages, VirtualTable, type Column, type Sort } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { Link } from '../../lib/router'

type Line = ClientStatement['lines'][number]
type OpenItem = ClientStatement['openItems'][number]

const KIND_LABEL: Record<Line['kind'], string> = { advance: 'Advance', fee: 'Fee', collection: 'Collection', reserve: 'Reserve', other: 'Other' }
/** Why the reserve moved, for reserve lines: the journal entry's kind in the client's words. */
const CAUSE: Record<string, string> = { funding: 'held at funding', fee: 'fee', payment: 'at payment', allocation: 'at payment', reserve_release: 'released', chargeback: 'chargeback', reversal: 'correction' }

type Key = string | number
/** Sorts a copy by one column; ties keep the statement's own order (by date, as posted). */
function sortRows<T>(rows: readonly T[], sort: Sort, keyOf: Record<string, (r: T) => Key>): T[] {
  const get = keyOf[sort.by]
  if (!get) return [...rows]
  const dir = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((r, i) => ({ r, i, k: get(r) }))
    .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i))
    .map((x) => x.r)
}

const LINE_SORT: Record<string, (l: Line) => Key> = {
  date: (l) => l.date,
  kind: (l) => l.kind,
  invoice: (l) => l.invoiceNumber ?? '',
  amount: (l) => l.amount,
  reserve: (l) => l.reserveEffect
}

/** Every line of the period, filterable by kind; a year of a busy client runs to thousands. */
export function StatementLinesTable({ st, version }: { st: ClientStatement; version: number }) {
  const fmt = useFormat()
  const [kind, setKind] = useState<Line['kind'] | ''>('')
  const [sort, setSort] = useState<Sort>({ by: 'date', dir: 'asc' })
  const rows = useMemo(() => sortRows(kind ? st.lines.filter((l) => l.kind === kind) : st.lines, sort, LINE_SORT), [st.lines, kind, sort])
  const fetchPage = useMemo(() => inMemoryPages(rows), [rows])
  const kinds = useMemo(() => (Object.keys(KIND_LABEL) as Line['kind'][]).filter((k) => st.lines.some((l) => l.kind === k)), [st.lines])
  const m = useCallback((n: number) => fmt.money(n, st.currency), [fmt, st.currency])
  const columns = useMemo<Column<Line>[]>(
    () => [
      { key: 'date', header: 'Date', width: '110px', sort: 'date', render: (l) => fmt.date(l.date) },
      {
        key: 'kind',
        header: 'Kind',
        width: '170px',
        sort: 'kind',
        render: (l) => (
          <>
            {KIND_LABEL[l.kind]}
            {l.kind === 'reserve' && <span className="muted"> · {CAUSE[l.entryKind] ?? l.entryKind.replace(/_/g, ' ')}</span>}
          </>
        )
      },
      { key: 'memo', header: 'Memo', width: 'minmax(220px, 1fr)', render: (l) => <span className="stmt-ellipsis" title={l.memo}>{l.memo}</span> },
      { key: 'invoice', header: 'Invoice', width: '130px', sort: 'invoice', render: (l) => (l.invoiceId ? <Link to={`/invoices/${l.invoiceId}`} className="mono">{l.invoiceNumber}</Link> : <span className="mono">{l.invoiceNumber ?? ''}</span>) },
      { key: 'amount', header: 'Amount', width: '150px', align: 'right', sort: 'amount', render: (l) => <span className={l.amount < 0 ? 'neg' : undefined}>{m(l.amount)}</span> },
      {
        key: 'reserve',
        header: 'Reserve effect',
        width: '150px',
        align: 'right',
        sort: 'reserve',
        render: (l) => (l.reserveEffect === 0 ? <span className="muted">—</span> : <span className={l.reserveEffect < 0 ? 'neg' : 'pos'}>{m(l.reserveEffect)}</span>)
      }
    ],
    [fmt, m]
  )
  return (
    <section className="panel stmt-lines" aria-labelledby="stmt-lines-h">
      <div className="panel-head">
        <h2 id="stmt-lines-h">
          Lines <span className="muted">({fmt.int(st.lines.length)})</span>
        </h2>
        <label className="header-control">
          <span>Kind</span>
          <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Line['kind'] | '')}>
            <option value="">all</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="stmt-table">
        <VirtualTable
          label="Statement lines"
          queryKey={['client-statement-lines', st.clientId, st.from, st.to, version, kind, sort]}
          fetchPage={fetchPage}
          columns={columns}
          rowKey={(l) => `${l.kind}|${l.entryId ?? ''}|${l.invoiceNumber ?? ''}|${l.date}|${l.amount}`}
          sort={sort}
          onSort={setSort}
        />
      </div>
    </section>
  )
}

const ITEM_SORT: Record<string, (i: OpenItem) => Key> = {
  number: (i) => i.number,
  debtor: (i) => i.debtorName.toLowerCase(),
  due: (i) => i.dueDate,
  face: (i) => i.face,
  open: (i) => i.openAmount,
  status: (i) => i.status
}

/** What the client still has outstanding with the factor today, whatever the period. */
export function OpenItemsTable({ st, today, version }: { st: ClientStatement; today: string; version: number }) {
  const fmt = useFormat()
  const [sort, setSort] = useState<Sort>({ by: 'due', dir: 'asc' })
  const rows = useMemo(() => sortRows(st.openItems, sort, ITEM_SORT), [st.openItems, sort])
  const fetchPage = useMemo(() => inMemoryPages(rows), [rows])
  const t = st.openItemsTotal
  const m = useCallback((n: number) => fmt.money(n, st.currency), [fmt, st.currency])
  const columns = useMemo<Column<OpenItem>[]>(
    () => [
      { key: 'number', header: 'Invoice', width: '140px', sort: 'number', render: (i) => <span className="mono">{i.number}</span> },
      { key: 'debtor', header: 'Debtor', width: 'minmax(200px, 1fr)', sort: 'debtor', render: (i) => <span className="stmt-ellipsis">{i.debtorName}</span> },
      { key: 'due', header: 'Due', width: '110px', sort: 'due', render: (i) => <span className={i.dueDate < today ? 'neg' : undefined}>{fmt.date(i.dueDate)}</span> },
      { key: 'face', header: 'Face', width: '150px', align: 'right', sort: 'face', render: (i) => m(i.face) },
      { key: 'open', header: 'Open', width: '150px', align: 'right', sort: 'open', render: (i) => m(i.openAmount) },
      { key: 'status', header: 'Status', width: '120px', sort: 'status', render: (i) => <StatusBadge status={i.status} /> }
    ],
    [fmt, m, today]
  )
  return (
    <section className="panel stmt-open" aria-label="Open items">
      <div className="panel-head">
        <h2>
          Open items on {fmt.date(today)} <span className="muted">({fmt.int(t.count)})</span>
        </h2>
        <div className="stmt-open-total" aria-label="Open items total">
          <span>
            Face <strong>{m(t.face)}</strong>
          </span>
          <span>
            Open <strong data-testid="open-items-total">{m(t.openAmount)}</strong>
          </span>
        </div>
      </div>
      {t.count > st.openItems.length && (
        <p className="section-note">
          The {fmt.int(st.openItems.length)} oldest by due date are listed; the totals cover all {fmt.int(t.count)}.
        </p>
      )}
      {t.count === 0 ? (
        <p className="muted">No open invoices.</p>
      ) : (
        <div className="stmt-table short">
          <VirtualTable
            label="Open items"
            queryKey={['client-statement-open', st.clientId, st.from, st.to, version, sort]}
            fetchPage={fetchPage}
            columns={columns}
            rowKey={(i) => i.number}
            sort={sort}
            onSort={setSort}
          />
        </div>
      )}
    </section>
  )
}
