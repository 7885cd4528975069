import { describe, expect, it } from 'vitest'
import { anAgreement, testBackend } from '../support/backend'

describe('ledger basics through the API', () => {
  it('creates a client with a validated agreement and lists it', async () => {
    const b = testBackend()
    const c = await b.call2('clients.create', { name: 'Nordic Tools AB', country: 'SE', iban: 'SE45 5000 0000 0583 9825 7466', agreement: anAgreement({ currency: 'SEK' }) })
    expect(c.iban).toBe('SE4550000000058398257466')
    const page = await b.call2('clients.list', { search: 'nordic' })
    expect(page.total).toBe(1)
    expect(page.rows[0].agreement.currency).toBe('SEK')
  })

  it('refuses bad input naming the field', async () => {
    const b = testBackend()
    const r = await b.call('clients.create', { name: 'X', country: 'Sweden', agreement: anAgreement() }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT')
      expect(r.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'country']))
    }
    const bad = await b.call('clients.create', { name: 'Good Name', country: 'SE', iban: 'SE45 5000 0000 0583 9825 7467', agreement: anAgreement() }, { userId: null, transport: 'test' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toMatch(/iban/)
  })
})
