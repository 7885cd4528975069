import type { ReactNode } from 'react'
import type { ClientRow } from '../../../shared/contract'
import { optText } from '../lib/convert'
import type { Converter, Values } from '../lib/form'
import { TextField } from './Field'

type Party = Pick<ClientRow, 'name' | 'regNo' | 'country' | 'address' | 'postalCode' | 'city' | 'email'>
type FieldOf = (path: string) => { name: string; value: string; error?: string; onChange: (v: string) => void }

const opt: Converter = (r) => optText(r)

/** Name, registration no., postal address and e-mail: what the client and debtor forms both ask for. */
export const partySpec: Record<keyof Party, Converter> = {
  name: (r) => r.trim(),
  regNo: opt,
  country: (r) => r.trim().toUpperCase(),
  address: opt,
  postalCode: opt,
  city: opt,
  email: opt
}

export function partyValues(p?: Party): Values {
  return {
    name: p?.name ?? '',
    regNo: p?.regNo ?? '',
    country: p?.country ?? '',
    address: p?.address ?? '',
    postalCode: p?.postalCode ?? '',
    city: p?.city ?? '',
    email: p?.email ?? ''
  }
}

/** The fields of partySpec, in form order; put them inside a FormSection, followed by the party's own fields. */
export function PartyFields({ f, autoFocus, countryPlaceholder, emailHint }: { f: FieldOf; autoFocus: boolean; countryPlaceholder: string; emailHint?: ReactNode }) {
  return (
    <>
      <TextField label="Name" wide {...f('name')} autoFocus={autoFocus} />
      <TextField label="Registration no." {...f('regNo')} />
      <TextField label="Country" {...f('country')} placeholder={countryPlaceholder} hint="two-letter ISO code" />
      <TextField label="Address" wide {...f('address')} />
      <TextField label="Postal code" {...f('postalCode')} />
      <TextField label="City" {...f('city')} />
      <TextField label="E-mail" type="email" inputMode="email" {...f('email')} hint={emailHint} />
    </>
  )
}
