/**
 * Normalises a company name for matching: case, accents, punctuation and legal forms differ between
 * an ERP export and our records ("Nordic Tools AB" vs "NORDIC TOOLS A.B."), the company does not.
 */
const LEGAL_FORMS = new Set(['ab', 'publ', 'oy', 'oyj', 'as', 'asa', 'aps', 'a/s', 'gmbh', 'ag', 'kg', 'ohg', 'bv', 'nv', 'sa', 'sas', 'sarl', 'srl', 'spa', 'ltd', 'limited', 'plc', 'llc', 'inc', 'corp', 'co', 'oü', 'sp', 'zoo', 'kft', 'hb', 'kb', 'ek'])

export function normaliseName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop()
  return words.join(' ')
}
