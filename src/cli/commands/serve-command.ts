import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startHost } from '../../main/host/http-host'
import { createDemoLedger } from '../../main/demo'
import { superviseJobs } from '../../main/jobs'
import { backendFromArgs } from '../ledger-arg'
import { DB_OPTS, int, str, type Command } from '../registry'

/** out/renderer beside the built CLI, or the repo's out/renderer when run from source. */
export function findRendererDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    for (const c of [join(dir, 'renderer'), join(dir, 'out', 'renderer')]) if (existsSync(join(c, 'index.html'))) return c
    dir = resolve(dir, '..')
  }
  return undefined
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the backend and the app in a browser, on 127.0.0.1 only',
  usage: 'factordesk serve --db PATH [--demo] [--port N] [--without-jobs] [--json]',
  options: { ...DB_OPTS, demo: { type: 'boolean' }, port: { type: 'string' }, 'without-jobs': { type: 'boolean' }, seed: { type: 'string' }, invoices: { type: 'string' } },
  async run(args, _p, io) {
    const path = str(args, 'db', true)!
    const fresh = !existsSync(path)
    const b = backendFromArgs(args, { create: true, longRunning: true })
    if (args.demo && fresh) {
      io.err('first start: creating the demo ledger…')
      createDemoLedger(b.ledger, { seed: int(args, 'seed', 1)!, invoices: int(args, 'invoices', 6000)!, today: b.services.ctx.clock.today() })
    }
    const rendererDir = findRendererDir()
    if (!rendererDir) io.err('warning: the renderer is not built (run npm run build); serving the API only')
    const host = await startHost(b, { port: int(args, 'port', 0), rendererDir })
    if (args.json) io.out(JSON.stringify({ url: host.url, port: host.port, token: host.token, db: path }))
    else io.out(`FactorDesk is running at ${host.url}`)
    // The reminder scheduler and bank-folder import run here too, exactly as in the desktop app.
    const jobs = args['without-jobs'] ? null : superviseJobs(b, { clock: b.services.ctx.clock, log: (m) => io.err(m) })
    const stop = () => Promise.all([host.close(), jobs?.stop()]).then(() => { b.close(); process.exit(0) })
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    return 'keep-running'
  }
}
