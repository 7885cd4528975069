/**
 * A streaming XML tokeniser for bank files. saxes, even with no-op handlers, read the generated camt.053 of bench/bank-parsers.ts
 * at 31-46 MB/s because every character goes through its state machine; this scanner jumps from markup to markup with indexOf,
 * cuts text out only while the handler asks for it and interns element names, so a tag costs a few comparisons
 * and allocates nothing.
 *
 * It reports what broken bank files actually show, with the line: mismatched or unbalanced tags, markup or text
 * outside the root element, bad tag and attribute syntax and undefined entities (the caller reports truncation,
 * it knows which element was cut). Not checked: the XML Char production, duplicate attributes, namespace
 * bindings; a DTD is skipped, so entities it declares are reported as undefined.
 */

import * as chars from './xml-text'

// Local copies of what runs per character or tag: where the code is compiled to CommonJS (tsx), every use of an
// imported binding is a getter call.
const { NAME, attributesEnd, decodeEntities, isNameChar, isNameStart, isSpace, safeTextEnd } = chars

export interface XmlName {
  readonly qname: string
  /** Without the namespace prefix: camt is matched by local names, whatever prefix a bank uses. */
  readonly local: string
}

export interface XmlHandler {
  /** Read before each text run and CDATA section: text is only cut out of the input while this is true. */
  readonly wantText: boolean
  open(name: XmlName): void
  close(name: XmlName): void
  /** Entities decoded, line ends normalised to \n; one element's text may come in several calls. */
  text(s: string): void
}

const INCOMPLETE = -1
const FAILED = -2
const LT = 60
const GT = 62
const SLASH = 47
const BANG = 33
const QUESTION = 63

const enum Inside { Nothing, Comment, CData, Instruction }

const TABLE = 1024

export class XmlScanner {
  /** Set when the input is not well-formed; scanning stops there. */
  error: string | null = null
  errorLine = 0
  /** Whether the element being opened has attributes (see attr). */
  hasAttributes = false
  /** Open elements; above 0 after end() means the input was cut off. */
  depth = 0
  private buf = ''
  private pos = 0
  /** Start of the construct being handled: line() reports its line. */
  private at = 0
  private lines = 0
  private nextNl = -2
  private amp = -2
  private rootSeen = false
  private stopped = false
  /** A comment, CDATA section or instruction continues in the next chunk, from `keepFrom` (see enter). */
  private inside = Inside.Nothing
  private keepFrom = 0
  private attrFrom = -1
  private attrTo = -1
  private lastAttr = '\u0000'
  private readonly stack: XmlName[] = []
  private readonly names: (XmlName | undefined)[] = new Array(TABLE)

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    if (this.error !== null || this.stopped || chunk === '') return
    const rest = this.pos < this.buf.length ? this.buf.slice(this.pos) : ''
    this.lineAt(this.pos)
    if (rest === '') this.start(chunk, 0)
    else {
      // The last chunk ended in something unfinished (a cut tag, the tail of a text run or comment). Finish it
      // in a small piece joined with the start of this chunk, then go on in the chunk itself: joining whole
      // chunks cost a copy of every megabyte read.
      const gt = chunk.indexOf('>')
      if (gt < 0) this.start([rest, chunk].join(''), 0)
      else {
        this.start(rest + chunk.slice(0, gt + 1), 0)
        if (this.error !== null || this.stopped) return
        if (this.pos >= rest.length) {
          this.lineAt(this.pos)
          this.start(chunk, this.pos - rest.length)
        } else {
          // Still unfinished (a tag with a ">" in an attribute value): join the rest after all.
          const left = this.buf.slice(this.pos)
          this.lineAt(this.pos)
          this.start([left, chunk.slice(gt + 1)].join(''), 0)
        }
      }
    }
  }

  /** Scans `buf` from `pos`; lines before `pos` are already counted. */
  private start(buf: string, pos: number): void {
    this.buf = buf
    this.pos = pos
    this.nextNl = pos === 0 ? -2 : buf.indexOf('\n', pos)
    this.amp = -2
    this.run(false)
  }

  /** No more input: whatever is left must be complete (an open element is left in `depth` for the caller). */
  end(): void {
    if (this.error !== null || this.stopped) return
    this.run(true)
    if (this.error === null && this.depth === 0 && (this.pos < this.buf.length || this.inside !== Inside.Nothing)) {
      this.at = this.pos
      this.fail('unexpected end of file')
    }
  }

  /** The handler has seen enough (say, a foreign document): skip the rest. */
  stop(): void {
    this.stopped = true
  }

  /** 1-based line of the construct being handled (or where scanning stopped). */
  line(): number {
    return this.lineAt(this.at)
  }

  /** Line of the last character read, for "unexpected end of file". */
  eofLine(): number {
    const n = this.lineAt(this.buf.length)
    return this.buf.endsWith('\n') ? n - 1 : n
  }

  /** An attribute of the element being opened; only valid inside XmlHandler.open. */
  attr(qname: string): string | undefined {
    const buf = this.buf
    let p = this.attrFrom
    // The syntax was checked by attributesEnd: blanks, name, blanks, "=", blanks, quoted value.
    while (p >= 0 && p < this.attrTo) {
      while (isSpace(buf.charCodeAt(p))) p++
      if (p >= this.attrTo) return undefined
      const match = buf.startsWith(qname, p) && !isNameChar(buf.charCodeAt(p + qname.length))
      let q = buf.indexOf('=', p) + 1
      while (isSpace(buf.charCodeAt(q))) q++
      const close = buf.indexOf(buf[q], q + 1)
      if (match) {
        // The same value (Ccy="EUR") repeats on every amount: hand back the last string instead of a new one.
        const last = this.lastAttr
        if (close - q - 1 === last.length && buf.startsWith(last, q + 1)) return last
        // Literal line breaks and tabs read as blanks; &#10; stays a line break (XML attribute normalisation).
        let v: string | null = buf.slice(q + 1, close)
        if (/[\t\n\r]/.test(v)) v = v.replace(/\r\n|[\t\n\r]/g, ' ')
        if (v.indexOf('&') >= 0) v = decodeEntities(v)
        else this.lastAttr = v
        return v ?? undefined
      }
      p = close + 1
    }
    return undefined
  }

  private lineAt(to: number): number {
    if (this.nextNl === -2) this.nextNl = this.buf.indexOf('\n')
    // Remembering the next newline keeps this one pass over the input however often it is asked.
    while (this.nextNl !== -1 && this.nextNl < to) {
      this.lines++
      this.nextNl = this.buf.indexOf('\n', this.nextNl + 1)
    }
    return this.lines + 1
  }

  private fail(message: string): number {
    if (this.error === null) {
      this.error = message
      this.errorLine = this.lineAt(this.at)
    }
    return FAILED
  }

  private run(final: boolean): void {
    const buf = this.buf
    let pos = this.pos
    if (this.inside !== Inside.Nothing) {
      const next = this.enter(this.inside, pos)
      if (next < 0) {
        this.pos = this.keepFrom
        return
      }
      pos = next
    }
    while (!this.stopped) {
      // Tags usually follow each other directly: look at the next character before searching.
      const lt = buf.charCodeAt(pos) === LT ? pos : buf.indexOf('<', pos)
      if (lt < 0) {
        // Text up to the end of the chunk is handed over now (a text run may come in pieces), so a long one is
        // not searched again with every chunk; only a possibly cut entity or CR stays for the next chunk.
        const upTo = final ? buf.length : safeTextEnd(buf, pos)
        if (upTo > pos) {
          this.at = pos
          if (this.textRun(pos, upTo) === FAILED) return
          pos = upTo
        }
        break
      }
      if (lt > pos) {
        this.at = pos
        if (this.textRun(pos, lt) === FAILED) return
        pos = lt
      }
      this.at = lt
      const c = buf.charCodeAt(lt + 1)
      const next = c === SLASH ? this.closeTag(lt) : c === BANG ? this.bang(lt) : c === QUESTION ? this.instruction(lt) : this.openTag(lt)
      if (next === FAILED) return
      if (next === INCOMPLETE) {
        if (this.inside !== Inside.Nothing) pos = this.keepFrom
        break
      }
      pos = next
    }
    this.pos = pos
  }

  private textRun(from: number, to: number): number {
    const buf = this.buf
    if (this.depth === 0) {
      for (let i = from; i < to; i++) {
        if (isSpace(buf.charCodeAt(i))) continue
        this.at = i
        return this.fail(`text outside the root element`)
      }
      return 0
    }
    if (this.amp !== -1 && this.amp < from) this.amp = buf.indexOf('&', from)
    const hasAmp = this.amp !== -1 && this.amp < to
    if (!this.h.wantText && !hasAmp) return 0
    let s = buf.slice(from, to)
    if (hasAmp) {
      const d = decodeEntities(s)
      if (d === null) return this.fail(`undefined entity or stray & in "${s.trim().slice(0, 40)}"`)
      s = d
    }
    if (this.h.wantText) this.h.text(s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n'))
    return 0
  }

  private openTag(lt: number): number {
    const buf = this.buf
    const len = buf.length
    let p = lt + 1
    if (p >= len) return INCOMPLETE
    let c = buf.charCodeAt(p)
    if (!isNameStart(c)) return this.fail(`"<" not followed by an element name`)
    let hash = 0
    // Plain operators, no helper calls: until the compiler gets to it, this loop runs in the interpreter.
    for (;;) {
      hash = (hash * 31 + c) | 0
      if (++p >= len) return INCOMPLETE
      c = buf.charCodeAt(p)
      if (c < 128 && NAME[c] === 0) break
    }
    const name = this.intern(lt + 1, p, hash)
    this.attrFrom = -1
    let end = p + 1
    if (c !== GT) {
      if (c !== SLASH) {
        if (!isSpace(c)) return this.fail(`invalid character in element name <${name.qname}`)
        this.attrFrom = p
        const at = attributesEnd(buf, p)
        if (typeof at === 'string') return this.fail(at)
        if (at < 0) return INCOMPLETE
        p = this.attrTo = at
      }
      end = p + 1
      if (buf.charCodeAt(p) === SLASH) {
        if (p + 1 >= len) return INCOMPLETE
        if (buf.charCodeAt(p + 1) !== GT) return this.fail(`"/" not followed by ">" in <${name.qname}>`)
        end = -(p + 2)
      }
    }
    if (this.depth === 0 && !this.root(name)) return FAILED
    this.hasAttributes = this.attrFrom >= 0
    this.stack[this.depth++] = name
    this.h.open(name)
    if (end > 0) return end
    // <name/>
    this.depth--
    this.h.close(name)
    return -end
  }

  private root(name: XmlName): boolean {
    if (this.rootSeen) return this.fail(`element <${name.qname}> after the end of the root element`) !== FAILED
    this.rootSeen = true
    return true
  }

  private closeTag(lt: number): number {
    const buf = this.buf
    const p = lt + 2
    if (this.depth === 0) return buf.indexOf('>', p) < 0 ? INCOMPLETE : this.fail(`closing tag ${buf.slice(lt, buf.indexOf('>', p) + 1)} without an open element`)
    const open = this.stack[this.depth - 1]
    const end = p + open.qname.length
    if (buf.charCodeAt(end) !== GT || !buf.startsWith(open.qname, p)) {
      const gt = buf.indexOf('>', p)
      if (gt < 0) return INCOMPLETE
      const got = buf.slice(p, gt)
      if (got.trimEnd() !== open.qname || isSpace(got.charCodeAt(0))) return this.fail(`</${got.trim()}> does not close <${open.qname}>`)
      this.depth--
      this.h.close(open)
      return gt + 1
    }
    this.depth--
    this.h.close(open)
    return end + 1
  }

  /** Comments, CDATA and a DOCTYPE. */
  private bang(lt: number): number {
    const buf = this.buf
    if (buf.startsWith('<!--', lt)) return this.enter(Inside.Comment, lt + 4)
    if (buf.startsWith('<![CDATA[', lt)) {
      if (this.depth === 0) return this.fail('CDATA outside the root element')
      return this.enter(Inside.CData, lt + 9)
    }
    if (buf.startsWith('<!DOCTYPE', lt)) {
      if (this.rootSeen) return this.fail('DOCTYPE inside the document')
      let gt = buf.indexOf('>', lt)
      const bracket = buf.indexOf('[', lt)
      if (bracket >= 0 && (bracket < gt || gt < 0)) {
        const close = buf.indexOf(']', bracket)
        gt = close < 0 ? -1 : buf.indexOf('>', close)
      }
      return gt < 0 ? INCOMPLETE : gt + 1
    }
    // A "<!-" cut off by the end of the chunk is completed by the next one.
    return buf.length - lt < 9 ? INCOMPLETE : this.fail(`invalid markup "${buf.slice(lt, lt + 9)}"`)
  }

  private instruction(lt: number): number {
    return this.enter(Inside.Instruction, lt + 2)
  }

  /**
   * The body of a comment, CDATA section or processing instruction from `from`: to its end, or to the end of
   * the chunk, in which case only the last two characters (a cut-off end marker) are kept for the next one.
   * So a huge comment is neither kept nor searched again with every chunk; CDATA text is handed over in pieces.
   */
  private enter(inside: Inside, from: number): number {
    const buf = this.buf
    const mark = inside === Inside.Comment ? '-->' : inside === Inside.CData ? ']]>' : '?>'
    const end = buf.indexOf(mark, from)
    let upTo = end
    if (end < 0) {
      upTo = Math.max(from, buf.length - 2)
      // A CR may be the first half of a CRLF.
      if (upTo > from && buf.charCodeAt(upTo - 1) === 13) upTo--
    }
    if (inside === Inside.CData && upTo > from && this.h.wantText) this.h.text(buf.slice(from, upTo).replace(/\r\n?/g, '\n'))
    if (end >= 0) {
      this.inside = Inside.Nothing
      return end + mark.length
    }
    this.inside = inside
    this.keepFrom = upTo
    return INCOMPLETE
  }

  /** The same few dozen names repeat millions of times: find them by hash and compare in place, no substring. */
  private intern(from: number, to: number, hash: number): XmlName {
    const buf = this.buf
    const len = to - from
    let i = hash & (TABLE - 1)
    for (let probe = 0; probe < 8; probe++) {
      const n = this.names[i]
      if (n === undefined) break
      if (n.qname.length === len && buf.startsWith(n.qname, from)) return n
      i = (i + 1) & (TABLE - 1)
    }
    // Flattened copy: a slice would keep the whole input chunk alive as long as the name table.
    const qname = [...buf.slice(from, to)].join('')
    const colon = qname.indexOf(':')
    const name: XmlName = { qname, local: colon < 0 ? qname : qname.slice(colon + 1) }
    this.names[i] = name
    return name
  }
}
