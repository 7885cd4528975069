import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react'

/**
 * A small hash router: '#/debtors/12?tab=history'. Hash URLs work the same from file:// in Electron
 * and from the headless host, and need no server-side fallback.
 */
export interface Location {
  path: string
  query: URLSearchParams
}

function parse(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/'
  const [path, q = ''] = raw.split('?')
  return { path: path || '/', query: new URLSearchParams(q) }
}

let loc = parse()
const listeners = new Set<() => void>()
window.addEventListener('hashchange', () => {
  loc = parse()
  listeners.forEach((l) => l())
})

export function useLocation(): Location {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => loc
  )
}

export function navigate(to: string): void {
  window.location.hash = to
}

/** Matches '/debtors/:id' against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean)
  const s = path.split('/').filter(Boolean)
  if (p.length !== s.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i])
    else if (p[i] !== s[i]) return null
  }
  return params
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e)
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
    e.preventDefault()
    navigate(to)
  }
  return (
    <a href={`#${to}`} {...rest} onClick={onClick}>
      {children}
    </a>
  )
}
