import { useState } from 'react'
import { clientInput, type ClientRow } from '../../../../shared/contract'
import { FormSection, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { optText } from '../../lib/convert'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useApi, useApiMutation } from '../../lib/query'
import { Link, navigate } from '../../lib/router'
import { agreementSpec, agreementValues } from './agreement-form'
import { AgreementFields } from './AgreementFields'

const text: Converter = (r) => r.trim()
const upper: Converter = (r) => r.trim().toUpperCase()
const opt: Converter = (r) => optText(r)

function clientSpec(v: Values): Record<string, Converter> {
  return { name: text, regNo: opt, country: upper, address: opt, postalCode: opt, city: opt, email: opt, iban: opt, bic: opt, ...agreementSpec(v) }
}

function clientValues(c?: ClientRow): Values {
  return {
    name: c?.name ?? '',
    regNo: c?.regNo ?? '',
    country: c?.country ?? '',
    address: c?.address ?? '',
    postalCode: c?.postalCode ?? '',
    city: c?.city ?? '',
    email: c?.email ?? '',
    iban: c?.iban ?? '',
    bic: c?.bic ?? '',
    ...agreementValues(c?.agreement)
  }
}

export function ClientEditPage({ params }: { params: Record<string, string> }) {
  const id = params.id ? Number(params.id) : null
  const q = useApi('clients.get', { id: id ?? 0 }, { enabled: id !== null })
  if (id === null) return <ClientForm />
  return <Loading q={q}>{(c) => <ClientForm key={c.id} client={c} />}</Loading>
}

function ClientForm({ client }: { client?: ClientRow }) {
  const form = useSchemaForm(clientInput, clientSpec, clientValues(client))
  const create = useApiMutation('clients.create')
  const update = useApiMutation('clients.update')
  const [saved, setSaved] = useState(false)
  const f = (p: string) => form.field(p)

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    setSaved(false)
    const r = await form.submit((input) => (client ? update.mutateAsync({ id: client.id, patch: input }) : create.mutateAsync(input)))
    if (!r) return
    setSaved(true)
    if (!client) navigate(`/clients/${r.id}`)
    else form.reset(clientValues(r))
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={client ? 'Edit client' : 'New client'}>
      <PageHeader
        title={client ? client.name : 'New client'}
        subtitle={<Link to="/clients">← Clients</Link>}
        actions={
          <>
            {saved && !form.dirty && <span className="saved" role="status">Saved</span>}
            <button type="submit" className="primary" disabled={form.busy}>
              {client ? 'Save changes' : 'Create client'}
            </button>
          </>
        }
      />
      {form.formError && <div className="panel error" role="alert">{form.formError}</div>}
      <FormSection title="Company">
        <TextField label="Name" wide {...f('name')} autoFocus={!client} />
        <TextField label="Registration no." {...f('regNo')} />
        <TextField label="Country" {...f('country')} placeholder="SE" hint="two-letter ISO code" />
        <TextField label="Address" wide {...f('address')} />
        <TextField label="Postal code" {...f('postalCode')} />
        <TextField label="City" {...f('city')} />
        <TextField label="E-mail" type="email" inputMode="email" {...f('email')} />
        <TextField label="IBAN" {...f('iban')} hint="where advances and rebates are paid" />
        <TextField label="BIC" {...f('bic')} />
      </FormSection>
      <AgreementFields form={form} />
    </form>
  )
}
