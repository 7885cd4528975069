import type { Envelope } from '../shared/contract/define'

/** What the preload exposes as window.factordesk in the desktop app. */
export interface DesktopBridge {
  call(method: string, input: unknown, userId: number | null): Promise<Envelope<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    factordesk?: DesktopBridge
  }
}
