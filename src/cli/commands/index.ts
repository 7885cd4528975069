import type { Command } from '../registry'
import { documentCommands } from './document-commands'
import { initCommand, listCommand, statsCommand } from './ledger-commands'
import { requestCommands } from './request-commands'
import { serveCommand } from './serve-command'
import { statementCommands } from './statement-commands'
import { collectionCommands } from './collection-commands'

/** Every CLI command. Add a domain's commands by spreading its array here. */
export const commands: Command[] = [initCommand, serveCommand, statsCommand, listCommand, ...documentCommands, ...statementCommands, ...requestCommands, ...collectionCommands]
