import { createBackend, type Backend } from '../../src/main/backend'
import { openLedger } from '../../src/main/db/open'
import { fixedClock, type LocalDate } from '../../src/shared/dates'
import { defaultAgreement, type Agreement } from '../../src/shared/agreement'
import type { MethodCallInput, MethodName, MethodOutput } from '../../src/shared/contract'

/** A fresh in-memory ledger, migrated, with a fixed clock: what every integration test starts from. */
export function testBackend(today: LocalDate = '2026-11-23'): Backend & { call2: <K extends MethodName>(m: K, i: MethodCallInput<K>, userId?: number | null) => Promise<MethodOutput<K>> } {
  const backend = createBackend(openLedger(':memory:'), { clock: fixedClock(today), log: () => {} })
  return Object.assign(backend, {
    async call2<K extends MethodName>(m: K, i: MethodCallInput<K>, userId: number | null = null): Promise<MethodOutput<K>> {
      const r = await backend.call(m, i, { userId, transport: 'test' })
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
      return r.data as MethodOutput<K>
    }
  })
}

export function anAgreement(over: Partial<Agreement> = {}): Agreement {
  return { ...defaultAgreement, ...over }
}
