import { useState } from 'react'
import { clientInput, type ClientRow } from '../../../../shared/contract'
import { FormError, FormSection, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { PartyFields, partySpec, partyValues } from '../../components/PartyFields'
import { optText } from '../../lib/convert'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useApi, useApiMutation } from '../../lib/query'
import { Link, navigate } from '../../lib/router'
import { agreementSpec, agreementValues } from './agreement-form'
import { AgreementFields } from './AgreementFields'

const opt: Converter = (r) => optText(r)

function clientSpec(v: Values): Record<string, Converter> {
  return { ...partySpec, iban: opt, bic: opt, ...agreementSpec(v) }
}

function clientValues(c?: ClientRow): Values {
  return { ...partyValues(c), iban: c?.iban ?? '', bic: c?.bic ?? '', ...agreementValues(c?.agreement) }
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
            {client && (
              <Link to={`/clients/${client.id}/statement`} className="button">
                Statement
              </Link>
            )}
            <button type="submit" className="primary" disabled={form.busy}>
              {client ? 'Save changes' : 'Create client'}
            </button>
          </>
        }
      />
      <FormError message={form.formError} />
      <FormSection title="Company">
        <PartyFields f={f} autoFocus={!client} countryPlaceholder="SE" />
        <TextField label="IBAN" {...f('iban')} hint="where advances and rebates are paid" />
        <TextField label="BIC" {...f('bic')} />
      </FormSection>
      <AgreementFields form={form} />
    </form>
  )
}
