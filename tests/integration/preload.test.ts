import { describe, expect, it, vi } from 'vitest'

const exposed: Record<string, unknown> = {}
const invoke = vi.fn(async () => ({ ok: true, data: 1 }))
const listeners: ((...a: unknown[]) => void)[] = []
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
  ipcRenderer: { invoke, on: (_c: string, fn: (...a: unknown[]) => void) => listeners.push(fn), removeListener: vi.fn() }
}))

await import('../../src/preload/index')

describe('the preload bridge', () => {
  it('exposes exactly call and on, nothing of Node or ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['factordesk'])
    expect(Object.keys(exposed.factordesk as object).sort()).toEqual(['call', 'on'])
  })

  it('sends calls on its one fixed channel and filters events by name', async () => {
    const api = exposed.factordesk as { call: (m: string, i: unknown, u: number | null) => Promise<unknown>; on: (e: string, cb: (p: unknown) => void) => () => void }
    await api.call('ledger.stats', {}, 3)
    expect(invoke).toHaveBeenCalledWith('factordesk:call', { method: 'ledger.stats', input: {}, userId: 3 })
    const got: unknown[] = []
    api.on('job.progress', (p) => got.push(p))
    listeners.forEach((l) => l({}, 'ledger.changed', { scope: [] }))
    listeners.forEach((l) => l({}, 'job.progress', { job: 'x', done: 1, total: 2 }))
    expect(got).toEqual([{ job: 'x', done: 1, total: 2 }])
  })
})
