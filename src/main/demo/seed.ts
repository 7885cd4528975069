import { performance } from 'node:perf_hooks'
import { factorDetailsSchema } from '../../shared/contract/admin'
import { assertLocalDate, fromDayNumber, toDayNumber, type LocalDate } from '../../shared/dates'
import type { Ledger } from '../db/open'
import { assertEmptyForBulk, bulkLoad, type BulkWriter } from '../db/repos/bulk-repo'
import { HISTORY_DAYS, USERS, simulate, type Exposure } from './business'
import { iban } from './catalog'
import { assignDebtors, makeClients, makeDebtors, type DemoClient, type DemoDebtor } from './parties'
import { Poster } from './posting'
import { Rng } from './prng'

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

/** Below this many invoices, rebuilding the indexes afterwards costs more than keeping them during the load. */
const DROP_INDEXES_FROM = 50_000
/** The generator assigns every id itself; demo-sized loads still prove it by checking every reference. */
const CHECK_REFERENCES_UP_TO = 100_000

/** A small firm by default (8 clients, 300 debtors); larger benchmark ledgers get more of both. */
export function demoSize(invoices: number): { clients: number; debtors: number } {
  return { clients: Math.min(40, Math.max(8, Math.round(invoices / 25_000))), debtors: Math.min(20_000, Math.max(300, Math.round(invoices / 50))) }
}

/**
 * Deterministic demo ledger: the same seed, size and today give the same rows on every machine.
 * Everything goes in through one transaction; every business event is posted to the journal with the
 * services' account conventions, so the ledger balances like one built by hand through the app.
 */
export function seedDemo(ledger: Ledger, opts: SeedOptions): SeedSummary {
  const t0 = performance.now()
  assertLocalDate(opts.today, 'today')
  if (!Number.isInteger(opts.invoices) || opts.invoices < 0 || opts.invoices > 20_000_000) throw new RangeError(`invoices must be a whole number from 0 to 20,000,000, got ${opts.invoices}`)
  if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`)
  assertEmptyForBulk(ledger)
  const rng = new Rng(opts.seed)
  const size = demoSize(opts.invoices)
  const clients = makeClients(rng.fork(1), size.clients, opts.today)
  const debtors = makeDebtors(rng.fork(2), size.debtors, opts.today)
  assignDebtors(rng.fork(3), clients, debtors)
  const createdAt = (toDayNumber(opts.today) - HISTORY_DAYS) * 86_400_000 + 8 * 3_600_000

  const lines = bulkLoad(ledger, { dropIndexes: opts.invoices >= DROP_INDEXES_FROM, checkReferences: opts.invoices <= CHECK_REFERENCES_UP_TO }, (w) => {
    writeStatic(w, rng.fork(4), clients, debtors, createdAt)
    const poster = new Poster(w, 1)
    const exposure = simulate(rng.fork(5), w, poster, clients, debtors, { invoices: opts.invoices, today: opts.today, onProgress: opts.onProgress })
    setLimits(w, rng.fork(6), clients, debtors, exposure, opts.today)
    return poster.lines
  })
  return { clients: clients.length, debtors: debtors.length, invoices: opts.invoices, journalLines: lines, ms: Math.round(performance.now() - t0) }
}

function writeStatic(w: BulkWriter, rng: Rng, clients: DemoClient[], debtors: DemoDebtor[], createdAt: number): void {
  const people: [number, string, string][] = [
    [USERS.admin, 'Anna Lindqvist', 'admin'],
    [USERS.approver, 'Mikko Virtanen', 'approver'],
    [USERS.controller, 'Sofie de Vries', 'controller'],
    [USERS.accountant, 'Jonas Berg', 'accountant']
  ]
  for (const [id, name, role] of people) w.user(id, name, role, createdAt)
  const factor = factorDetailsSchema.parse({
    name: 'Nordvik Factoring AB',
    address: 'Birger Jarlsgatan 18',
    postalCode: '114 34',
    city: 'Stockholm',
    country: 'SE',
    iban: iban(rng, 'SE'),
    bic: 'ESSESESS',
    sepaCreditorId: 'SE46ZZZ5567891234',
    email: 'factoring@nordvik.example',
    phone: '+46 8 555 012 00'
  })
  w.setting('factor', JSON.stringify(factor))
  for (const c of clients) w.client(c.id, c.name, c.regNo, c.country, c.address, c.postalCode, c.city, c.email, c.iban, c.bic, JSON.stringify(c.agreement), createdAt)
  for (const d of debtors) {
    w.debtor(d.id, d.name, d.nameNorm, d.regNo, d.country, d.address, d.postalCode, d.city, d.email, d.phone, d.language, 0, d.limitCurrency, d.riskClass, d.rating, createdAt)
    for (const i of d.ibans) w.debtorIban(i.iban, d.id, i.firstSeen, 'match')
  }
}

/** Rounds up to a whole 10,000 (major units): limits people set are round numbers. */
const roundLimit = (minor: number) => Math.max(1, Math.ceil(minor / 1_000_000)) * 1_000_000

/**
 * Credit limits are set from the exposure the history produced, with headroom, except for a few debtors
 * whose limit the factor lowered after they grew: those are over their limit, as some always are.
 */
function setLimits(w: BulkWriter, rng: Rng, clients: DemoClient[], debtors: DemoDebtor[], exposure: Exposure, today: LocalDate): void {
  let over = 0
  let biggest = -1
  for (let i = 0; i < debtors.length; i++) {
    const exp = exposure.debtor[i]
    if (exp > 0 && (biggest < 0 || exp > exposure.debtor[biggest])) biggest = i
    const base = debtors[i].limitCurrency === 'SEK' ? 50_000_000 : 5_000_000
    let limit: number
    if (exp > base / 2 && rng.chance(0.05)) {
      limit = Math.floor((exp * rng.int(55, 90)) / 100 / 1_000_000) * 1_000_000 || 1_000_000
      over++
    } else limit = roundLimit(Math.max(base, (exp * rng.int(130, 250)) / 100))
    w.setDebtorLimit(debtors[i].id, limit)
  }
  if (over === 0 && biggest >= 0) w.setDebtorLimit(debtors[biggest].id, Math.max(1, Math.floor(exposure.debtor[biggest] / 2)))
  const noaFrom = toDayNumber(today) - HISTORY_DAYS
  clients.forEach((c, ci) => {
    for (const di of [...c.debtors].sort((a, b) => a - b)) {
      const exp = exposure.pair.get(ci * 1e6 + di) ?? 0
      const limit = rng.chance(0.35) ? roundLimit(Math.max(exp * 1.5, 1_000_000)) : null
      const noa = rng.weighted([10, 20, 70])
      const noaDate = noa === 0 ? null : fromDayNumber(noaFrom + rng.int(0, 90))
      w.clientDebtor(c.id, debtors[di].id, limit, (['none', 'sent', 'acknowledged'] as const)[noa], noaDate)
    }
  })
}
