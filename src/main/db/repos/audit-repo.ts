import type { Ledger } from '../open'

export interface AuditRecord {
  userId: number | null
  action: string
  entity: string
  entityId?: string | number | null
  details?: Record<string, unknown>
}

/** Appends to the audit log; call inside the same transaction as the change it describes. */
export function audit(ledger: Ledger, at: number, r: AuditRecord): void {
  ledger.sqlite
    .prepare('insert into audit_log (at, user_id, action, entity, entity_id, details) values (?, ?, ?, ?, ?, ?)')
    .run(at, r.userId, r.action, r.entity, r.entityId == null ? null : String(r.entityId), r.details ? JSON.stringify(r.details) : null)
}
