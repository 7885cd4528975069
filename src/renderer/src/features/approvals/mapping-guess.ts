import type { ColumnMapping, DateFormat } from '../../../../shared/contract'

/**
 * First guesses for a client's own layout, so the mapping screen opens close to right and the user
 * only corrects what the preview shows wrong. Nothing here is trusted: the server reads the file
 * through whatever mapping the user confirms, and the preview shows exactly that.
 */

export type FileKind = 'factordesk-csv' | 'ubl' | 'xlsx' | 'csv'

const FACTORDESK_HEADER = 'invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount'

/** Decodes as UTF-8, else as Windows-1252 (what Excel on Windows writes), like the server does. */
export function decodeSample(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 256 * 1024)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head)
  } catch (e) {
    // A multi-byte character cut at the sample's end is not a reason to switch encodings.
    if (head.length < bytes.length) return new TextDecoder('utf-8').decode(head)
    void e
    return new TextDecoder('windows-1252').decode(head)
  }
}

/** Which reader the server will use for the file, decided the same way it decides. */
export function sniffKind(name: string, bytes: Uint8Array, text: string): FileKind {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx'
  const t = text.replace(/^\ufeff/, '')
  if (/\.xml$/i.test(name) || /^\s*<(\?xml|[A-Za-z:]*Invoice|[A-Za-z:]*CreditNote)/.test(t)) return 'ubl'
  const first = (t.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim().toLowerCase().replace(/^"|"$/g, '')).join(',')
  return first === FACTORDESK_HEADER ? 'factordesk-csv' : 'csv'
}

const DELIMITERS = [';', ',', '\t', '|'] as const

/** Counts outside double quotes, so "1,5" inside quotes does not vote for a comma. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0
  let quoted = false
  for (const c of line) {
    if (c === '"') quoted = !quoted
    else if (c === ch && !quoted) n++
  }
  return n
}

/** The delimiter that splits most lines into the same, largest number of fields. */
export function guessDelimiter(text: string): string {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30)
  let best: string = ';'
  let bestScore = -1
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    const freq = new Map<number, number>()
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1)
    // The most common non-zero count, weighted by how many lines agree on it.
    let score = 0
    for (const [c, f] of freq) score = Math.max(score, f * 100 + c)
    if (score > bestScore) (best = d), (bestScore = score)
  }
  return best
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_.\-/]+/g, ' ').trim()

/** Header words seen in client exports (English, German, Swedish, Finnish, Dutch, French). */
const SYNONYMS: Record<keyof ColumnMapping['columns'], string[]> = {
  invoiceNumber: ['invoice number', 'invoice no', 'invoice nr', 'invoice', 'invoice id', 'number', 'no', 'rechnung', 'rechnungsnummer', 'rechnungsnr', 'rechnung nr', 'faktura', 'fakturanummer', 'fakturanr', 'laskunumero', 'lasku', 'factuur', 'factuurnummer', 'facture', 'numero', 'numéro', 'document', 'doc no'],
  debtorName: ['debtor', 'debtor name', 'customer', 'customer name', 'buyer', 'kunde', 'kundenname', 'kund', 'kundnamn', 'asiakas', 'klant', 'client', 'name', 'company'],
  debtorRegNo: ['debtor reg no', 'reg no', 'registration', 'registration number', 'company id', 'hr nr', 'hrb', 'handelsregister', 'org nr', 'orgnr', 'organisationsnummer', 'y tunnus', 'kvk', 'siren', 'vat', 'vat id'],
  debtorCountry: ['debtor country', 'country', 'land', 'maa', 'pays', 'country code'],
  issueDate: ['issue date', 'invoice date', 'date', 'datum', 'rechnungsdatum', 'fakturadatum', 'päiväys', 'laskun päivä', 'factuurdatum', 'date facture', 'issued'],
  dueDate: ['due date', 'due', 'fällig', 'fälligkeit', 'fällig am', 'förfallodatum', 'förfallodag', 'eräpäivä', 'vervaldatum', 'échéance', 'payable by'],
  currency: ['currency', 'cur', 'ccy', 'währung', 'valuta', 'valuutta', 'devise'],
  amount: ['amount', 'total', 'gross', 'betrag', 'brutto', 'bruttobetrag', 'belopp', 'summa', 'bedrag', 'montant', 'invoice amount', 'amount due']
}
/** Where two fields could claim the same words ("due date" contains "date"), the more specific goes first. */
const ORDER: (keyof ColumnMapping['columns'])[] = ['dueDate', 'issueDate', 'debtorRegNo', 'debtorCountry', 'currency', 'amount', 'invoiceNumber', 'debtorName']

/** Maps header titles to fields: exact words first, then titles that contain one of the words. */
export function guessColumns(header: string[]): Partial<ColumnMapping['columns']> {
  const titles = header.map(norm)
  const taken = new Set<number>()
  const out: Partial<ColumnMapping['columns']> = {}
  const claim = (f: keyof ColumnMapping['columns'], i: number) => {
    out[f] = header[i].trim()
    taken.add(i)
  }
  for (const f of ORDER) {
    const i = titles.findIndex((t, k) => !taken.has(k) && SYNONYMS[f].includes(t))
    if (i >= 0) claim(f, i)
  }
  for (const f of ORDER) {
    if (out[f] !== undefined) continue
    const i = titles.findIndex((t, k) => !taken.has(k) && t.length > 1 && SYNONYMS[f].some((s) => s.length > 2 && (t.includes(s) || t.split(' ').includes(s))))
    if (i >= 0) claim(f, i)
  }
  return out
}

/** The first of the rows that reads like column titles: mostly text, as many cells as the rows below. */
export function guessHeaderRow(rows: { line: number; cells: string[] }[]): number {
  const widths = rows.map((r) => r.cells.filter((c) => c.trim() !== '').length)
  const modal = [...widths].sort((a, b) => widths.filter((w) => w === b).length - widths.filter((w) => w === a).length)[0] ?? 0
  const looksLikeTitles = (cells: string[]) => cells.filter((c) => c.trim() !== '').every((c) => !/^[\d\s.,'+-]+$/.test(c.trim()) && !/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(c.trim()))
  const r = rows.find((r, i) => widths[i] >= Math.max(2, modal) && looksLikeTitles(r.cells))
  return r?.line ?? 0
}

/** The date layout most cells fit; day-first unless some first part is over 12 and no second part is. */
export function guessDateFormat(cells: string[]): DateFormat {
  const t = cells.map((c) => c.trim()).filter(Boolean)
  const count = (re: RegExp) => t.filter((c) => re.test(c)).length
  const slash = t.filter((c) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(c)).map((c) => c.split('/').map(Number))
  const candidates: [DateFormat, number][] = [
    ['DD.MM.YYYY', count(/^\d{1,2}\.\d{1,2}\.\d{4}$/)],
    ['DD-MM-YYYY', count(/^\d{1,2}-\d{1,2}-\d{4}$/)],
    [slash.some(([a]) => a > 12) || !slash.some(([, b]) => b > 12) ? 'DD/MM/YYYY' : 'MM/DD/YYYY', slash.length],
    ['YYYYMMDD', count(/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/)],
    ['YYYY-MM-DD', count(/^\d{4}-\d{1,2}-\d{1,2}$/)]
  ]
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a))
  return best[1] > 0 ? best[0] : 'YYYY-MM-DD'
}

/** A comma decimal mark when amounts end in ",dd" (or use dots only as thousands separators). */
export function guessDecimalMark(cells: string[]): '.' | ',' {
  const t = cells.map((c) => c.trim().replace(/[\s\u00a0']/g, '')).filter(Boolean)
  const comma = t.filter((c) => /,\d{1,2}$/.test(c) || /^\d{1,3}(\.\d{3})+$/.test(c)).length
  const dot = t.filter((c) => /\.\d{1,2}$/.test(c) || /^\d{1,3}(,\d{3})+$/.test(c)).length
  return comma > dot ? ',' : '.'
}

/**
 * A whole first mapping from the file's first rows (as the server split them with no header): header
 * row, columns by their titles, then date format and decimal mark from the cells of those columns.
 */
export function guessMapping(rows: { line: number; cells: string[] }[], delimiter: string): ColumnMapping {
  const headerRow = guessHeaderRow(rows)
  const header = rows.find((r) => r.line === headerRow)?.cells ?? []
  const found = guessColumns(header)
  const data = rows.filter((r) => r.line > headerRow)
  const cellsOf = (ref: string | number | undefined) => {
    const i = typeof ref === 'number' ? ref - 1 : header.findIndex((h) => norm(h) === norm(ref ?? '\u0000'))
    return i < 0 ? [] : data.map((r) => r.cells[i] ?? '')
  }
  // Required fields without a title match fall back to a position, so the preview can still show rows.
  const columns: ColumnMapping['columns'] = {
    invoiceNumber: found.invoiceNumber ?? 1,
    debtorName: found.debtorName ?? 2,
    issueDate: found.issueDate ?? 3,
    dueDate: found.dueDate ?? 4,
    amount: found.amount ?? 5,
    ...(found.debtorRegNo !== undefined && { debtorRegNo: found.debtorRegNo }),
    ...(found.debtorCountry !== undefined && { debtorCountry: found.debtorCountry }),
    ...(found.currency !== undefined && { currency: found.currency })
  }
  return {
    delimiter,
    headerRow,
    columns,
    dateFormat: guessDateFormat([...cellsOf(columns.issueDate), ...cellsOf(columns.dueDate)]),
    decimalMark: guessDecimalMark(cellsOf(columns.amount))
  }
}
