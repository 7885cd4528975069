/**
 * OFX bank and credit-card statements, SGML v1 (leaf tags never closed) and XML v2 alike: both are read
 * as a flat stream of <TAG>value tokens, which is all the statement aggregates need. Investment
 * statements are reported and skipped: they hold positions, not bank money movements.
 */
import type { ParsedFile, Statement } from './types'
import { Issues, balance, checkBalances, clean, newEntry, result, rfFromText, toMinor, ymd } from './util'
import { isLocalDate } from '../../shared/dates'

interface Txn {
  line: number
  v: Map<string, string>
}

export function parseOfxText(text: string, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  const statements: Statement[] = []
  const re = /<(\/?)([A-Za-z0-9._]+)(?:\s[^>]*)?>([^<]*)/g
  const path: string[] = []
  let line = 1
  let lastIndex = 0
  let st: Statement | null = null
  let stLine = 0
  let ccy = ''
  let txn: Txn | null = null
  let ledger: { amt?: string; date?: string } | null = null
  let sawOfx = false
  let m: RegExpExecArray | null

  const endStatement = () => {
    if (!st) return
    if (st.currency === '') st.currency = ccy
    if (st.currency === '') issues.warn(stLine, `statement ${st.account}: no currency (CURDEF empty); amounts read with 2 decimals`, 'CURDEF')
    checkBalances(st, issues, stLine)
    statements.push(st)
    st = null
  }

  while ((m = re.exec(text)) !== null) {
    for (let i = lastIndex; i < m.index; i++) if (text.charCodeAt(i) === 10) line++
    lastIndex = m.index
    const closing = m[1] === '/'
    const tag = m[2].toUpperCase()
    const value = m[3].trim()
    if (tag === 'OFX') sawOfx = true
    if (closing) {
      // SGML leaves are never closed, so pop back to the matching aggregate.
      const at = path.lastIndexOf(tag)
      if (at >= 0) path.length = at
      if (tag === 'STMTTRN' && txn && st) addTxn(txn, st, ccy, issues)
      if (tag === 'STMTTRN') txn = null
      if (tag === 'LEDGERBAL' && ledger && st) st.closing = ledgerBalance(ledger, ccy, issues, line)
      if (tag === 'LEDGERBAL') ledger = null
      if (tag === 'STMTRS' || tag === 'CCSTMTRS') endStatement()
      continue
    }
    if (value === '' || tag === 'STMTTRN' || tag === 'LEDGERBAL') {
      // An aggregate opens (or an empty leaf, which SGML cannot tell apart).
      if (tag === 'STMTRS' || tag === 'CCSTMTRS') {
        endStatement()
        st = { id: '', account: '', currency: '', opening: null, closing: null, entries: [] }
        stLine = line
        ccy = ''
      } else if (tag === 'INVSTMTRS') issues.warn(line, 'investment statement (INVSTMTRS) skipped: it holds securities, not bank entries')
      else if (tag === 'STMTTRN') {
        if (txn && st) addTxn(txn, st, ccy, issues)
        txn = { line, v: new Map() }
      } else if (tag === 'LEDGERBAL') ledger = {}
      if (value === '' && !['STMTTRN', 'LEDGERBAL'].includes(tag)) path.push(tag)
      if (tag === 'STMTTRN' || tag === 'LEDGERBAL') path.push(tag)
      continue
    }
    const v = decodeEntities(value)
    if (txn) {
      const parent = path[path.length - 1]
      txn.v.set(parent === 'PAYEE' && tag === 'NAME' ? 'PAYEE.NAME' : tag, v)
    } else if (ledger && (tag === 'BALAMT' || tag === 'DTASOF')) {
      ledger[tag === 'BALAMT' ? 'amt' : 'date'] = v
    } else if (st) {
      if (tag === 'CURDEF') (ccy = v), (st.currency = v)
      else if (tag === 'ACCTID' && st.account === '') st.account = v
      else if (tag === 'DTEND') st.id = `${st.account}/${ofxDate(v) ?? v}`
    }
  }
  endStatement()
  if (!sawOfx) issues.error(undefined, 'not an OFX file: no <OFX> element')
  else if (statements.length === 0 && issues.errors.length === 0) issues.error(undefined, 'OFX file without a bank or credit card statement (STMTRS/CCSTMTRS)')
  for (const s of statements) if (s.id === '' || s.id.startsWith('/')) s.id = `${s.account}/${s.closing?.date ?? ''}`
  return result('ofx', issues.errors.length && statements.length === 0 ? [] : statements, issues)
}

function decodeEntities(s: string): string {
  return s.includes('&') ? s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&') : s
}

/** 20090401122017.000[-5:EST] -> 2009-04-01: the bank's posting day, time zone ignored. */
function ofxDate(s: string | undefined): string | null {
  if (!s) return null
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(s.trim())
  if (!m) return null
  const d = ymd(+m[1], +m[2], +m[3])
  return isLocalDate(d) ? d : null
}

/** TRNAMT is "-6.60", "+00000000000115.8331" or, from some European banks, "-6,60". */
function ofxAmount(s: string, ccy: string, issues: Issues, line: number, field: string): number | null {
  const t = s.trim()
  const mark = t.includes(',') && !t.includes('.') ? ',' : '.'
  return toMinor(t, ccy, issues, line, field, mark)
}

function ledgerBalance(l: { amt?: string; date?: string }, ccy: string, issues: Issues, line: number) {
  if (!l.amt) return null
  const amt = ofxAmount(l.amt, ccy, issues, line, 'LEDGERBAL/BALAMT')
  return balance(amt, ofxDate(l.date))
}

function addTxn(t: Txn, st: Statement, ccy: string, issues: Issues): void {
  const v = t.v
  const posted = ofxDate(v.get('DTPOSTED'))
  if (!posted) {
    issues.error(t.line, `transaction ${v.get('FITID') ?? ''} has no valid DTPOSTED ("${v.get('DTPOSTED') ?? ''}"), skipped`.replace('  ', ' '), 'DTPOSTED')
    return
  }
  const raw = v.get('TRNAMT')
  if (raw === undefined) {
    issues.error(t.line, 'transaction without TRNAMT, skipped', 'TRNAMT')
    return
  }
  const cur = v.get('CURSYM') ?? st.currency ?? ccy
  const amt = ofxAmount(raw, cur || ccy, issues, t.line, 'TRNAMT')
  if (amt === null) return
  const e = newEntry(amt, cur || ccy)
  e.bookingDate = posted
  e.valueDate = ofxDate(v.get('DTAVAIL')) ?? ofxDate(v.get('DTUSER')) ?? posted
  e.bankRef = clean(v.get('FITID'))
  e.endToEndId = clean(v.get('REFNUM') ?? v.get('CHECKNUM'))
  if (e.endToEndId === '0') e.endToEndId = null
  e.counterpartyName = clean(v.get('NAME') ?? v.get('PAYEE.NAME'))
  e.counterpartyAccount = clean(v.get('ACCTID'))
  e.remittance = clean(v.get('MEMO')) ?? e.counterpartyName
  e.reference = rfFromText(e.remittance)
  st.entries.push(e)
}

