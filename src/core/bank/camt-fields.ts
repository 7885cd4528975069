/**
 * What camt elements mean. The fields worth reading, by path below their context element (Stmt, Bal, Ntry,
 * TxDtls), get slot numbers and are compiled into tries for CamtReader (camt.ts); the functions below turn one
 * context's captured values into a statement header, a balance or booked entries. The slot enums are used in
 * this file only, so they compile to plain numbers.
 */
import type { Balance, Entry, Statement } from './types'
import * as util from './util'
import type { Issues } from './util'

// Local copies of what each entry calls: under a CommonJS transform (tsx) each use of an import is a getter call.
const { clean, isoDatePart, newEntry, normaliseReference, rfFromText, toMinor } = util

/**
 * Captured texts of one context element by slot: `vals` the first of each field, `more` the repeats of fields
 * where each one counts, `ccy` the Ccy attribute. All three are sized once per (reused) frame.
 */
export interface Values {
  vals: (string | undefined)[]
  more: (string[] | undefined)[]
  ccy: (string | undefined)[]
}

/** Stmt fields. */
const enum S { Id, Iban, OthrId, PrtryId, Ccy, Size }
/** Bal fields. */
const enum B { Cd, Prtry, Amt, CdtDbtInd, Dt, DtTm, Size }
/** Ntry fields. */
const enum N { Amt, CdtDbtInd, BookgDt, BookgDtTm, ValDt, ValDtTm, AcctSvcrRef, AddtlNtryInf, Size }
/** TxDtls fields; the four amounts first, in the order a split prefers them (see TX_AMOUNTS). */
const enum T {
  Amt, TxAmt, CntrValAmt, InstdAmt, CdtDbtInd, EndToEndId, AcctSvcrRef,
  DbtrNm, DbtrPtyNm, UltmtDbtrNm, UltmtDbtrPtyNm, CdtrNm, CdtrPtyNm, UltmtCdtrNm, UltmtCdtrPtyNm,
  DbtrIban, DbtrOthrId, CdtrIban, CdtrOthrId, Ustrd, CdtrRef, AddtlRmtInf, AddtlTxInf, Size
}

const STMT_FIELDS: [S, string][] = [[S.Id, 'Id'], [S.Iban, 'Acct/Id/IBAN'], [S.OthrId, 'Acct/Id/Othr/Id'], [S.PrtryId, 'Acct/Id/PrtryAcct/Id'], [S.Ccy, 'Acct/Ccy']]
const BAL_FIELDS: [B, string][] = [[B.Cd, 'Tp/CdOrPrtry/Cd'], [B.Prtry, 'Tp/CdOrPrtry/Prtry'], [B.Amt, 'Amt'], [B.CdtDbtInd, 'CdtDbtInd'], [B.Dt, 'Dt/Dt'], [B.DtTm, 'Dt/DtTm']]
const NTRY_FIELDS: [N, string][] = [
  [N.Amt, 'Amt'], [N.CdtDbtInd, 'CdtDbtInd'], [N.BookgDt, 'BookgDt/Dt'], [N.BookgDtTm, 'BookgDt/DtTm'],
  [N.ValDt, 'ValDt/Dt'], [N.ValDtTm, 'ValDt/DtTm'], [N.AcctSvcrRef, 'AcctSvcrRef'], [N.AddtlNtryInf, 'AddtlNtryInf']
]
/** Amount paths of a TxDtls, in the order a batch split prefers them. */
const TX_AMOUNTS: T[] = [T.Amt, T.TxAmt, T.CntrValAmt, T.InstdAmt]
const TX_AMOUNT_PATHS = ['Amt', 'AmtDtls/TxAmt/Amt', 'AmtDtls/CntrValAmt/Amt', 'AmtDtls/InstdAmt/Amt']
const TX_FIELDS: [T, string][] = [
  ...TX_AMOUNTS.map((t, i): [T, string] => [t, TX_AMOUNT_PATHS[i]]),
  [T.CdtDbtInd, 'CdtDbtInd'], [T.EndToEndId, 'Refs/EndToEndId'], [T.AcctSvcrRef, 'Refs/AcctSvcrRef'],
  [T.DbtrNm, 'RltdPties/Dbtr/Nm'], [T.DbtrPtyNm, 'RltdPties/Dbtr/Pty/Nm'], [T.UltmtDbtrNm, 'RltdPties/UltmtDbtr/Nm'], [T.UltmtDbtrPtyNm, 'RltdPties/UltmtDbtr/Pty/Nm'],
  [T.CdtrNm, 'RltdPties/Cdtr/Nm'], [T.CdtrPtyNm, 'RltdPties/Cdtr/Pty/Nm'], [T.UltmtCdtrNm, 'RltdPties/UltmtCdtr/Nm'], [T.UltmtCdtrPtyNm, 'RltdPties/UltmtCdtr/Pty/Nm'],
  [T.DbtrIban, 'RltdPties/DbtrAcct/Id/IBAN'], [T.DbtrOthrId, 'RltdPties/DbtrAcct/Id/Othr/Id'], [T.CdtrIban, 'RltdPties/CdtrAcct/Id/IBAN'], [T.CdtrOthrId, 'RltdPties/CdtrAcct/Id/Othr/Id'],
  [T.Ustrd, 'RmtInf/Ustrd'], [T.CdtrRef, 'RmtInf/Strd/CdtrRefInf/Ref'], [T.AddtlRmtInf, 'RmtInf/Strd/AddtlRmtInf'], [T.AddtlTxInf, 'AddtlTxInf']
]
/** Fields whose every occurrence counts (remittance lines are joined); elsewhere the first one wins. */
const MULTI = new Set(['RmtInf/Ustrd', 'RmtInf/Strd/AddtlRmtInf', 'AddtlTxInf'])

/**
 * Paths as a trie of local names: walking it on each open tag costs one Map lookup and allocates nothing,
 * where building "a/b/c" strings per element showed up as GC time on 100 MB files.
 */
export interface Node {
  /** Slot of the field this element holds, -1 for elements on the way to one. */
  slot: number
  multi: boolean
  kids: Map<string, Node>
}
export const DEAD: Node = { slot: -1, multi: false, kids: new Map() }

function trie(fields: [number, string][]): Node {
  const root: Node = { slot: -1, multi: false, kids: new Map() }
  for (const [slot, path] of fields) {
    let n = root
    for (const name of path.split('/')) {
      let k = n.kids.get(name)
      if (!k) n.kids.set(name, (k = { slot: -1, multi: false, kids: new Map() }))
      n = k
    }
    n.slot = slot
    n.multi = MULTI.has(path)
  }
  return root
}
/** Tries indexed like CamtReader's Ctx: 0 none, 1 Stmt, 2 Bal, 3 Ntry, 4 TxDtls. */
export const ROOTS: Node[] = [DEAD, trie(STMT_FIELDS), trie(BAL_FIELDS), trie(NTRY_FIELDS), trie(TX_FIELDS)]
ROOTS[3].kids.set('NtryDtls', { slot: -1, multi: false, kids: new Map() })
export const NTRY_DTLS = ROOTS[3].kids.get('NtryDtls')!
/** Slots per context, to size the value arrays. */
export const SIZES = [0, S.Size, B.Size, N.Size, T.Size]

/** Statement header fields come before balances and entries in every camt version. */
export function readHeader(st: Statement, v: (string | undefined)[]): void {
  st.id = v[S.Id] ?? ''
  st.account = clean(v[S.Iban] ?? v[S.OthrId] ?? v[S.PrtryId]) ?? ''
  st.currency = clean(v[S.Ccy]) ?? ''
}

/** An opening (OPBD, PRCD) or closing (CLBD) balance; null for other types and unreadable ones (reported). */
export function readBalance(f: Values, st: Statement, issues: Issues, line: number): { kind: 'opening' | 'closing'; balance: Balance; ccy: string } | null {
  const v = f.vals
  const code = clean(v[B.Cd] ?? v[B.Prtry])
  const amt = v[B.Amt]
  const ccy = f.ccy[B.Amt] ?? st.currency
  const date = isoDatePart(v[B.Dt] ?? v[B.DtTm] ?? '')
  if (!code || amt === undefined) return null
  const kind = code === 'OPBD' || code === 'PRCD' ? 'opening' : code === 'CLBD' ? 'closing' : null
  if (!kind || st[kind]) return null
  let minor = toMinor(amt, ccy, issues, line, `Bal ${code}/Amt`)
  if (minor === null) return null
  if (v[B.CdtDbtInd]?.trim() === 'DBIT') minor = -minor
  if (!date) {
    issues.warn(line, `statement ${st.id}: balance ${code} has no date`, 'Bal/Dt')
    return null
  }
  return { kind, balance: { amount: minor, date }, ccy }
}

export interface EntrySink {
  emit(e: Entry, st: Statement): void
}

/** The booked line(s) of one Ntry: one per TxDtls when a batch splits exactly, else one for the whole entry. */
export function readEntry(f: Values, details: Values[], st: Statement, issues: Issues, line: number, sink: EntrySink): void {
  const v = f.vals
  const ccy = f.ccy[N.Amt] ?? st.currency
  const amtText = v[N.Amt]
  const cdi = v[N.CdtDbtInd]?.trim()
  if (amtText === undefined || (cdi !== 'CRDT' && cdi !== 'DBIT')) {
    issues.error(line, `statement ${st.id}: entry without ${amtText === undefined ? 'Amt' : 'CdtDbtInd CRDT/DBIT'}, skipped`, 'Ntry')
    return
  }
  const abs = toMinor(amtText, ccy, issues, line, 'Ntry/Amt')
  if (abs === null) return
  const amount = cdi === 'DBIT' ? -Math.abs(abs) : Math.abs(abs)
  const split = splitAmounts(details, ccy, cdi, amount, issues, line, st.id)
  if (split) for (let i = 0; i < split.length; i++) sink.emit(entry(split[i], ccy, v, details[i], [details[i]]), st)
  else sink.emit(entry(amount, ccy, v, details[0], details), st)
}

/** One booked line: the entry's own fields, then the (first or only) TxDtls, then free text as a fallback. */
function entry(amount: number, ccy: string, v: (string | undefined)[], d: Values | undefined, all: Values[]): Entry {
  const e = newEntry(amount, ccy)
  e.bookingDate = isoDatePart(v[N.BookgDt] ?? v[N.BookgDtTm] ?? '')
  e.valueDate = isoDatePart(v[N.ValDt] ?? v[N.ValDtTm] ?? '')
  e.bankRef = clean(v[N.AcctSvcrRef]) ?? clean(d?.vals[T.AcctSvcrRef])
  if (d) fillDetail(e, d.vals, all)
  e.remittance ??= clean(v[N.AddtlNtryInf])
  e.reference ??= rfFromText(e.remittance)
  return e
}

/**
 * Amounts per TxDtls when a batch entry can be split exactly; null keeps the entry whole
 * (details without amounts, or amounts that do not add up to the booked total).
 */
function splitAmounts(details: Values[], ccy: string, cdi: string, total: number, issues: Issues, line: number, id: string): number[] | null {
  if (details.length < 2) return null
  const out: number[] = []
  for (const d of details) {
    const i = TX_AMOUNTS.findIndex((p) => d.vals[p] !== undefined && (d.ccy[p] ?? ccy) === ccy)
    if (i < 0) return null
    const v = toMinor(d.vals[TX_AMOUNTS[i]]!, ccy, issues, line, `TxDtls/${TX_AMOUNT_PATHS[i]}`)
    if (v === null) return null
    const dcdi = d.vals[T.CdtDbtInd]?.trim() ?? cdi
    out.push(dcdi === 'DBIT' ? -Math.abs(v) : Math.abs(v))
  }
  const sum = out.reduce((s, v) => s + v, 0)
  if (sum !== total) {
    issues.warn(line, `statement ${id}: transaction details add up to ${sum} minor units, entry says ${total}; kept as one entry`)
    return null
  }
  return out
}

/** Every occurrence of a field over the given TxDtls, cleaned, duplicates dropped, joined with blanks. */
function joined(all: Values[], slot: T): string | null {
  let out: string | null = null
  let parts: string[] | null = null
  for (const d of all) {
    const first = d.vals[slot]
    if (first === undefined) continue
    const more = d.more[slot]
    for (let i = -1; i < (more ? more.length : 0); i++) {
      const c = clean(i < 0 ? first : more![i])
      if (c === null) continue
      if (out === null) out = c
      else if (c !== out && !parts?.includes(c)) (parts ??= [out]).push(c)
    }
  }
  return parts ? parts.join(' ') : out
}

/** Counterparty is the debtor on credits and the creditor on debits; ultimate parties only as a fallback. */
function fillDetail(e: Entry, v: (string | undefined)[], all: Values[]): void {
  const credit = e.amount >= 0
  e.endToEndId = clean(v[T.EndToEndId])
  if (e.endToEndId === 'NOTPROVIDED') e.endToEndId = null
  e.counterpartyName = clean(
    credit ? (v[T.DbtrNm] ?? v[T.DbtrPtyNm] ?? v[T.UltmtDbtrNm] ?? v[T.UltmtDbtrPtyNm]) : (v[T.CdtrNm] ?? v[T.CdtrPtyNm] ?? v[T.UltmtCdtrNm] ?? v[T.UltmtCdtrPtyNm])
  )
  e.counterpartyAccount = clean(credit ? (v[T.DbtrIban] ?? v[T.DbtrOthrId]) : (v[T.CdtrIban] ?? v[T.CdtrOthrId]))
  e.reference = normaliseReference(v[T.CdtrRef] ?? null)
  e.remittance = joined(all, T.Ustrd) ?? joined(all, T.AddtlRmtInf) ?? joined(all, T.AddtlTxInf)
}
