import type { PaymentLine } from '../../../../shared/contract'
import { reasonText, type ReasonFormat } from '../../../../shared/reason-text'
import { useFormat } from '../../lib/format'
import { ManualAllocation } from './ManualAllocation'
import { RefundForm } from './RefundForm'

/**
 * The selected bank line: what the bank said, why the matcher decided as it did, the candidates to apply, what was applied,
 * and for cash still unapplied the search to allocate it by hand and the refund.
 */
export function LineDetail({ line, onApply, onUndo }: { line: PaymentLine; onApply: (i: number, closeShort: boolean) => void; onUndo: (journalEntryId: number) => void }) {
  const fmt = useFormat()
  return (
    <section className="pay-detail" aria-label="Selected line">
      <h2>
        {fmt.money(line.amount, line.currency)} <span className="muted">from {line.counterpartyName ?? 'unknown payer'}</span>
      </h2>
      <dl className="pay-facts">
        <dt>Booked</dt>
        <dd>{fmt.date(line.bookingDate)}</dd>
        <dt>Payer account</dt>
        <dd className="mono">{line.counterpartyAccount ?? '—'}</dd>
        <dt>Reference</dt>
        <dd className="mono">{line.reference ?? '—'}</dd>
        <dt>Text</dt>
        <dd>{line.remittance ?? '—'}</dd>
        <dt>Unapplied</dt>
        <dd>{fmt.money(line.unapplied, line.currency)}</dd>
      </dl>
      <p className="pay-reason">
        <strong>Why:</strong> {matchReason(line, fmt)}
      </p>
      {/* Once all the cash is applied the matcher's old candidates are history, not choices. */}
      {line.candidates.length > 0 && line.unapplied > 0 && (
        <>
          <h3>Candidates</h3>
          <ol className="pay-cands">
            {line.candidates.map((c, i) => (
              <li key={c.id}>
                <kbd>{i + 1}</kbd>
                <div>
                  <div>
                    <span className="mono">{c.number}</span> · {c.debtorName} · {c.clientName} · open {fmt.money(c.openAmount, c.currency)} · due {fmt.date(c.dueDate)}
                  </div>
                  <div className="muted">{matchReason(c, fmt)}</div>
                </div>
                <span className="pay-cand-actions">
                  <button disabled={line.unapplied <= 0 || c.status === 'paid'} onClick={() => onApply(i, false)}>
                    Apply {fmt.money(Math.min(c.amount, line.unapplied), line.currency)}
                  </button>
                  {Math.min(c.amount, line.unapplied) < c.openAmount && (
                    <button disabled={line.unapplied <= 0} onClick={() => onApply(i, true)} title="The rest of the invoice is charged to the client's reserve">
                      Apply and close
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      {/* Keyed by line, so moving to another line never carries over a half-made allocation or refund. */}
      {line.unapplied > 0 && line.amount > 0 && (
        <>
          {line.status !== 'ignored' && line.status !== 'returned' && <ManualAllocation key={`m${line.id}`} line={line} />}
          <RefundForm key={`r${line.id}`} line={line} />
        </>
      )}
      {line.allocations.length > 0 && (
        <>
          <h3>Applied</h3>
          <table className="pay-allocs">
            <tbody>
              {line.allocations.map((a) => (
                <tr key={a.id} className={a.reversed ? 'reversed' : ''}>
                  <td className="mono">{a.invoiceNumber}</td>
                  <td>{fmt.money(a.amount, line.currency)}</td>
                  <td className="muted">
                    fee {fmt.money(a.fee, line.currency)}
                    {a.shortfall > 0 ? ` · short ${fmt.money(a.shortfall, line.currency)} closed` : ''}
                    {a.rebate !== null ? ` · rebate ${fmt.money(a.rebate, line.currency)}` : ''}
                  </td>
                  <td>{a.reversed ? <span className="muted">undone</span> : <button onClick={() => onUndo(a.journalEntryId)}>Undo</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

/** A matcher's reason with amounts and dates in the reader's format; lines stored without a template show their plain text. */
export function matchReason(r: { reason: string; reasonTemplate?: string | null; reasonArgs?: PaymentLine['reasonArgs'] }, fmt: ReasonFormat): string {
  return reasonText({ points: 0, text: r.reason, template: r.reasonTemplate ?? undefined, args: r.reasonArgs ?? undefined }, { money: fmt.money, date: fmt.date })
}
