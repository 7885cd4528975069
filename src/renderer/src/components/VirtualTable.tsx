import { useQueries, useQueryClient } from '@tanstack/react-query'
import { observeElementOffset, elementScroll, useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Page } from '../../../shared/contract'
import { useFormat } from '../lib/format'
import { MAX_REAL_PX, observeScaledRect, ScaledScrollElement } from './scaled-scroll'

export interface Column<T> {
  key: string
  header: string
  /** A CSS grid track, e.g. '120px' or 'minmax(160px, 2fr)'. */
  width: string
  align?: 'left' | 'right' | 'center'
  /** The API's sortBy value when the column is sortable. */
  sort?: string
  render: (row: T) => ReactNode
}

export interface Sort {
  by: string
  dir: 'asc' | 'desc'
}

export interface VirtualTableProps<T> {
  /** Identifies the list and its filters; a change starts again at the top. */
  queryKey: readonly unknown[]
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>
  columns: Column<T>[]
  rowKey: (row: T) => string | number
  sort: Sort
  onSort: (s: Sort) => void
  onRowClick?: (row: T, index: number) => void
  /** A keyboard-driven cursor: that row is marked selected and kept in view as it moves. */
  selectedIndex?: number
  rowClassName?: (row: T) => string
  rowHeight?: number
  pageSize?: number
  label: string
  onTotal?: (total: number | null) => void
}

/** A fetchPage over rows already in memory: the table still draws only what is scrolled into view. */
export function inMemoryPages<T>(rows: readonly T[]): (offset: number, limit: number) => Promise<Page<T>> {
  return (offset, limit) => Promise.resolve({ rows: rows.slice(offset, offset + limit), total: rows.length, offset })
}

/**
 * A sortable table over a whole server-side list: only the visible rows exist in the DOM, and they
 * are fetched by page (offset/limit) as they scroll into view, so a million rows cost what a screen costs.
 */
export function VirtualTable<T>({ queryKey, fetchPage, columns, rowKey, sort, onSort, onRowClick, selectedIndex, rowClassName, rowHeight = 30, pageSize = 200, label, onTotal }: VirtualTableProps<T>) {
  const realRef = useRef<HTMLDivElement>(null)
  const [total, setTotal] = useState<number | null>(null)
  const countRef = useRef(0)
  const [scroller, setScroller] = useState<ScaledScrollElement | null>(null)
  const keyJson = JSON.stringify(queryKey)

  useEffect(() => {
    if (realRef.current) setScroller(new ScaledScrollElement(realRef.current, () => countRef.current * rowHeight))
  }, [rowHeight])

  const count = total ?? 0
  countRef.current = count
  const v = useVirtualizer<Element, Element>({
    count,
    // The adapter quacks like the scroll element the virtualizer expects.
    getScrollElement: () => scroller as unknown as Element | null,
    estimateSize: () => rowHeight,
    overscan: 12,
    observeElementRect: observeScaledRect,
    observeElementOffset,
    scrollToFn: elementScroll
  })

  // A new search or sort starts at the top with an unknown total.
  useEffect(() => {
    realRef.current?.scrollTo({ top: 0 })
    setTotal(null)
  }, [keyJson])

  useEffect(() => {
    if (selectedIndex !== undefined && selectedIndex >= 0 && selectedIndex < count) v.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, count, v])

  const items = v.getVirtualItems()
  const pages = useMemo(() => {
    if (items.length === 0) return [0]
    const first = Math.floor(items[0].index / pageSize)
    const last = Math.floor(items[items.length - 1].index / pageSize)
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  }, [items, pageSize])

  // Dragging the scrollbar across a million rows passes thousands of pages; fetch only where it settles.
  const settled = useSettled(pages, 90)
  const results = useQueries({
    queries: settled.map((p) => ({
      queryKey: [...queryKey, 'page', p],
      queryFn: () => fetchPage(p * pageSize, pageSize),
      staleTime: 30_000
    }))
  })
  const qc = useQueryClient()
  const byPage = new Map<number, Page<T>>()
  for (const p of pages) {
    const data = qc.getQueryData<Page<T>>([...queryKey, 'page', p])
    if (data) byPage.set(p, data)
  }
  const known = results.find((r) => r.data)?.data?.total
  useEffect(() => {
    if (known !== undefined && known !== total) setTotal(known)
  }, [known, total])
  useEffect(() => onTotal?.(total), [total, onTotal])
  const error = results.find((r) => r.error)?.error as Error | undefined
  const fmt = useFormat()

  const template = columns.map((c) => c.width).join(' ')
  const virtualSize = v.getTotalSize()
  const realSize = Math.min(virtualSize, MAX_REAL_PX)
  const vOff = v.scrollOffset ?? 0
  const ratio = scroller?.ratio ?? 1
  // Rows sit at their virtual position, shifted by how far the real scroll lags the virtual one.
  const shift = vOff - vOff / ratio

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={count}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
          const active = c.sort && sort.by === c.sort
          return (
            <div key={c.key} role="columnheader" className={`cell align-${c.align ?? 'left'}`} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              {c.sort ? (
                <button type="button" className={`sort${active ? ' active' : ''}`} onClick={() => onSort({ by: c.sort!, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
                  {c.header}
                  <span className="sort-mark" aria-hidden>{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                </button>
              ) : (
                c.header
              )}
            </div>
          )
        })}
      </div>
      <div className="vtable-body" ref={realRef} data-testid="vtable-scroll">
        <div style={{ height: realSize, position: 'relative' }}>
          {items.map((it) => {
            const row = byPage.get(Math.floor(it.index / pageSize))?.rows[it.index % pageSize]
            return (
              <div
                key={it.key}
                role="row"
                aria-rowindex={it.index + 1}
                data-index={it.index}
                aria-selected={selectedIndex === undefined ? undefined : it.index === selectedIndex}
                className={`vtable-row${it.index % 2 ? ' odd' : ''}${row && onRowClick ? ' clickable' : ''}${it.index === selectedIndex ? ' selected' : ''}${row && rowClassName ? ` ${rowClassName(row)}` : ''}`}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${it.start - shift}px)` }}
                onClick={row && onRowClick ? () => onRowClick(row, it.index) : undefined}
                data-key={row ? rowKey(row) : undefined}
              >
                {row
                  ? columns.map((c) => (
                      <div key={c.key} role="cell" className={`cell align-${c.align ?? 'left'}`}>
                        {c.render(row)}
                      </div>
                    ))
                  : columns.map((c) => (
                      <div key={c.key} role="cell" className="cell">
                        <span className="skeleton" />
                      </div>
                    ))}
              </div>
            )
          })}
        </div>
        {total === 0 && <div className="vtable-empty">Nothing matches.</div>}
        {error && <div className="vtable-empty error">Could not load: {error.message}</div>}
      </div>
      <div className="vtable-foot" aria-live="polite">
        {total === null ? 'Loading…' : `${fmt.int(total)} ${total === 1 ? 'row' : 'rows'}`}
      </div>
    </div>
  )
}

/** The value once it has stopped changing for `ms`; the first value at once. */
function useSettled<V>(value: V, ms: number): V {
  const [settled, setSettled] = useState(value)
  const json = JSON.stringify(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json, ms])
  return settled
}
