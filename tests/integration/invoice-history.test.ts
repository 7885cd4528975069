import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/main/demo/seed'
import { testBackend } from '../support/backend'

describe('invoices.history', () => {
  const b = testBackend('2026-11-23')
  seedDemo(b.ledger, { seed: 7, invoices: 1500, today: '2026-11-23' })
  const pick = (status: string) => b.ledger.sqlite.prepare('select id from invoice where status = ? order by id limit 1').pluck().get(status) as number

  for (const status of ['paid', 'partly_paid', 'funded', 'written_off']) {
    it(`lists the entries of a ${status} invoice, oldest first, whose receivables lines add up to its open amount`, async () => {
      const id = pick(status)
      const inv = await b.call2('invoices.get', { id })
      const h = await b.call2('invoices.history', { id })
      expect(h[0].kind).toBe('funding')
      expect(h.map((e) => e.date)).toEqual([...h.map((e) => e.date)].sort())
      const receivables = h.flatMap((e) => e.lines).filter((l) => l.account === 'receivables')
      expect(receivables.reduce((s, l) => s + l.amount, 0)).toBe(inv.openAmount)
      expect(receivables.every((l) => l.currency === inv.currency)).toBe(true)
      if (status !== 'funded') expect(h.length).toBeGreaterThan(1)
    })
  }

  it('shows only the lines about this invoice from an entry that covers many', async () => {
    const id = pick('paid')
    const h = await b.call2('invoices.history', { id })
    const funding = h.find((e) => e.kind === 'funding')!
    const covered = b.ledger.sqlite.prepare("select count(distinct invoice_id) from journal_line where entry_id = ? and invoice_id is not null").pluck().get(funding.entryId) as number
    const face = (await b.call2('invoices.get', { id })).face
    expect(funding.lines.filter((l) => l.account === 'receivables')).toEqual([{ account: 'receivables', accountName: 'Purchased receivables', currency: expect.any(String), amount: face }])
    if (covered > 1) expect(funding.lines.length).toBeLessThan(covered + 3)
  })

  it('refuses an invoice that does not exist', async () => {
    const r = await b.call('invoices.history', { id: 99_999_999 }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND')
  })
})
