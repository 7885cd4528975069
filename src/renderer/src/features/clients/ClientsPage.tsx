import { useCallback, useState } from 'react'
import type { ClientRow } from '../../../../shared/contract'
import { ListPage } from '../../components/ListPage'
import type { Column, Sort } from '../../components/VirtualTable'
import { useFormat } from '../../lib/format'
import { call } from '../../lib/rpc'
import { Link, navigate } from '../../lib/router'

export function ClientsPage() {
  const fmt = useFormat()
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<Sort>({ by: 'name', dir: 'asc' })
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('clients.list', { offset, limit, search: search || undefined, sortBy: sort.by as 'name', sortDir: sort.dir }),
    [search, sort]
  )
  const columns: Column<ClientRow>[] = [
    { key: 'name', header: 'Name', width: 'minmax(200px, 2fr)', sort: 'name', render: (c) => <Link to={`/clients/${c.id}`}>{c.name}</Link> },
    { key: 'country', header: 'Country', width: '80px', sort: 'country', render: (c) => c.country },
    { key: 'city', header: 'City', width: 'minmax(120px, 1fr)', render: (c) => c.city ?? '' },
    { key: 'cur', header: 'Currency', width: '80px', render: (c) => c.agreement.currency },
    { key: 'adv', header: 'Advance', width: '90px', align: 'right', render: (c) => fmt.pct(c.agreement.advanceRateBp) },
    { key: 'fee', header: 'Fee schedule', width: '120px', render: (c) => c.agreement.fee.kind.replace('_', ' + ') },
    { key: 'n', header: 'Open items', width: '100px', align: 'right', render: (c) => fmt.int(c.openInvoices) },
    { key: 'open', header: 'Open balance', width: '150px', align: 'right', sort: 'openBalance', render: (c) => fmt.money(c.openBalance, c.agreement.currency) },
    { key: 'active', header: 'Status', width: '80px', render: (c) => (c.active ? 'active' : 'inactive') }
  ]
  return (
    <ListPage
      title="Clients"
      newLabel="New client"
      newPath="/clients/new"
      search={search}
      onSearch={setSearch}
      searchPlaceholder="Search clients by name or registration no."
      queryKey={['clients.list', search, sort]}
      fetchPage={fetchPage}
      columns={columns}
      rowKey={(c) => c.id}
      sort={sort}
      onSort={setSort}
      onRowClick={(c) => navigate(`/clients/${c.id}`)}
    />
  )
}
