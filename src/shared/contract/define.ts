import type { z } from 'zod'

/**
 * One API method: a zod schema for its input (validated in main for IPC and HTTP alike) and a
 * compile-time output type. `method(schema).returns<T>()` keeps both in one line per method.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I
  /** Phantom: carries the output type, never read at run time. */
  readonly _output?: O
}

export function method<I extends z.ZodType>(input: I): { returns<O>(): MethodDef<I, O> } {
  return { returns: <O>() => ({ input }) as MethodDef<I, O> }
}

/** The wire envelope: expected business failures and bad input come back as data, not as thrown errors. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

export interface ApiErrorBody {
  code: string
  message: string
  /** For validation failures: which field and what is wrong with it. */
  issues?: { path: string; message: string }[]
}
