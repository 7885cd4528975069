import type { AuditRow, InvoiceHistoryEntry, MethodOutput } from '../../../../shared/contract'
import { EmptyRow, Fact, Kpi } from '../../components/DetailParts'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { StatusBadge } from '../../components/Status'
import { useFormat, type Format } from '../../lib/format'
import { useApi } from '../../lib/query'
import { Link } from '../../lib/router'
import { DocumentButtons } from './DocumentViewer'
import { groupRf } from './rf'

type Invoice = MethodOutput<'invoices.get'>


export function InvoiceDetailPage({ params }: { params: Record<string, string> }) {
  const q = useApi('invoices.get', { id: Number(params.id) })
  return <Loading q={q}>{(inv) => <Detail inv={inv} />}</Loading>
}

function Detail({ inv }: { inv: Invoice }) {
  const fmt = useFormat()
  const history = useApi('invoices.history', { id: inv.id })
  const audit = useApi('audit.list', { entity: 'invoice', entityId: String(inv.id), limit: 200 })
  return (
    <div className="detail invoice-detail">
      <PageHeader
        title={
          <>
            Invoice <span className="mono">{inv.number}</span> <StatusBadge status={inv.status} />
          </>
        }
        subtitle={
          <>
            <Link to="/invoices">← Invoices</Link>
            <span className="sep">·</span>
            Client <Link to={`/clients/${inv.clientId}`}>{inv.clientName}</Link>
            <span className="sep">·</span>
            Debtor <Link to={`/debtors/${inv.debtorId}`}>{inv.debtorName}</Link>
          </>
        }
        actions={<DocumentButtons invoiceId={inv.id} />}
      />
      <section className="kpis" aria-label="Amounts">
        <Kpi label="Face" value={fmt.money(inv.face, inv.currency)} />
        <Kpi label="Open" value={<span className={inv.openAmount > 0 && inv.dueDate < today() ? 'neg' : ''}>{fmt.money(inv.openAmount, inv.currency)}</span>} />
        <Kpi label="Advance" value={fmt.money(inv.advance, inv.currency)} />
      </section>
      <section className="panel">
        <h2>Details</h2>
        <dl className="facts">
          <Fact label="Issued">{fmt.date(inv.issueDate)}</Fact>
          <Fact label="Due">{fmt.date(inv.dueDate)}</Fact>
          <Fact label="Funded">{fmt.date(inv.fundedDate)}</Fact>
          <Fact label="Closed">{fmt.date(inv.closedDate)}</Fact>
          <Fact label="Currency">{inv.currency}</Fact>
          <Fact label="RF reference">
            <span className="mono" data-testid="rf-ref">
              {groupRf(inv.rfRef)}
            </span>
          </Fact>
        </dl>
      </section>
      <section className="panel">
        <h2>Journal history</h2>
        <Loading q={history}>{(h) => <Journal entries={h} fmt={fmt} />}</Loading>
      </section>
      <section className="panel">
        <h2>Audit trail</h2>
        <Loading q={audit}>{(a) => <Audit rows={a} fmt={fmt} />}</Loading>
      </section>
    </div>
  )
}

/** The business date is not known here; the browser's date only decides the colour of the open amount. */
const today = () => new Date().toISOString().slice(0, 10)

function Journal({ entries, fmt }: { entries: InvoiceHistoryEntry[]; fmt: Format }) {
  return (
    <table className="grid-table" aria-label="Journal history">
      <thead>
        <tr>
          <th>Date</th>
          <th>Kind</th>
          <th>Memo</th>
          <th>Account</th>
          <th className="num">Debit</th>
          <th className="num">Credit</th>
        </tr>
      </thead>
      <tbody>
        {entries.flatMap((e) =>
          e.lines.map((l, i) => (
            <tr key={`${e.entryId}-${i}`} className={i === 0 ? 'entry-first' : 'entry-cont'}>
              <td>{i === 0 ? fmt.date(e.date) : ''}</td>
              <td>{i === 0 ? e.kind.replace(/_/g, ' ') : ''}</td>
              <td className="muted">{i === 0 ? `${e.memo}${e.reversesEntryId ? ` (reverses entry ${e.reversesEntryId})` : ''}` : ''}</td>
              <td>{l.accountName}</td>
              <td className="num">{l.amount > 0 ? fmt.money(l.amount, l.currency) : ''}</td>
              <td className="num">{l.amount < 0 ? fmt.money(-l.amount, l.currency) : ''}</td>
            </tr>
          ))
        )}
        {entries.length === 0 && <EmptyRow cols={6} text="Nothing posted for this invoice yet." />}
      </tbody>
    </table>
  )
}

function Audit({ rows, fmt }: { rows: AuditRow[]; fmt: Format }) {
  return (
    <table className="grid-table" aria-label="Audit trail">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Action</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{fmt.timestamp(r.at)}</td>
            <td>{r.userName ?? <span className="muted">system</span>}</td>
            <td className="mono">{r.action}</td>
            <td className="muted small">{r.details ? Object.entries(r.details).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · ') : ''}</td>
          </tr>
        ))}
        {rows.length === 0 && <EmptyRow cols={4} text="No recorded decisions on this invoice." />}
      </tbody>
    </table>
  )
}
