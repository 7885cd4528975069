/**
 * Bankgirot BgMax (Swedish incoming Bankgiro payments). Fixed 80-column records; one statement per
 * deposit (05 opening record ... 15 deposit record). Payment (20) and deduction (21) records become
 * entries; extra references (22/23) and payer details (25-29) enrich the payment before them. The
 * deposit totals and the 70 end record counts are checked, as Bankgirot's own validation does.
 */
import type { Entry, ParsedFile, Statement } from './types'
import { Issues, clean, intMinor, newEntry, result, ymd } from './util'
import { isLocalDate } from '../../shared/dates'

function col(line: string, from: number, to: number): string {
  // 1-based inclusive column positions as in the Bankgirot specification.
  return line.slice(from - 1, to)
}

export function parseBgmaxText(text: string, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  const lines = text.split(/\r\n|\n|\r/)
  if (!lines[0]?.startsWith('01BGMAX')) {
    issues.error(1, 'not a BgMax file: the first record must be "01BGMAX"')
    return result('bgmax', [], issues)
  }
  const statements: Statement[] = []
  let open: { account: string; currency: string; entries: Entry[]; line: number; refs: string[][] } | null = null
  let last: Entry | null = null
  let lastRefs: string[] = []
  let texts: string[] = []
  let nPayments = 0
  let nDeductions = 0
  let nExtraRefs = 0
  let nDeposits = 0
  let sawEnd = false

  const finishPayment = () => {
    if (last && texts.length) last.remittance = clean(texts.join(' '))
    if (last && lastRefs.length > 1) last.remittance = clean([last.remittance, `references: ${lastRefs.join(' ')}`].filter(Boolean).join('; '))
    last = null
    lastRefs = []
    texts = []
  }

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    const n = i + 1
    if (l.trim() === '') continue
    const tc = l.slice(0, 2)
    switch (tc) {
      case '01':
        break
      case '05':
        finishPayment()
        open = { account: col(l, 3, 12).replace(/^0+/, ''), currency: col(l, 23, 25).trim() || 'SEK', entries: [], line: n, refs: [] }
        break
      case '20':
      case '21': {
        finishPayment()
        if (!open) {
          issues.error(n, `payment record ${tc} before any 05 opening record, skipped`)
          break
        }
        const amt = intMinor(col(l, 38, 55), issues, n, `${tc} amount`)
        if (amt === null) break
        const e = newEntry(tc === '21' ? -amt : amt, open.currency)
        const ref = col(l, 13, 37).trim()
        e.reference = ref || null
        e.bankRef = col(l, 58, 69).trim() || null
        const sender = col(l, 3, 12).replace(/^0+/, '')
        e.counterpartyAccount = sender ? `BG ${sender}` : null
        open.entries.push(e)
        last = e
        lastRefs = ref ? [ref] : []
        if (tc === '20') nPayments++
        else nDeductions++
        break
      }
      case '22':
      case '23': {
        nExtraRefs++
        const ref = col(l, 13, 37).trim()
        if (!last) break
        // A 22 supplies the reference when the payment record had none; 23 is a rejected (negative) one.
        if (tc === '22' && ref) {
          if (!last.reference) last.reference = ref
          if (!lastRefs.includes(ref)) lastRefs.push(ref)
        }
        break
      }
      case '25':
        texts.push(col(l, 3, 52).trim())
        break
      case '26':
        if (last) last.counterpartyName = clean(`${col(l, 3, 37)} ${col(l, 38, 72)}`)
        break
      case '27':
      case '28':
      case '29':
        break
      case '15': {
        finishPayment()
        nDeposits++
        if (!open) {
          issues.error(n, 'deposit record 15 without an 05 opening record')
          break
        }
        const d = col(l, 38, 45)
        const date = ymd(+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8))
        if (!isLocalDate(date)) issues.error(n, `deposit date is not a date: "${d}"`, '15 payment date')
        const serial = col(l, 46, 50)
        const total = intMinor(col(l, 51, 68), issues, n, '15 deposit amount')
        const count = +col(l, 72, 79)
        const currency = col(l, 69, 71).trim() || open.currency
        const sum = open.entries.reduce((s, e) => s + e.amount, 0)
        const id = `${col(l, 3, 37).replace(/^0+/, '')}/${d}/${serial}`
        if (total !== null && total !== sum) issues.warn(n, `deposit ${id}: payments add up to ${sum} öre, deposit says ${total}`)
        const pays = open.entries.length
        if (count !== pays) issues.warn(n, `deposit ${id}: ${pays} payments found, deposit says ${count}`)
        for (const e of open.entries) {
          e.bookingDate = isLocalDate(date) ? date : null
          e.valueDate = e.bookingDate
          e.currency = currency
        }
        statements.push({ id, account: open.account, currency, opening: null, closing: null, entries: open.entries })
        open = null
        break
      }
      case '70': {
        sawEnd = true
        const expect = [+col(l, 3, 10), +col(l, 11, 18), +col(l, 19, 26), +col(l, 27, 34)]
        if (expect[0] !== nPayments) issues.error(n, `Found ${nPayments} payments but expected ${expect[0]}`)
        if (expect[1] !== nDeductions) issues.error(n, `Found ${nDeductions} deductions but expected ${expect[1]}`)
        if (expect[2] !== nExtraRefs) issues.warn(n, `Found ${nExtraRefs} extra references but expected ${expect[2]}`)
        if (expect[3] !== nDeposits) issues.error(n, `Found ${nDeposits} deposits but expected ${expect[3]}`)
        break
      }
      default:
        issues.warn(n, `unknown BgMax record type "${tc}", skipped`)
    }
  }
  if (open) issues.error(lines.length, 'unexpected end of file: payments without their 15 deposit record (truncated?)')
  else if (!sawEnd) issues.error(lines.length, 'unexpected end of file: no 70 end record (truncated?)')
  // Count mismatches against the end record mean the file is incomplete or altered: import nothing.
  return result('bgmax', issues.errors.length ? [] : statements, issues)
}
