import { z } from 'zod'
import { agreementSchema, type Agreement } from '../agreement'
import { country, currency, id, localDate, minorAmount, pageInput, type Page } from './common'
import { method } from './define'

export const clientInput = z.object({
  name: z.string().trim().min(2, 'name needs at least 2 characters').max(120),
  regNo: z.string().trim().max(40).nullish(),
  country,
  address: z.string().trim().max(200).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  city: z.string().trim().max(80).nullish(),
  email: z.email('must be an e-mail address').nullish().or(z.literal('').transform(() => null)),
  iban: z.string().trim().max(40).nullish(),
  bic: z.string().trim().max(11).nullish(),
  agreement: agreementSchema
})
export type ClientInput = z.infer<typeof clientInput>

export interface ClientRow {
  id: number
  name: string
  regNo: string | null
  country: string
  address: string | null
  postalCode: string | null
  city: string | null
  email: string | null
  iban: string | null
  bic: string | null
  agreement: Agreement
  active: boolean
  openInvoices: number
  openBalance: number
}

export const debtorInput = z.object({
  name: z.string().trim().min(2, 'name needs at least 2 characters').max(160),
  regNo: z.string().trim().max(40).nullish(),
  country,
  address: z.string().trim().max(200).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  city: z.string().trim().max(80).nullish(),
  email: z.email('must be an e-mail address').nullish().or(z.literal('').transform(() => null)),
  phone: z.string().trim().max(40).nullish(),
  language: z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as sv').default('en'),
  creditLimit: minorAmount.min(0, 'must not be negative'),
  limitCurrency: currency,
  riskClass: z.enum(['low', 'standard', 'high']),
  paymentRating: z.enum(['A', 'B', 'C', 'D', 'E']).default('B')
})
export type DebtorInput = z.infer<typeof debtorInput>

export interface DebtorRow {
  id: number
  name: string
  regNo: string | null
  country: string
  city: string | null
  email: string | null
  creditLimit: number
  limitCurrency: string
  riskClass: 'low' | 'standard' | 'high'
  paymentRating: string
  needsReview: boolean
  openBalance: number
  overdueBalance: number
  openInvoices: number
}

export interface DebtorDetail extends DebtorRow {
  address: string | null
  postalCode: string | null
  phone: string | null
  language: string
  ibans: string[]
  /** Exposure per currency, against the global limit. */
  exposure: { currency: string; open: number; overdue: number }[]
  limitUsageBp: number
  clients: { clientId: number; clientName: string; creditLimit: number | null; noaStatus: string; open: number }[]
  openItems: { id: number; number: string; clientName: string; currency: string; face: number; openAmount: number; issueDate: string; dueDate: string; daysOverdue: number; status: string; rfRef: string }[]
  history: { date: string; kind: string; memo: string; amount: number; currency: string; invoiceNumber: string | null }[]
}

const clientSort = z.enum(['name', 'country', 'openBalance'])
const debtorSort = z.enum(['name', 'country', 'creditLimit', 'openBalance', 'riskClass'])

export const partiesContract = {
  'clients.list': method(pageInput.extend({ sortBy: clientSort.default('name') })).returns<Page<ClientRow>>(),
  'clients.get': method(z.object({ id })).returns<ClientRow>(),
  'clients.create': method(clientInput).returns<ClientRow>(),
  'clients.update': method(z.object({ id, patch: clientInput })).returns<ClientRow>(),
  'debtors.list': method(pageInput.extend({ sortBy: debtorSort.default('name'), needsReview: z.boolean().optional() })).returns<Page<DebtorRow>>(),
  'debtors.get': method(z.object({ id, asOf: localDate.optional() })).returns<DebtorDetail>(),
  'debtors.create': method(debtorInput).returns<DebtorDetail>(),
  'debtors.update': method(z.object({ id, patch: debtorInput })).returns<DebtorDetail>()
}
