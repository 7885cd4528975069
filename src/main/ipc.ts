import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { BrowserWindow } from 'electron'
import { pathToFileURL } from 'node:url'
import type { Backend } from './backend'

/** Only the app's own top-level page may call: not a sub-frame, not a page it navigated to. */
export function isTrustedSender(e: IpcMainInvokeEvent, rendererIndex: string): boolean {
  const frame = e.senderFrame
  if (!frame || frame.parent !== null) return false
  return frame.url.split('#')[0].split('?')[0] === pathToFileURL(rendererIndex).href
}

/** One channel for every call; the dispatcher validates method and input exactly as for HTTP. */
export function registerIpc(ipcMain: IpcMain, backend: Backend, rendererIndex: string): void {
  ipcMain.handle('factordesk:call', async (e, msg: unknown) => {
    if (!isTrustedSender(e, rendererIndex)) return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } }
    const m = (msg ?? {}) as { method?: unknown; input?: unknown; userId?: unknown }
    if (typeof m.method !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string' } }
    const userId = typeof m.userId === 'number' && Number.isInteger(m.userId) ? m.userId : null
    return backend.call(m.method, m.input, { userId, transport: 'ipc' })
  })
  for (const event of ['ledger.changed', 'job.progress'] as const) {
    backend.on(event, (payload) => {
      for (const w of BrowserWindow.getAllWindows()) w.webContents.send('factordesk:event', event, payload)
    })
  }
}
