import { useState, type ReactNode } from 'react'
import type { ClientStatement } from '../../../../shared/contract'
import { addDays, addMonths, isLocalDate, startOfMonth, type LocalDate } from '../../../../shared/dates'
import { Fact } from '../../components/DetailParts'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { PdfViewer, useShownPdf } from '../../components/PdfViewer'
import { useFormat, type Format } from '../../lib/format'
import { useApi } from '../../lib/query'
import { call } from '../../lib/rpc'
import { Link } from '../../lib/router'
import { OpenItemsTable, StatementLinesTable } from './StatementTables'
import './statement.css'

interface Period {
  from: LocalDate
  to: LocalDate
}

const PRESETS = [
  ['lastMonth', 'Last month'],
  ['thisMonth', 'This month'],
  ['thisQuarter', 'This quarter'],
  ['ytd', 'Year to date']
] as const
type Preset = (typeof PRESETS)[number][0]

/**
 * The quick periods, from the business date (not the computer's clock, which may be days off in a
 * test ledger or across a month end). The current ones run to the business date: nothing is posted after it.
 */
export function presetPeriod(p: Preset, today: LocalDate): Period {
  const month = startOfMonth(today)
  switch (p) {
    case 'lastMonth':
      return { from: addMonths(month, -1), to: addDays(month, -1) }
    case 'thisMonth':
      return { from: month, to: today }
    case 'thisQuarter': {
      const m = +today.slice(5, 7)
      return { from: addMonths(month, -((m - 1) % 3)), to: today }
    }
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

export function ClientStatementPage({ params }: { params: Record<string, string> }) {
  const clientId = Number(params.id)
  const client = useApi('clients.get', { id: clientId })
  const info = useApi('app.info', {}, { staleTime: Infinity })
  return (
    <Loading q={client}>
      {(c) => (
        <Loading q={info}>
          {(i) => <Statement key={c.id} clientId={c.id} clientName={c.name} currency={c.agreement.currency} today={i.today} />}
        </Loading>
      )}
    </Loading>
  )
}

function Statement({ clientId, clientName, currency, today }: { clientId: number; clientName: string; currency: string; today: LocalDate }) {
  const fmt = useFormat()
  // A statement goes out monthly, for the month just closed: that is what the screen opens on.
  const [period, setPeriod] = useState<Period>(() => presetPeriod('lastMonth', today))
  const valid = isLocalDate(period.from) && isLocalDate(period.to) && period.from <= period.to
  const q = useApi('payments.clientStatement', { clientId, ...period }, { enabled: valid, placeholderData: (prev) => prev })
  const pdf = useShownPdf()
  const [pdfBusy, setPdfBusy] = useState(false)
  const [pdfError, setPdfError] = useState<string | null>(null)

  async function openPdf() {
    setPdfBusy(true)
    setPdfError(null)
    try {
      pdf.show(await call('documents.clientStatement', { clientId, ...period }))
    } catch (e) {
      setPdfError((e as Error).message)
    } finally {
      setPdfBusy(false)
    }
  }

  return (
    <div className="detail client-statement">
      <PageHeader
        title={`Statement: ${clientName}`}
        subtitle={
          <>
            <Link to={`/clients/${clientId}`}>← {clientName}</Link>
            <span className="sep">·</span>
            Advances, fees, collections and the reserve for a period
          </>
        }
        actions={
          <>
            {pdfError && (
              <span className="field-error" role="alert">
                {pdfError}
              </span>
            )}
            <button type="button" className="primary" onClick={() => void openPdf()} disabled={!valid || pdfBusy}>
              {pdfBusy ? 'Rendering…' : 'PDF'}
            </button>
          </>
        }
      />
      <PeriodBar period={period} today={today} currency={currency} onChange={setPeriod} valid={valid} />
      {valid && (
        <Loading q={q}>
          {(st) => (
            <div className={`stmt-body${q.isPlaceholderData ? ' stale' : ''}`} aria-busy={q.isPlaceholderData || undefined}>
              <Summary st={st} fmt={fmt} />
              <StatementLinesTable st={st} version={q.dataUpdatedAt} />
              <OpenItemsTable st={st} today={today} version={q.dataUpdatedAt} />
            </div>
          )}
        </Loading>
      )}
      {pdf.shown && <PdfViewer shown={pdf.shown} onClose={pdf.close} />}
    </div>
  )
}

function PeriodBar({ period, today, currency, onChange, valid }: { period: Period; today: LocalDate; currency: string; onChange: (p: Period) => void; valid: boolean }) {
  return (
    <section className="panel stmt-period" aria-label="Period">
      <label className="header-control">
        <span>From</span>
        <input type="date" aria-label="From" value={period.from} max={period.to || undefined} onChange={(e) => onChange({ ...period, from: e.target.value })} />
      </label>
      <label className="header-control">
        <span>To</span>
        <input type="date" aria-label="To" value={period.to} min={period.from || undefined} onChange={(e) => onChange({ ...period, to: e.target.value })} />
      </label>
      <div className="stmt-presets" role="group" aria-label="Quick periods">
        {PRESETS.map(([p, label]) => {
          const r = presetPeriod(p, today)
          const on = r.from === period.from && r.to === period.to
          return (
            <button key={p} type="button" className={on ? 'active' : undefined} aria-pressed={on} onClick={() => onChange(r)}>
              {label}
            </button>
          )
        })}
      </div>
      {/* The service states a client's account in its agreement currency; there is nothing to choose. */}
      <span className="header-control" title="The statement is kept in the currency of the client's agreement">
        <span>Currency</span>
        <strong className="stmt-currency">{currency}</strong>
      </span>
      {!valid && (
        <span className="field-error" role="alert">
          Choose a From date on or before the To date.
        </span>
      )}
    </section>
  )
}

function Summary({ st, fmt }: { st: ClientStatement; fmt: Format }) {
  const m = (n: number) => fmt.money(n, st.currency)
  const r = st.reserve
  // The same causes and words as the PDF, so the screen and the letter the client gets read alike.
  const moves: [string, number][] = [
    ['Reserve held on invoices funded', r.funding],
    ['Fees charged to the reserve', r.fees],
    ['Short payments accepted', r.shortfalls],
    ['Reserve released to the client', r.releases],
    ['Chargebacks', r.chargebacks],
    ...(r.other !== 0 ? ([['Other movements and corrections', r.other]] as [string, number][]) : [])
  ]
  return (
    <div className="stmt-summary">
      <section className="panel" aria-labelledby="stmt-reserve-h">
        <h2 id="stmt-reserve-h">Reserve</h2>
        <table className="grid-table stmt-recon" aria-label="Reserve">
          <tbody>
            <ReconRow label={`Opening reserve ${fmt.date(st.from)}`} value={m(st.openingReserve)} strong />
            {moves.map(([label, v]) => (
              <ReconRow key={label} label={label} value={<span className={v < 0 ? 'neg' : undefined}>{m(v)}</span>} movement />
            ))}
            <ReconRow label={`Closing reserve ${fmt.date(st.to)}`} value={m(st.closingReserve)} strong total />
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="stmt-activity-h">
        <h2 id="stmt-activity-h">Activity in the period</h2>
        <dl className="facts stmt-activity" aria-label="Activity">
          <Fact label="Advances paid">{m(st.totals.advances)}</Fact>
          <Fact label="Fees">{m(st.totals.fees)}</Fact>
          <Fact label="Collections">{m(st.totals.collections)}</Fact>
          <Fact label="Rebates">{m(st.rebates)}</Fact>
          <Fact label="Reserve movement">
            <span className={st.totals.reserveMovement < 0 ? 'neg' : undefined}>{m(st.totals.reserveMovement)}</span>
          </Fact>
          <Fact label="Open invoices now">
            {fmt.count(st.openItemsTotal.count, 'invoice')} · {m(st.openItemsTotal.openAmount)}
          </Fact>
        </dl>
      </section>
    </div>
  )
}

function ReconRow({ label, value, strong, total, movement }: { label: string; value: ReactNode; strong?: boolean; total?: boolean; movement?: boolean }) {
  return (
    <tr className={`${total ? 'total' : ''}${movement ? ' movement' : ''}`} data-movement={movement ? '' : undefined}>
      <th scope="row" className={strong ? 'strong' : 'muted'}>
        {label}
      </th>
      <td className={`num${strong ? ' strong' : ''}`}>{value}</td>
    </tr>
  )
}
