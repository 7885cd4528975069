import type { z } from 'zod'
import type { MethodDef } from './define'
import { adminContract } from './admin'
import { documentsContract } from './documents'
import { dashboardContract } from './dashboard'
import { invoicesContract } from './invoices'
import { partiesContract } from './parties'
import { requestsContract } from './requests'
import { paymentsContract } from './payments'
import { collectionsContract } from './collections'

/**
 * Every method the renderer (over IPC or HTTP) and the CLI can call. Each domain keeps its own file;
 * add a domain by spreading its map here. A duplicate name is a type error (see the check below).
 */
export const contract = {
  ...adminContract,
  ...documentsContract,
  ...partiesContract,
  ...invoicesContract,
  ...dashboardContract,
  ...requestsContract,
  ...paymentsContract,
  ...collectionsContract
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<K extends MethodName> = z.output<Contract[K]['input']>
/** What a caller may send (before zod fills in defaults). */
export type MethodCallInput<K extends MethodName> = z.input<Contract[K]['input']>
export type MethodOutput<K extends MethodName> = Contract[K] extends MethodDef<z.ZodType, infer O> ? O : never

/** Push events from main to the renderer. */
export interface Events {
  'ledger.changed': { scope: string[] }
  'job.progress': { job: string; done: number; total: number; message?: string }
}
export type EventName = keyof Events

export * from './define'
export * from './common'
export * from './parties'
export * from './invoices'
export * from './admin'
export * from './documents'
export * from './dashboard'
export * from './requests'
export * from './payments'
export * from './collections'
