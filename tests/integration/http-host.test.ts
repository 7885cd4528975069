import { afterEach, describe, expect, it } from 'vitest'
import { startHost, type Host } from '../../src/main/host/http-host'
import { anAgreement, testBackend } from '../support/backend'

let host: Host | undefined
afterEach(async () => host?.close())

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: r.status, body: (await r.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } }
}

describe('the headless host', () => {
  it('listens on loopback only and prints a URL with a per-start token', async () => {
    host = await startHost(testBackend())
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/)
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1')
    const other = await startHost(testBackend())
    expect(other.token).not.toBe(host.token)
    await other.close()
  })

  it('answers 401 without the token and serves the API with it', async () => {
    const b = testBackend()
    host = await startHost(b)
    const base = `http://127.0.0.1:${host.port}`
    expect((await post(`${base}/api/call/ledger.stats`, {})).status).toBe(401)
    expect((await post(`${base}/api/call/ledger.stats`, {}, { authorization: 'Bearer wrong' })).status).toBe(401)
    const ok = await post(`${base}/api/call/clients.create`, { input: { name: 'Via HTTP Oy', country: 'FI', agreement: anAgreement() } }, { authorization: `Bearer ${host.token}` })
    expect(ok.status).toBe(200)
    expect((await b.call2('clients.list', {})).rows.map((c) => c.name)).toEqual(['Via HTTP Oy'])
  })

  it('validates input with the same contract as IPC and names the field', async () => {
    host = await startHost(testBackend())
    const r = await post(`http://127.0.0.1:${host.port}/api/call/debtors.create`, { input: { name: 'D', country: 'se' } }, { authorization: `Bearer ${host.token}` })
    expect(r.status).toBe(400)
    expect(r.body.error?.code).toBe('INVALID_INPUT')
    expect(r.body.error?.message).toMatch(/country/)
    const unknown = await post(`http://127.0.0.1:${host.port}/api/call/ledger.drop`, {}, { authorization: `Bearer ${host.token}` })
    expect(unknown.status).toBe(404)
  })

  it('trades the URL token for an HttpOnly cookie and refuses foreign Host headers', async () => {
    host = await startHost(testBackend())
    const r = await fetch(host.url, { redirect: 'manual' })
    expect(r.status).toBe(302)
    const cookie = r.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const withCookie = await fetch(`http://127.0.0.1:${host.port}/api/call/ledger.stats`, { method: 'POST', headers: { cookie: cookie.split(';')[0] }, body: '{}' })
    expect(withCookie.status).toBe(200)
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host!.port, path: '/api/call/ledger.stats', method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${host!.token}` } }, (res) => resolve(res.statusCode ?? 0))
      req.end('{}')
    })
    expect(status).toBe(421)
  })
})
