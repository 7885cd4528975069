/** Character-level helpers of the XML scanner (xml-scan.ts): names, attribute syntax, entities, cut points. */

const GT = 62
const SLASH = 47
const EQ = 61
const DQUOTE = 34
const SQUOTE = 39

// ASCII name characters: 2 may start a name, 1 may follow; anything from U+0080 up is accepted as both.
export const NAME = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  if (/[A-Za-z_:]/.test(ch)) NAME[c] = 2
  else if (/[0-9.-]/.test(ch)) NAME[c] = 1
}
export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9
export const isNameStart = (c: number): boolean => (c < 128 ? NAME[c] === 2 : c === c) // NaN (past the end) is not
export const isNameChar = (c: number): boolean => (c < 128 ? NAME[c] !== 0 : c === c)

// Blank-separated name="value" pairs (no "<" in values), then blanks: what attributesEnd checks char by char.
const ATTRIBUTES = /(?:[ \t\r\n]+[A-Za-z_:\u0080-\uffff][-.\w:\u0080-\uffff]*[ \t\r\n]*=[ \t\r\n]*(?:"[^"<]*"|'[^'<]*'))*[ \t\r\n]*/y

/**
 * From the blank after an element name to the ">" or "/" that ends the tag: its position, -1 when the chunk
 * ends first, or what is wrong.
 */
export function attributesEnd(buf: string, p: number): number | string {
  // Well-formed attributes in one native match; anything else (a cut-off tag, an error) goes the long way.
  ATTRIBUTES.lastIndex = p
  if (ATTRIBUTES.test(buf)) {
    const c = buf.charCodeAt(ATTRIBUTES.lastIndex)
    if (c === GT || c === SLASH) return ATTRIBUTES.lastIndex
  }
  const len = buf.length
  for (;;) {
    const before = p
    while (p < len && isSpace(buf.charCodeAt(p))) p++
    if (p >= len) return -1
    let c = buf.charCodeAt(p)
    if (c === GT || c === SLASH) return p
    if (p === before || !isNameStart(c)) return 'invalid attribute in tag'
    while (p < len && isNameChar(buf.charCodeAt(p))) p++
    while (p < len && isSpace(buf.charCodeAt(p))) p++
    if (p >= len) return -1
    if (buf.charCodeAt(p) !== EQ) return 'attribute without a value'
    p++
    while (p < len && isSpace(buf.charCodeAt(p))) p++
    if (p >= len) return -1
    c = buf.charCodeAt(p)
    if (c !== DQUOTE && c !== SQUOTE) return 'attribute value without quotes'
    const close = buf.indexOf(c === DQUOTE ? '"' : "'", p + 1)
    if (close < 0) return -1
    if (buf.lastIndexOf('<', close) > p) return '"<" in an attribute value'
    p = close + 1
  }
}

const ENTITIES = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]])

/** Where text without "<" can be cut: before a last "&" that may lack its ";", or before a final CR. */
export function safeTextEnd(buf: string, from: number): number {
  let end = buf.length
  // An entity reference is at most a dozen characters: only the tail can hold a cut one.
  for (let i = Math.max(from, end - 12); i < end; i++) {
    if (buf.charCodeAt(i) === 38 && buf.indexOf(';', i) < 0) {
      end = i
      break
    }
  }
  if (end > from && buf.charCodeAt(end - 1) === 13) end--
  return end
}

/** Predefined and numeric entities; null for anything else (a DTD's entities or a stray "&"). */
export function decodeEntities(s: string): string | null {
  let out = ''
  let from = 0
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1)
    if (semi < 0 || semi - amp > 12) return null
    const ref = s.slice(amp + 1, semi)
    let ch: string | undefined
    if (ref.charCodeAt(0) === 35) {
      const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN
      ch = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
    } else ch = ENTITIES.get(ref)
    if (ch === undefined) return null
    out += s.slice(from, amp) + ch
    from = semi + 1
  }
  return out + s.slice(from)
}
