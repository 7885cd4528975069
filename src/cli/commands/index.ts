import type { Command } from '../registry'
import { initCommand, listCommand, statsCommand } from './ledger-commands'
import { serveCommand } from './serve-command'
import { statementCommands } from './statement-commands'

/** Every CLI command. Add a domain's commands by spreading its array here. */
export const commands: Command[] = [initCommand, serveCommand, statsCommand, listCommand, ...statementCommands]
