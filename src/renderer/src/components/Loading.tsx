import type { ReactNode } from 'react'

/** One place for the three states of a query: waiting, failed, ready. */
export function Loading<T>({ q, children }: { q: { data?: T; error: Error | null; isPending: boolean }; children: (data: T) => ReactNode }) {
  if (q.error) return <div className="panel error" role="alert">Could not load: {q.error.message}</div>
  if (q.isPending || q.data === undefined) return <div className="panel muted" aria-busy="true">Loading…</div>
  return <>{children(q.data)}</>
}
