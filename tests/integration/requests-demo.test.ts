import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { openLedger, type Ledger } from '../../src/main/db/open'
import { seedDemo } from '../../src/main/demo/seed'
import { finishDemoRequests } from '../../src/main/services/request-demo'
import { createServices } from '../../src/main/backend'
import { fixedClock } from '../../src/shared/dates'
import { recheckStored } from '../../src/main/services/request-recheck'
import { clientTerms } from '../../src/main/db/repos/request-snapshot-repo'

vi.mock('electron', () => ({}))

const TODAY = '2026-11-23'

function demoLedger(): { ledger: Ledger; finished: ReturnType<typeof finishDemoRequests> } {
  const ledger = openLedger(':memory:')
  seedDemo(ledger, { seed: 1, invoices: 6000, today: TODAY })
  return { ledger, finished: finishDemoRequests(ledger, TODAY) }
}

const checkDigest = (l: Ledger) => createHash('sha256').update(JSON.stringify(l.sqlite.prepare('select request_id, invoice_id, code, severity, message from request_check order by id').raw().all())).digest('hex')

describe('the demo approval queue carries real checks', () => {
  const { ledger, finished } = demoLedger()
  const services = createServices({ ledger, clock: fixedClock(TODAY), emit: () => {} } as never)

  it('gives every generated open request the checks intake gives, and imports one client file through intake', () => {
    expect(finishDemoRequests.length).toBe(2)
    expect(finished.checkedRequests).toBeGreaterThanOrEqual(3)
    const q = services.requestApproval.queue({ status: 'waiting' })
    const flagged = q.rows.filter((r) => r.withErrors + r.withWarnings > 0)
    expect(flagged.length).toBeGreaterThanOrEqual(3)
    const codes = new Set(q.rows.flatMap((r) => services.requestApproval.get(r.id).flags.map((f) => f.code)))
    for (const c of ['DUPLICATE', 'DEBTOR_LIMIT', 'NO_NOTICE', 'VERIFICATION', 'NEW_DEBTOR', 'OVER_AGE']) expect(codes, c).toContain(c)
  })

  it('flags the client file the way a user importing it would see', () => {
    const imp = finished.imported!
    expect(imp.requestId).toBeGreaterThan(0)
    const by = (code: string) => imp.rows.filter((r) => r.checks.some((c) => c.code === code)).map((r) => r.debtorMatch)
    expect(by('NEW_DEBTOR')).toEqual(['new', 'new'])
    expect(by('DUPLICATE')).toEqual(['reg_no'])
    expect(by('DEBTOR_LIMIT').length).toBeGreaterThanOrEqual(1)
    expect(by('OVER_AGE').length).toBe(1)
    expect(imp.rows.filter((r) => r.checks.length === 0).length).toBeGreaterThanOrEqual(2)
  })

  it('checks stored for the generated requests are what checking them again now finds', () => {
    const only = openLedger(':memory:')
    seedDemo(only, { seed: 1, invoices: 6000, today: TODAY })
    expect(finishDemoRequests(only, TODAY, { clientFile: false }).imported).toBeNull()
    const ctx = { ledger: only, clock: fixedClock(TODAY), emit: () => {} }
    const svc = createServices(ctx as never)
    for (const r of svc.requestApproval.queue({ status: 'waiting' }).rows) {
      const fresh = recheckStored(ctx, clientTerms(only, r.clientId)!, r.id, { today: TODAY, mode: 'intake' })
      const stored = svc.requestApproval.invoicesOf(r.id)
      expect(stored.map((i) => i.checks.map((c) => [c.code, c.message])), `request ${r.id}`).toEqual(stored.map((i) => fresh.get(i.id)!.map((c) => [c.code, c.message])))
    }

    // A second pass finds no unchecked open request, and the same seed gives the same check rows.
    expect(finishDemoRequests(ledger, TODAY)).toEqual({ checkedRequests: 0, imported: null })
    const again = demoLedger()
    expect(checkDigest(again.ledger)).toBe(checkDigest(ledger))
  })
})
