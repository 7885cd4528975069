/**
 * ISO 20022 camt.052 / camt.053 / camt.054, read with a streaming SAX parser (saxes): no DOM, so a 100 MB
 * statement needs memory for the entries only. Elements are matched by local name and by their path below
 * the nearest Stmt/Bal/Ntry/TxDtls, which makes namespaces, prefixes and schema versions irrelevant.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { Entry, Format, ParsedFile, Statement } from './types'
import { Issues, checkBalances, clean, isoDatePart, newEntry, normaliseReference, result, rfFromText, toMinor } from './util'
import { sniffEncoding, streamDecoder } from './decode'
import { DEAD, NTRY_DTLS, ROOTS, TX_AMOUNTS, type Node } from './camt-paths'

const MESSAGES: Record<string, Format> = {
  BkToCstmrStmt: 'camt.053',
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrDbtCdtNtfctn: 'camt.054'
}
const RECORDS = new Set(['Stmt', 'Rpt', 'Ntfctn'])

const enum Ctx { None, Stmt, Bal, Ntry, Tx }


/** Captured values of one element: path -> texts (repeating elements such as Ustrd keep every value). */
type Bag = Map<string, string[]>

interface Frame {
  ctx: Ctx
  depth: number
  bag: Bag
  line: number
  ccy: Map<string, string>
}

export type OnEntry = (entry: Entry, statement: Statement) => void

export class CamtReader {
  readonly issues: Issues
  format: Format | null = null
  readonly statements: Statement[] = []
  // saxes' own position tracking halves its speed; lines are counted lazily from its cursor instead (see line()).
  private readonly sax = new SaxesParser({ xmlns: false, position: false })
  private lineBase = 0
  private scanChunk: string | null = null
  private scanI = 0
  private scanLine = 0
  private endsWithNewline = false
  private depth = 0
  private rel: Node = DEAD
  private readonly relAt: Node[] = []
  private readonly names: string[] = []
  private readonly frames: Frame[] = []
  private frame: Frame | null = null
  private capture: string | null = null
  private captureDepth = -1
  private captureCcy: string | undefined
  private text = ''
  private failed = false
  private st: Statement | null = null
  private stBag: Bag = new Map()
  private records = 0
  private stSum = 0
  private stMixed = false
  private stLine = 0
  private balCcy = new Map<string, string>()
  private details: Bag[] = []
  private detailCcy: Map<string, string>[] = []

  constructor(file: string | undefined, private readonly onEntry?: OnEntry) {
    this.issues = new Issues(file)
    this.sax.on('opentag', (t) => this.open(t))
    this.sax.on('closetag', () => this.close())
    this.sax.on('text', (t) => {
      if (this.capture !== null) this.text += t
    })
    this.sax.on('cdata', (t) => {
      if (this.capture !== null) this.text += t
    })
    this.sax.on('error', (e) => {
      if (!this.failed) this.issues.error(this.line(), `not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`)
      this.failed = true
    })
  }

  write(chunk: string): void {
    if (this.failed || chunk === '') return
    this.sax.write(chunk)
    // Count what is left of this chunk so the next one starts from the right line.
    const c = (this.sax as unknown as { chunk: string }).chunk
    this.lineBase = (this.scanChunk === c ? this.scanLine : this.lineBase) + countNewlines(c, this.scanChunk === c ? this.scanI : 0, c.length)
    this.scanChunk = null
    this.endsWithNewline = chunk.endsWith('\n')
  }

  /** 1-based line of saxes' cursor; scans forward incrementally, so a whole file costs one pass of indexOf. */
  private line(): number {
    const sax = this.sax as unknown as { chunk: string; i: number }
    if (this.scanChunk !== sax.chunk) {
      this.scanChunk = sax.chunk
      this.scanI = 0
      this.scanLine = this.lineBase
    }
    const to = Math.min(sax.i, sax.chunk.length)
    if (to > this.scanI) {
      this.scanLine += countNewlines(sax.chunk, this.scanI, to)
      this.scanI = to
    }
    return this.scanLine + 1
  }

  finish(): ParsedFile {
    if (!this.failed && this.depth > 0) {
      const inside = this.frames.some((f) => f.ctx === Ctx.Ntry || f.ctx === Ctx.Tx) ? 'Ntry' : this.frame ? this.names[this.frame.depth - 1] : this.names[this.depth - 1]
      this.issues.error(this.lineBase + (this.endsWithNewline ? 0 : 1), `unexpected end of file inside <${inside}>`)
      this.failed = true
    }
    if (!this.failed) this.sax.close()
    if (!this.failed && this.format === null) this.issues.error(undefined, 'not a camt.052/053/054 bank statement (no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn element)')
    if (!this.failed && this.format !== null && this.records === 0) {
      this.issues.error(undefined, `${this.format} message without any statement, report or notification`)
      this.failed = true
    }
    // A broken or foreign file yields no statements at all, so the caller can never store half a file.
    return result(this.format ?? 'camt.053', this.failed || this.format === null ? [] : this.statements, this.issues)
  }

  private open(tag: SaxesTagPlain): void {
    const colon = tag.name.indexOf(':')
    const name = colon < 0 ? tag.name : tag.name.slice(colon + 1)
    this.relAt[this.depth] = this.rel
    this.names[this.depth] = name
    this.depth++
    const f = this.frame
    if (this.depth === 2) {
      // camt v01 message names carry a version suffix (BkToCstmrAcctRptV01).
      const fmt = MESSAGES[name.replace(/V\d+$/, '')]
      if (fmt) this.format = fmt
      else this.notCamt(name)
    } else if (this.depth === 3 && this.format && RECORDS.has(name)) {
      this.push(Ctx.Stmt)
    } else if (f && f.ctx === Ctx.Stmt && this.rel === ROOTS[Ctx.Stmt] && name === 'Bal') {
      this.push(Ctx.Bal)
    } else if (f && f.ctx === Ctx.Stmt && this.rel === ROOTS[Ctx.Stmt] && name === 'Ntry') {
      this.push(Ctx.Ntry)
      this.details = []
      this.detailCcy = []
    } else if (f && f.ctx === Ctx.Ntry && this.rel === NTRY_DTLS && name === 'TxDtls') {
      this.push(Ctx.Tx)
    } else {
      this.rel = this.rel.kids.get(name) ?? DEAD
      if (this.rel.field) {
        this.capture = this.rel.path
        this.captureDepth = this.depth
        this.captureCcy = tag.attributes.Ccy as string | undefined
        this.text = ''
      }
    }
  }

  private notCamt(name: string): void {
    this.issues.error(this.line(), `not a camt bank statement: <${this.names[0]}> contains <${name}>`)
    this.failed = true
  }

  private push(ctx: Ctx): void {
    const frame: Frame = { ctx, depth: this.depth, bag: new Map(), line: this.line(), ccy: new Map() }
    this.frames.push(frame)
    this.frame = frame
    this.rel = ROOTS[ctx]
    if (ctx === Ctx.Stmt) {
      this.stBag = frame.bag
      this.records++
      this.startStatement()
    }
  }

  private close(): void {
    const f = this.frame
    if (this.capture !== null && this.depth === this.captureDepth && f) {
      const list = f.bag.get(this.capture)
      if (list) list.push(this.text)
      else f.bag.set(this.capture, [this.text])
      if (this.captureCcy !== undefined && !f.ccy.has(this.capture)) f.ccy.set(this.capture, this.captureCcy)
      this.capture = null
    }
    if (f && this.depth === f.depth) {
      this.frames.pop()
      this.frame = this.frames[this.frames.length - 1] ?? null
      if (f.ctx === Ctx.Tx) {
        this.details.push(f.bag)
        this.detailCcy.push(f.ccy)
      } else if (f.ctx === Ctx.Ntry) this.endEntry(f)
      else if (f.ctx === Ctx.Bal) this.endBalance(f)
      else if (f.ctx === Ctx.Stmt) this.endStatement(f)
    }
    this.depth--
    this.rel = this.relAt[this.depth]
  }

  private startStatement(): void {
    this.st = { id: '', account: '', currency: '', opening: null, closing: null, entries: [] }
    this.stSum = 0
    this.stMixed = false
    this.stLine = this.line()
    this.balCcy = new Map()
  }

  /** Statement header fields come before balances and entries in every camt version, so read them early. */
  private header(): Statement {
    const st = this.st!
    if (st.id === '') {
      const bag = this.stBag
      st.id = first(bag, 'Id') ?? ''
      st.account = clean(first(bag, 'Acct/Id/IBAN') ?? first(bag, 'Acct/Id/Othr/Id') ?? first(bag, 'Acct/Id/PrtryAcct/Id')) ?? ''
      st.currency = clean(first(bag, 'Acct/Ccy')) ?? ''
    }
    return st
  }

  private endBalance(f: Frame): void {
    const st = this.header()
    const code = clean(first(f.bag, 'Tp/CdOrPrtry/Cd') ?? first(f.bag, 'Tp/CdOrPrtry/Prtry'))
    const amt = first(f.bag, 'Amt')
    const ccy = f.ccy.get('Amt') ?? st.currency
    const date = isoDatePart(first(f.bag, 'Dt/Dt') ?? first(f.bag, 'Dt/DtTm') ?? '')
    if (!code || amt === undefined) return
    const kind = code === 'OPBD' || code === 'PRCD' ? 'opening' : code === 'CLBD' ? 'closing' : null
    if (!kind || st[kind]) return
    let minor = toMinor(amt, ccy, this.issues, f.line, `Bal ${code}/Amt`)
    if (minor === null) return
    if (first(f.bag, 'CdtDbtInd')?.trim() === 'DBIT') minor = -minor
    if (!date) {
      this.issues.warn(f.line, `statement ${st.id}: balance ${code} has no date`, 'Bal/Dt')
      return
    }
    st[kind] = { amount: minor, date }
    this.balCcy.set(kind, ccy)
  }

  private endEntry(f: Frame): void {
    const st = this.header()
    const bag = f.bag
    const ccy = f.ccy.get('Amt') ?? st.currency
    const amtText = first(bag, 'Amt')
    const cdi = first(bag, 'CdtDbtInd')?.trim()
    if (amtText === undefined || (cdi !== 'CRDT' && cdi !== 'DBIT')) {
      this.issues.error(f.line, `statement ${st.id}: entry without ${amtText === undefined ? 'Amt' : 'CdtDbtInd CRDT/DBIT'}, skipped`, 'Ntry')
      return
    }
    const abs = toMinor(amtText, ccy, this.issues, f.line, 'Ntry/Amt')
    if (abs === null) return
    const amount = cdi === 'DBIT' ? -Math.abs(abs) : Math.abs(abs)
    const bookingDate = isoDatePart(first(bag, 'BookgDt/Dt') ?? first(bag, 'BookgDt/DtTm') ?? '')
    const valueDate = isoDatePart(first(bag, 'ValDt/Dt') ?? first(bag, 'ValDt/DtTm') ?? '')
    const bankRef = clean(first(bag, 'AcctSvcrRef'))
    const info = clean(first(bag, 'AddtlNtryInf'))

    const split = this.splitAmounts(ccy, cdi, amount, f.line, st.id)
    const make = (amt: number, d: Bag | undefined, all: Bag[]): Entry => {
      const e = newEntry(amt, ccy)
      e.bookingDate = bookingDate
      e.valueDate = valueDate
      e.bankRef = bankRef ?? clean(d && first(d, 'Refs/AcctSvcrRef'))
      if (d) fillDetail(e, d, all)
      e.remittance ??= info
      e.reference ??= rfFromText(e.remittance)
      return e
    }
    if (split) split.forEach((amt, i) => this.emit(make(amt, this.details[i], [this.details[i]]), st))
    else this.emit(make(amount, this.details[0], this.details), st)
  }

  /**
   * Amounts per TxDtls when a batch entry can be split exactly; null keeps the entry whole
   * (details without amounts, or amounts that do not add up to the booked total).
   */
  private splitAmounts(ccy: string, cdi: string, total: number, line: number, id: string): number[] | null {
    if (this.details.length < 2) return null
    const out: number[] = []
    for (let i = 0; i < this.details.length; i++) {
      const d = this.details[i]
      const path = TX_AMOUNTS.find((p) => d.has(p) && (this.detailCcy[i].get(p) ?? ccy) === ccy)
      if (!path) return null
      const v = toMinor(first(d, path)!, ccy, this.issues, line, `TxDtls/${path}`)
      if (v === null) return null
      const dcdi = first(d, 'CdtDbtInd')?.trim() ?? cdi
      out.push(dcdi === 'DBIT' ? -Math.abs(v) : Math.abs(v))
    }
    const sum = out.reduce((s, v) => s + v, 0)
    if (sum !== total) {
      this.issues.warn(line, `statement ${id}: transaction details add up to ${sum} minor units, entry says ${total}; kept as one entry`)
      return null
    }
    return out
  }

  private emit(e: Entry, st: Statement): void {
    if (e.currency === st.currency || st.currency === '') this.stSum += e.amount
    else this.stMixed = true
    if (this.onEntry) this.onEntry(e, st)
    else st.entries.push(e)
  }

  private endStatement(f: Frame): void {
    const st = this.header()
    if (st.currency === '') st.currency = this.balCcy.get('opening') ?? this.balCcy.get('closing') ?? st.entries[0]?.currency ?? ''
    if (st.id === '') this.issues.warn(f.line, 'statement without Id', 'Stmt/Id')
    for (const kind of ['opening', 'closing'] as const) {
      const c = this.balCcy.get(kind)
      if (st[kind] && c && c !== st.currency) {
        this.issues.warn(f.line, `statement ${st.id}: ${kind} balance is in ${c}, the account in ${st.currency}; balances not checked`)
        this.stMixed = true
      }
    }
    if (this.stMixed) {
      if (st.opening && st.closing && !this.issues.warnings.some((w) => w.message.includes(`${st.id}: `) && w.message.includes('not checked'))) {
        this.issues.warn(this.stLine, `statement ${st.id}: entries in more than one currency, balances not checked`)
      }
    } else checkBalances(st, this.issues, this.stLine, this.stSum)
    this.statements.push(st)
    this.st = null
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

function first(bag: Bag, key: string): string | undefined {
  return bag.get(key)?.[0]
}

function joined(bags: Bag[], key: string): string | null {
  const parts: string[] = []
  for (const b of bags) for (const v of b.get(key) ?? []) {
    const c = clean(v)
    if (c && !parts.includes(c)) parts.push(c)
  }
  return parts.length ? parts.join(' ') : null
}

/** Counterparty is the debtor on credits and the creditor on debits; ultimate parties only as a fallback. */
function fillDetail(e: Entry, d: Bag, all: Bag[]): void {
  const them = e.amount >= 0 ? 'Dbtr' : 'Cdtr'
  e.endToEndId = clean(first(d, 'Refs/EndToEndId'))
  if (e.endToEndId === 'NOTPROVIDED') e.endToEndId = null
  e.counterpartyName = clean(
    first(d, `RltdPties/${them}/Nm`) ?? first(d, `RltdPties/${them}/Pty/Nm`) ?? first(d, `RltdPties/Ultmt${them}/Nm`) ?? first(d, `RltdPties/Ultmt${them}/Pty/Nm`)
  )
  e.counterpartyAccount = clean(first(d, `RltdPties/${them}Acct/Id/IBAN`) ?? first(d, `RltdPties/${them}Acct/Id/Othr/Id`))
  e.reference = normaliseReference(first(d, 'RmtInf/Strd/CdtrRefInf/Ref') ?? null)
  e.remittance = joined(all, 'RmtInf/Ustrd') ?? joined(all, 'RmtInf/Strd/AddtlRmtInf') ?? joined(all, 'AddtlTxInf')
}

export function parseCamtText(text: string, fileName?: string): ParsedFile {
  const r = new CamtReader(fileName)
  // Feeding slices keeps saxes' internal buffers small on very large inputs.
  const step = 1 << 20
  for (let i = 0; i < text.length; i += step) r.write(text.slice(i, i + step))
  return r.finish()
}

/**
 * Streams a camt file: bytes are decoded and parsed chunk by chunk. With `onEntry`, entries are handed
 * over as they are read and NOT kept in `statements[].entries`, so memory stays flat for any file size.
 */
export async function parseCamtStream(readable: AsyncIterable<Uint8Array>, onEntry?: OnEntry, fileName?: string): Promise<ParsedFile> {
  const r = new CamtReader(fileName, onEntry)
  let decoder: ReturnType<typeof streamDecoder> | null = null
  for await (const raw of readable) {
    let chunk = raw
    if (!decoder) {
      const { encoding, bomLength } = sniffEncoding(chunk.subarray(0, 4096))
      decoder = streamDecoder(encoding === 'iso-8859-1' || encoding === 'windows-1252' || encoding.startsWith('utf-16') ? encoding : 'utf-8')
      chunk = chunk.subarray(bomLength)
    }
    r.write(decoder.write(chunk))
  }
  if (decoder) r.write(decoder.end())
  return r.finish()
}
