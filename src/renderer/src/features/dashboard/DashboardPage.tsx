import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useState } from 'react'
import { AGING_BUCKETS, CEI_DAYS, type AgingBucket, type CurrencyKpis, type DashboardSummary, type DsoSeries } from '../../../../shared/contract'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { useFormat, type Format } from '../../lib/format'
import { useApi } from '../../lib/query'

const BUCKET_LABEL: Record<AgingBucket, string> = {
  notDue: 'Not due',
  d1_30: '1–30',
  d31_60: '31–60',
  d61_90: '61–90',
  d91_120: '91–120',
  over120: '> 120'
}
const LINE_COLOURS = ['#1f5f8b', '#b5651d', '#4a7c59', '#7a4f9a']
export const DSO_FORMULA =
  'Count-back DSO: start from the receivables open at month end; walk back month by month, adding a whole month’s days while the receivables cover that month’s purchased invoices (and subtracting them), then the covered fraction of the month where they run out.'

export const CEI_FORMULA = `Collection effectiveness index over the last ${CEI_DAYS} days: (AR at start + purchased in the period − AR at end) ÷ (AR at start + purchased in the period − current AR at end) × 100. Current = not yet past due. 100 % means everything collectable was collected.`
export const AT_RISK_FORMULA = 'At-risk rate: open receivables more than 90 days past due ÷ all open receivables, by amount.'

interface Filter {
  asOf: string
  currency: string
}

export function DashboardPage() {
  // Empty means "today" and "all currencies": the server's business date and every currency.
  const [filter, setFilter] = useState<Filter>({ asOf: '', currency: '' })
  const input = { asOf: filter.asOf || undefined, currency: filter.currency || undefined }
  const q = useApi('dashboard.summary', input, { placeholderData: (prev) => prev })
  const fmt = useFormat()
  return (
    <div className="dashboard">
      <PageHeader
        title="Dashboard"
        subtitle={q.data ? `As of ${fmt.date(q.data.asOf)}` : undefined}
        actions={<Controls filter={filter} onChange={setFilter} currencies={q.data?.currencies ?? []} today={q.data && !filter.asOf ? q.data.asOf : undefined} />}
      />
      {filter.asOf && (
        <p className="section-note" role="note">
          Open balance and aging show the invoices open today that were issued by this date, aged as at it: items paid since then are not in them. DSO and CEI use the receivables as they stood on this date.
        </p>
      )}
      <Loading q={q}>{(s) => <Summary s={s} fmt={fmt} input={input} />}</Loading>
    </div>
  )
}

function Controls({ filter, onChange, currencies, today }: { filter: Filter; onChange: (f: Filter) => void; currencies: string[]; today?: string }) {
  return (
    <div className="dash-controls">
      <label className="header-control">
        <span>As of</span>
        <input type="date" aria-label="As of date" value={filter.asOf || today || ''} onChange={(e) => onChange({ ...filter, asOf: e.target.value })} />
      </label>
      {filter.asOf && (
        <button type="button" className="link" onClick={() => onChange({ ...filter, asOf: '' })}>
          Today
        </button>
      )}
      <label className="header-control">
        <span>Currency</span>
        <select aria-label="Currency" value={filter.currency} onChange={(e) => onChange({ ...filter, currency: e.target.value })}>
          <option value="">all</option>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

function Summary({ s, fmt, input }: { s: DashboardSummary; fmt: Format; input: { asOf?: string; currency?: string } }) {
  const dso = useApi('dashboard.dso', input, { placeholderData: (prev) => prev })
  if (s.openBalance.length === 0 && s.kpis.length === 0 && dso.data?.dso.length === 0) return <div className="panel muted">No purchased invoices{input.currency ? ` in ${input.currency}` : ''} by this date.</div>
  return (
    <>
      <section className="kpis" aria-label="Open balance">
        {s.openBalance.map((o) => (
          <div className="kpi" key={o.currency} data-testid={`open-${o.currency}`}>
            <div className="kpi-label">Open balance {o.currency}</div>
            <div className="kpi-value">{fmt.money(o.amount, o.currency)}</div>
            <div className="kpi-sub">
              {fmt.int(o.count)} items · overdue <span className={o.overdue > 0 ? 'neg' : ''}>{fmt.money(o.overdue, o.currency)}</span>
              {o.amount > 0 && ` (${fmt.pct(Math.round((o.overdue * 10_000) / o.amount))})`}
            </div>
          </div>
        ))}
      </section>
      <section className="kpis" aria-label="Collection figures">
        {s.kpis.map((k) => (
          <KpiPair key={k.currency} k={k} fmt={fmt} />
        ))}
      </section>
      <section className="panel">
        <h2>Aging by days past due</h2>
        <table className="grid-table aging" aria-label="Aging">
          <thead>
            <tr>
              <th>Currency</th>
              {AGING_BUCKETS.map((b) => (
                <th key={b} className="num">
                  {BUCKET_LABEL[b]}
                </th>
              ))}
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {s.aging.map((a) => {
              const total = AGING_BUCKETS.reduce((sum, b) => sum + a.buckets[b], 0)
              return (
                <tr key={a.currency}>
                  <th scope="row">{a.currency}</th>
                  {AGING_BUCKETS.map((b) => (
                    <td key={b} className={`num${b !== 'notDue' && b !== 'd1_30' && a.buckets[b] > 0 ? ' neg' : ''}`}>
                      {fmt.amount(a.buckets[b], a.currency)}
                      <div className="share">{total > 0 ? fmt.pct(Math.round((a.buckets[b] * 10_000) / total)) : ''}</div>
                    </td>
                  ))}
                  <td className="num strong">{fmt.amount(total, a.currency)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {s.aging.map((a) => (
          <AgingBar key={a.currency} currency={a.currency} buckets={a.buckets} />
        ))}
      </section>
      <section className="panel">
        <h2 title={DSO_FORMULA}>
          Days sales outstanding, count-back <span className="info" aria-label={DSO_FORMULA}>i</span>
        </h2>
        <Loading q={dso}>{(d) => <DsoChart s={d} fmt={fmt} />}</Loading>
      </section>
    </>
  )
}

function KpiPair({ k, fmt }: { k: CurrencyKpis; fmt: Format }) {
  const i = k.ceiInputs
  const m = (n: number) => fmt.money(n, k.currency)
  const ceiDetail = `${CEI_FORMULA}\n\n${fmt.date(i.from)} – ${fmt.date(i.to)}: (${m(i.beginAr)} + ${m(i.sales)} − ${m(i.endAr)}) ÷ (${m(i.beginAr)} + ${m(i.sales)} − ${m(i.endCurrentAr)})`
  return (
    <>
      <div className="kpi" data-testid={`cei-${k.currency}`} title={ceiDetail}>
        <div className="kpi-label">
          CEI {k.currency}, {CEI_DAYS} days <span className="info" aria-label={ceiDetail}>i</span>
        </div>
        <div className="kpi-value">{k.cei === null ? '—' : fmt.pct(Math.round(k.cei * 100))}</div>
        <div className="kpi-sub">
          collected {m(i.beginAr + i.sales - i.endAr)} of {m(i.beginAr + i.sales - i.endCurrentAr)} collectable
        </div>
      </div>
      <div className="kpi" data-testid={`risk-${k.currency}`} title={AT_RISK_FORMULA}>
        <div className="kpi-label">
          At risk {k.currency} <span className="info" aria-label={AT_RISK_FORMULA}>i</span>
        </div>
        <div className={`kpi-value${k.atRisk !== null && k.atRisk >= 10 ? ' neg' : ''}`}>{k.atRisk === null ? '—' : fmt.pct(Math.round(k.atRisk * 100))}</div>
        <div className="kpi-sub">of open receivables more than 90 days past due</div>
      </div>
    </>
  )
}

function AgingBar({ currency, buckets }: { currency: string; buckets: Record<AgingBucket, number> }) {
  const total = AGING_BUCKETS.reduce((s, b) => s + buckets[b], 0)
  if (total <= 0) return null
  return (
    <div className="aging-bar" aria-hidden title={currency}>
      <span className="aging-cur">{currency}</span>
      <div className="bar">
        {AGING_BUCKETS.map((b) => (buckets[b] > 0 ? <div key={b} className={`seg seg-${b}`} style={{ width: `${(buckets[b] * 100) / total}%` }} title={BUCKET_LABEL[b]} /> : null))}
      </div>
    </div>
  )
}

function DsoChart({ s, fmt }: { s: DsoSeries; fmt: Format }) {
  const months = s.dso[0]?.points.map((p) => p.month) ?? []
  const data = months.map((m, i) => {
    const row: Record<string, string | number | null> = { month: m }
    for (const d of s.dso) row[d.currency] = d.points[i].dso
    return row
  })
  return (
    <div className="chart" role="img" aria-label={`Monthly count-back DSO for ${s.dso.map((d) => d.currency).join(', ')}`}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e3e6ea" vertical={false} />
          <XAxis dataKey="month" tickFormatter={fmt.month} tick={{ fontSize: 12, fill: '#5b6573' }} tickLine={false} axisLine={{ stroke: '#c9ced6' }} />
          <YAxis tick={{ fontSize: 12, fill: '#5b6573' }} tickLine={false} axisLine={false} width={44} unit=" d" allowDecimals={false} />
          <Tooltip
            formatter={(v, name) => [v === null || v === undefined ? '—' : `${fmt.days(Number(v))} days`, `DSO ${name}`]}
            labelFormatter={(m) => (
              <>
                <strong>{fmt.month(String(m))}</strong>
                <div className="tooltip-formula">{DSO_FORMULA}</div>
              </>
            )}
            contentStyle={{ maxWidth: 320, whiteSpace: 'normal', fontSize: 12 }}
          />
          <Legend formatter={(c) => `DSO ${c}`} />
          {s.dso.map((d, i) => (
            <Line key={d.currency} type="monotone" dataKey={d.currency} stroke={LINE_COLOURS[i % LINE_COLOURS.length]} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
