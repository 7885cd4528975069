import { useCallback, useState } from 'react'
import type { DebtorRow } from '../../../../shared/contract'
import { ListPage } from '../../components/ListPage'
import { StatusBadge } from '../../components/Status'
import type { Column, Sort } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { call } from '../../lib/rpc'
import { Link, navigate } from '../../lib/router'

type DebtorSort = 'name' | 'country' | 'creditLimit' | 'openBalance' | 'riskClass'

export function DebtorsPage() {
  const fmt = useFormat()
  const [search, setSearch] = useState('')
  const [review, setReview] = useState(false)
  const [sort, setSort] = useState<Sort>({ by: 'name', dir: 'asc' })
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call('debtors.list', { offset, limit, search: search || undefined, sortBy: sort.by as DebtorSort, sortDir: sort.dir, needsReview: review || undefined }),
    [search, sort, review]
  )
  const columns: Column<DebtorRow>[] = [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(220px, 2fr)',
      sort: 'name',
      render: (d) => (
        <>
          <Link to={`/debtors/${d.id}`}>{d.name}</Link>
          {d.needsReview && <span className="badge tone-warn inline">review</span>}
        </>
      )
    },
    { key: 'reg', header: 'Reg. no.', width: '130px', render: (d) => d.regNo ?? '' },
    { key: 'country', header: 'Country', width: '80px', sort: 'country', render: (d) => d.country },
    { key: 'city', header: 'City', width: 'minmax(110px, 1fr)', render: (d) => d.city ?? '' },
    { key: 'risk', header: 'Risk', width: '100px', sort: 'riskClass', render: (d) => <StatusBadge status={d.riskClass} /> },
    { key: 'rating', header: 'Rating', width: '70px', align: 'center', render: (d) => d.paymentRating },
    { key: 'limit', header: 'Credit limit', width: '140px', align: 'right', sort: 'creditLimit', render: (d) => fmt.money(d.creditLimit, d.limitCurrency) },
    { key: 'open', header: 'Open', width: '140px', align: 'right', sort: 'openBalance', render: (d) => fmt.money(d.openBalance, d.limitCurrency) },
    {
      key: 'overdue',
      header: 'Overdue',
      width: '140px',
      align: 'right',
      render: (d) => <span className={d.overdueBalance > 0 ? 'neg' : 'muted'}>{fmt.money(d.overdueBalance, d.limitCurrency)}</span>
    },
    { key: 'items', header: 'Items', width: '70px', align: 'right', render: (d) => fmt.int(d.openInvoices) }
  ]
  return (
    <ListPage
      title="Debtors"
      newLabel="New debtor"
      newPath="/debtors/new"
      search={search}
      onSearch={setSearch}
      searchPlaceholder="Search debtors by name or registration no."
      filters={
        <label className="check">
          <input type="checkbox" checked={review} onChange={(e) => setReview(e.target.checked)} /> Needs review only
        </label>
      }
      queryKey={['debtors.list', search, sort, review]}
      fetchPage={fetchPage}
      columns={columns}
      rowKey={(d) => d.id}
      sort={sort}
      onSort={setSort}
      onRowClick={(d) => navigate(`/debtors/${d.id}`)}
    />
  )
}
