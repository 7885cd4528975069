import type { ReactNode } from 'react'
import type { FundingFigures, QueueRow } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'

/** The money before the button: availability first, then what funding would post and pay out. */
export function FundingPanel({ figures: f, request, threshold, onFund }: { figures: FundingFigures; request: QueueRow; threshold: number; onFund: () => void }) {
  const fmt = useFormat()
  const m = (n: number) => fmt.money(n, f.currency)
  const overAvailable = f.advance > f.availability.available
  const ready = request.pending === 0 && request.approved > 0
  return (
    <div className="apr-funding" aria-label="Funding figures">
      <dl>
        <Fig label="Availability" className={f.availability.available < 0 ? 'neg' : ''} title={`eligible receivables ${m(f.availability.eligibleReceivables)} × ${fmt.pct(f.availability.advanceRateBp)} − funds employed ${m(f.availability.fundsEmployed)}`}>{m(f.availability.available)}</Fig>
        <Fig label={`Face (${fmt.int(f.invoices)})`}>{m(f.face)}</Fig>
        <Fig label={`Advance ${fmt.pct(f.availability.advanceRateBp)}`} className={overAvailable ? 'neg' : ''}>{m(f.advance)}</Fig>
        <Fig label="Reserve">{m(f.reserve)}</Fig>
        <Fig label="Fees">−{m(f.fees)}</Fig>
        <Fig label="Chargebacks netted">−{m(f.chargebacksNetted)}</Fig>
        <Fig label="Net payout" className="strong">{m(f.netPayout)}</Fig>
      </dl>
      <div className="apr-fund-action">
        <button className="primary" disabled={!ready} onClick={onFund} title="f">
          {f.status === 'awaiting_second_approval' ? 'Second sign-off and fund' : `Fund ${m(f.netPayout)}`}
        </button>
        <div className="muted small">
          {!ready ? `${fmt.int(request.pending)} invoices still need a decision` : request.needsTwoApprovals ? `Above ${m(threshold)}: two approvers${f.approvals.length ? `; signed by ${f.approvals.join(', ')}` : ''}` : 'One approver suffices'}
          {overAvailable && <div className="neg">The advance exceeds availability.</div>}
        </div>
      </div>
    </div>
  )
}

/** One figure: label over value, kept together when the row wraps. */
function Fig({ label, className, title, children }: { label: string; className?: string; title?: string; children: ReactNode }) {
  return (
    <div className="fig">
      <dt className={className === 'strong' ? 'strong' : undefined}>{label}</dt>
      <dd className={className} title={title}>{children}</dd>
    </div>
  )
}
