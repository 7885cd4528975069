import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { AGING_BUCKETS, type AgingBucket, type DashboardSummary, type DsoSeries } from '../../../../shared/contract'
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

export function DashboardPage() {
  const q = useApi('dashboard.summary', {})
  const fmt = useFormat()
  return (
    <div className="dashboard">
      <PageHeader title="Dashboard" subtitle={q.data ? `As of ${fmt.date(q.data.asOf)}` : undefined} />
      <Loading q={q}>{(s) => <Summary s={s} fmt={fmt} />}</Loading>
    </div>
  )
}

function Summary({ s, fmt }: { s: DashboardSummary; fmt: Format }) {
  const dso = useApi('dashboard.dso', {})
  if (s.openBalance.length === 0 && dso.data?.dso.length === 0) return <div className="panel muted">The ledger is empty: no purchased invoices yet.</div>
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
