import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { DesktopBridge } from './bridge'

/**
 * The renderer's only door to the main process: call(method, input) and on(event, listener).
 * No raw ipcRenderer, no Node, no environment: the channel names are fixed here.
 */
const bridge: DesktopBridge = {
  call: (method, input, userId) => ipcRenderer.invoke('factordesk:call', { method, input, userId }),
  on: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on('factordesk:event', wrapped)
    return () => ipcRenderer.removeListener('factordesk:event', wrapped)
  }
}

contextBridge.exposeInMainWorld('factordesk', bridge)
