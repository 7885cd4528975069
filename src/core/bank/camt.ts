/**
 * ISO 20022 camt.052 / camt.053 / camt.054, read as a stream (xml-scan.ts, no DOM): a 100 MB statement needs
 * memory for the entries only. Elements are matched by local name and by their path below the nearest
 * Stmt/Bal/Ntry/TxDtls, which makes namespaces, prefixes and schema versions irrelevant.
 */
import type { Entry, Format, ParsedFile, Statement } from './types'
import { Issues, checkBalances, result } from './util'
import { sniffEncoding, streamDecoder, type StreamDecoder } from './decode'
import { XmlScanner, type XmlHandler, type XmlName } from './xml-scan'
import * as fields from './camt-fields'
import type { EntrySink, Node, Values } from './camt-fields'

// Local copies of what every tag uses: under a CommonJS transform (tsx) each use of an import is a getter call.
const { DEAD, NTRY_DTLS, ROOTS, SIZES, readBalance, readEntry, readHeader } = fields

const MESSAGES: Record<string, Format> = {
  BkToCstmrStmt: 'camt.053',
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrDbtCdtNtfctn: 'camt.054'
}
const RECORDS = new Set(['Stmt', 'Rpt', 'Ntfctn'])

const enum Ctx { None, Stmt, Bal, Ntry, Tx }

interface Frame extends Values {
  ctx: Ctx
  depth: number
  line: number
  /** What to clear on reuse besides `vals`: slots with a Ccy (bit per slot, contexts have under 31), any `more`. */
  ccySet: number
  hasMore: boolean
}

export type OnEntry = (entry: Entry, statement: Statement) => void

export class CamtReader implements XmlHandler, EntrySink {
  readonly issues: Issues
  format: Format | null = null
  readonly statements: Statement[] = []
  wantText = false
  private readonly xml: XmlScanner = new XmlScanner(this)
  private depth = 0
  private rel: Node = DEAD
  private readonly relAt: Node[] = []
  private readonly names: XmlName[] = []
  private readonly frames: Frame[] = []
  private frame: Frame | null = null
  private capture: Node | null = null
  private captureDepth = -1
  private captureCcy: string | undefined
  private captured = ''
  private failed = false
  private st: Statement | null = null
  private stFrame: Frame | null = null
  private records = 0
  // A one-cell Float64Array, not a number field: the field would start as a small integer and, once a
  // statement's total passed 2^30 minor units, turn into a double and deoptimise the whole reader mid-file.
  private readonly stSum = new Float64Array(1)
  private stMixed = false
  private stLine = 0
  private balCcy = new Map<string, string>()
  private readonly details: Frame[] = []
  /** Ntry and TxDtls frames are reused: at 100k entries their allocation was a tenth of the parse. */
  private readonly spare: Frame[][] = [[], [], [], [], []]

  constructor(file: string | undefined, private readonly onEntry?: OnEntry) {
    this.issues = new Issues(file)
  }

  write(chunk: string): void {
    if (this.failed) return
    this.xml.write(chunk)
    this.xmlError()
  }

  private xmlError(): void {
    if (this.xml.error !== null && !this.failed) {
      this.issues.error(this.xml.errorLine, `not well-formed XML: ${this.xml.error}`)
      this.failed = true
    }
  }

  finish(): ParsedFile {
    if (!this.failed) {
      this.xml.end()
      this.xmlError()
    }
    if (!this.failed && this.depth > 0) {
      const inside = this.frames.some((f) => f.ctx === Ctx.Ntry || f.ctx === Ctx.Tx) ? 'Ntry' : this.names[(this.frame ? this.frame.depth : this.depth) - 1].local
      this.issues.error(this.xml.eofLine(), `unexpected end of file inside <${inside}>`)
      this.failed = true
    }
    if (!this.failed && this.format === null) this.issues.error(undefined, 'not a camt.052/053/054 bank statement (no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn element)')
    if (!this.failed && this.format !== null && this.records === 0) {
      this.issues.error(undefined, `${this.format} message without any statement, report or notification`)
      this.failed = true
    }
    // A broken or foreign file yields no statements at all, so the caller can never store half a file.
    return result(this.format ?? 'camt.053', this.failed || this.format === null ? [] : this.statements, this.issues)
  }

  open(tag: XmlName): void {
    const name = tag.local
    const rel = this.rel
    this.relAt[this.depth] = rel
    this.names[this.depth] = tag
    const depth = ++this.depth
    const f = this.frame
    if (f === null) {
      if (depth === 2) {
        // camt v01 message names carry a version suffix (BkToCstmrAcctRptV01).
        const fmt = MESSAGES[name.replace(/V\d+$/, '')]
        if (fmt) this.format = fmt
        else this.notCamt(name)
        return
      }
      if (depth === 3 && this.format && RECORDS.has(name)) return this.push(Ctx.Stmt)
    } else if (f.ctx === Ctx.Stmt && rel === ROOTS[Ctx.Stmt]) {
      if (name === 'Bal') return this.push(Ctx.Bal)
      if (name === 'Ntry') return this.push(Ctx.Ntry)
    } else if (rel === NTRY_DTLS && name === 'TxDtls' && f.ctx === Ctx.Ntry) return this.push(Ctx.Tx)
    const n = rel === DEAD ? DEAD : (rel.kids.get(name) ?? DEAD)
    this.rel = n
    if (n.slot >= 0) {
      this.capture = n
      this.captureDepth = depth
      this.captureCcy = this.xml.hasAttributes ? this.xml.attr('Ccy') : undefined
      this.captured = ''
      this.wantText = true
    }
  }

  text(t: string): void {
    this.captured += t
  }

  private notCamt(name: string): void {
    this.issues.error(this.xml.line(), `not a camt bank statement: <${this.names[0].local}> contains <${name}>`)
    this.failed = true
    this.xml.stop()
  }

  private push(ctx: Ctx): void {
    let frame = this.spare[ctx].pop()
    if (frame === undefined) {
      const size = SIZES[ctx]
      frame = { ctx, depth: this.depth, line: this.xml.line(), vals: new Array(size).fill(undefined), more: new Array(size).fill(undefined), ccy: new Array(size).fill(undefined), ccySet: 0, hasMore: false }
    } else {
      frame.depth = this.depth
      frame.line = this.xml.line()
    }
    this.frames.push(frame)
    this.frame = frame
    this.rel = ROOTS[ctx]
    if (ctx === Ctx.Stmt) {
      this.stFrame = frame
      this.records++
      this.startStatement()
    }
  }

  close(): void {
    const f = this.frame
    if (this.capture !== null && this.depth === this.captureDepth && f !== null) {
      const slot = this.capture.slot
      if (f.vals[slot] === undefined) f.vals[slot] = this.captured
      else if (this.capture.multi) {
        ;(f.more[slot] ??= []).push(this.captured)
        f.hasMore = true
      }
      if (this.captureCcy !== undefined && f.ccy[slot] === undefined) {
        f.ccy[slot] = this.captureCcy
        f.ccySet |= 1 << slot
      }
      this.capture = null
      this.wantText = false
    }
    if (f !== null && this.depth === f.depth) {
      this.frames.pop()
      this.frame = this.frames[this.frames.length - 1] ?? null
      if (f.ctx === Ctx.Tx) this.details.push(f)
      else if (f.ctx === Ctx.Ntry) {
        readEntry(f, this.details, this.header(), this.issues, f.line, this)
        this.recycle(f)
        for (const d of this.details) this.recycle(d)
        this.details.length = 0
      } else if (f.ctx === Ctx.Bal) this.endBalance(f)
      else if (f.ctx === Ctx.Stmt) this.endStatement(f)
    }
    this.depth--
    this.rel = this.relAt[this.depth]
  }

  private recycle(f: Frame): void {
    f.vals.fill(undefined)
    for (let m = f.ccySet, slot = 0; m !== 0; m >>>= 1, slot++) if (m & 1) f.ccy[slot] = undefined
    f.ccySet = 0
    if (f.hasMore) {
      f.more.fill(undefined)
      f.hasMore = false
    }
    this.spare[f.ctx].push(f)
  }

  private startStatement(): void {
    this.st = { id: '', account: '', currency: '', opening: null, closing: null, entries: [] }
    this.stSum[0] = 0
    this.stMixed = false
    this.stLine = this.xml.line()
    this.balCcy = new Map()
  }

  /** Statement header fields come before balances and entries in every camt version, so read them early. */
  private header(): Statement {
    const st = this.st!
    if (st.id === '') readHeader(st, this.stFrame!.vals)
    return st
  }

  private endBalance(f: Frame): void {
    const b = readBalance(f, this.header(), this.issues, f.line)
    if (!b) return
    this.st![b.kind] = b.balance
    this.balCcy.set(b.kind, b.ccy)
  }

  emit(e: Entry, st: Statement): void {
    if (e.currency === st.currency || st.currency === '') this.stSum[0] += e.amount
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
    } else checkBalances(st, this.issues, this.stLine, this.stSum[0])
    this.statements.push(st)
    this.st = null
  }
}

export function parseCamtText(text: string, fileName?: string): ParsedFile {
  const r = new CamtReader(fileName)
  r.write(text)
  return r.finish()
}

/**
 * Streams a camt file: bytes are decoded and parsed chunk by chunk. With `onEntry`, entries are handed
 * over as they are read and NOT kept in `statements[].entries`, so memory stays flat for any file size.
 */
export async function parseCamtStream(readable: AsyncIterable<Uint8Array>, onEntry?: OnEntry, fileName?: string): Promise<ParsedFile> {
  const r = new CamtReader(fileName, onEntry)
  let decoder: StreamDecoder | null = null
  // The encoding is sniffed from the first 4 KB (BOM, XML declaration), however small the first chunks are.
  let head: Uint8Array[] = []
  let headBytes = 0
  for await (const chunk of readable) {
    if (decoder) {
      r.write(decoder.write(chunk))
      continue
    }
    head.push(chunk)
    headBytes += chunk.byteLength
    if (headBytes >= 4096) {
      decoder = startDecoding(r, head, headBytes)
      head = []
    }
  }
  if (!decoder && headBytes > 0) decoder = startDecoding(r, head, headBytes)
  if (decoder) r.write(decoder.end())
  return r.finish()
}

function startDecoding(r: CamtReader, head: Uint8Array[], size: number): StreamDecoder {
  const bytes = new Uint8Array(size)
  let at = 0
  for (const c of head) {
    bytes.set(c, at)
    at += c.byteLength
  }
  const { encoding, bomLength } = sniffEncoding(bytes.subarray(0, 4096))
  const decoder = streamDecoder(encoding === 'iso-8859-1' || encoding === 'windows-1252' || encoding.startsWith('utf-16') ? encoding : 'utf-8')
  r.write(decoder.write(bytes.subarray(bomLength)))
  return decoder
}
