import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { addInvoice, collectionsLedger } from './collections-fixture'

interface Received {
  from: string
  to: string[]
  data: string
}

/** A real SMTP server on 127.0.0.1; `refuse` makes it reject every recipient. */
async function smtp(opts: { refuse?: boolean } = {}): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _s, cb) {
      if (opts.refuse) return cb(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }))
      cb()
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') })
        cb()
      })
    }
  })
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()))
  const port = (server.server.address() as AddressInfo).port
  return { port, received, close: () => new Promise<void>((res) => server.close(() => res())) }
}

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

async function ledgerWithReminder(channelRisk: 'standard' | 'high' = 'standard', due = '2026-11-10') {
  const l = await collectionsLedger('2026-11-23')
  const d = await l.debtor('Acme GmbH', channelRisk)
  addInvoice(l.b, l.clientId, d, 123_450, due)
  return { ...l, d }
}

describe('outbox', () => {
  it('delivers a reminder by SMTP and marks it sent only after the server accepted it', async () => {
    const server = await smtp()
    closers.push(server.close)
    const { b } = await ledgerWithReminder()
    const s = await b.call2('collections.settings', {})
    await b.call2('collections.saveSettings', { ...s, smtp: { host: '127.0.0.1', port: server.port, secure: false, from: 'collections@factor.example' } })
    await b.call2('reminders.run', {})
    const rep = await b.call2('outbox.deliver', {})
    expect(rep).toMatchObject({ attempted: 1, sent: 1, stillQueued: 0 })
    expect(server.received).toHaveLength(1)
    expect(server.received[0].to).toEqual(['acme@example.com'])
    expect(server.received[0].data).toContain('Subject: Zahlungserinnerung: INV-')
    expect(server.received[0].data).toContain('1234.50 EUR')
    const [m] = await b.call2('outbox.list', {})
    expect(m.status).toBe('sent')
    // Delivered once: another pass sends nothing.
    expect((await b.call2('outbox.deliver', {})).attempted).toBe(0)
    expect(server.received).toHaveLength(1)
  })

  it('keeps the message queued with the error when the server refuses or is down, and retries with backoff', async () => {
    const server = await smtp({ refuse: true })
    closers.push(server.close)
    const { b } = await ledgerWithReminder()
    const s = await b.call2('collections.settings', {})
    await b.call2('collections.saveSettings', { ...s, smtp: { host: '127.0.0.1', port: server.port, secure: false, from: 'c@factor.example' }, retryBaseMs: 60_000, maxAttempts: 2 })
    await b.call2('reminders.run', {})
    const rep = await b.call2('outbox.deliver', {})
    expect(rep).toMatchObject({ attempted: 1, sent: 0, stillQueued: 1 })
    let [m] = await b.call2('outbox.list', {})
    expect(m.status).toBe('queued')
    expect(m.lastError).toMatch(/550|mailbox unavailable|Recipient/i)
    expect(m.nextAttemptAt).toBeGreaterThan(Date.UTC(2026, 0, 1) + 59_000)
    // Not due again yet: nothing attempted.
    expect((await b.call2('outbox.deliver', {})).attempted).toBe(0)
    // Server down: after a manual retry the second attempt fails too and the message is failed, never sent.
    await server.close()
    closers.pop()
    await b.call2('outbox.retry', { id: m.id })
    await b.call2('outbox.deliver', {})
    ;[m] = await b.call2('outbox.list', {})
    expect(m.status).toBe('failed')
    expect(m.sentAt).toBeNull()
    expect(m.lastError).toMatch(/ECONNREFUSED|connect/i)
  })

  it('sends SMS as JSON to the configured gateway and records a gateway error', async () => {
    const posts: unknown[] = []
    let fail = true
    const gw: Server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        posts.push({ auth: req.headers.authorization, body: JSON.parse(body) })
        if (fail) {
          res.writeHead(503).end('busy')
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"sms-77"}')
      })
    })
    await new Promise<void>((r) => gw.listen(0, '127.0.0.1', () => r()))
    closers.push(() => void gw.close())
    const { b } = await ledgerWithReminder('high', '2026-11-16') // high risk: level 2 is an SMS at due + 7
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) select id, 1, '2026-11-17' from invoice").run()
    const s = await b.call2('collections.settings', {})
    await b.call2('collections.saveSettings', { ...s, sms: { url: `http://127.0.0.1:${(gw.address() as AddressInfo).port}/send`, token: 't0k' }, retryBaseMs: 100 })
    const run = await b.call2('reminders.run', {})
    expect(run.reminders.map((r) => r.channel)).toEqual(['sms'])
    await b.call2('outbox.deliver', {})
    let [m] = await b.call2('outbox.list', {})
    expect(m).toMatchObject({ channel: 'sms', status: 'queued', lastError: 'gateway answered 503: busy' })
    fail = false
    await b.call2('outbox.retry', { id: m.id })
    await b.call2('outbox.deliver', {})
    ;[m] = await b.call2('outbox.list', {})
    expect(m.status).toBe('sent')
    expect(posts[1]).toMatchObject({ auth: 'Bearer t0k', body: { to: '+4930123456', reference: `outbox-${m.id}` } })
  })

  it('leaves e-mail queued without spending retries while no SMTP server is set up', async () => {
    const { b } = await ledgerWithReminder()
    await b.call2('reminders.run', {})
    expect(await b.call2('outbox.deliver', {})).toMatchObject({ attempted: 0, sent: 0, stillQueued: 1 })
    expect((await b.call2('outbox.list', {}))[0]).toMatchObject({ status: 'queued', attempts: 0, sentAt: null })
  })

  it('prints queued letters as one PDF batch', async () => {
    const { b } = await ledgerWithReminder('standard', '2026-10-01')
    b.ledger.sqlite.prepare("insert into invoice_dunning (invoice_id, level, last_sent_date) select id, 2, '2026-10-15' from invoice").run()
    const r = await b.call2('reminders.run', {})
    await b.call2('reminders.approve', { id: r.reminders[0].reminderId! })
    const dir = mkdtempSync(join(tmpdir(), 'letters-'))
    const out = await b.call2('outbox.printLetters', { dir })
    expect(out.letters).toBe(1)
    const pdf = readFileSync(out.file!)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect((await b.call2('outbox.list', {}))[0].status).toBe('sent')
  })
})
