import { useEffect, useState } from 'react'
import type { Events } from '../../../shared/contract'
import { useApi } from '../lib/query'
import { prefs, usePrefs } from '../lib/prefs'
import { on } from '../lib/rpc'
import { useFormat } from '../lib/format'

const LOCALES = ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'nl-NL', 'sv-SE', 'fi-FI', 'da-DK', 'nb-NO', 'es-ES', 'it-IT', 'pl-PL']

export function UserPicker() {
  const { userId } = usePrefs()
  const users = useApi('users.list', {})
  const active = (users.data ?? []).filter((u) => u.active)
  return (
    <label className="header-control">
      <span>User</span>
      <select aria-label="Current user" value={userId ?? ''} onChange={(e) => prefs.setUser(e.target.value ? Number(e.target.value) : null)}>
        <option value="">(nobody)</option>
        {active.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} · {u.role}
          </option>
        ))}
      </select>
    </label>
  )
}

export function LocalePicker() {
  const { locale } = usePrefs()
  const options = LOCALES.includes(locale) ? LOCALES : [locale, ...LOCALES]
  const name = (l: string) => {
    try {
      return new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l
    } catch {
      return l
    }
  }
  return (
    <label className="header-control">
      <span>Format</span>
      <select aria-label="Locale" value={locale} onChange={(e) => prefs.setLocale(e.target.value)}>
        {options.map((l) => (
          <option key={l} value={l}>
            {name(l)} ({l})
          </option>
        ))}
      </select>
    </label>
  )
}

/** Long backend jobs (imports, seeding, exports) report here so the user sees they are moving. */
export function JobProgress() {
  const [jobs, setJobs] = useState<Record<string, Events['job.progress']>>({})
  const fmt = useFormat()
  useEffect(
    () =>
      on('job.progress', (p) => {
        setJobs((j) => {
          const next = { ...j, [p.job]: p }
          if (p.total > 0 && p.done >= p.total) delete next[p.job]
          return next
        })
      }),
    []
  )
  const list = Object.values(jobs)
  if (list.length === 0) return null
  return (
    <div className="jobs" role="status">
      {list.map((j) => (
        <div key={j.job} className="job">
          <span>{j.message ?? j.job}</span>
          <progress max={j.total || undefined} value={j.total ? j.done : undefined} />
          {j.total > 0 && <span className="num">{fmt.int(Math.floor((j.done * 100) / j.total))} %</span>}
        </div>
      ))}
    </div>
  )
}
