import { debtorInput, type DebtorDetail } from '../../../../shared/contract'
import { FormError, FormSection, SelectField, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { PartyFields, partySpec, partyValues } from '../../components/PartyFields'
import { decimalMarkOf, describeMinor, majorToMinor, minorToMajor, optText } from '../../lib/convert'
import { prefs } from '../../lib/prefs'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useApi, useApiMutation } from '../../lib/query'
import { Link, navigate } from '../../lib/router'
import { CURRENCIES } from '../clients/AgreementFields'

const opt: Converter = (r) => optText(r)
const spec = (v: Values): Record<string, Converter> => ({
  ...partySpec,
  phone: opt,
  language: (r) => r.trim().toLowerCase(),
  creditLimit: Object.assign((r: string) => majorToMinor(r, v.limitCurrency, decimalMarkOf(prefs.get().locale)), { describe: describeMinor(v.limitCurrency) }),
  limitCurrency: (r) => r,
  riskClass: (r) => r,
  paymentRating: (r) => r
})

function values(d?: DebtorDetail): Values {
  return {
    ...partyValues(d),
    phone: d?.phone ?? '',
    language: d?.language ?? 'en',
    creditLimit: d ? minorToMajor(d.creditLimit, d.limitCurrency) : '0.00',
    limitCurrency: d?.limitCurrency ?? 'EUR',
    riskClass: d?.riskClass ?? 'standard',
    paymentRating: d?.paymentRating ?? 'B'
  }
}

export function DebtorEditPage({ params }: { params: Record<string, string> }) {
  const id = params.id ? Number(params.id) : null
  const q = useApi('debtors.get', { id: id ?? 0 }, { enabled: id !== null })
  if (id === null) return <DebtorForm />
  return <Loading q={q}>{(d) => <DebtorForm key={d.id} debtor={d} />}</Loading>
}

function DebtorForm({ debtor }: { debtor?: DebtorDetail }) {
  const form = useSchemaForm(debtorInput, spec, values(debtor))
  const create = useApiMutation('debtors.create')
  const update = useApiMutation('debtors.update')
  const f = (p: string) => form.field(p)
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    const r = await form.submit((input) => (debtor ? update.mutateAsync({ id: debtor.id, patch: input }) : create.mutateAsync(input)))
    if (r) navigate(`/debtors/${r.id}`)
  }
  const back = debtor ? `/debtors/${debtor.id}` : '/debtors'
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={debtor ? 'Edit debtor' : 'New debtor'}>
      <PageHeader
        title={debtor ? `Edit ${debtor.name}` : 'New debtor'}
        subtitle={<Link to={back}>← {debtor ? debtor.name : 'Debtors'}</Link>}
        actions={
          <button type="submit" className="primary" disabled={form.busy}>
            {debtor ? 'Save changes' : 'Create debtor'}
          </button>
        }
      />
      <FormError message={form.formError} />
      <FormSection title="Company">
        <PartyFields f={f} autoFocus={!debtor} countryPlaceholder="DE" emailHint="where reminders and statements go" />
        <TextField label="Phone" {...f('phone')} />
        <TextField label="Language" {...f('language')} hint="for letters, e.g. en, de, sv" />
      </FormSection>
      <FormSection title="Credit">
        <TextField label="Credit limit" suffix={form.values.limitCurrency} inputMode="decimal" {...f('creditLimit')} hint="across all clients" />
        <SelectField label="Limit currency" {...f('limitCurrency')} options={CURRENCIES} />
        <SelectField label="Risk class" {...f('riskClass')} options={['low', 'standard', 'high']} />
        <SelectField label="Payment rating" {...f('paymentRating')} options={['A', 'B', 'C', 'D', 'E']} hint="A pays on time … E > 60 days late" />
      </FormSection>
    </form>
  )
}
