import type { DebtorDetail } from '../../../../shared/contract'
import { EmptyRow, Kpi } from '../../components/DetailParts'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { StatusBadge } from '../../components/Status'
import { useFormat, type Format } from '../../lib/format'
import { useApi } from '../../lib/query'
import { Link, navigate } from '../../lib/router'
import { groupRf } from '../invoices/rf'
import { MandatesPanel } from './MandatesPanel'

export function DebtorDetailPage({ params }: { params: Record<string, string> }) {
  const q = useApi('debtors.get', { id: Number(params.id) })
  return <Loading q={q}>{(d) => <Detail d={d} />}</Loading>
}

function Detail({ d }: { d: DebtorDetail }) {
  const fmt = useFormat()
  const usagePct = Math.min(d.limitUsageBp / 100, 999)
  return (
    <div className="detail">
      <PageHeader
        title={d.name}
        subtitle={
          <>
            <Link to="/debtors">← Debtors</Link>
            <span className="sep">·</span>
            {[d.regNo, [d.postalCode, d.city].filter(Boolean).join(' '), d.country].filter(Boolean).join(' · ')}
            {d.email && (
              <>
                <span className="sep">·</span>
                {d.email}
              </>
            )}
          </>
        }
        actions={
          <button type="button" onClick={() => navigate(`/debtors/${d.id}/edit`)}>
            Edit
          </button>
        }
      />
      <section className="kpis" aria-label="Limits and usage">
        <Kpi label="Credit limit" value={fmt.money(d.creditLimit, d.limitCurrency)} />
        <Kpi label={`Open in ${d.limitCurrency}`} value={fmt.money(d.exposure.find((e) => e.currency === d.limitCurrency)?.open ?? 0, d.limitCurrency)} />
        <div className="kpi">
          <div className="kpi-label">Limit usage</div>
          <div className={`kpi-value${d.limitUsageBp > 10_000 ? ' neg' : ''}`}>{fmt.pct(d.limitUsageBp)}</div>
          <div className="meter" aria-hidden>
            <div className={d.limitUsageBp > 10_000 ? 'over' : d.limitUsageBp > 9_000 ? 'near' : ''} style={{ width: `${Math.min(usagePct, 100)}%` }} />
          </div>
        </div>
        <Kpi label="Risk class" value={<StatusBadge status={d.riskClass} />} />
        <Kpi label="Payment rating" value={d.paymentRating} />
        <Kpi label="Open items" value={fmt.int(d.openInvoices)} />
      </section>
      <div className="two-col">
        <section className="panel">
          <h2>Exposure by currency</h2>
          <table className="grid-table">
            <thead>
              <tr>
                <th>Currency</th>
                <th className="num">Open</th>
                <th className="num">Overdue</th>
              </tr>
            </thead>
            <tbody>
              {d.exposure.map((e) => (
                <tr key={e.currency}>
                  <td>{e.currency}</td>
                  <td className="num">{fmt.money(e.open, e.currency)}</td>
                  <td className={`num${e.overdue > 0 ? ' neg' : ''}`}>{fmt.money(e.overdue, e.currency)}</td>
                </tr>
              ))}
              {d.exposure.length === 0 && <EmptyRow cols={3} text="Nothing open." />}
            </tbody>
          </table>
          {d.ibans.length > 0 && <p className="muted small">Pays from: {d.ibans.join(', ')}</p>}
        </section>
        <section className="panel">
          <h2>Clients</h2>
          <table className="grid-table">
            <thead>
              <tr>
                <th>Client</th>
                <th className="num">Pair limit</th>
                <th className="num">Open</th>
                <th>Notice of assignment</th>
              </tr>
            </thead>
            <tbody>
              {d.clients.map((c) => (
                <tr key={c.clientId}>
                  <td>
                    <Link to={`/clients/${c.clientId}`}>{c.clientName}</Link>
                  </td>
                  <td className="num">{c.creditLimit === null ? <span className="muted">global only</span> : fmt.money(c.creditLimit, d.limitCurrency)}</td>
                  <td className="num">{fmt.money(c.open, d.limitCurrency)}</td>
                  <td>
                    <StatusBadge status={c.noaStatus} />
                  </td>
                </tr>
              ))}
              {d.clients.length === 0 && <EmptyRow cols={4} text="No client has sold invoices on this debtor yet." />}
            </tbody>
          </table>
        </section>
      </div>
      <MandatesPanel debtorId={d.id} />
      <OpenItems d={d} fmt={fmt} />
      <section className="panel">
        <h2>History</h2>
        <table className="grid-table" aria-label="History">
          <thead>
            <tr>
              <th>Date</th>
              <th>Event</th>
              <th>Invoice</th>
              <th>Memo</th>
              <th className="num">Receivable</th>
            </tr>
          </thead>
          <tbody>
            {d.history.map((h, i) => (
              <tr key={i}>
                <td>{fmt.date(h.date)}</td>
                <td>{h.kind.replace(/_/g, ' ')}</td>
                <td className="mono">{h.invoiceNumber ?? ''}</td>
                <td className="muted">{h.memo}</td>
                <td className={`num${h.amount < 0 ? ' pos' : ''}`}>{fmt.money(h.amount, h.currency)}</td>
              </tr>
            ))}
            {d.history.length === 0 && <EmptyRow cols={5} text="No postings yet." />}
          </tbody>
        </table>
      </section>
    </div>
  )
}

function OpenItems({ d, fmt }: { d: DebtorDetail; fmt: Format }) {
  return (
    <section className="panel">
      <h2>
        Open items <span className="muted">({fmt.int(d.openItems.length)})</span>
      </h2>
      <table className="grid-table" aria-label="Open items">
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Client</th>
            <th>Issued</th>
            <th>Due</th>
            <th className="num">Days overdue</th>
            <th className="num">Face</th>
            <th className="num">Open</th>
            <th>Status</th>
            <th>RF reference</th>
          </tr>
        </thead>
        <tbody>
          {d.openItems.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/invoices/${i.id}`} className="mono">
                  {i.number}
                </Link>
              </td>
              <td>{i.clientName}</td>
              <td>{fmt.date(i.issueDate)}</td>
              <td>{fmt.date(i.dueDate)}</td>
              <td className={`num${i.daysOverdue > 30 ? ' neg' : ''}`}>{i.daysOverdue > 0 ? fmt.int(i.daysOverdue) : '—'}</td>
              <td className="num">{fmt.money(i.face, i.currency)}</td>
              <td className="num">{fmt.money(i.openAmount, i.currency)}</td>
              <td>
                <StatusBadge status={i.status} />
              </td>
              <td className="mono muted">{groupRf(i.rfRef)}</td>
            </tr>
          ))}
          {d.openItems.length === 0 && <EmptyRow cols={9} text="No open items." />}
        </tbody>
      </table>
    </section>
  )
}
