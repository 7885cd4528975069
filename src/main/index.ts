import { app, BrowserWindow, ipcMain, session } from 'electron'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { createBackend, type Backend } from './backend'
import { createDemoLedger } from './demo'
import { registerIpc } from './ipc'
import { superviseJobs } from './jobs'
import { createMainWindow } from './window'

/**
 * The Electron shell: window, IPC wiring, lifecycle. Everything else lives in the backend,
 * which runs (and is tested) the same way in plain Node.
 */
let backend: Backend | null = null
let jobs: ReturnType<typeof superviseJobs> | null = null

function ledgerPath(): string {
  // Tests and power users may point at another ledger; packaged builds default to the user-data folder.
  return process.env.FACTORDESK_DB ?? join(app.getPath('userData'), 'factordesk.db')
}

app.enableSandbox()

app.whenReady().then(() => {
  const path = ledgerPath()
  const fresh = !existsSync(path)
  backend = createBackend(path)
  if (fresh) createDemoLedger(backend.ledger, { seed: 1, invoices: 6000, today: backend.services.ctx.clock.today() })
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false))
  const rendererIndex = join(__dirname, '../renderer/index.html')
  registerIpc(ipcMain, backend, rendererIndex)
  createMainWindow(join(__dirname, '../preload/index.cjs'), rendererIndex)
  jobs = superviseJobs(backend, { clock: backend.services.ctx.clock, log: (m) => console.log(m) })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(join(__dirname, '../preload/index.cjs'), rendererIndex)
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', (e) => {
  if (!jobs) return backend?.close()
  // Let a running import or reminder tick finish its transaction before the ledger closes.
  e.preventDefault()
  const running = jobs
  jobs = null
  void running.stop().finally(() => {
    backend?.close()
    app.quit()
  })
})
