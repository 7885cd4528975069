import { agreementSchema, type Agreement, type FeeSchedule } from '../../shared/agreement'
import { addDays, type LocalDate } from '../../shared/dates'
import { normaliseName } from '../../core/names'
import { COUNTRIES, DEBTOR_COUNTRY_WEIGHTS, address, companyName, emailFor, iban } from './catalog'
import { Rng, WeightedTable } from './prng'

export interface DemoClient {
  id: number
  name: string
  regNo: string
  country: string
  address: string
  postalCode: string
  city: string
  email: string
  iban: string
  bic: string
  agreement: Agreement
  /** Invoice number prefix: each client numbers its own invoices. */
  prefix: string
  nextNo: number
  /** Indices into the debtor list, and how much this client sells to each. */
  debtors: number[]
  debtorTable: WeightedTable
}

export type Rating = 'A' | 'B' | 'C' | 'D' | 'E'

export interface DemoDebtor {
  id: number
  name: string
  nameNorm: string
  regNo: string
  country: string
  address: string
  postalCode: string
  city: string
  email: string
  phone: string
  language: string
  limitCurrency: string
  riskClass: 'low' | 'standard' | 'high'
  rating: Rating
  /** Usual payment terms in days. */
  terms: number
  ibans: { iban: string; firstSeen: LocalDate }[]
}

/** The showcase clients of the default demo: one per fee schedule kind, EUR and SEK, recourse and not. */
const SHOWCASE: { name: string; country: string; currency: string; fee: FeeSchedule; advanceRateBp: number; recourseDays: number; feeBasis: 'face' | 'advance' }[] = [
  { name: 'Norrland Timber AB', country: 'SE', currency: 'SEK', advanceRateBp: 8500, recourseDays: 90, feeBasis: 'face', fee: { kind: 'tiered', tiers: [{ upToDays: 30, rateBp: 180 }, { upToDays: 60, rateBp: 320 }, { upToDays: 90, rateBp: 480 }], aboveRateBp: 700 } },
  { name: 'Kallio Logistics Oy', country: 'FI', currency: 'EUR', advanceRateBp: 9000, recourseDays: 60, feeBasis: 'face', fee: { kind: 'flat', rateBp: 240 } },
  { name: 'Hanse Maschinenbau GmbH', country: 'DE', currency: 'EUR', advanceRateBp: 8000, recourseDays: 120, feeBasis: 'advance', fee: { kind: 'base_margin', marginBp: 450, dayCount: 360, baseRates: [{ from: '2020-01-01', rateBp: 400 }] } },
  { name: 'Delta Packaging B.V.', country: 'NL', currency: 'EUR', advanceRateBp: 8500, recourseDays: 90, feeBasis: 'face', fee: { kind: 'tiered', tiers: [{ upToDays: 10, rateBp: 150 }, { upToDays: 30, rateBp: 300 }, { upToDays: 60, rateBp: 500 }], aboveRateBp: 800 } },
  { name: 'Vättern Verktyg AB', country: 'SE', currency: 'SEK', advanceRateBp: 8000, recourseDays: 0, feeBasis: 'advance', fee: { kind: 'daily', annualRateBp: 1450, dayCount: 365 } },
  { name: 'Mälardalens Elinstallation AB', country: 'SE', currency: 'SEK', advanceRateBp: 8500, recourseDays: 90, feeBasis: 'advance', fee: { kind: 'base_margin', marginBp: 600, dayCount: 365, baseRates: [{ from: '2020-01-01', rateBp: 350 }] } },
  { name: 'Saimaan Foods Oy', country: 'FI', currency: 'EUR', advanceRateBp: 7500, recourseDays: 60, feeBasis: 'face', fee: { kind: 'daily', annualRateBp: 1200, dayCount: 360 } },
  { name: 'Öresund Marine Services AB', country: 'SE', currency: 'EUR', advanceRateBp: 9000, recourseDays: 0, feeBasis: 'face', fee: { kind: 'flat', rateBp: 290 } }
]

/** Base rates step down over the demo period, so base+margin fees really split at a rate change. */
function withRateSteps(fee: FeeSchedule, today: LocalDate): FeeSchedule {
  if (fee.kind !== 'base_margin') return fee
  const first = fee.baseRates[0].rateBp
  return { ...fee, baseRates: [fee.baseRates[0], { from: addDays(today, -400), rateBp: first - 50 }, { from: addDays(today, -200), rateBp: first - 125 }] }
}

function agreementFor(rng: Rng, s: (typeof SHOWCASE)[number], today: LocalDate): Agreement {
  return agreementSchema.parse({
    currency: s.currency,
    advanceRateBp: s.advanceRateBp,
    fee: withRateSteps(s.fee, today),
    feeBasis: s.feeBasis,
    minDays: rng.pick([0, 10, 15]),
    minFee: s.currency === 'SEK' ? rng.pick([15_000, 25_000]) : rng.pick([1_500, 2_500]),
    upfrontFeeBp: rng.pick([0, 25, 50]),
    reserveTargetBp: rng.pick([500, 1000, 1500]),
    recourseDays: s.recourseDays,
    concentrationLimitBp: rng.pick([2000, 2500, 3000]),
    crossAgingBp: 5000,
    maxAgeDays: rng.pick([60, 90]),
    verificationThreshold: s.currency === 'SEK' ? 50_000_000 : 5_000_000
  })
}

const FEE_KINDS: FeeSchedule[] = SHOWCASE.map((s) => s.fee)

export function makeClients(rng: Rng, count: number, today: LocalDate): DemoClient[] {
  const clients: DemoClient[] = []
  const names = new Set<string>()
  for (let i = 0; i < count; i++) {
    let spec = SHOWCASE[i]
    if (!spec) {
      // Beyond the showcase (large benchmark ledgers): more clients on the same patterns, with unique names.
      const country = rng.pick(['SE', 'SE', 'FI', 'DE', 'NL', 'DK'])
      let name = companyName(rng, country)
      for (let n = 2; names.has(name); n++) name = `${companyName(rng, country)}${n > 5 ? ` ${n}` : ''}`
      spec = { name, country, currency: country === 'SE' ? 'SEK' : 'EUR', fee: rng.pick(FEE_KINDS), advanceRateBp: rng.pick([7500, 8000, 8500, 9000]), recourseDays: rng.pick([0, 60, 90, 120]), feeBasis: rng.pick(['face', 'advance'] as const) }
    }
    names.add(spec.name)
    const p = COUNTRIES[spec.country]
    const words = spec.name.replace(/[^A-Za-zÅÄÖåäöÜü ]/g, '').split(' ')
    clients.push({
      id: i + 1,
      name: spec.name,
      regNo: p.regNo(rng),
      country: spec.country,
      ...address(rng, spec.country),
      email: emailFor(spec.name, spec.country, 'finance'),
      iban: iban(rng, spec.country),
      bic: rng.pick(p.bics),
      agreement: agreementFor(rng, spec, today),
      prefix: `${words[0].slice(0, 3).toUpperCase()}${i + 1}`,
      nextNo: rng.int(1000, 9000),
      debtors: [],
      debtorTable: new WeightedTable([1])
    })
  }
  return clients
}

const RATINGS: Rating[] = ['A', 'B', 'C', 'D', 'E']

export function makeDebtors(rng: Rng, count: number, today: LocalDate): DemoDebtor[] {
  const countryTable = new WeightedTable(DEBTOR_COUNTRY_WEIGHTS.map((c) => c[1]))
  const regs = new Set<string>()
  const debtors: DemoDebtor[] = []
  for (let i = 0; i < count; i++) {
    const country = DEBTOR_COUNTRY_WEIGHTS[countryTable.draw(rng)][0]
    const p = COUNTRIES[country]
    let regNo = p.regNo(rng)
    while (regs.has(`${country}|${regNo}`)) regNo = p.regNo(rng)
    regs.add(`${country}|${regNo}`)
    const name = companyName(rng, country)
    const rating = RATINGS[rng.weighted([30, 35, 20, 10, 5])]
    const ibans: DemoDebtor['ibans'] = []
    // Some debtors have paid before, so their IBANs are known; a benchmark-sized ledger keeps the list short.
    for (let k = rng.chance(Math.min(0.45, 1500 / count)) ? rng.int(1, 2) : 0; k > 0; k--) ibans.push({ iban: iban(rng, country), firstSeen: addDays(today, -rng.int(30, 540)) })
    debtors.push({
      id: i + 1,
      name,
      nameNorm: normaliseName(name),
      regNo,
      country,
      ...address(rng, country),
      email: emailFor(name, country, rng.pick(['ap', 'invoices', 'accounts.payable', 'ekonomi'])),
      phone: `${p.phone} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(2)}`,
      language: p.language,
      limitCurrency: country === 'SE' ? 'SEK' : 'EUR',
      riskClass: rating === 'A' ? 'low' : rating === 'D' || rating === 'E' ? 'high' : 'standard',
      rating,
      terms: rng.pick([30, 30, 30, 14, 45, 60]),
      ibans
    })
  }
  return debtors
}

/**
 * Which debtors each client sells to. A SEK client sells mostly in Sweden; volume per debtor is skewed
 * (a few big customers, a long tail), as in any real ledger.
 */
export function assignDebtors(rng: Rng, clients: DemoClient[], debtors: DemoDebtor[]): void {
  const per = Math.max(20, Math.min(debtors.length, Math.round((debtors.length * 2.2) / clients.length)))
  for (const c of clients) {
    const chosen = new Set<number>()
    const home = c.agreement.currency === 'SEK'
    for (let tries = 0; chosen.size < per && tries < per * 20; tries++) {
      const d = rng.int(0, debtors.length - 1)
      if (home && debtors[d].country !== 'SE' && rng.chance(0.75)) continue
      chosen.add(d)
    }
    c.debtors = [...chosen].sort((a, b) => a - b)
    c.debtorTable = new WeightedTable(c.debtors.map((_, rank) => 1 / Math.pow(rank + 1, 0.7)).map((w) => w * (0.5 + rng.next())))
    // The weights follow the order of c.debtors; shuffle which debtor gets which rank.
    for (let i = c.debtors.length - 1; i > 0; i--) {
      const j = rng.int(0, i)
      ;[c.debtors[i], c.debtors[j]] = [c.debtors[j], c.debtors[i]]
    }
  }
}
