import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const corpus = path.resolve(repoRoot, '../shared/fixtures')
export const hasCorpus = existsSync(path.join(corpus, 'MANIFEST.md'))

export function read(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(corpus, rel)))
}

export function json(rel: string): any {
  return JSON.parse(readFileSync(path.join(corpus, rel), 'utf8'))
}

export function list(dir: string, re: RegExp): string[] {
  const abs = path.join(corpus, dir)
  if (!existsSync(abs)) return []
  const out: string[] = []
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n)
      if (statSync(p).isDirectory()) walk(p)
      else if (re.test(n)) out.push(path.relative(corpus, p))
    }
  }
  walk(abs)
  return out.sort()
}

/** Decimal string -> minor units without floats (gold files write amounts as text). */
export function minor(s: string | number, digits = 2): number {
  const t = String(s).trim()
  const neg = t.startsWith('-')
  const [i, f = ''] = t.replace(/^[+-]/, '').split('.')
  const v = Number(i + f.padEnd(digits, '0').slice(0, digits))
  return neg ? -v : v
}

/** Pass/fail/deviation counts per source, printed at the end of the run. */
export const tally = new Map<string, { pass: number; fail: number; deviation: number }>()

export function record(source: string, outcome: 'pass' | 'fail' | 'deviation'): void {
  const t = tally.get(source) ?? { pass: 0, fail: 0, deviation: 0 }
  t[outcome]++
  tally.set(source, t)
}

export function report(): string {
  const rows = [...tally].map(([s, t]) => {
    const n = t.pass + t.fail + t.deviation
    return `${s.padEnd(34)} ${String(t.pass).padStart(3)}/${String(n).padEnd(3)} pass  ${t.deviation ? `${t.deviation} known deviation(s)` : ''}`
  })
  return ['bank conformance (gold = source project expectations)', ...rows].join('\n')
}
