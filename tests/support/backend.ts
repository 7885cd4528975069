import { createBackend, type Backend } from '../../src/main/backend'
import { openLedger } from '../../src/main/db/open'
import { checkJournal } from '../../src/main/db/repos/journal-repo'
import { fixedClock, type LocalDate } from '../../src/shared/dates'
import { defaultAgreement, type Agreement } from '../../src/shared/agreement'
import type { MethodCallInput, MethodName, MethodOutput } from '../../src/shared/contract'

export type TestBackend = Backend & { call2: <K extends MethodName>(m: K, i: MethodCallInput<K>, userId?: number | null) => Promise<MethodOutput<K>> }

/**
 * A fresh in-memory ledger, migrated, with a fixed clock: what every integration test starts from.
 * Every API call through it re-checks the ledger's core invariant: the journal balances per entry
 * and per currency. A service that posts half an entry fails the test that called it.
 */
export function testBackend(today: LocalDate = '2026-11-23'): TestBackend {
  const backend = createBackend(openLedger(':memory:'), { clock: fixedClock(today), log: () => {} })
  const rawCall = backend.call
  backend.call = async (method, input, ctx) => {
    const r = await rawCall(method, input, ctx)
    const j = checkJournal(backend.ledger)
    if (!j.balanced) throw new Error(`journal out of balance after ${method}: entries ${j.unbalancedEntries.join(', ')}; totals ${JSON.stringify(j.totals)}`)
    return r
  }
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
