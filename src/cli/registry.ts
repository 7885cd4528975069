import type { ParseArgsConfig } from 'node:util'

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>

export type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CliIO {
  out(text: string): void
  err(text: string): void
}

export interface Command {
  /** One or two words: "init", "request import". */
  name: string
  summary: string
  usage: string
  options: ParseArgsOptionsConfig
  /** Positional arguments allowed (e.g. FILE). */
  positionals?: boolean
  /** Returns the JSON result for --json; `human` is what is printed otherwise. */
  run(args: ArgValues, positionals: string[], io: CliIO): Promise<{ json: unknown; human: string } | 'keep-running'>
}

export class CliError extends Error {}

export function str(args: ArgValues, name: string, required = false): string | undefined {
  const v = args[name]
  if (v === undefined || v === true) {
    if (required) throw new CliError(`--${name} is required`)
    return undefined
  }
  if (Array.isArray(v)) return String(v[v.length - 1])
  return String(v)
}

export function int(args: ArgValues, name: string, fallback?: number): number | undefined {
  const v = str(args, name)
  if (v === undefined) return fallback
  if (!/^\d+$/.test(v)) throw new CliError(`--${name} must be a whole number, got "${v}"`)
  return Number(v)
}

export function list(args: ArgValues, name: string): string[] {
  const v = args[name]
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]
}

/** Common options: every command takes --json and, when it touches a ledger, --db. */
export const DB_OPTS: ParseArgsOptionsConfig = { db: { type: 'string' }, json: { type: 'boolean' } }
