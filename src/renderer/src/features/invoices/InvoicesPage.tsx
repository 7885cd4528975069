import { useCallback, useState } from 'react'
import { INVOICE_SORTS, type InvoiceRow } from '../../../../shared/contract'
import { INVOICE_STATUSES, type InvoiceStatus } from '../../../../shared/statuses'
import { PageHeader } from '../../components/PageHeader'
import { SearchBox } from '../../components/SearchBox'
import { StatusBadge } from '../../components/Status'
import { VirtualTable, type Column, type Sort } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { call } from '../../lib/rpc'
import { Link, navigate } from '../../lib/router'
import { groupRf } from './rf'

type InvoiceSort = (typeof INVOICE_SORTS)[number]

export function InvoicesPage() {
  const fmt = useFormat()
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<InvoiceStatus | ''>('')
  const [sort, setSort] = useState<Sort>({ by: 'dueDate', dir: 'desc' })
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call('invoices.list', { offset, limit, search: search || undefined, sortBy: sort.by as InvoiceSort, sortDir: sort.dir, status: status ? [status] : undefined }),
    [search, sort, status]
  )
  const columns: Column<InvoiceRow>[] = [
    { key: 'number', header: 'Number', width: '130px', sort: 'number', render: (i) => <Link to={`/invoices/${i.id}`} className="mono">{i.number}</Link> },
    { key: 'client', header: 'Client', width: 'minmax(160px, 1.2fr)', render: (i) => i.clientName },
    { key: 'debtor', header: 'Debtor', width: 'minmax(160px, 1.4fr)', render: (i) => <Link to={`/debtors/${i.debtorId}`}>{i.debtorName}</Link> },
    { key: 'issue', header: 'Issued', width: '100px', sort: 'issueDate', render: (i) => fmt.date(i.issueDate) },
    { key: 'due', header: 'Due', width: '100px', sort: 'dueDate', render: (i) => fmt.date(i.dueDate) },
    { key: 'face', header: 'Face', width: '130px', align: 'right', sort: 'face', render: (i) => fmt.money(i.face, i.currency) },
    { key: 'open', header: 'Open', width: '130px', align: 'right', sort: 'openAmount', render: (i) => fmt.money(i.openAmount, i.currency) },
    { key: 'status', header: 'Status', width: '110px', sort: 'status', render: (i) => <StatusBadge status={i.status} /> },
    { key: 'rf', header: 'RF reference', width: '170px', render: (i) => <span className="mono muted">{groupRf(i.rfRef)}</span> }
  ]
  return (
    <div className="list-page">
      <PageHeader title="Invoices" />
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} placeholder="Search by invoice number, RF reference or debtor name" />
        <label className="header-control">
          <span>Status</span>
          <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as InvoiceStatus | '')}>
            <option value="">all</option>
            {INVOICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <VirtualTable label="Invoices" queryKey={['invoices.list', search, sort, status]} fetchPage={fetchPage} columns={columns} rowKey={(i) => i.id} onRowClick={(i) => navigate(`/invoices/${i.id}`)} sort={sort} onSort={setSort} />
    </div>
  )
}
