import { describe, expect, it } from 'vitest'
import { matchLines, type BankLine, type MatchIndex, type OpenItem } from '../../../src/core/matching'
import { normaliseName } from '../../../src/core/names'
import { occurrenceKeys } from '../../../src/core/matching/fingerprint'
import { makeRfReference } from '../../../src/core/rf-reference'
import { formatDate } from '../../../src/shared/dates'
import { formatMoney } from '../../../src/shared/money'
import { reasonText } from '../../../src/shared/reason-text'

function item(id: number, over: Partial<OpenItem> = {}): OpenItem {
  return { id, number: `INV-${1000 + id}`, clientId: 1, debtorId: 10, currency: 'EUR', face: 100_00, openAmount: 100_00, dueDate: `2026-10-${String(id).padStart(2, '0')}`, rfRef: makeRfReference(String(id).padStart(9, '0')), status: 'funded', ...over }
}

function indexOf(items: OpenItem[], over: Partial<MatchIndex> = {}): MatchIndex {
  const byNumber = new Map<string, OpenItem[]>()
  const openByDebtor = new Map<number, OpenItem[]>()
  for (const i of items) {
    byNumber.set(i.number.toUpperCase(), [...(byNumber.get(i.number.toUpperCase()) ?? []), i])
    openByDebtor.set(i.debtorId, [...(openByDebtor.get(i.debtorId) ?? []), i])
  }
  return { byRf: new Map(items.map((i) => [i.rfRef, i])), byNumber, debtorsByIban: new Map(), debtorsByName: new Map(), openByDebtor, directDebits: new Map(), ...over }
}

function line(over: Partial<BankLine>): BankLine {
  return { key: 0, amount: 100_00, currency: 'EUR', bookingDate: '2026-11-20', reference: null, remittance: null, counterpartyName: null, counterpartyAccount: null, endToEndId: null, ...over }
}

describe('matching ladder', () => {
  it('keeps the plain reason and adds a template whose amounts read in the reader\'s locale', () => {
    const a = item(1, { face: 18_000_00, openAmount: 18_000_00 })
    const [d] = matchLines([line({ amount: 17_640_00, remittance: 'INV-1001 less 2 % discount' })], indexOf([a]))
    const plain = 'invoice number INV-1001 found in the remittance text; paid 17640.00 EUR is short of the open 18000.00 EUR by 360.00 EUR (within the short-payment/discount tolerance): apply it, and close the difference against the client\'s reserve if accepted'
    expect(d).toMatchObject({ kind: 'suggested', reason: plain })
    const de = { money: (x: number, c: string) => formatMoney(x, c, 'de-DE'), date: (x: string) => formatDate(x, 'de-DE') }
    const shown = reasonText({ points: 0, text: d.reason, template: d.reasonTemplate, args: d.reasonArgs }, de).replace(/\u00a0/g, ' ')
    expect(shown).toContain('paid 17.640,00 € is short of the open 18.000,00 € by 360,00 €')
    // Without a template (lines stored before templates existed) the plain text is what shows.
    expect(reasonText({ points: 0, text: d.reason }, de)).toBe(plain)
    if (d.kind !== 'suggested') throw new Error('expected a suggestion')
    expect(d.candidates[0].reason).toBe('number in remittance text: invoice INV-1001, open 18000.00 EUR, due 2026-10-01')
    expect(reasonText({ points: 0, text: d.candidates[0].reason, template: d.candidates[0].reasonTemplate, args: d.candidates[0].reasonArgs }, de).replace(/\u00a0/g, ' ')).toBe(
      'number in remittance text: invoice INV-1001, open 18.000,00 €, due 01.10.2026'
    )
  })

  it('leaves a reason without a template when words from the bank file look like a placeholder', () => {
    const [d] = matchLines([line({ amount: 1_00, counterpartyName: 'Pay {0} Ltd' })], indexOf([item(1)], { debtorsByName: new Map([[normaliseName('Pay {0} Ltd'), [10]]]) }))
    expect(d.reason).toBe('payer name "Pay {0} Ltd" is debtor 10; no open invoice fits 1.00 EUR: allocate by hand')
    expect(d.reasonTemplate).toBeUndefined()
  })

  it('applies a structured RF reference automatically, partial and over payments included', () => {
    const a = item(1)
    const b = item(2)
    const [full, part, over] = matchLines(
      [line({ key: 0, reference: a.rfRef }), line({ key: 1, reference: b.rfRef, amount: 40_00 }), line({ key: 2, reference: b.rfRef, amount: 70_00 })],
      indexOf([a, b])
    )
    expect(full).toMatchObject({ kind: 'auto', rung: 'reference', allocations: [{ invoiceId: 1, amount: 100_00 }], unapplied: 0 })
    expect(part).toMatchObject({ kind: 'auto', allocations: [{ invoiceId: 2, amount: 40_00 }], unapplied: 0 })
    // The second payment finds only 60.00 still open: the rest stays visible as unapplied cash.
    expect(over).toMatchObject({ kind: 'auto', allocations: [{ invoiceId: 2, amount: 60_00 }], unapplied: 10_00 })
    expect(over.reason).toContain('unapplied')
  })

  it('does not apply a reference to an invoice that is already paid', () => {
    const a = item(1, { status: 'paid', openAmount: 0 })
    const [d] = matchLines([line({ reference: a.rfRef })], indexOf([a]))
    expect(d.kind).toBe('unmatched')
    expect(d.reason).toContain('already paid')
  })

  it('finds one payment for several invoices by numbers in the remittance text when the sum agrees', () => {
    const a = item(1, { openAmount: 30_00 })
    const b = item(2, { openAmount: 70_00 })
    const [d] = matchLines([line({ remittance: `Payment inv ${a.number}, ${b.number.toLowerCase()} thanks` })], indexOf([a, b]))
    expect(d).toMatchObject({ kind: 'auto', rung: 'remittance', allocations: [{ invoiceId: 1, amount: 30_00 }, { invoiceId: 2, amount: 70_00 }] })
  })

  it('only suggests an invoice number when the amount differs and the payer is not confirmed', () => {
    const a = item(1)
    const [d] = matchLines([line({ amount: 98_00, remittance: `Invoice ${a.number}` })], indexOf([a]))
    expect(d.kind).toBe('suggested')
    expect(d.reason).toContain('tolerance')
    if (d.kind === 'suggested') expect(d.candidates[0]).toMatchObject({ invoiceId: 1, amount: 98_00 })
  })

  it('refuses to pick between two clients invoices with the same number', () => {
    const a = item(1, { number: 'F-2001', clientId: 1, debtorId: 10 })
    const b = item(2, { number: 'F-2001', clientId: 2, debtorId: 20 })
    const [d] = matchLines([line({ remittance: 'F-2001' })], indexOf([a, b]))
    expect(d.kind).toBe('suggested')
    expect(d.reason).toContain('several clients')
  })

  it('uses a learned payer IBAN plus the exact amount, and suggests when two invoices share the amount', () => {
    const a = item(1, { openAmount: 55_00 })
    const b = item(2, { openAmount: 80_00 })
    const c = item(3, { openAmount: 80_00 })
    const idx = indexOf([a, b, c], { debtorsByIban: new Map([['SE4550000000058398257466', [10]]]) })
    const [one, two] = matchLines([line({ amount: 55_00, counterpartyAccount: 'SE45 5000 0000 0583 9825 7466' }), line({ key: 1, amount: 80_00, counterpartyAccount: 'SE4550000000058398257466' })], idx)
    expect(one).toMatchObject({ kind: 'auto', rung: 'iban_amount', allocations: [{ invoiceId: 1, amount: 55_00 }] })
    expect(two.kind).toBe('suggested')
    if (two.kind === 'suggested') expect(two.candidates.map((c) => c.invoiceId).sort()).toEqual([2, 3])
  })

  it('matches by debtor name and amount, tolerating an early-payment discount only as a suggestion', () => {
    const a = item(1, { openAmount: 1000_00 })
    const idx = indexOf([a], { debtorsByName: new Map([['nordic tools', [10]]]) })
    const [exact, discount, off] = matchLines(
      [line({ amount: 1000_00, counterpartyName: 'NORDIC TOOLS AB' }), line({ key: 1, amount: 980_00, counterpartyName: 'Nordic Tools' }), line({ key: 2, amount: 500_00, counterpartyName: 'Nordic Tools' })],
      { ...idx }
    )
    expect(exact).toMatchObject({ kind: 'auto', rung: 'name_amount' })
    // The first line consumed the invoice, so the later ones find nothing open.
    expect(discount.kind).toBe('unmatched')
    const [alone] = matchLines([line({ amount: 980_00, counterpartyName: 'Nordic Tools' })], idx)
    expect(alone.kind).toBe('suggested')
    expect(alone.reason).toContain('tolerance')
    expect(off.kind).toBe('unmatched')
  })

  it('leaves an unknown payment unmatched with the reasons, and ignores outgoing payments', () => {
    const [d, out] = matchLines([line({ counterpartyName: 'Someone Else', remittance: 'thanks' }), line({ key: 1, amount: -50_00 })], indexOf([item(1)]))
    expect(d.kind).toBe('unmatched')
    expect(d.reason).toContain('no debtor is named "Someone Else"')
    expect(out.kind).toBe('ignored')
  })

  it('recognises a returned direct debit by its end-to-end id', () => {
    const a = item(1)
    const idx = indexOf([a], { directDebits: new Map([['E2E-1', { id: 7, invoiceId: 1, amount: 100_00, status: 'paid' as const }]]) })
    const [d] = matchLines([line({ amount: -100_00, endToEndId: 'E2E-1' })], idx)
    expect(d).toMatchObject({ kind: 'return', directDebitId: 7, invoiceId: 1 })
  })
})

describe('fingerprints', () => {
  it('keeps identical rows apart by occurrence and reproduces the same keys on re-import', () => {
    const e = { account: 'SE45 5000', amount: -5_00, currency: 'EUR', bookingDate: '2026-11-20', valueDate: null, bankRef: null, endToEndId: null, reference: null, remittance: 'Card fee', counterpartyName: null, counterpartyAccount: null }
    const keys = occurrenceKeys([e, { ...e }, { ...e, amount: -6_00 }])
    expect(new Set(keys).size).toBe(3)
    expect(occurrenceKeys([e, { ...e }])).toEqual(keys.slice(0, 2))
  })
})
