import { describe, expect, it } from 'vitest'
import { amountKey, debtorsNeeded, lineKeys, matchLines, matchPass, needsPayer, payerDebtors, type BankLine, type Decision, type MatchIndex, type OpenItem } from '../../../src/core/matching'
import { makeRfReference } from '../../../src/core/rf-reference'
import { rng } from '../../support/rng'

/**
 * The planner first loads a payer's open items only for the amounts its lines pay, and the whole list only for
 * the debtors the ladder then asks for. On random ledgers and files (shared amounts, shared numbers and names,
 * IBANs of two debtors, invoices part-paid earlier in the same file) that must decide every line exactly as
 * matching against the whole lists does.
 */

const OPEN = new Set(['funded', 'partly_paid', 'disputed'])
const DEBTORS = 8
const iban = (n: number): string => `DE${String(10 + n).padStart(2, '0')}${String(n).padStart(18, '0')}`

interface World {
  items: OpenItem[]
  debtorsByIban: Map<string, number[]>
  debtorsByName: Map<string, number[]>
  lines: BankLine[]
}

function world(seed: number): World {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const amounts = [1000, 2000, 2500, 5000, 7300, 12000]
  const items: OpenItem[] = []
  for (let id = 1; id <= 40; id++) {
    const status = pick(['funded', 'funded', 'partly_paid', 'disputed', 'paid'])
    const open = status === 'paid' ? 0 : pick(amounts)
    items.push({ id, number: `N-${1 + Math.floor(r() * 15)}`, clientId: 1 + (id % 3), debtorId: 1 + Math.floor(r() * DEBTORS), currency: r() < 0.85 ? 'EUR' : 'SEK', face: 12000, openAmount: open, dueDate: pick(['2026-10-01', '2026-10-15', '2026-11-01']), rfRef: makeRfReference(String(id)), status, advance: 9000, fundedDate: '2026-09-01' })
  }
  // Account 1 pays for debtors 1 and 2; names repeat every five debtors ("debtor 1" is debtors 1 and 6).
  const debtorsByIban = new Map<string, number[]>([[iban(1), [1, 2]]])
  for (let d = 3; d <= DEBTORS; d++) debtorsByIban.set(iban(d), [d])
  const debtorsByName = new Map<string, number[]>()
  for (let d = 1; d <= DEBTORS; d++) debtorsByName.set(`debtor ${d % 5}`, [...(debtorsByName.get(`debtor ${d % 5}`) ?? []), d])
  const lines: BankLine[] = []
  const line = (p: Partial<BankLine>): void => {
    lines.push({ key: lines.length, amount: 1000, currency: 'EUR', bookingDate: '2026-11-20', reference: null, remittance: null, counterpartyName: null, counterpartyAccount: null, endToEndId: null, ...p })
  }
  const payer = (d: number): Partial<BankLine> => (r() < 0.6 ? { counterpartyAccount: iban(d === 2 && r() < 0.5 ? 1 : d) } : { counterpartyName: `Debtor ${d % 5} AB` })
  for (let n = 0; n < 30; n++) {
    const inv = pick(items)
    const amount = r() < 0.5 ? inv.openAmount || 1000 : pick([...amounts, 500, 3000, 9999])
    const kind = r()
    if (kind < 0.15) line({ amount: Math.max(1, inv.openAmount - pick([500, 1000])), currency: inv.currency, reference: inv.rfRef })
    else if (kind < 0.25) line({ amount, currency: inv.currency, remittance: `Invoice ${pick([inv.number, inv.number.toLowerCase()])}`, ...(r() < 0.5 ? payer(inv.debtorId) : {}) })
    else if (kind < 0.35) {
      // Part of an invoice by reference, then the payer pays an amount some open item has (or had) by account or name.
      line({ amount: Math.max(1, inv.openAmount - 1000), currency: inv.currency, reference: inv.rfRef })
      line({ amount: pick([1000, inv.openAmount, 2000]), currency: inv.currency, ...payer(inv.debtorId) })
    } else if (kind < 0.45) {
      const d = inv.debtorId
      const balance = items.filter((i) => i.debtorId === d && OPEN.has(i.status) && i.currency === 'EUR').reduce((s, i) => s + i.openAmount, 0)
      line({ amount: balance || 1000, ...payer(d) })
    } else if (kind < 0.9) line({ amount, currency: r() < 0.9 ? 'EUR' : 'SEK', ...payer(inv.debtorId), ...(r() < 0.2 ? { remittance: `ref ${inv.number}` } : {}) })
    else line({ amount: pick([0, -500, 1500]), counterpartyName: r() < 0.5 ? 'Somebody Else' : null })
  }
  return { items, debtorsByIban, debtorsByName, lines }
}

/** The index the file's reference and number keys give, without any payer's open items. */
function baseIndex(w: World): MatchIndex {
  const byNumber = new Map<string, OpenItem[]>()
  for (const i of w.items) if (OPEN.has(i.status)) byNumber.set(i.number.toUpperCase(), [...(byNumber.get(i.number.toUpperCase()) ?? []), i])
  return { byRf: new Map(w.items.map((i) => [i.rfRef, i])), byNumber, debtorsByIban: w.debtorsByIban, debtorsByName: w.debtorsByName, openByDebtor: new Map(), directDebits: new Map() }
}

/** A debtor's open items as the ledger lists them (oldest due first), as fresh objects like a second query gives. */
const openOf = (w: World, d: number): OpenItem[] =>
  w.items.filter((i) => i.debtorId === d && OPEN.has(i.status)).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id).map((i) => ({ ...i }))

function withWholeLists(w: World): Decision[] {
  const index = baseIndex(w)
  for (const d of debtorsNeeded(w.lines, index)) index.openByDebtor.set(d, openOf(w, d))
  return matchLines(w.lines, index)
}

function amountFirst(w: World): { decisions: Decision[]; rounds: number; loaded: number; needed: number } {
  const index = baseIndex(w)
  const keys = w.lines.map(lineKeys)
  index.partialDebtors = new Set()
  index.openByAmount = new Map()
  w.lines.forEach((l, n) => {
    if (l.amount <= 0 || !needsPayer(keys[n], index, l.currency)) return
    for (const d of payerDebtors(keys[n], index)) {
      index.partialDebtors!.add(d)
      index.openByAmount!.set(amountKey(d, l.currency, l.amount), openOf(w, d).filter((i) => i.currency === l.currency && i.openAmount === l.amount))
    }
  })
  let pass = matchPass(w.lines, index, keys)
  let rounds = 1
  while (pass.missing.length > 0) {
    for (const d of pass.missing) index.openByDebtor.set(d, openOf(w, d))
    pass = matchPass(w.lines, index, keys, pass.resume)
    rounds++
  }
  return { decisions: pass.decisions, rounds, loaded: index.openByDebtor.size, needed: index.partialDebtors.size }
}

describe('matching with open items loaded by amount first', () => {
  it('decides every line of random files exactly as with the whole open-item lists', () => {
    let resumed = 0
    let spared = 0
    let autoByAmount = 0
    for (let seed = 1; seed <= 400; seed++) {
      const w = world(seed)
      const whole = withWholeLists(w)
      const first = amountFirst(w)
      expect(first.decisions, `seed ${seed}`).toEqual(whole)
      if (first.rounds > 1) resumed++
      if (first.loaded < first.needed) spared++
      autoByAmount += whole.filter((d) => d.kind === 'auto' && (d.rung === 'iban_amount' || d.rung === 'name_amount')).length
    }
    // The comparison covered both paths: files that needed whole lists, and debtors whose list was never loaded.
    expect(resumed).toBeGreaterThan(50)
    expect(spared).toBeGreaterThan(50)
    expect(autoByAmount).toBeGreaterThan(100)
  })

  it('applies a payment by account to the invoice an earlier line of the same file paid down to that amount', () => {
    const inv: OpenItem = { id: 7, number: 'A-7', clientId: 1, debtorId: 3, currency: 'EUR', face: 5000, openAmount: 5000, dueDate: '2026-10-01', rfRef: makeRfReference('7'), status: 'funded', advance: 4000, fundedDate: '2026-09-01' }
    const other: OpenItem = { ...inv, id: 8, number: 'A-8', openAmount: 2000, rfRef: makeRfReference('8') }
    const lines: BankLine[] = [
      { key: 0, amount: 3000, currency: 'EUR', bookingDate: '2026-11-20', reference: inv.rfRef, remittance: null, counterpartyName: null, counterpartyAccount: null, endToEndId: null },
      { key: 1, amount: 2000, currency: 'EUR', bookingDate: '2026-11-20', reference: null, remittance: null, counterpartyName: null, counterpartyAccount: iban(3), endToEndId: null }
    ]
    // The ledger has only A-8 open for 2000, but after line 0 A-7 is open for 2000 as well: two candidates, no guess.
    const index: MatchIndex = { byRf: new Map([[inv.rfRef, inv]]), byNumber: new Map(), debtorsByIban: new Map([[iban(3), [3]]]), debtorsByName: new Map(), openByDebtor: new Map(), directDebits: new Map(), partialDebtors: new Set([3]), openByAmount: new Map([[amountKey(3, 'EUR', 2000), [other]]]) }
    const pass = matchPass(lines, index)
    expect(pass.missing).toEqual([])
    expect(pass.decisions[1]).toMatchObject({ kind: 'suggested', rung: 'iban_amount', candidates: [{ invoiceId: 7 }, { invoiceId: 8 }] })
    expect(pass.decisions[1].reason).toContain('2 invoices are open for exactly 20.00 EUR')
  })

  it('names the debtor whose whole list a line needs, and refuses to guess without it', () => {
    const lines: BankLine[] = [{ key: 0, amount: 999, currency: 'EUR', bookingDate: '2026-11-20', reference: null, remittance: null, counterpartyName: null, counterpartyAccount: iban(4), endToEndId: null }]
    const index: MatchIndex = { byRf: new Map(), byNumber: new Map(), debtorsByIban: new Map([[iban(4), [4]]]), debtorsByName: new Map(), openByDebtor: new Map(), directDebits: new Map(), partialDebtors: new Set([4]), openByAmount: new Map([[amountKey(4, 'EUR', 999), []]]) }
    expect(matchPass(lines, index).missing).toEqual([4])
    expect(() => matchLines(lines, index)).toThrow(/debtor\(s\) 4/)
  })
})
