import type { StepTemplate } from './plans'

/** Languages the shipped plans are written in; debtor.language picks one, anything else gets English. */
export const SHIPPED_LANGUAGES = ['en', 'sv', 'de', 'fi'] as const
type Lang = (typeof SHIPPED_LANGUAGES)[number]

export type TemplateKind = 'preDue' | 'first' | 'overdue' | 'second' | 'final' | 'sms'

interface Phrases {
  hello: string
  items: string
  pay: string
  claims: string
  preDue: [string, string]
  first: [string, string]
  overdue: [string, string]
  second: [string, string]
  final: [string, string]
  sms: [string, string]
}

const P: Record<Lang, Phrases> = {
  en: {
    hello: 'Dear {{debtorName}},\n\n',
    items: '\n{{items}}\n\nTotal overdue: {{total}}',
    pay: '\n\nPlease pay to {{factorIban}} quoting the reference of each invoice.\n\n{{factorName}}',
    claims: '\nReminder fee: {{fee}}\nStatutory interest to {{asOf}}: {{interest}}\nFixed compensation: {{compensation}}\nAmount due: {{grandTotal}}',
    preDue: ['Upcoming payment: {{references}}', 'a friendly note that these invoices fall due soon:'],
    first: ['Payment reminder: {{references}}', 'our records show these invoices as unpaid:'],
    overdue: ['Overdue: {{references}}', 'these invoices fell due and are unpaid:'],
    second: ['Second reminder: {{references}}', 'despite our reminder these invoices are still unpaid:'],
    final: ['Final demand: {{references}}', 'this is our final demand before we hand the claim to a collection agency:'],
    sms: ['Overdue {{references}}', '{{debtorName}}: {{total}} is overdue. Please pay to {{factorIban}} today. {{factorName}}']
  },
  sv: {
    hello: 'Hej {{debtorName}},\n\n',
    items: '\n{{items}}\n\nFörfallet totalt: {{total}}',
    pay: '\n\nVänligen betala till {{factorIban}} och ange respektive fakturas referens.\n\n{{factorName}}',
    claims: '\nPåminnelseavgift: {{fee}}\nDröjsmålsränta till {{asOf}}: {{interest}}\nFörseningsersättning: {{compensation}}\nAtt betala: {{grandTotal}}',
    preDue: ['Kommande betalning: {{references}}', 'en vänlig påminnelse om att dessa fakturor snart förfaller:'],
    first: ['Betalningspåminnelse: {{references}}', 'enligt våra uppgifter är dessa fakturor obetalda:'],
    overdue: ['Förfallen betalning: {{references}}', 'dessa fakturor har förfallit och är obetalda:'],
    second: ['Andra påminnelsen: {{references}}', 'trots vår påminnelse är dessa fakturor fortfarande obetalda:'],
    final: ['Slutlig betalningsuppmaning: {{references}}', 'detta är vår sista uppmaning innan vi lämnar ärendet till inkasso:'],
    sms: ['Förfallet {{references}}', '{{debtorName}}: {{total}} är förfallet. Betala till {{factorIban}} i dag. {{factorName}}']
  },
  de: {
    hello: 'Guten Tag {{debtorName}},\n\n',
    items: '\n{{items}}\n\nÜberfällig gesamt: {{total}}',
    pay: '\n\nBitte überweisen Sie auf {{factorIban}} unter Angabe der Referenz jeder Rechnung.\n\n{{factorName}}',
    claims: '\nMahngebühr: {{fee}}\nVerzugszinsen bis {{asOf}}: {{interest}}\nVerzugspauschale: {{compensation}}\nZu zahlen: {{grandTotal}}',
    preDue: ['Anstehende Zahlung: {{references}}', 'wir erinnern Sie freundlich daran, dass diese Rechnungen bald fällig werden:'],
    first: ['Zahlungserinnerung: {{references}}', 'laut unseren Unterlagen sind diese Rechnungen noch offen:'],
    overdue: ['Überfällig: {{references}}', 'diese Rechnungen sind fällig und unbezahlt:'],
    second: ['2. Mahnung: {{references}}', 'trotz unserer Erinnerung sind diese Rechnungen weiterhin offen:'],
    final: ['Letzte Mahnung: {{references}}', 'dies ist unsere letzte Mahnung, bevor wir die Forderung an ein Inkassobüro übergeben:'],
    sms: ['Überfällig {{references}}', '{{debtorName}}: {{total}} ist überfällig. Bitte heute auf {{factorIban}} zahlen. {{factorName}}']
  },
  fi: {
    hello: 'Hyvä {{debtorName}},\n\n',
    items: '\n{{items}}\n\nErääntynyt yhteensä: {{total}}',
    pay: '\n\nMaksathan tilille {{factorIban}} ja käytä kunkin laskun viitettä.\n\n{{factorName}}',
    claims: '\nMuistutusmaksu: {{fee}}\nViivästyskorko {{asOf}} asti: {{interest}}\nKiinteä korvaus: {{compensation}}\nMaksettava: {{grandTotal}}',
    preDue: ['Tuleva maksu: {{references}}', 'ystävällinen muistutus, että nämä laskut erääntyvät pian:'],
    first: ['Maksumuistutus: {{references}}', 'kirjanpitomme mukaan nämä laskut ovat maksamatta:'],
    overdue: ['Erääntynyt: {{references}}', 'nämä laskut ovat erääntyneet ja maksamatta:'],
    second: ['Toinen maksumuistutus: {{references}}', 'muistutuksestamme huolimatta nämä laskut ovat yhä maksamatta:'],
    final: ['Viimeinen maksukehotus: {{references}}', 'tämä on viimeinen maksukehotuksemme ennen kuin siirrämme saatavan perintätoimistolle:'],
    sms: ['Erääntynyt {{references}}', '{{debtorName}}: {{total}} on erääntynyt. Maksa tänään tilille {{factorIban}}. {{factorName}}']
  }
}

/** The shipped text of one kind of step in every shipped language; claims adds the fee/interest block. */
export function shippedTemplates(kind: TemplateKind, claims = false): Record<string, StepTemplate> {
  const out: Record<string, StepTemplate> = {}
  for (const lang of SHIPPED_LANGUAGES) {
    const p = P[lang]
    const [subject, lead] = p[kind]
    out[lang] =
      kind === 'sms'
        ? { subject, body: lead }
        : kind === 'preDue'
          ? { subject, body: p.hello + lead + p.items.replace(/\n\n[^\n]*$/, '') + p.pay }
          : { subject, body: p.hello + lead + p.items + (claims ? p.claims : '') + p.pay }
  }
  return out
}

/** Words of the item lines ({{items}}) per language. */
export interface ItemWords {
  ref: string
  due: string
  daysOverdue: string
  notYetDue: string
  level: string
  interest: string
}

const WORDS: Record<Lang, ItemWords> = {
  en: { ref: 'ref', due: 'due', daysOverdue: 'days overdue', notYetDue: 'not yet due', level: 'level', interest: 'interest' },
  sv: { ref: 'ref', due: 'förfaller', daysOverdue: 'dagar förfallen', notYetDue: 'ej förfallen', level: 'nivå', interest: 'ränta' },
  de: { ref: 'Ref.', due: 'fällig', daysOverdue: 'Tage überfällig', notYetDue: 'noch nicht fällig', level: 'Stufe', interest: 'Zinsen' },
  fi: { ref: 'viite', due: 'eräpäivä', daysOverdue: 'päivää myöhässä', notYetDue: 'ei vielä erääntynyt', level: 'taso', interest: 'korko' }
}

export function itemWords(language: string): ItemWords {
  return WORDS[language as Lang] ?? WORDS.en
}
