/**
 * ISO 11649 structured creditor reference: "RF" + 2 check digits + up to 21 alphanumerics.
 * Printed on every invoice and notice so the debtor's bank passes it back in camt Strd/CdtrRefInf,
 * which makes matching exact instead of fuzzy.
 */

function mod97(digits: string): number {
  // Chunked so the intermediate never leaves the safe-integer range.
  let rest = 0
  for (let i = 0; i < digits.length; i += 7) rest = Number(String(rest) + digits.slice(i, i + 7)) % 97
  return rest
}

function toDigits(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.charCodeAt(0)
    out += c >= 65 && c <= 90 ? String(c - 55) : ch
  }
  return out
}

export function makeRfReference(base: string): string {
  const ref = base.toUpperCase().replace(/[^0-9A-Z]/g, '')
  if (ref.length === 0 || ref.length > 21) throw new RangeError(`RF reference base must have 1-21 letters or digits, got "${base}"`)
  const check = 98 - mod97(toDigits(ref + 'RF00'))
  return `RF${String(check).padStart(2, '0')}${ref}`
}

export function isValidRfReference(text: string): boolean {
  const s = text.replace(/\s+/g, '').toUpperCase()
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(s)) return false
  return mod97(toDigits(s.slice(4) + s.slice(0, 4))) === 1
}

/** "RF18 5390 0754 7034": groups of four, as banks and the standard print it. */
export function formatRfReference(ref: string): string {
  return ref.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

/** Finds RF references in free remittance text (spaces inside allowed), returning the valid ones. */
export function findRfReferences(text: string): string[] {
  const found: string[] = []
  const re = /RF\s?\d{2}(?:\s?[0-9A-Z]){1,21}/gi
  for (const m of text.matchAll(re)) {
    let candidate = m[0].replace(/\s+/g, '').toUpperCase()
    // A greedy match may swallow following words; shrink until the check digits agree.
    while (candidate.length >= 5 && !isValidRfReference(candidate)) candidate = candidate.slice(0, -1)
    if (candidate.length >= 5) found.push(candidate)
  }
  return found
}
