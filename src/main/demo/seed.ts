import type { LocalDate } from '../../shared/dates'
import type { Ledger } from '../db/open'

export interface SeedOptions {
  seed: number
  invoices: number
  today: LocalDate
  onProgress?: (done: number, total: number) => void
}

export interface SeedSummary {
  clients: number
  debtors: number
  invoices: number
  journalLines: number
  ms: number
}

/** Deterministic demo ledger. Being written in the demo-data work; see tests/integration/seed.test.ts. */
export function seedDemo(_ledger: Ledger, _opts: SeedOptions): SeedSummary {
  throw new Error('demo data generator not implemented yet')
}
