import { useState } from 'react'
import { contract, type PaymentLine } from '../../../../shared/contract'
import { TextField } from '../../components/Field'
import { decimalMarkOf, describeMinor, FieldError, majorToMinor } from '../../lib/convert'
import { useSchemaForm, type Converter } from '../../lib/form'
import { useFormat } from '../../lib/format'
import { useApiMutation } from '../../lib/query'
import { majorInput } from './ManualAllocation'

const refundSchema = contract['payments.refund'].input

/**
 * Pays a line's unapplied cash back to whoever sent it (an overpayment, money that was not for us). The ledger books
 * it as a payout out of the bank; the transfer itself is made in the bank, FactorDesk does not send it.
 */
export function RefundForm({ line }: { line: PaymentLine }) {
  const fmt = useFormat()
  const mark = decimalMarkOf(fmt.locale)
  const cur = line.currency
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const refund = useApiMutation('payments.refund')
  const spec = (): Record<string, Converter> => ({
    bankEntryId: () => line.id,
    amount: Object.assign(
      (raw: string) => {
        const minor = majorToMinor(raw, cur, mark)
        // The API refuses it too; saying so while typing spares a round trip and names the limit in money.
        if (minor > line.unapplied) throw new FieldError(`at most the unapplied ${fmt.money(line.unapplied, cur)}`)
        return minor
      },
      { describe: describeMinor(cur) }
    ),
    reason: (raw) => {
      if (raw.trim() === '') throw new FieldError('required: say why the money goes back')
      if (raw.trim().length < 3) throw new FieldError('at least 3 characters')
      return raw
    }
  })
  const initial = () => ({ bankEntryId: '', amount: majorInput(line.unapplied, cur, mark), reason: '' })
  const form = useSchemaForm(refundSchema, spec, initial())

  if (!open)
    return (
      <div className="pay-refund-closed">
        <button onClick={() => (form.reset(initial()), setOpen(true), setDone(null))}>Refund unapplied cash…</button>
        {done && (
          <span className="muted" aria-live="polite">
            {' '}
            {done}
          </span>
        )}
      </div>
    )

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    const r = await form.submit((input) => refund.mutateAsync(input))
    if (!r) return
    setDone(`Refunded ${fmt.money(form.input!.amount, cur)}; ${fmt.money(r.unapplied, cur)} left unapplied.`)
    setOpen(false)
  }
  return (
    <form className="pay-refund" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Refund unapplied cash">
      <h3>Refund unapplied cash</h3>
      <p className="muted small pay-refund-note">
        Books the amount as paid back to the payer: it leaves this line’s unapplied cash and the bank account, no invoice changes
        {line.status === 'matched' ? '' : ', and refunding all of it closes the line'}. Make the transfer itself in your bank.
      </p>
      {form.formError && (
        <div className="panel error pay-refusal" role="alert">
          {form.formError}
        </div>
      )}
      <div className="pay-refund-fields">
        <TextField label="Amount" suffix={cur} inputMode="decimal" {...form.field('amount')} hint={`up to ${fmt.money(line.unapplied, cur)}`} />
        <TextField label="Reason" wide {...form.field('reason')} placeholder="e.g. paid twice, returned to payer" />
      </div>
      <div className="pay-refund-actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.input ? `Refund ${fmt.money(form.input.amount, cur)}` : 'Refund'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
