/**
 * npm run bench [-- --only <substring>] [--invoices N] [--json]
 *
 * Runs every bench/*.ts module that exports a function named bench* (files starting with "_" are scratch
 * and skipped), in this one process, and prints each figure beside the baseline measured in the same run.
 * A missed target is marked, never fatal: the figures are what matter. Errors are reported per module.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { BenchRow } from './types'

export interface BenchOptions {
  /** Size of the ledger benches (default 1,000,000 invoices). */
  invoices?: number
}

type BenchFn = (opts?: BenchOptions) => Promise<BenchRow[]>

const here = dirname(fileURLToPath(import.meta.url))
const SKIP = new Set(['run.ts', 'types.ts'])

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return ''
  const abs = Math.abs(n)
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

function printTable(rows: (BenchRow & { module: string })[]): void {
  const head = ['module', 'measure', 'value', 'unit', 'baseline', 'baseline is', 'target', 'pass']
  const cells = rows.map((r) => [r.module, r.name, fmt(r.value), r.unit, fmt(r.baseline), r.baselineName ?? '', r.target ?? '', r.pass === undefined ? '-' : r.pass ? 'yes' : 'MISSED'])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => c.map((s, i) => (i === 2 || i === 4 ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, invoices: { type: 'string' }, json: { type: 'boolean' } }, strict: true })
  const invoices = values.invoices === undefined ? undefined : Number(values.invoices)
  if (invoices !== undefined && (!Number.isInteger(invoices) || invoices < 1000)) throw new Error(`--invoices must be a whole number of at least 1000, got "${values.invoices}"`)
  const only = values.only?.toLowerCase()
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_') && !SKIP.has(f))
    .sort()
  const results: (BenchRow & { module: string })[] = []
  let failures = 0
  for (const file of files) {
    const module = file.replace(/\.ts$/, '')
    let mod: Record<string, unknown>
    try {
      mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>
    } catch (e) {
      console.error(`${module}: could not load: ${(e as Error).message.split('\n')[0]}`)
      failures++
      continue
    }
    const fns = Object.entries(mod).filter(([name, v]) => /^bench[A-Z0-9]/.test(name) && typeof v === 'function') as [string, BenchFn][]
    for (const [name, fn] of fns) {
      if (only && !module.toLowerCase().includes(only) && !name.toLowerCase().includes(only)) continue
      const t0 = performance.now()
      process.stderr.write(`running ${module}.${name}…\n`)
      try {
        const rows = await fn({ invoices })
        results.push(...rows.map((r) => ({ ...r, module })))
        process.stderr.write(`  ${rows.length} figure(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
      } catch (e) {
        console.error(`${module}.${name} failed: ${(e as Error).stack ?? e}`)
        failures++
      }
    }
  }
  if (values.json) console.log(JSON.stringify(results, null, 2))
  else printTable(results)
  const missed = results.filter((r) => r.pass === false).length
  console.log(`\n${results.length} figures, ${missed} target(s) missed${failures ? `, ${failures} module(s) failed` : ''}`)
  // A missed target is information, not a failure; a bench that crashed is.
  if (failures) process.exitCode = 1
}

await main()
