import { z } from 'zod'
import { USER_ROLES, type UserRole } from '../statuses'
import { id } from './common'
import { method } from './define'

export const factorDetailsSchema = z.object({
  name: z.string().trim().min(2).max(120),
  address: z.string().trim().max(200).default(''),
  postalCode: z.string().trim().max(20).default(''),
  city: z.string().trim().max(80).default(''),
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter ISO country code'),
  iban: z.string().trim().max(40),
  bic: z.string().trim().max(11),
  sepaCreditorId: z.string().trim().max(35).default(''),
  email: z.string().trim().max(120).default(''),
  phone: z.string().trim().max(40).default(''),
  /** A PNG or JPEG as a data: URL, printed on documents. */
  logo: z.string().max(1_500_000).regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, 'must be a PNG or JPEG image').default('')
})
export type FactorDetails = z.infer<typeof factorDetailsSchema>

export const jobSettingsInput = z.object({
  /** Absolute path of a folder watched for bank files, or null to turn the watcher off. */
  bankFolder: z.string().trim().min(1, 'choose a folder or turn the watcher off').max(1000).nullable(),
  remindersEnabled: z.boolean()
})
export type JobSettingsInput = z.infer<typeof jobSettingsInput>

export interface UserRow {
  id: number
  name: string
  role: UserRole
  active: boolean
}

export interface LedgerStats {
  clients: number
  debtors: number
  invoices: number
  invoicesByStatus: Record<string, number>
  openBalance: { currency: string; amount: number }[]
  journal: { balanced: boolean; entries: number; lines: number; totals: { currency: string; sum: number }[] }
}

export interface AuditRow {
  id: number
  at: number
  userName: string | null
  action: string
  entity: string
  entityId: string | null
  details: Record<string, unknown> | null
}

export const adminContract = {
  'settings.getFactor': method(z.object({})).returns<FactorDetails | null>(),
  'settings.setFactor': method(factorDetailsSchema).returns<FactorDetails>(),
  'users.list': method(z.object({})).returns<UserRow[]>(),
  'users.create': method(z.object({ name: z.string().trim().min(2).max(80), role: z.enum(USER_ROLES) })).returns<UserRow>(),
  'users.update': method(z.object({ id, name: z.string().trim().min(2).max(80), role: z.enum(USER_ROLES), active: z.boolean() })).returns<UserRow>(),
  'settings.getJobs': method(z.object({})).returns<JobSettingsInput>(),
  'settings.setJobs': method(jobSettingsInput).returns<JobSettingsInput>(),
  'ledger.stats': method(z.object({})).returns<LedgerStats>(),
  'audit.list': method(z.object({ entity: z.string().optional(), entityId: z.string().optional(), limit: z.number().int().min(1).max(500).default(100) })).returns<AuditRow[]>(),
  'app.info': method(z.object({})).returns<{ version: string; ledgerPath: string; today: string; locale: string | null }>()
}
