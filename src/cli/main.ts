import { parseArgs } from 'node:util'
import { AppError } from '../main/api/errors'
import { LedgerOpenError } from '../main/db/open'
import { commands } from './commands'
import { CliError, type CliIO } from './registry'

const io: CliIO = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }

function help(): string {
  return ['FactorDesk command line', '', ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n')
}

/** Runs one command; returns the exit code. Errors are one line on stderr, never a stack trace. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(help())
    return 0
  }
  const two = `${argv[0]} ${argv[1] ?? ''}`
  const cmd = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === argv[0])
  if (!cmd) {
    io.err(`factordesk: unknown command "${argv[0]}" (try factordesk --help)`)
    return 2
  }
  const rest = argv.slice(cmd.name.split(' ').length)
  let values, positionals
  try {
    ;({ values, positionals } = parseArgs({ args: rest, options: cmd.options, allowPositionals: cmd.positionals ?? false, strict: true }))
  } catch (e) {
    io.err(`factordesk ${cmd.name}: ${(e as Error).message.split('\n')[0]} (usage: ${cmd.usage})`)
    return 2
  }
  try {
    const result = await cmd.run(values, positionals, io)
    if (result === 'keep-running') return -1
    io.out(values.json ? JSON.stringify(result.json, null, 2) : result.human)
    return 0
  } catch (e) {
    const known = e instanceof CliError || e instanceof AppError || e instanceof LedgerOpenError
    const msg = known ? (e as Error).message : `unexpected error: ${(e as Error).message}`
    io.err(`factordesk ${cmd.name}: ${msg.split('\n')[0]}`)
    return 1
  }
}

export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2))
  if (code >= 0) process.exitCode = code
}
