import { z } from 'zod'
import { contract, type Envelope, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract'
import { toErrorBody } from './errors'

export interface CallContext {
  /** The local user profile acting, when the caller named one. */
  userId: number | null
  transport: 'ipc' | 'http' | 'cli' | 'test'
}

export type Handler<K extends MethodName> = (input: MethodInput<K>, ctx: CallContext) => MethodOutput<K> | Promise<MethodOutput<K>>
export type Handlers = { [K in MethodName]: Handler<K> }

export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>

function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') || '(input)'
}

/**
 * The single entry point for IPC and HTTP: unknown methods and invalid input are refused here, once,
 * so handlers only ever see parsed, typed values.
 */
export function createDispatcher(handlers: Handlers, log: (msg: string, e: unknown) => void = () => {}): Dispatch {
  return async (method, input, ctx) => {
    if (!Object.hasOwn(contract, method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method "${method}"` } }
    const name = method as MethodName
    const parsed = (contract[name].input as z.ZodType).safeParse(input ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
      return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues } }
    }
    try {
      const handler = handlers[name] as (i: unknown, c: CallContext) => unknown
      return { ok: true, data: await handler(parsed.data, ctx) }
    } catch (e) {
      const body = toErrorBody(e)
      if (body.code === 'INTERNAL') log(`${method} failed`, e)
      return { ok: false, error: body }
    }
  }
}
