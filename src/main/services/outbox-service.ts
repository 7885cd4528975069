import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { CollectionSettings, DeliveryReport, OutboxRow } from '../../shared/contract/collections'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as ob from '../db/repos/collections-outbox-repo'
import { writeTx, type ServiceContext } from './context'
import type { DunningService } from './dunning-service'
import { renderLetterBatch } from './outbox-letters'

type Sender = (m: OutboxRow & { body: string }, s: CollectionSettings) => Promise<string | null>

async function sendEmail(m: OutboxRow & { body: string }, s: CollectionSettings): Promise<string | null> {
  if (!s.smtp) throw new Error('no SMTP server configured (collections settings: smtp)')
  if (!m.recipient) throw new Error('the debtor has no e-mail address')
  const transport = nodemailer.createTransport({
    host: s.smtp.host,
    port: s.smtp.port,
    secure: s.smtp.secure,
    auth: s.smtp.user ? { user: s.smtp.user, pass: s.smtp.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // A local office relay often has a self-signed certificate.
    tls: { rejectUnauthorized: false }
  })
  try {
    // A stable Message-ID lets a receiving system drop the copy if a crash made us deliver twice.
    const info = await transport.sendMail({ from: s.smtp.from, to: m.recipient, subject: m.subject, text: m.body, messageId: `<outbox-${m.id}@factordesk.local>` })
    if (!info.accepted?.length || info.rejected?.length) throw new Error(`server did not accept ${m.recipient}: ${info.response}`)
    return info.messageId ?? null
  } finally {
    transport.close()
  }
}

async function sendSms(m: OutboxRow & { body: string }, s: CollectionSettings): Promise<string | null> {
  if (!s.sms) throw new Error('no SMS gateway configured (collections settings: sms)')
  if (!m.recipient) throw new Error('the debtor has no phone number')
  const res = await fetch(s.sms.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(s.sms.token ? { authorization: `Bearer ${s.sms.token}` } : {}) },
    body: JSON.stringify({ to: m.recipient, text: m.body, from: s.sms.sender ?? null, reference: `outbox-${m.id}` }),
    signal: AbortSignal.timeout(15_000)
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`gateway answered ${res.status}: ${text.slice(0, 200)}`)
  try {
    const j = JSON.parse(text) as { id?: unknown }
    return j.id !== undefined ? String(j.id) : null
  } catch {
    return null
  }
}

/**
 * Delivers queued messages after the decisions were committed. Nothing is marked sent unless the SMTP
 * server or gateway accepted it; a failure keeps the message queued with its error and a later attempt
 * (exponential backoff) until maxAttempts, after which it is failed and shown for a manual retry.
 */
export function createOutboxService(ctx: ServiceContext, dunning: DunningService, senders: Partial<Record<'email' | 'sms', Sender>> = {}) {
  const { ledger, clock } = ctx
  const send: Record<'email' | 'sms', Sender> = { email: senders.email ?? sendEmail, sms: senders.sms ?? sendSms }
  let running: Promise<DeliveryReport> | null = null
  const svc = {
    list: (q: { status?: string; limit: number }) => ob.listOutbox(ledger, q),
    async deliver(): Promise<DeliveryReport> {
      // One delivery pass at a time: a scheduler tick and a button press must not send a message twice.
      if (running) return running
      running = (async () => {
        const s = dunning.settings()
        const report: DeliveryReport = { attempted: 0, sent: 0, failed: 0, stillQueued: 0, errors: [] }
        // A channel that is not set up yet is not attempted: its messages wait without using up retries.
        const channels = [...(s.smtp ? ['email'] : []), ...(s.sms ? ['sms'] : [])]
        for (; channels.length > 0; ) {
          const batch = ob.dueMessages(ledger, channels, clock.now(), 50).filter((m) => !report.errors.some((e) => e.id === m.id))
          if (batch.length === 0) break
          for (const m of batch) {
            report.attempted++
            try {
              const ref = await send[m.channel as 'email' | 'sms'](m, s)
              writeTx(ctx, () => ob.markSent(ledger, m.id, clock.now(), ref))
              report.sent++
            } catch (e) {
              const msg = (e as Error).message
              const giveUp = m.attempts + 1 >= s.maxAttempts
              const delay = Math.min(s.retryBaseMs * 2 ** m.attempts, 6 * 3600_000)
              writeTx(ctx, () => ob.markAttemptFailed(ledger, m.id, msg, clock.now() + delay, giveUp))
              if (giveUp) report.failed++
              report.errors.push({ id: m.id, error: msg })
            }
          }
        }
        report.stillQueued = ob.countQueued(ledger)
        if (report.attempted) ctx.emit('ledger.changed', { scope: ['outbox'] })
        return report
      })()
      try {
        return await running
      } finally {
        running = null
      }
    },
    retry(id: number, userId: number | null): OutboxRow {
      const m = ob.getOutbox(ledger, id)
      if (!m) throw notFound('outbox message', id)
      if (m.status === 'sent') throw new AppError('CONFLICT', `message ${id} was already sent`)
      writeTx(ctx, () => {
        ob.requeue(ledger, id, clock.now())
        audit(ledger, clock.now(), { userId, action: 'outbox.retry', entity: 'outbox_message', entityId: id })
      })
      return ob.getOutbox(ledger, id)!
    },
    /** All queued letters as one PDF to print and post; they count as sent once the file is written. */
    async printLetters(dir: string | undefined, userId: number | null): Promise<{ file: string | null; letters: number }> {
      const letters = ob.queuedLetters(ledger)
      if (letters.length === 0) return { file: null, letters: 0 }
      const target = dir ?? dunning.settings().letterDir
      if (!target) throw new AppError('INVALID_INPUT', 'dir: no folder given and no letterDir in the collections settings')
      const f = dunning.factor()
      const pdf = await renderLetterBatch(letters, f.name, f.name)
      mkdirSync(target, { recursive: true })
      const file = join(target, `reminder-letters-${clock.today()}-${letters[0].id}-${letters[letters.length - 1].id}.pdf`)
      writeFileSync(file, pdf)
      writeTx(ctx, () => {
        for (const l of letters) ob.markSent(ledger, l.id, clock.now(), file)
        audit(ledger, clock.now(), { userId, action: 'outbox.printLetters', entity: 'outbox_message', entityId: null, details: { file, letters: letters.map((l) => l.id) } })
      })
      return { file, letters: letters.length }
    }
  }
  return svc
}
export type OutboxService = ReturnType<typeof createOutboxService>
