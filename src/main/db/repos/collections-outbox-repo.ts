import type { OutboxRow } from '../../../shared/contract/collections'
import type { Ledger } from '../open'
import { cached } from './collections-run-repo'

export function enqueue(ledger: Ledger, m: { reminderId: number | null; channel: 'email' | 'letter' | 'sms'; recipient: string | null; subject: string; body: string; at: number }): number {
  return Number(
    cached(
      ledger,
      "insert into outbox_message (reminder_id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at) values (?,?,?,?,?,'queued',0,?,?)")
      .run(m.reminderId, m.channel, m.recipient, m.subject, m.body, m.at, m.at).lastInsertRowid
  )
}

const ROW = `id, reminder_id as reminderId, channel, recipient, subject, status, attempts, last_error as lastError, sent_at as sentAt, next_attempt_at as nextAttemptAt`

export function listOutbox(ledger: Ledger, q: { status?: string; limit: number; reminderId?: number }): OutboxRow[] {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.status) conds.push('status = ?'), args.push(q.status)
  if (q.reminderId) conds.push('reminder_id = ?'), args.push(q.reminderId)
  return ledger.sqlite.prepare(`select ${ROW} from outbox_message ${conds.length ? 'where ' + conds.join(' and ') : ''} order by id desc limit ?`).all(...args, q.limit) as OutboxRow[]
}

export function getOutbox(ledger: Ledger, id: number): (OutboxRow & { body: string }) | null {
  return (ledger.sqlite.prepare(`select ${ROW}, body from outbox_message where id = ?`).get(id) as (OutboxRow & { body: string }) | undefined) ?? null
}

/** Messages whose next attempt is due, for channels delivered automatically (letters are printed in batches). */
export function dueMessages(ledger: Ledger, channels: readonly string[], now: number, limit: number): (OutboxRow & { body: string })[] {
  return ledger.sqlite
    .prepare(`select ${ROW}, body from outbox_message where status = 'queued' and channel in (${channels.map(() => '?').join(',')}) and next_attempt_at <= ? order by next_attempt_at, id limit ?`)
    .all(...channels, now, limit) as (OutboxRow & { body: string })[]
}

export function queuedLetters(ledger: Ledger): (OutboxRow & { body: string; address: string | null })[] {
  return ledger.sqlite
    .prepare(
      `select o.id, o.reminder_id as reminderId, o.channel, o.recipient, o.subject, o.status, o.attempts, o.last_error as lastError, o.sent_at as sentAt, o.next_attempt_at as nextAttemptAt, o.body, o.recipient as address
       from outbox_message o where o.status = 'queued' and o.channel = 'letter' order by o.id`
    )
    .all() as (OutboxRow & { body: string; address: string | null })[]
}

export function markSent(ledger: Ledger, id: number, at: number, providerRef: string | null): void {
  ledger.sqlite.prepare("update outbox_message set status = 'sent', sent_at = ?, provider_ref = ?, attempts = attempts + 1, last_error = null where id = ? and status = 'queued'").run(at, providerRef, id)
}

export function markAttemptFailed(ledger: Ledger, id: number, error: string, nextAttemptAt: number, giveUp: boolean): void {
  ledger.sqlite
    .prepare('update outbox_message set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ? where id = ?')
    .run(error.slice(0, 1000), nextAttemptAt, giveUp ? 'failed' : 'queued', id)
}

export function requeue(ledger: Ledger, id: number, at: number): void {
  ledger.sqlite.prepare("update outbox_message set status = 'queued', next_attempt_at = ? where id = ? and status <> 'sent'").run(at, id)
}

export function countQueued(ledger: Ledger): number {
  return ledger.sqlite.prepare("select count(*) from outbox_message where status = 'queued'").pluck().get() as number
}

export function deliveryFor(ledger: Ledger, reminderId: number): { id: number; status: string; attempts: number; lastError: string | null }[] {
  return ledger.sqlite.prepare('select id, status, attempts, last_error as lastError from outbox_message where reminder_id = ? order by id').all(reminderId) as { id: number; status: string; attempts: number; lastError: string | null }[]
}
