import { useState } from 'react'
import { factorDetailsSchema, type FactorDetails } from '../../../../shared/contract'
import { FormSection, TextField } from '../../components/Field'
import { PanelForm } from '../../components/PanelForm'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useApiMutation } from '../../lib/query'

const text: Converter = (r) => r.trim()
const compact: Converter = (r) => r.replace(/\s+/g, '').toUpperCase()
const spec = (): Record<string, Converter> => ({
  name: text,
  address: text,
  postalCode: text,
  city: text,
  country: (r) => r.trim().toUpperCase(),
  iban: compact,
  bic: compact,
  sepaCreditorId: compact,
  email: text,
  phone: text,
  logo: (r) => r
})
const FIELDS = ['name', 'address', 'postalCode', 'city', 'country', 'iban', 'bic', 'sepaCreditorId', 'email', 'phone', 'logo'] as const

function values(f: FactorDetails | null): Values {
  return Object.fromEntries(FIELDS.map((k) => [k, f?.[k] ?? ''])) as Values
}

const MAX_LOGO_BYTES = 1_000_000

/** The factor's own details, printed on letters, statements and SEPA files. */
export function FactorForm({ factor }: { factor: FactorDetails | null }) {
  const form = useSchemaForm(factorDetailsSchema, spec, values(factor))
  const save = useApiMutation('settings.setFactor')
  const [saved, setSaved] = useState(false)
  const [logoError, setLogoError] = useState<string | null>(null)
  const f = (p: string) => form.field(p)

  function onLogo(file: File | undefined) {
    setLogoError(null)
    if (!file) return
    if (!/^image\/(png|jpeg)$/.test(file.type)) return setLogoError('choose a PNG or JPEG image')
    if (file.size > MAX_LOGO_BYTES) return setLogoError('the image is larger than 1 MB')
    const reader = new FileReader()
    reader.onload = () => form.set('logo', String(reader.result))
    reader.onerror = () => setLogoError('could not read the file')
    reader.readAsDataURL(file)
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    setSaved(false)
    const r = await form.submit((input) => save.mutateAsync(input))
    if (r) {
      form.reset(values(r))
      setSaved(true)
    }
  }

  return (
    <PanelForm label="Factor details" title="Your company" saveLabel="Save details" saved={saved && !form.dirty} busy={form.busy} formError={form.formError} onSubmit={onSubmit}>
      <FormSection title="Company">
        <TextField label="Name" wide {...f('name')} />
        <TextField label="Address" wide {...f('address')} />
        <TextField label="Postal code" {...f('postalCode')} />
        <TextField label="City" {...f('city')} />
        <TextField label="Country" {...f('country')} placeholder="SE" hint="two-letter ISO code" />
        <TextField label="E-mail" {...f('email')} />
        <TextField label="Phone" {...f('phone')} />
      </FormSection>
      <FormSection title="Bank and SEPA">
        <TextField label="IBAN" {...f('iban')} hint="debtors pay here; printed on every invoice notice" />
        <TextField label="BIC" {...f('bic')} />
        <TextField label="SEPA creditor id" {...f('sepaCreditorId')} hint="for direct debits, e.g. DE98ZZZ09999999999" />
      </FormSection>
      <FormSection title="Logo">
        <div className="field wide logo-field">
          {form.values.logo ? <img src={form.values.logo} alt="Logo" className="logo-preview" /> : <div className="logo-preview empty">No logo</div>}
          <div>
            <label className="button">
              Choose image…
              <input type="file" accept="image/png,image/jpeg" hidden onChange={(e) => onLogo(e.target.files?.[0])} />
            </label>
            {form.values.logo && (
              <button type="button" className="link danger" onClick={() => form.set('logo', '')}>
                Remove
              </button>
            )}
            <div className={logoError || form.errorFor('logo') ? 'field-error' : 'field-hint'}>{logoError ?? form.errorFor('logo') ?? 'PNG or JPEG, up to 1 MB; printed on documents'}</div>
          </div>
        </div>
      </FormSection>
    </PanelForm>
  )
}
