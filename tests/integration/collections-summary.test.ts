import { describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import { aClientAndDebtor, bytesOf, camt053, fundedInvoice } from './statement-fixtures'
import { addInvoice, collectionsLedger } from './collections-fixture'

const ids = (page: { rows: { debtorId: number }[] }) => page.rows.map((r) => r.debtorId)

describe('the stored collection summary stays current', () => {
  it('a statement import that settles a debtor takes it off the worklist at once, without a scheduler tick', async () => {
    const b = testBackend('2026-11-23')
    const { clientId, debtorId } = await aClientAndDebtor(b, 'Settles Today AB')
    const other = b.services.parties.createDebtor({ name: 'Still Owes AB', country: 'SE', language: 'sv', creditLimit: 0, limitCurrency: 'EUR', riskClass: 'standard', paymentRating: 'B' }, null).id
    const a = fundedInvoice(b.ledger, { clientId, debtorId, number: 'F-1', face: 300_00, dueDate: '2026-10-31' })
    const c = fundedInvoice(b.ledger, { clientId, debtorId, number: 'F-2', face: 200_00, dueDate: '2026-11-10' })
    fundedInvoice(b.ledger, { clientId, debtorId: other, number: 'F-3', face: 900_00, dueDate: '2026-11-01' })
    await b.call2('collections.refresh', {})
    expect(ids(await b.call2('collections.worklist', {})).sort()).toEqual([debtorId, other].sort())

    // One partial payment first: the debtor stays, with the smaller amount.
    b.services.statementImport.commit({ fileName: 'p1.xml', bytes: bytesOf(camt053([{ amount: 300_00, ref: a.rfRef }], { id: 'S1' })) }, { source: 'cli', userId: null })
    const row = (await b.call2('collections.worklist', {})).rows.find((r) => r.debtorId === debtorId)!
    expect([row.overdueAmount, row.overdueCount]).toEqual([200_00, 1])

    b.services.statementImport.commit({ fileName: 'p2.xml', bytes: bytesOf(camt053([{ amount: 200_00, ref: c.rfRef }], { id: 'S2' })) }, { source: 'cli', userId: null })
    expect(ids(await b.call2('collections.worklist', {}))).toEqual([other])
    expect((await b.call2('collections.debtor', { debtorId })).summary).toBeNull()
  })

  it('refreshes only the debtors posted to since the last refresh, and nothing when nothing was posted', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const d1 = await debtor('One GmbH', 'standard')
    const d2 = await debtor('Two GmbH', 'standard')
    addInvoice(b, clientId, d1, 100_000, '2026-10-01')
    addInvoice(b, clientId, d2, 100_000, '2026-10-01')
    b.services.collection.refresh()
    expect(b.services.collection.refreshChanged().debtorIds).toEqual([])
    addInvoice(b, clientId, d2, 50_000, '2026-10-05')
    expect(b.services.collection.refreshChanged().debtorIds).toEqual([d2])
    expect((await b.call2('collections.worklist', {})).rows.find((r) => r.debtorId === d2)!.overdueAmount).toBe(150_000)
    expect(b.services.collection.refreshChanged().debtorIds).toEqual([])
  })
})

describe('debtors owing in several currencies', () => {
  it('ranks by the sum in the base currency and shows every currency on the row', async () => {
    const { b, clientId, debtor } = await collectionsLedger('2026-11-23')
    const euro = await debtor('Euro Only GmbH', 'standard', { creditLimit: 0 })
    const mixed = await debtor('Mixed Kronor AB', 'standard', { creditLimit: 0 })
    const kronor = await debtor('Kronor Only AB', 'standard', { creditLimit: 0 })
    addInvoice(b, clientId, euro, 1_500_000, '2026-10-01')
    // 60,000 SEK is about 5,220 EUR at the shipped ranking rate, plus 12,000 EUR: more than Euro Only's 15,000.
    addInvoice(b, clientId, mixed, 1_200_000, '2026-10-01')
    addInvoice(b, clientId, mixed, 6_000_000, '2026-10-01', 'SEK')
    // 160,000 SEK is about 13,920 EUR: counted as kronor it would be the biggest debt here, as euros it is not.
    addInvoice(b, clientId, kronor, 16_000_000, '2026-10-01', 'SEK')
    await b.call2('collections.refresh', {})
    const page = await b.call2('collections.worklist', {})
    expect(ids(page)).toEqual([mixed, euro, kronor])
    const m = page.rows[0]
    expect(m.currencies).toEqual([{ currency: 'EUR', overdue: 1_200_000 }, { currency: 'SEK', overdue: 6_000_000 }])
    expect(m.overdueInBase).toEqual({ currency: 'EUR', amount: 1_722_000 })
    expect(m.why).toMatch(/^12000\.00 EUR \+ 60000\.00 SEK overdue \(≈ 17220\.00 EUR\)/)
    expect(page.rows[2]).toMatchObject({ currency: 'SEK', overdueAmount: 16_000_000, overdueInBase: null })
    // The currency filter finds a debtor by any currency it owes, not only the one its row leads with.
    expect(ids(await b.call2('collections.worklist', { currency: 'SEK' })).sort()).toEqual([mixed, kronor].sort())

    // The rate table is the firm's: at 1 SEK = 1 EUR the kronor debtor tops the list.
    const s = await b.call2('collections.settings', {})
    await b.call2('collections.saveSettings', { ...s, ranking: { base: 'EUR', rates: { SEK: 1 } } })
    await b.call2('collections.refresh', {})
    expect(ids(await b.call2('collections.worklist', {}))).toEqual([kronor, mixed, euro])
  })
})
