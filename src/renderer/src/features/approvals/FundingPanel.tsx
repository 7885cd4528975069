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
        <dt>Availability</dt>
        <dd className={f.availability.available < 0 ? 'neg' : ''} title={`eligible receivables ${m(f.availability.eligibleReceivables)} × ${fmt.pct(f.availability.advanceRateBp)} − funds employed ${m(f.availability.fundsEmployed)}`}>{m(f.availability.available)}</dd>
        <dt>Face ({f.invoices})</dt>
        <dd>{m(f.face)}</dd>
        <dt>Advance {fmt.pct(f.availability.advanceRateBp)}</dt>
        <dd className={overAvailable ? 'neg' : ''}>{m(f.advance)}</dd>
        <dt>Reserve</dt>
        <dd>{m(f.reserve)}</dd>
        <dt>Fees</dt>
        <dd>−{m(f.fees)}</dd>
        <dt>Chargebacks netted</dt>
        <dd>−{m(f.chargebacksNetted)}</dd>
        <dt className="strong">Net payout</dt>
        <dd className="strong">{m(f.netPayout)}</dd>
      </dl>
      <div className="apr-fund-action">
        <button className="primary" disabled={!ready} onClick={onFund} title="f">
          {f.status === 'awaiting_second_approval' ? 'Second sign-off and fund' : `Fund ${m(f.netPayout)}`}
        </button>
        <div className="muted small">
          {!ready ? `${request.pending} invoices still need a decision` : request.needsTwoApprovals ? `Above ${m(threshold)}: two approvers${f.approvals.length ? `; signed by ${f.approvals.join(', ')}` : ''}` : 'One approver suffices'}
          {overAvailable && <div className="neg">The advance exceeds availability.</div>}
        </div>
      </div>
    </div>
  )
}
