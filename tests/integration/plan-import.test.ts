import { describe, expect, it } from 'vitest'
import { debtorsNeeded, fileKeys, itemsById, matchLines, type Decision, type MatchIndex, type OpenItem } from '../../src/core/matching'
import { makeRfReference } from '../../src/core/rf-reference'
import { openLedger, type Ledger } from '../../src/main/db/open'
import { planImport } from '../../src/main/services/statement-import-plan'
import type { ReadFile, ReadLine } from '../../src/main/services/statement-read'
import { defaultAgreement } from '../../src/shared/agreement'
import { rng } from '../support/rng'
import { capture, queryPlan } from '../support/sql-capture'

/**
 * The plan of a bank file against a real ledger: the same decisions as matching against every needed debtor's
 * whole open-item list (read here with plain per-key queries), every applied invoice in the plan's index with
 * what settling it needs, a token that follows the plan, and lookups that walk indexes.
 */

const OPEN = "('funded','partly_paid','disputed')"
const ITEM = 'id, number, client_id as clientId, debtor_id as debtorId, currency, face, open_amount as openAmount, due_date as dueDate, rf_ref as rfRef, status, advance, funded_date as fundedDate'
const DEBTORS = 40
const iban = (n: number): string => `SE${String(10 + n).padStart(2, '0')}${String(n).padStart(20, '0')}`

/**
 * The reference the ledger issues names the invoice id; some invoices came with references of their own, one of
 * them spelling the id of the next invoice.
 */
const rfOf = (id: number): string => (id % 10 === 1 ? makeRfReference(`X${id}`) : makeRfReference(String(id % 10 === 0 ? id + 1 : id).padStart(9, '0')))

/** 40 debtors, every name given to two of them, account 1 shared by debtors 1 and 2; 300 invoices with few distinct amounts and numbers. */
function seedLedger(seed: number): Ledger {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const ledger = openLedger(':memory:')
  const q = ledger.sqlite
  q.transaction(() => {
    for (let c = 1; c <= 3; c++) q.prepare("insert into client (name, country, agreement, created_at) values (?, 'SE', ?, 0)").run(`Client ${c}`, JSON.stringify(defaultAgreement))
    for (let d = 1; d <= DEBTORS; d++) q.prepare("insert into debtor (name, name_norm, country, created_at) values (?, ?, 'SE', 0)").run(`Debtor ${d % 20} AB`, `debtor ${d % 20}`)
    const ib = q.prepare("insert into debtor_iban (iban, debtor_id, first_seen, source) values (?, ?, '2026-01-01', 'match')")
    ib.run(iban(1), 1)
    ib.run(iban(1), 2)
    for (let d = 3; d <= DEBTORS; d++) ib.run(iban(d), d)
    const inv = q.prepare(
      `insert into invoice (id, client_id, debtor_id, number, currency, face, open_amount, advance, issue_date, due_date, funded_date, status, rf_ref, created_at)
       values (?, ?, ?, ?, ?, 20000, ?, 15000, '2026-09-01', ?, '2026-09-05', ?, ?, 0)`
    )
    const taken = new Set<string>()
    for (let id = 1; id <= 300; id++) {
      const status = pick(['funded', 'funded', 'partly_paid', 'disputed', 'paid'])
      // The same number at several clients, in several spellings; unique per client as the ledger requires.
      let number = `${pick(['INV', 'inv', 'Inv'])}-${1 + Math.floor(r() * 120)}`
      if (taken.has(`${id % 3}|${number}`)) number = `${number}-${id}`
      taken.add(`${id % 3}|${number}`)
      inv.run(id, 1 + (id % 3), 1 + Math.floor(r() * DEBTORS), number, r() < 0.9 ? 'EUR' : 'SEK', status === 'paid' ? 0 : pick([1000, 2500, 5000, 12000, 20000]), pick(['2026-10-01', '2026-10-15', '2026-11-01']), status, rfOf(id))
    }
  })()
  return ledger
}

function randomFile(ledger: Ledger, seed: number, lines = 200): ReadFile {
  const r = rng(seed * 7919)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const invoices = ledger.sqlite.prepare(`select ${ITEM} from invoice order by id`).all() as OpenItem[]
  const out: ReadLine[] = []
  const add = (p: Partial<ReadLine>): void => {
    const key = out.length
    out.push({ key, statementId: 'S1', account: 'SE3550000000054910000003', currency: 'EUR', amount: 1000, bookingDate: '2026-11-20', valueDate: '2026-11-20', bankRef: `B${key}`, endToEndId: null, reference: null, remittance: null, counterpartyName: null, counterpartyAccount: null, fingerprint: `fp-${seed}-${key}`, ...p })
  }
  const payer = (d: number): Partial<ReadLine> => (r() < 0.6 ? { counterpartyAccount: iban(d) } : { counterpartyName: `Debtor ${d % 20} AB` })
  while (out.length < lines) {
    const i = pick(invoices)
    const k = r()
    if (k < 0.3) add({ amount: pick([i.openAmount || 700, Math.max(1, i.openAmount - 1000)]), currency: i.currency, reference: i.rfRef })
    else if (k < 0.45) add({ amount: pick([i.openAmount || 700, 2500]), currency: i.currency, remittance: `Invoice ${pick([i.number, i.number.toUpperCase()])} thanks`, ...(r() < 0.5 ? payer(i.debtorId) : {}) })
    else if (k < 0.55) {
      // Paid down by reference, then the rest (or the old amount) by account or name.
      add({ amount: Math.max(1, i.openAmount - 1000), currency: i.currency, reference: i.rfRef })
      add({ amount: pick([1000, i.openAmount || 700]), currency: i.currency, ...payer(i.debtorId) })
    } else if (k < 0.95) add({ amount: pick([i.openAmount || 700, 1000, 2500, 5000, 3333]), currency: r() < 0.9 ? 'EUR' : 'SEK', ...payer(i.debtorId) })
    else add({ amount: pick([-500, 0, 4321]), counterpartyName: 'Somebody Else', reference: pick([null, makeRfReference('999999'), makeRfReference('ABC1')]) })
  }
  return { fileName: `f${seed}.xml`, sha256: `sha-${seed}`, format: 'camt.053', lines: out, warnings: [], errors: [] }
}

const byIdOf = (plan: { index: MatchIndex }): Map<number, OpenItem> => itemsById(plan.index)

/** The file's matching index read key by key, with the whole open-item list of every debtor a line may need. */
function wholeListDecisions(ledger: Ledger, file: ReadFile): Decision[] {
  const q = ledger.sqlite
  const k = fileKeys(file.lines)
  const index: MatchIndex = { byRf: new Map(), byNumber: new Map(), debtorsByIban: new Map(), debtorsByName: new Map(), openByDebtor: new Map(), directDebits: new Map() }
  for (const rf of k.rfs) {
    const i = q.prepare(`select ${ITEM} from invoice where rf_ref = ?`).get(rf) as OpenItem | undefined
    if (i) index.byRf.set(rf, i)
  }
  for (const n of k.numbers) for (const i of q.prepare(`select ${ITEM} from invoice where number = ? and status in ${OPEN}`).all(n) as OpenItem[]) index.byNumber.set(i.number.toUpperCase(), [...(index.byNumber.get(i.number.toUpperCase()) ?? []), i])
  for (const b of k.ibans) {
    const ds = q.prepare('select debtor_id from debtor_iban where iban = ?').pluck().all(b) as number[]
    if (ds.length) index.debtorsByIban.set(b, ds)
  }
  for (const n of k.names) {
    const ds = q.prepare('select id from debtor where name_norm = ?').pluck().all(n) as number[]
    if (ds.length) index.debtorsByName.set(n, ds)
  }
  for (const d of debtorsNeeded(file.lines, index)) index.openByDebtor.set(d, q.prepare(`select ${ITEM} from invoice where debtor_id = ? and status in ${OPEN} order by due_date, id`).all(d) as OpenItem[])
  return matchLines(file.lines, index)
}

describe('planning an import against the ledger', () => {
  it('decides random files exactly as matching against the whole open-item lists does', () => {
    let byAmount = 0
    let whole = 0
    let payers = 0
    for (let seed = 1; seed <= 12; seed++) {
      const ledger = seedLedger(seed)
      const file = randomFile(ledger, seed)
      const plan = planImport(ledger, file)
      expect(plan.decisions, `seed ${seed}`).toEqual(wholeListDecisions(ledger, file))
      byAmount += plan.decisions.filter((d) => d.kind === 'auto' && (d.rung === 'iban_amount' || d.rung === 'name_amount')).length
      whole += plan.index.openByDebtor.size
      payers += plan.index.partialDebtors!.size
      ledger.close()
    }
    expect(byAmount).toBeGreaterThan(30)
    // Whole lists were loaded for some of the payers' debtors only.
    expect(whole).toBeGreaterThan(0)
    expect(whole).toBeLessThan(payers)
  })

  it('holds every invoice an automatic match applies to in its index, with the fields settling reads', () => {
    const ledger = seedLedger(5)
    const plan = planImport(ledger, randomFile(ledger, 5))
    const byId = itemsById(plan.index)
    const row = ledger.sqlite.prepare(`select ${ITEM} from invoice where id = ?`)
    let applied = 0
    for (const d of plan.decisions) {
      if (d.kind !== 'auto') continue
      for (const a of d.allocations) {
        expect(byId.get(a.invoiceId)).toEqual(row.get(a.invoiceId))
        applied++
      }
    }
    expect(applied).toBeGreaterThan(50)
    const n = plan.file.lines.length
    expect(plan.counts).toMatchObject({ entries: n, added: n, duplicates: 0 })
    expect(plan.counts.autoMatched + plan.counts.suggested + plan.counts.unmatched).toBe(n - plan.decisions.filter((d) => d.kind === 'ignored').length)
    ledger.close()
  })

  it('gives the same token for the same ledger and file, and another when any decision changes', () => {
    const ledger = seedLedger(3)
    const file = randomFile(ledger, 3)
    const first = planImport(ledger, file)
    expect(planImport(ledger, file).token).toBe(first.token)
    // A renamed invoice changes the words of the reasons that name it, nothing else about a reference match.
    const d = first.decisions.find((x) => x.kind === 'auto' && x.rung === 'reference') as Extract<Decision, { kind: 'auto' }>
    const id = d.allocations[0].invoiceId
    ledger.sqlite.prepare("update invoice set number = number || 'X' where id = ?").run(id)
    const renamed = planImport(ledger, file)
    expect(renamed.decisions[first.decisions.indexOf(d)]).toEqual({ ...d, reason: expect.stringContaining('X;'), reasonTemplate: expect.stringContaining('X;') })
    expect(renamed.token).not.toBe(first.token)
    // A paid invoice changes what lines apply.
    ledger.sqlite.prepare("update invoice set status = 'paid', open_amount = 0 where id = ?").run(id)
    expect(planImport(ledger, file).token).not.toBe(renamed.token)
    ledger.sqlite.prepare("update invoice set status = ?, open_amount = ? where id = ?").run(byIdOf(first).get(id)!.status, byIdOf(first).get(id)!.openAmount, id)
    ledger.sqlite.prepare("update invoice set number = substr(number, 1, length(number) - 1) where id = ?").run(id)
    expect(planImport(ledger, file).token).toBe(first.token)
    ledger.close()
  })
})

describe('query plans of planning an import', () => {
  it('finds every key through an index and never scans invoices, debtors or bank lines', () => {
    const ledger = seedLedger(9)
    const file = randomFile(ledger, 9, 400)
    const stmts = capture(ledger.sqlite, () => planImport(ledger, file))
    const plans = stmts.map((s) => ({ sql: s.sql, plan: queryPlan(ledger.sqlite, s).join('\n') }))
    for (const p of plans) expect(p.plan, p.sql).not.toMatch(/^SCAN (invoice|i|debtor|debtor_iban|bank_entry|sdd_collection|c)( |$)(?!USING)/m)
    const using = (re: RegExp, index: RegExp) => {
      const found = plans.filter((p) => re.test(p.sql))
      expect(found.length, String(re)).toBeGreaterThan(0)
      for (const p of found) expect(p.plan, p.sql).toMatch(index)
    }
    using(/from bank_entry/, /USING (COVERING )?INDEX bank_entry_fingerprint_uq/)
    using(/rf_ref = j.value/, /SEARCH i USING COVERING INDEX invoice_rf_uq/)
    using(/number = j.value/, /SEARCH i USING COVERING INDEX invoice_number_idx/)
    using(/from debtor_iban/, /USING COVERING INDEX sqlite_autoindex_debtor_iban_1/)
    using(/name_norm in/, /USING COVERING INDEX debtor_name_norm_idx/)
    using(/open_amount = /, /SEARCH i USING INDEX invoice_open_idx \(open_amount=\?\)/)
    using(/debtor_id in/, /USING COVERING INDEX invoice_debtor_idx/)
    using(/join invoice i on i.id = j.value/, /SEARCH i USING INTEGER PRIMARY KEY/)
    ledger.close()
  })
})
