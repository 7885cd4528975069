import type { ReactNode } from 'react'
import { navigate } from '../lib/router'
import { PageHeader } from './PageHeader'
import { SearchBox } from './SearchBox'
import { VirtualTable, type VirtualTableProps } from './VirtualTable'

/** A register page: title with a "New …" button, a search box with any further filters, and the whole list below. */
export function ListPage<T>({ title, newLabel, newPath, search, onSearch, searchPlaceholder, filters, ...table }: Omit<VirtualTableProps<T>, 'label'> & {
  title: string
  newLabel: string
  newPath: string
  search: string
  onSearch: (s: string) => void
  searchPlaceholder: string
  filters?: ReactNode
}) {
  return (
    <div className="list-page">
      <PageHeader
        title={title}
        actions={
          <button type="button" className="primary" onClick={() => navigate(newPath)}>
            {newLabel}
          </button>
        }
      />
      <div className="toolbar">
        <SearchBox value={search} onChange={onSearch} placeholder={searchPlaceholder} />
        {filters}
      </div>
      <VirtualTable label={title} {...table} />
    </div>
  )
}
