import { useEffect, useState } from 'react'
import type { DirectDebitPreview, MethodOutput } from '../../../../shared/contract'
import { isBankDay, nextBankDay } from '../../../../shared/bank-days'
import { TextField } from '../../components/Field'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import { ApiError } from '../../lib/rpc'
import { groupIban } from '../debtors/MandatesPanel'
import './payments-extra.css'

type Exported = MethodOutput<'directDebits.export'> & { collectionDate: string }

/** Saves text as a file through the browser's download (the desktop shell asks where to save it). */
function download(fileName: string, xml: string): void {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The click only queues the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * Export of a pain.008 direct-debit file for the bank. The API has no dry run, so the panel says which
 * debtors have a mandate (from the mandate list) and the rule the server applies; the exact invoices
 * are known only once the file is built.
 */
export function DirectDebitPanel({ onClose }: { onClose: () => void }) {
  const fmt = useFormat()
  const info = useApi('app.info', {}, { staleTime: Infinity })
  const mandates = useApi('mandates.list', {})
  const run = useApiMutation('directDebits.export')
  const [date, setDate] = useState<string>('')
  const [done, setDone] = useState<Exported | null>(null)
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const today = info.data?.today
  useEffect(() => {
    if (today && !date) setDate(nextBankDay(today))
  }, [today, date])
  const active = (mandates.data ?? []).filter((m) => m.active)
  // collectibleInvoices uses each debtor's newest active mandate (highest id).
  const byDebtor = [...new Map([...active].sort((a, b) => a.id - b.id).map((m) => [m.debtorId, m])).values()]

  const preview = useApi('directDebits.preview', { collectionDate: date }, { enabled: /^\d{4}-\d{2}-\d{2}$/.test(date) })
  const dateWarning = date && !isBankDay(date) ? 'not a TARGET2 bank day: the bank will move or refuse the collection' : undefined
  function exportFile() {
    setError(null)
    setDone(null)
    run.mutate(
      { collectionDate: date },
      {
        onSuccess: (r) => {
          setDone({ ...r, collectionDate: date })
          download(r.fileName, r.xml)
        },
        onError: (e) => {
          const issue = e instanceof ApiError ? e.issues.find((i) => i.path === 'collectionDate') : undefined
          const plain = e.message.startsWith('collectionDate: ') ? e.message.slice('collectionDate: '.length) : null
          setError(issue ? { field: 'collectionDate', message: issue.message } : plain ? { field: 'collectionDate', message: plain } : { message: e.message })
        }
      }
    )
  }

  return (
    <section className="panel dd-panel" aria-label="Direct debits">
      <div className="panel-head">
        <h2>Direct debits (SEPA pain.008)</h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="dd-explain">
        Collects every open EUR invoice (funded or partly paid) that is due on or before the collection date, from each debtor with an active mandate, for its open amount. Each
        invoice goes into one file once: the export records it as sent, so a second export leaves it out. It is booked as paid when the bank statement brings its end-to-end id
        back; a returned debit reopens it.
      </p>
      <div className="dd-mandated">
        {mandates.isLoading ? (
          <span className="muted">Loading mandates…</span>
        ) : byDebtor.length === 0 ? (
          <span className="muted">No debtor has an active mandate, so there is nothing to collect. Add mandates on the debtor's page.</span>
        ) : (
          <>
            <span className="muted">{fmt.count(byDebtor.length, 'debtor')} with an active mandate:</span>{' '}
            {byDebtor.map((m, i) => (
              <span key={m.id} title={`${m.scheme} ${m.sequence} · ${groupIban(m.iban)}`}>
                {i > 0 && ', '}
                {m.debtorName} <span className="mono muted">({m.umr})</span>
              </span>
            ))}
          </>
        )}
      </div>
      <div className="dd-row">
        <TextField
          label="Collection date"
          name="collectionDate"
          type="date"
          value={date}
          onChange={(v) => (setDate(v), setError(null))}
          error={error?.field === 'collectionDate' ? error.message : undefined}
          hint={dateWarning ?? (today && date === nextBankDay(today) ? `next bank day after ${fmt.date(today)}` : undefined)}
        />
        <button type="button" className="primary" disabled={!date || run.isPending || preview.data?.count === 0} onClick={exportFile}>
          {run.isPending ? 'Exporting…' : preview.data?.count ? `Export ${fmt.count(preview.data.count, 'collection')} (pain.008)` : 'Export pain.008'}
        </button>
      </div>
      <DirectDebitItems preview={preview.data} loading={preview.isFetching} date={date} />
      {error && !error.field && (
        <div className="panel error" role="alert">
          {error.message}
        </div>
      )}
      {done && (
        <div className="dd-done" role="status" aria-label="Export result">
          <div>
            <strong>{fmt.count(done.count, 'collection')}</strong> · total <strong>{fmt.money(done.total, done.currency)}</strong> · collected on {fmt.date(done.collectionDate)}
          </div>
          <div className="muted small">
            File <span className="mono">{done.fileName}</span> downloaded; send it to the bank.{' '}
            <button type="button" className="link" onClick={() => download(done.fileName, done.xml)}>
              Download again
            </button>
          </div>
        </div>
      )}
    </section>
  )
}

const MAX_SHOWN = 200

/** The export's dry run for the chosen date: what the file would collect, from whom, under which mandate. */
function DirectDebitItems({ preview, loading, date }: { preview: DirectDebitPreview | undefined; loading: boolean; date: string }) {
  const fmt = useFormat()
  if (!preview) return loading ? <div className="muted small">Working out what is due…</div> : null
  if (preview.count === 0) return <div className="muted dd-none">Nothing is due for collection by {fmt.date(date)}: no open EUR invoice of a debtor with an active mandate that is not already in a file.</div>
  return (
    <div className="dd-preview">
      <div>
        Will collect <strong>{fmt.count(preview.count, 'invoice')}</strong> · total <strong>{fmt.money(preview.total, preview.currency)}</strong>
      </div>
      <table className="grid-table" aria-label="Invoices to collect">
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Debtor</th>
            <th>Due</th>
            <th>Mandate</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.slice(0, MAX_SHOWN).map((it) => (
            <tr key={it.invoiceId}>
              <td className="mono">{it.number}</td>
              <td>{it.debtorName}</td>
              <td>{fmt.date(it.dueDate)}</td>
              <td className="mono small">
                {it.umr} · {it.scheme} {it.sequence}
              </td>
              <td className="num">{fmt.money(it.amount, preview.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.count > MAX_SHOWN && <div className="muted small">The first {fmt.int(MAX_SHOWN)} of {fmt.int(preview.count)} are listed; the file holds them all.</div>}
    </div>
  )
}
