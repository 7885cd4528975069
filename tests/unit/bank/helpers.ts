import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/bank')

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(dir, name)))
}
