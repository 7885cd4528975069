/** Bytes -> text for bank files, which arrive as UTF-8 (with or without BOM), UTF-16 or legacy 8-bit code pages. */
import iconv from 'iconv-lite'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-8859-1' | 'windows-1252'

export interface Decoded {
  text: string
  encoding: TextEncoding
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

/** BOM or, without one, a declared or guessed encoding; `bomLength` bytes are skipped before decoding. */
export function sniffEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  // UTF-16 without BOM shows up as a NUL in every other byte of ASCII text.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return { encoding: 'utf-16le', bomLength: 0 }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return { encoding: 'utf-16be', bomLength: 0 }
  const declared = declaredEncoding(bytes)
  if (declared) return { encoding: declared, bomLength: 0 }
  return { encoding: guess8bit(bytes), bomLength: 0 }
}

/** The XML declaration or OFX v1 CHARSET header, when it names an 8-bit code page. */
function declaredEncoding(bytes: Uint8Array): TextEncoding | null {
  const head = latin1(bytes.subarray(0, 512))
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)
  const ofx = /^\s*OFXHEADER:[\s\S]*?CHARSET:\s*(\S+)/i.exec(head)
  const name = (xml?.[1] ?? ofx?.[1] ?? '').toLowerCase()
  if (/^(iso-?8859-?1|latin-?1)$/.test(name)) return hasC1(bytes) ? 'windows-1252' : 'iso-8859-1'
  if (/^(windows-|cp)?1252$/.test(name)) return 'windows-1252'
  if (/^utf-?8$/.test(name)) return isUtf8(bytes) ? 'utf-8' : guess8bit(bytes)
  return null
}

function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i])
  return s
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes)
    return true
  } catch {
    return false
  }
}

function hasC1(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80 && bytes[i] <= 0x9f) return true
  return false
}

/** Valid UTF-8 wins; otherwise bytes 0x80-0x9F only make sense as CP1252 (curly quotes, euro sign), else Latin-1. */
function guess8bit(bytes: Uint8Array): TextEncoding {
  let ascii = true
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii || isUtf8(bytes)) return 'utf-8'
  return hasC1(bytes) ? 'windows-1252' : 'iso-8859-1'
}

export function decodeWith(bytes: Uint8Array, encoding: TextEncoding, bomLength = 0): string {
  const body = bytes.subarray(bomLength)
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(body)
  if (encoding === 'utf-16le') return new TextDecoder('utf-16le').decode(body)
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding)
}

export function decodeText(bytes: Uint8Array, encoding?: TextEncoding): Decoded {
  if (encoding) {
    const sniffed = sniffEncoding(bytes)
    // An explicit profile encoding still skips a matching BOM.
    const bom = sniffed.encoding === encoding ? sniffed.bomLength : 0
    return { text: decodeWith(bytes, encoding, bom), encoding }
  }
  const { encoding: enc, bomLength } = sniffEncoding(bytes.subarray(0, 65536))
  if (enc === 'utf-8') {
    // One strict pass decides and decodes: valid UTF-8 wins, anything else is an 8-bit code page.
    try {
      return { text: utf8Strict.decode(bytes.subarray(bomLength)), encoding: 'utf-8' }
    } catch {
      const guess = guess8bit(bytes)
      return { text: decodeWith(bytes, guess, bomLength), encoding: guess }
    }
  }
  return { text: decodeWith(bytes, enc, bomLength), encoding: enc }
}

/** Chunk-wise decoder for streams; multi-byte characters split across chunks are carried over. */
export interface StreamDecoder {
  write(chunk: Uint8Array): string
  end(): string
}

export function streamDecoder(encoding: TextEncoding): StreamDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    const td = new TextDecoder(encoding)
    return { write: (c) => td.decode(c, { stream: true }), end: () => td.decode() }
  }
  const dec = iconv.getDecoder(encoding)
  return {
    write: (c) => dec.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)),
    end: () => dec.end() ?? ''
  }
}
