import { useEffect, useId, useRef, useState } from 'react'
import type { InvoiceBrief, PaymentLine } from '../../../../shared/contract'
import { decimalMarkOf, FieldError, majorToMinor, minorToMajor } from '../../lib/convert'
import { useFormat, type Format } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import type { ApiError } from '../../lib/rpc'
import { useDebounced } from '../../lib/debounce'

/** Minor units as the user would type them: "1234,50" where the locale writes a decimal comma. */
export const majorInput = (minor: number, currency: string, mark: '.' | ','): string => minorToMajor(minor, currency).replace('.', mark)

/** What the API's refusals mean, in the words of the screen; the API's own message follows. */
const REFUSALS: Record<string, string> = {
  OVER_ALLOCATED: 'More than is available.',
  CURRENCY: 'Wrong currency.',
  NOT_OPEN: 'The invoice is no longer open.',
  NOT_ALLOCATABLE: 'This line cannot be allocated.',
  INVALID_INPUT: 'Not accepted.'
}
export function Refusal({ error }: { error: ApiError | null }) {
  if (!error) return null
  return (
    <div className="panel error pay-refusal" role="alert">
      <strong>{REFUSALS[error.code] ?? 'Refused.'}</strong> {error.message}
    </div>
  )
}

interface Pick {
  inv: InvoiceBrief
  amount: string
  close: boolean
}

/** A typed amount read against its invoice: the minor units, or why they cannot be allocated. */
function readAmount(p: Pick, mark: '.' | ',', fmt: Format): { minor: number; error?: undefined } | { minor?: undefined; error: string } {
  try {
    const minor = majorToMinor(p.amount, p.inv.currency, mark)
    if (minor <= 0) return { error: 'must be more than zero' }
    if (minor > p.inv.openAmount) return { error: `at most the invoice's open ${fmt.money(p.inv.openAmount, p.inv.currency)}` }
    return { minor }
  } catch (e) {
    if (e instanceof FieldError) return { error: e.message }
    throw e
  }
}

/**
 * Search open invoices and allocate the line's unapplied cash by hand, to one or several of them in one application.
 * `a` opens and focuses the search; in it ↑↓ move through the results and Enter adds the highlighted invoice.
 * Only invoices in the line's currency are offered: the API refuses a mixed one anyway.
 */
export function ManualAllocation({ line }: { line: PaymentLine }) {
  const fmt = useFormat()
  const mark = decimalMarkOf(fmt.locale)
  const cur = line.currency
  // An unmatched line has nothing better to offer than the search, so it starts open there.
  const [open, setOpen] = useState(line.candidates.length === 0)
  const [focusTick, setFocusTick] = useState(0)
  const [text, setText] = useState('')
  const [hi, setHi] = useState(0)
  const [picked, setPicks] = useState<Pick[]>([])
  const [done, setDone] = useState<string | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const totalRef = useRef<HTMLDivElement>(null)
  const listId = useId()
  const allocate = useApiMutation('payments.allocate')
  const q = useDebounced(text.trim(), 200)
  const found = useApi('payments.searchInvoices', { text: q, currency: cur, limit: 20 }, { enabled: open && q.length > 0 })
  // The raw text too: a cleared box hides the results at once, not when the debounce catches up.
  const results = q.length > 0 && text.trim().length > 0 ? (found.data ?? []) : []

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).closest('input, textarea, select')) return
      // Also keeps the 'a' out of the search box it is about to focus.
      e.preventDefault()
      setOpen(true)
      setFocusTick((n) => n + 1)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => {
    if (focusTick > 0) searchRef.current?.focus()
  }, [focusTick])
  useEffect(() => setHi(0), [q])
  // An added invoice can push the total and its button below the detail's fold; bring them back into view.
  const count = picked.length
  useEffect(() => {
    if (count > 0) totalRef.current?.scrollIntoView({ block: 'nearest' })
  }, [count])

  // A fresher search result for a picked invoice (someone else's payment arrived) replaces its open amount.
  // Only results on screen count: the debounced query can still be answering for a search box already cleared.
  const fresh = new Map(results.map((r) => [r.id, r]))
  const picks = picked.map((p) => ({ ...p, inv: fresh.get(p.inv.id) ?? p.inv }))
  const read = picks.map((p) => readAmount(p, mark, fmt))
  const total = read.reduce((s, r) => s + (r.minor ?? 0), 0)
  const over = total - line.unapplied
  const invalid = read.some((r) => r.error !== undefined)

  const add = (inv: InvoiceBrief | undefined) => {
    if (!inv || picks.some((p) => p.inv.id === inv.id)) return
    const left = Math.max(0, line.unapplied - total)
    setPicks([...picks, { inv, amount: majorInput(Math.min(inv.openAmount, left), cur, mark), close: false }])
    setDone(null)
    allocate.reset()
  }
  const edit = (i: number, patch: Partial<Pick>) => {
    setPicks(picks.map((p, j) => (j === i ? { ...p, ...patch } : p)))
    allocate.reset()
  }
  const submit = () => {
    if (picks.length === 0 || invalid || over > 0) return
    const allocations = picks.map((p, i) => ({ invoiceId: p.inv.id, amount: read[i].minor!, closeShortfall: p.close && read[i].minor! < p.inv.openAmount }))
    allocate.mutate(
      { bankEntryId: line.id, allocations },
      {
        onSuccess: (l) => {
          setPicks([])
          // The results showed the old open amounts; what was done is in the message and the Applied list now.
          setText('')
          setDone(`Allocated ${fmt.money(total, cur)} to ${picks.map((p) => p.inv.number).join(', ')}; ${fmt.money(l.unapplied, cur)} left unapplied.`)
        }
      }
    )
  }
  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setHi(Math.min(hi + 1, results.length - 1))
    else if (e.key === 'ArrowUp') setHi(Math.max(hi - 1, 0))
    else if (e.key === 'Enter') add(results[hi])
    else if (e.key === 'Escape' && text) setText('')
    else return
    e.preventDefault()
  }

  if (!open)
    return (
      <div className="pay-manual-closed">
        <button onClick={() => (setOpen(true), setFocusTick((n) => n + 1))}>
          Search and allocate by hand… <kbd>a</kbd>
        </button>
      </div>
    )

  return (
    <section className="pay-manual" aria-label="Allocate by hand">
      <h3>Allocate by hand</h3>
      <input
        ref={searchRef}
        type="search"
        role="combobox"
        aria-label="Search open invoices"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results[hi] ? `${listId}-${results[hi].id}` : undefined}
        placeholder={`Invoice number, RF reference, debtor name or open amount (${cur} only)`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <div className="muted small">Number, RF reference or debtor name from its start, or the exact open amount · <kbd>a</kbd> jumps here · ↑↓ and Enter add</div>
      {q.length > 0 && text.trim().length > 0 && found.isSuccess && results.length === 0 && (
        <div className="muted pay-manual-empty">
          No open {cur} invoice starts with or has an open amount of “{q}”.
        </div>
      )}
      {found.error && <Refusal error={found.error} />}
      {results.length > 0 && (
        <ul className="pay-results" id={listId} role="listbox" aria-label="Open invoices">
          {results.map((r, i) => {
            const taken = picks.some((p) => p.inv.id === r.id)
            return (
              <li
                key={r.id}
                id={`${listId}-${r.id}`}
                role="option"
                aria-selected={i === hi}
                aria-disabled={taken || undefined}
                className={`${i === hi ? 'hi' : ''}${taken ? ' taken' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => (setHi(i), add(r))}
              >
                <span className="mono">{r.number}</span>
                <span className="pay-results-who">
                  {r.debtorName} <span className="muted">· {r.clientName}</span>
                </span>
                <span className="num">open {fmt.money(r.openAmount, r.currency)}</span>
                <span className="muted small">{taken ? 'added' : `due ${fmt.date(r.dueDate)}`}</span>
              </li>
            )
          })}
        </ul>
      )}
      {results.length === 20 && <div className="muted small">The first 20 are shown: type more to narrow them.</div>}
      {picks.length > 0 && (
        <ul className="pay-picks" aria-label="Invoices to allocate to">
          {picks.map((p, i) => {
            const r = read[i]
            const short = r.minor !== undefined && r.minor < p.inv.openAmount ? p.inv.openAmount - r.minor : 0
            return (
              <li key={p.inv.id} className={r.error ? 'has-error' : ''}>
                <span className="pay-picks-inv">
                  <span className="mono">{p.inv.number}</span> <span className="muted">· {p.inv.debtorName}</span>
                </span>
                <span className="num muted small">open {fmt.money(p.inv.openAmount, cur)}</span>
                <span className="input-wrap">
                  <input className="num" inputMode="decimal" aria-label={`Amount for ${p.inv.number}`} aria-invalid={r.error ? true : undefined} value={p.amount} onChange={(e) => edit(i, { amount: e.target.value })} />
                  <span className="suffix">{cur}</span>
                </span>
                <button className="link danger" aria-label={`Remove ${p.inv.number}`} onClick={() => (setPicks(picks.filter((_, j) => j !== i)), allocate.reset())}>
                  Remove
                </button>
                <span className="pay-picks-under">
                  {r.error ? (
                    <span className="field-error">{r.error}</span>
                  ) : short > 0 ? (
                    <label className="check small">
                      <input type="checkbox" checked={p.close} onChange={(e) => edit(i, { close: e.target.checked })} />
                      close the short {fmt.money(short, cur)} against the client’s reserve
                    </label>
                  ) : (
                    <span className="muted small">pays the invoice in full</span>
                  )}
                </span>
              </li>
            )
          })}
        </ul>
      )}
      {picks.length > 0 && (
        <div className="pay-manual-total" ref={totalRef}>
          <div>
            <strong>{fmt.money(total, cur)}</strong> of {fmt.money(line.unapplied, cur)} unapplied
            {over <= 0 && <span className="muted"> · {fmt.money(line.unapplied - total, cur)} stays unapplied</span>}
            {over > 0 && <div className="field-error">{fmt.money(over, cur)} more than the line has unapplied: lower an amount.</div>}
          </div>
          <button className="primary" disabled={invalid || over > 0 || allocate.isPending} onClick={submit}>
            Allocate {fmt.money(total, cur)}
          </button>
        </div>
      )}
      <Refusal error={allocate.error} />
      {done && (
        <div className="pay-manual-done" aria-live="polite">
          {done}
        </div>
      )}
    </section>
  )
}
