import { Component, Suspense, type ReactNode } from 'react'
import { JobProgress, LocalePicker, UserPicker } from './components/HeaderControls'
import { useFormat } from './lib/format'
import { useApi } from './lib/query'
import { Link, matchPath, useLocation } from './lib/router'
import { routes } from './routes'

class Boundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: this.props.resetKey }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  static getDerivedStateFromProps(p: { resetKey: string }, s: { key: string; error: Error | null }) {
    return p.resetKey !== s.key ? { error: null, key: p.resetKey } : null
  }
  render() {
    return this.state.error ? <div className="panel error" role="alert">This screen failed: {this.state.error.message}</div> : this.props.children
  }
}

function resolve(path: string) {
  for (const r of routes) {
    const params = matchPath(r.path, path)
    if (params) return { route: r, params }
  }
  return null
}

/** The section a path belongs to: '/debtors/12' lights up 'Debtors'. */
function navActive(navPath: string, path: string): boolean {
  return navPath === '/' ? path === '/' : path === navPath || path.startsWith(navPath + '/')
}

export function App() {
  const { path } = useLocation()
  const info = useApi('app.info', {}, { staleTime: Infinity })
  const hit = resolve(path)
  const Page = hit?.route.page
  const fmt = useFormat()
  return (
    <div className="app" data-app-state={info.data ? 'ready' : info.error ? 'error' : 'loading'}>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="logo-mark" aria-hidden>F</span>
          FactorDesk
        </div>
        <ul>
          {routes
            .filter((r) => r.nav)
            .map((r) => (
              <li key={r.path}>
                <Link to={r.path} className={navActive(r.path, path) ? 'active' : undefined} aria-current={navActive(r.path, path) ? 'page' : undefined}>
                  {r.nav}
                </Link>
              </li>
            ))}
        </ul>
        {info.data && (
          <div className="sidebar-foot" title={info.data.ledgerPath}>
            v{info.data.version} · business date {fmt.date(info.data.today)}
          </div>
        )}
      </nav>
      <div className="main">
        <header className="topbar">
          <JobProgress />
          <div className="spacer" />
          <LocalePicker />
          <UserPicker />
        </header>
        <main className="content">
          <Boundary resetKey={path}>
            <Suspense fallback={<div className="panel muted">Loading…</div>}>
              {Page ? <Page params={hit.params} /> : <div className="panel">No such screen: {path}</div>}
            </Suspense>
          </Boundary>
        </main>
      </div>
    </div>
  )
}
