import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { contract, type MandateRow } from '../../../../shared/contract'
import { EmptyRow } from '../../components/DetailParts'
import { FormError, SelectField, TextField } from '../../components/Field'
import { FieldError, optText } from '../../lib/convert'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import '../payments/payments-extra.css'

const createSchema = contract['mandates.create'].input

/** 'DE89370400440532013000' -> 'DE89 3704 0044 0532 0130 00', the way the mandate form prints it. */
export const groupIban = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')

/**
 * The debtor's SEPA direct-debit mandates, and a form to record a newly signed one. The payments screen's
 * direct-debit export collects the debtor's due invoices under the newest active mandate.
 */
export function MandatesPanel({ debtorId }: { debtorId: number }) {
  const fmt = useFormat()
  const q = useApi('mandates.list', { debtorId })
  const [adding, setAdding] = useState(false)
  const [added, setAdded] = useState<string | null>(null)
  const rows = q.data ?? []
  return (
    <section className="panel" aria-label="Direct debit mandates">
      <div className="panel-head">
        <h2>
          Direct debit mandates <span className="muted">({fmt.int(rows.length)})</span>
        </h2>
        <div className="actions">
          {added && (
            <span className="saved" role="status">
              Mandate {added} added
            </span>
          )}
          <button type="button" onClick={() => (setAdding(true), setAdded(null))} disabled={adding}>
            Add mandate
          </button>
        </div>
      </div>
      {adding && <MandateForm debtorId={debtorId} onClose={() => setAdding(false)} onAdded={(umr) => (setAdded(umr), setAdding(false))} />}
      <table className="grid-table" aria-label="Mandates">
        <thead>
          <tr>
            <th>Mandate reference (UMR)</th>
            <th>Scheme</th>
            <th>Sequence</th>
            <th>IBAN</th>
            <th>BIC</th>
            <th>Signed</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <MandateLine key={m.id} m={m} />
          ))}
          {q.error && <EmptyRow cols={8} text={q.error.message} />}
          {q.data && rows.length === 0 && <EmptyRow cols={8} text="No mandate: this debtor's invoices are not collected by direct debit." />}
        </tbody>
      </table>
    </section>
  )
}

function MandateLine({ m }: { m: MandateRow }) {
  const fmt = useFormat()
  return (
    <tr>
      <td className="mono">{m.umr}</td>
      <td>{m.scheme}</td>
      <td title={SEQUENCE_TEXT[m.sequence]}>{m.sequence}</td>
      <td className="mono">{groupIban(m.iban)}</td>
      <td className="mono">{m.bic ?? <span className="muted">—</span>}</td>
      <td>{fmt.date(m.signatureDate)}</td>
      <td>
        <span className={`badge ${m.active ? 'tone-good' : 'tone-muted'}`}>{m.active ? 'active' : 'inactive'}</span>
      </td>
      <td>{m.active && <Revoke m={m} />}</td>
    </tr>
  )
}

/** A debtor's revocation (or a lapsed mandate): asked for a reason, kept in the audit trail; later exports skip it. */
function Revoke({ m }: { m: MandateRow }) {
  const revoke = useApiMutation('mandates.deactivate')
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  if (!asking)
    return (
      <button type="button" className="link" onClick={() => setAsking(true)}>
        Deactivate
      </button>
    )
  return (
    <form className="mandate-revoke" onSubmit={(e) => (e.preventDefault(), revoke.mutate({ id: m.id, reason }))} aria-label={`Deactivate ${m.umr}`}>
      <input aria-label="Reason" placeholder="why, e.g. revoked by the debtor" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button type="submit" disabled={reason.trim().length < 3 || revoke.isPending}>
        Deactivate
      </button>
      <button type="button" className="link" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {revoke.error && <span className="neg small">{revoke.error.message}</span>}
    </form>
  )
}

const SEQUENCE_TEXT: Record<MandateRow['sequence'], string> = {
  FRST: 'first collection not yet paid',
  RCUR: 'recurring: a collection has been paid',
  OOFF: 'one-off',
  FNAL: 'final collection'
}

function MandateForm({ debtorId, onClose, onAdded }: { debtorId: number; onClose: () => void; onAdded: (umr: string) => void }) {
  const info = useApi('app.info', {}, { staleTime: Infinity })
  const today = info.data?.today
  const create = useApiMutation('mandates.create')
  // The server refuses a future signature date too, but only as a message without a field; catch it here.
  const spec = (): Record<string, Converter> => ({
    debtorId: () => debtorId,
    umr: (r) => r.trim(),
    signatureDate: (r) => {
      if (today && r > today) throw new FieldError('cannot be after the business date')
      return r
    },
    scheme: (r) => r,
    iban: (r) => r.replace(/\s+/g, '').toUpperCase(),
    bic: (r) => optText(r)
  })
  const initial: Values = { umr: '', signatureDate: today ?? '', scheme: 'CORE', iban: '', bic: '' }
  const form = useSchemaForm(createSchema as z.ZodType, spec, initial)
  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const r = await form.submit((input) => create.mutateAsync(input as z.input<typeof createSchema>))
    if (r) onAdded(r.umr)
  }
  return (
    <form className="form dd-mandate-form" onSubmit={onSubmit} noValidate aria-label="New mandate">
      <FormError message={form.formError} />
      <div className="dd-grid">
        <TextField label="Mandate reference (UMR)" {...form.field('umr')} autoFocus hint="as printed on the signed mandate" />
        <TextField label="Signature date" type="date" {...form.field('signatureDate')} />
        <SelectField label="Scheme" {...form.field('scheme')} options={['CORE', 'B2B']} hint="B2B: companies only" />
        <TextField label="IBAN" {...form.field('iban')} />
        <TextField label="BIC" {...form.field('bic')} hint="optional" />
      </div>
      <div className="dd-actions">
        <button type="submit" className="primary" disabled={form.busy}>
          Add mandate
        </button>
        <button type="button" className="link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  )
}
