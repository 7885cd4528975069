import type { ApiErrorBody } from '../../shared/contract'

/** An expected failure a user can act on: bad input, not found, a business rule. Shown as its message. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: ApiErrorBody['issues']
  ) {
    super(message)
  }
}

export const notFound = (what: string, id: number | string): AppError => new AppError('NOT_FOUND', `${what} ${id} does not exist`)

/** SQLite constraint failures become readable conflicts; everything else is an internal error. */
export function toErrorBody(e: unknown): ApiErrorBody {
  if (e instanceof AppError) return { code: e.code, message: e.message, issues: e.issues }
  const code = (e as { code?: string }).code
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { code: 'CONFLICT', message: `already exists: ${(e as Error).message.replace(/^UNIQUE constraint failed: /, '')}` }
  }
  if (code?.startsWith('SQLITE_CONSTRAINT')) return { code: 'CONSTRAINT', message: (e as Error).message }
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }
}
