import { describe, expect, it, vi } from 'vitest'
import { pathToFileURL } from 'node:url'
import { anAgreement, testBackend } from '../support/backend'

// Electron cannot be downloaded here; the shell is thin enough to test against a stand-in.
const created: { options: Record<string, unknown>; handlers: Record<string, (...a: unknown[]) => unknown>; loaded?: string }[] = []
const sent: unknown[][] = []
vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof created)[number]
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      this.record = { options, handlers: {} }
      created.push(this.record)
      const rec = this.record
      this.webContents = {
        setWindowOpenHandler: (fn: (...a: unknown[]) => unknown) => (rec.handlers.open = fn),
        on: (ev: string, fn: (...a: unknown[]) => unknown) => (rec.handlers[ev] = fn),
        send: (...a: unknown[]) => sent.push(a)
      }
    }
    once() {}
    loadFile(f: string) {
      this.record.loaded = f
      return Promise.resolve()
    }
    static getAllWindows() {
      return [{ webContents: { send: (...a: unknown[]) => sent.push(a) } }]
    }
  }
  return { BrowserWindow, shell: { openExternal: vi.fn() }, app: {}, ipcMain: {}, session: {} }
})

const { createMainWindow } = await import('../../src/main/window')
const { registerIpc, isTrustedSender } = await import('../../src/main/ipc')

describe('the Electron shell', () => {
  it('opens a hardened window that cannot navigate or open new windows', () => {
    createMainWindow('/app/out/preload/index.cjs', '/app/out/renderer/index.html')
    const w = created.at(-1)!
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' })
    expect((w.handlers.open as (d: { url: string }) => { action: string })({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const ev = { preventDefault: vi.fn() }
    w.handlers['will-navigate'](ev)
    expect(ev.preventDefault).toHaveBeenCalled()
    expect(w.loaded).toBe('/app/out/renderer/index.html')
  })

  it('answers IPC calls only from the app page, through the same validating dispatcher', async () => {
    const index = '/app/out/renderer/index.html'
    let handler: ((e: unknown, msg: unknown) => Promise<{ ok: boolean; error?: { code: string } }>) | undefined
    const b = testBackend()
    registerIpc({ handle: (_ch: string, fn: typeof handler) => (handler = fn) } as never, b, index)
    const fromApp = { senderFrame: { parent: null, url: pathToFileURL(index).href } }
    const ok = await handler!(fromApp, { method: 'clients.create', input: { name: 'Over IPC AB', country: 'SE', agreement: anAgreement() }, userId: null })
    expect(ok.ok).toBe(true)
    const invalid = await handler!(fromApp, { method: 'clients.create', input: { name: 'x' } })
    expect(invalid.error?.code).toBe('INVALID_INPUT')
    const foreign = await handler!({ senderFrame: { parent: null, url: 'https://evil.example/' } }, { method: 'ledger.stats', input: {} })
    expect(foreign.error?.code).toBe('FORBIDDEN')
    const subFrame = { senderFrame: { parent: {}, url: pathToFileURL(index).href } }
    expect(isTrustedSender(subFrame as never, index)).toBe(false)
    // Changes are pushed to windows as events.
    expect(sent.some(([ch, ev]) => ch === 'factordesk:event' && ev === 'ledger.changed')).toBe(true)
  })
})
