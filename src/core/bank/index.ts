/**
 * Bank statement import: bytes in, normalised statements out. Nothing here throws on bad input; problems
 * come back as warnings (file still usable) or errors (rows skipped, or no statements at all when the
 * file is not a statement, is truncated or is unreadable, so the caller stores nothing).
 */
import type { Format, ParseOptions, ParsedFile } from './types'
import { decodeText } from './decode'
import { detectFormat } from './detect'
import { parseCamtText } from './camt'
import { parseMt940Text } from './mt940'
import { parseBai2Text } from './bai2'
import { parseOfxText } from './ofx'
import { parseBgmaxText } from './bgmax'
import { parseCsvText } from './csv'
import { Issues } from './util'

export type { Format, ParsedFile, Statement, Entry, Issue, Balance, CsvProfile, CsvColumn, ParseOptions } from './types'
export { FORMATS } from './types'
export { decodeText, type Decoded, type TextEncoding } from './decode'
export { detectFormat } from './detect'
export { parseCamtStream, type OnEntry } from './camt'
export { statementToJson, type StatementJson } from './json'

export function parseStatement(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const { fileName, csvProfile } = options
  try {
    const format = options.format ?? detectFormat(bytes, fileName) ?? (csvProfile ? 'csv' : null)
    if (format === null) return failed('unknown', 'not a recognised bank statement (camt.052/053/054, MT940/942, BAI2, OFX, BgMax or CSV with a profile)', fileName)
    if (format === 'csv') {
      if (!csvProfile) return failed('csv', 'CSV files need a bank profile (csvProfile) to be read', fileName)
      return parseCsvText(decodeText(bytes, csvProfile.encoding).text, csvProfile, fileName)
    }
    const text = decodeText(bytes).text
    switch (format) {
      case 'camt.052':
      case 'camt.053':
      case 'camt.054':
        return parseCamtText(text, fileName)
      case 'mt940':
      case 'mt942':
        return parseMt940Text(text, fileName)
      case 'bai2':
        return parseBai2Text(text, fileName)
      case 'ofx':
        return parseOfxText(text, fileName)
      case 'bgmax':
        return parseBgmaxText(text, fileName)
    }
  } catch (e) {
    // A parser bug must not take the import screen down; the file is rejected instead.
    return failed(options.format ?? 'unknown', `internal error while parsing: ${(e as Error).message}`, fileName)
  }
}

function failed(format: Format | 'unknown', message: string, fileName?: string): ParsedFile {
  const issues = new Issues(fileName)
  issues.error(undefined, message)
  return { format, statements: [], warnings: issues.warnings, errors: issues.errors }
}
