import type { ApiErrorBody, Envelope, EventName, Events, MethodCallInput, MethodName, MethodOutput } from '../../../shared/contract'
import { prefs } from './prefs'

/** A failed call: the API's code and message, and for bad input the fields at fault. */
export class ApiError extends Error {
  readonly code: string
  readonly issues: { path: string; message: string }[]
  constructor(body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.issues = body.issues ?? []
  }
}

/** In the desktop app the preload exposes window.factordesk; in a browser we talk to the headless host. */
const bridge = typeof window !== 'undefined' ? window.factordesk : undefined

async function overHttp(method: string, input: unknown, userId: number | null): Promise<Envelope<unknown>> {
  let res: Response
  try {
    res = await fetch(`/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ input, userId })
    })
  } catch (e) {
    return { ok: false, error: { code: 'NETWORK', message: `cannot reach FactorDesk: ${(e as Error).message}` } }
  }
  try {
    return (await res.json()) as Envelope<unknown>
  } catch {
    return { ok: false, error: { code: `HTTP_${res.status}`, message: `FactorDesk answered ${res.status} ${res.statusText}` } }
  }
}

/** Calls one contract method as the current user; resolves with its data or throws an ApiError. */
export async function call<K extends MethodName>(method: K, input: MethodCallInput<K>): Promise<MethodOutput<K>> {
  const userId = prefs.get().userId
  const send = (uid: number | null) => (bridge ? bridge.call(method, input, uid) : overHttp(method, input, uid))
  let env = await send(userId)
  if (!env.ok && env.error.code === 'UNKNOWN_USER' && userId !== null) {
    // The stored profile was deactivated or belongs to another ledger: forget it rather than fail every call.
    prefs.setUser(null)
    env = await send(null)
  }
  if (!env.ok) throw new ApiError(env.error)
  return env.data as MethodOutput<K>
}

type Listener = (payload: unknown) => void
const httpListeners = new Map<string, Set<Listener>>()
let source: EventSource | null = null

function ensureSource(): EventSource {
  if (source) return source
  source = new EventSource('/api/events', { withCredentials: true })
  for (const ev of ['ledger.changed', 'job.progress'] satisfies EventName[]) {
    source.addEventListener(ev, (e) => {
      let payload: unknown
      try {
        payload = JSON.parse((e as MessageEvent<string>).data)
      } catch {
        return
      }
      httpListeners.get(ev)?.forEach((l) => l(payload))
    })
  }
  return source
}

/** Subscribes to a push event from the backend; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
  if (bridge) return bridge.on(event, cb as Listener)
  ensureSource()
  let set = httpListeners.get(event)
  if (!set) httpListeners.set(event, (set = new Set()))
  set.add(cb as Listener)
  return () => set.delete(cb as Listener)
}
