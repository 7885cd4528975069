import { composeIBAN, isValidIBAN } from 'ibantools'
import type { Rng } from './prng'

/** What a plausible company in one country looks like: names, places, registry numbers, banks. */
export interface CountryProfile {
  code: string
  language: string
  legalForm: string
  phone: string
  /** [city, postal code prefix] */
  cities: [string, string][]
  postal: (rng: Rng, prefix: string) => string
  streets: string[]
  /** Words that sound local in company names. */
  stems: string[]
  regNo: (rng: Rng) => string
  bics: string[]
  bban: (rng: Rng) => string
}

const TRADES_EN = ['Logistics', 'Components', 'Foods', 'Systems', 'Engineering', 'Packaging', 'Textiles', 'Timber', 'Steel', 'Electric', 'Medical', 'Marine', 'Plastics', 'Solutions', 'Trading', 'Print']

function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = +body[body.length - 1 - i]
    if (i % 2 === 0) d *= 2
    sum += d > 9 ? d - 9 : d
  }
  return String((10 - (sum % 10)) % 10)
}

function mod11(body: string, weights: number[]): number {
  let s = 0
  for (let i = 0; i < body.length; i++) s += +body[i] * weights[i]
  return s % 11
}

export const COUNTRIES: Record<string, CountryProfile> = {
  SE: {
    code: 'SE',
    language: 'sv',
    legalForm: 'AB',
    phone: '+46 8',
    cities: [['Stockholm', '11'], ['Göteborg', '41'], ['Malmö', '21'], ['Uppsala', '75'], ['Västerås', '72'], ['Örebro', '70'], ['Linköping', '58'], ['Jönköping', '55'], ['Umeå', '90'], ['Sundsvall', '85']],
    postal: (r, p) => `${p}${r.digits(1)} ${r.digits(2)}`,
    streets: ['Storgatan', 'Kungsgatan', 'Drottninggatan', 'Industrivägen', 'Hamngatan', 'Sveavägen', 'Verkstadsgatan', 'Järnvägsgatan'],
    stems: ['Nordisk', 'Svea', 'Norrlands', 'Vättern', 'Mälardalens', 'Göta', 'Fjäll', 'Skog', 'Bergslagens', 'Öresunds', 'Lind', 'Ekholm', 'Dal', 'Sjö'],
    regNo: (r) => {
      const body = `55${r.digits(7)}`
      return `${body.slice(0, 6)}-${body.slice(6)}${luhnDigit(body)}`
    },
    bics: ['ESSESESS', 'HANDSESS', 'NDEASESS', 'SWEDSESS'],
    bban: (r) => `${r.pick(['500', '600', '800', '300'])}${r.digits(17)}`
  },
  FI: {
    code: 'FI',
    language: 'fi',
    legalForm: 'Oy',
    phone: '+358 9',
    cities: [['Helsinki', '00'], ['Espoo', '02'], ['Tampere', '33'], ['Turku', '20'], ['Oulu', '90'], ['Jyväskylä', '40'], ['Lahti', '15'], ['Vaasa', '65']],
    postal: (r, p) => `${p}${r.digits(3)}`,
    streets: ['Mannerheimintie', 'Teollisuuskatu', 'Satamakatu', 'Hämeenkatu', 'Aleksanterinkatu', 'Tehtaankatu'],
    stems: ['Suomen', 'Pohjolan', 'Järvi', 'Karjala', 'Lappi', 'Kallio', 'Metsä', 'Saimaan', 'Aalto', 'Koski'],
    regNo: (r) => {
      // Y-tunnus: remainder 1 has no valid check digit, so such bodies are never issued.
      for (;;) {
        const body = r.digits(7)
        const rest = mod11(body, [7, 9, 10, 5, 8, 4, 2])
        if (rest !== 1) return `${body}-${rest === 0 ? 0 : 11 - rest}`
      }
    },
    bics: ['NDEAFIHH', 'OKOYFIHH', 'DABAFIHH', 'HANDFIHH'],
    bban: (r) => r.digits(14)
  },
  DE: {
    code: 'DE',
    language: 'de',
    legalForm: 'GmbH',
    phone: '+49 30',
    cities: [['Hamburg', '20'], ['Berlin', '10'], ['München', '80'], ['Köln', '50'], ['Frankfurt am Main', '60'], ['Bremen', '28'], ['Hannover', '30'], ['Leipzig', '04'], ['Stuttgart', '70']],
    postal: (r, p) => `${p}${r.digits(3)}`,
    streets: ['Hauptstraße', 'Industriestraße', 'Hafenstraße', 'Bahnhofstraße', 'Lindenallee', 'Gewerbering', 'Schillerstraße'],
    stems: ['Hanse', 'Rhein', 'Nord', 'Elb', 'Weser', 'Alpen', 'Main', 'Spree', 'Brandt', 'Krüger', 'Schäfer', 'Berg'],
    regNo: (r) => `HRB ${r.int(10000, 199999)}`,
    bics: ['DEUTDEFF', 'COBADEFF', 'HYVEDEMM', 'MARKDEF1'],
    bban: (r) => r.digits(18)
  },
  NL: {
    code: 'NL',
    language: 'nl',
    legalForm: 'B.V.',
    phone: '+31 20',
    cities: [['Amsterdam', '10'], ['Rotterdam', '30'], ['Utrecht', '35'], ['Eindhoven', '56'], ['Den Haag', '25'], ['Groningen', '97'], ['Tilburg', '50']],
    postal: (r, p) => `${p}${r.digits(2)} ${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`,
    streets: ['Hoofdstraat', 'Kerkstraat', 'Havenweg', 'Industrieweg', 'Stationsplein', 'Dorpsstraat'],
    stems: ['Holland', 'Delta', 'Polder', 'Van Dijk', 'De Vries', 'Zeeland', 'Maas', 'Oranje', 'Bakker', 'Van Leeuwen'],
    regNo: (r) => r.digits(8),
    bics: ['INGBNL2A', 'RABONL2U', 'ABNANL2A'],
    bban: (r) => `${r.pick(['INGB', 'RABO', 'ABNA'])}${r.digits(10)}`
  },
  DK: {
    code: 'DK',
    language: 'da',
    legalForm: 'A/S',
    phone: '+45',
    cities: [['København', '1'], ['Aarhus', '8'], ['Odense', '5'], ['Aalborg', '9']],
    postal: (r, p) => `${p}${r.digits(3)}`,
    streets: ['Vestergade', 'Østergade', 'Havnegade', 'Industrivej', 'Nørregade'],
    stems: ['Dansk', 'Jysk', 'Fyns', 'Nordsø', 'Sjællands', 'Hansen', 'Møller'],
    regNo: (r) => r.digits(8),
    bics: ['DABADKKK', 'NDEADKKK', 'JYBADKKK'],
    bban: (r) => r.digits(14)
  },
  NO: {
    code: 'NO',
    language: 'nb',
    legalForm: 'AS',
    phone: '+47',
    cities: [['Oslo', '0'], ['Bergen', '5'], ['Trondheim', '7'], ['Stavanger', '4']],
    postal: (r, p) => `${p}${r.digits(3)}`,
    streets: ['Storgata', 'Kirkegata', 'Havnegata', 'Industriveien'],
    stems: ['Norsk', 'Fjord', 'Vestlandet', 'Trønder', 'Nordkapp', 'Haugen'],
    regNo: (r) => `9${r.digits(8)}`,
    bics: ['DNBANOKK', 'NDEANOKK'],
    bban: (r) => r.digits(11)
  },
  EE: {
    code: 'EE',
    language: 'et',
    legalForm: 'OÜ',
    phone: '+372',
    cities: [['Tallinn', '1'], ['Tartu', '5'], ['Pärnu', '8']],
    postal: (r, p) => `${p}${r.digits(4)}`,
    streets: ['Narva mnt', 'Pärnu mnt', 'Tööstuse', 'Sadama'],
    stems: ['Balti', 'Eesti', 'Harju', 'Saare', 'Tamm'],
    regNo: (r) => `1${r.digits(7)}`,
    bics: ['HABAEE2X', 'EEUHEE2X'],
    bban: (r) => r.digits(16)
  },
  PL: {
    code: 'PL',
    language: 'pl',
    legalForm: 'Sp. z o.o.',
    phone: '+48 22',
    cities: [['Warszawa', '00'], ['Gdańsk', '80'], ['Kraków', '30'], ['Poznań', '60'], ['Wrocław', '50']],
    postal: (r, p) => `${p}-${r.digits(3)}`,
    streets: ['ul. Marszałkowska', 'ul. Portowa', 'ul. Przemysłowa', 'ul. Długa'],
    stems: ['Polska', 'Bałtyk', 'Wisła', 'Mazowsze', 'Kowalski', 'Nowak'],
    regNo: (r) => r.digits(10),
    bics: ['PKOPPLPW', 'BPKOPLPW'],
    bban: (r) => r.digits(24)
  }
}

/** Share of debtors per country: a Swedish factor with customers around the Baltic and North Sea. */
export const DEBTOR_COUNTRY_WEIGHTS: [string, number][] = [['SE', 34], ['FI', 18], ['DE', 14], ['NL', 9], ['DK', 8], ['NO', 7], ['EE', 5], ['PL', 5]]

export function iban(rng: Rng, country: string): string {
  const p = COUNTRIES[country]
  // Several countries carry a national check digit inside the BBAN; drawing again until ibantools agrees is simplest.
  for (let i = 0; i < 500; i++) {
    const candidate = composeIBAN({ countryCode: country, bban: p.bban(rng) })
    if (candidate && isValidIBAN(candidate)) return candidate
  }
  throw new Error(`could not draw a valid ${country} IBAN`)
}

export function companyName(rng: Rng, country: string): string {
  const p = COUNTRIES[country]
  const stem = rng.pick(p.stems)
  const trade = rng.pick(TRADES_EN)
  const pattern = rng.int(0, 3)
  const city = rng.pick(p.cities)[0]
  const core = pattern === 0 ? `${stem} ${trade}` : pattern === 1 ? `${stem}${rng.pick(['gruppen', ' & Partners', ' Group', ' Works', ' Industri'])}` : pattern === 2 ? `${city} ${trade}` : `${stem} ${city} ${trade}`
  return `${core} ${p.legalForm}`
}

export function address(rng: Rng, country: string): { address: string; postalCode: string; city: string } {
  const p = COUNTRIES[country]
  const [city, prefix] = rng.pick(p.cities)
  const street = rng.pick(p.streets)
  return { address: `${street} ${rng.int(1, 180)}`, postalCode: p.postal(rng, prefix), city }
}

export function emailFor(name: string, country: string, box = 'invoices'): string {
  const domain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(ab|oy|gmbh|b\.v\.|a\/s|as|oü|sp\. z o\.o\.)$/g, '')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24)
  return `${box}@${domain || 'example'}.${country.toLowerCase()}`
}
