import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Backend } from '../backend'
import { resolveStatic } from './static-files'

export interface HostOptions {
  port?: number
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string
  token?: string
  maxBodyBytes?: number
}

export interface Host {
  url: string
  token: string
  port: number
  server: Server
  close(): Promise<void>
}

const COOKIE = 'fd_token'
// frame-src blob: lets the invoice screen show a rendered PDF in a frame (the desktop window opens no new windows).
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src blob:; base-uri 'none'; frame-ancestors 'none'"

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | undefined {
  const m = /(?:^|;\s*)fd_token=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')
  return m?.[1]
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store'
  })
  res.end(body)
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(Object.assign(new Error(`request body larger than ${limit} bytes`), { status: 413 }))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const STATUS_FOR: Record<string, number> = { INVALID_INPUT: 400, UNKNOWN_METHOD: 404, NOT_FOUND: 404, UNKNOWN_USER: 403, CONFLICT: 409, INTERNAL: 500 }

/**
 * The headless host: the same backend and renderer as the desktop app, over HTTP on loopback only.
 * A per-start token gates every request; the browser trades it once for an HttpOnly cookie so
 * assets and API calls carry it without the token staying in page URLs.
 */
export function startHost(backend: Backend, opts: HostOptions = {}): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const limit = opts.maxBodyBytes ?? 150 * 1024 * 1024
  let port = 0
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      // Refuse other Host names so a web page cannot reach us through DNS rebinding.
      const host = (req.headers.host ?? '').replace(/:\d+$/, '')
      if (host !== '127.0.0.1' && host !== 'localhost') return send(res, 421, JSON.stringify({ ok: false, error: { code: 'BAD_HOST', message: 'loopback only' } }))
      if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
        if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'wrong token' } }))
        res.writeHead(302, { location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, 'referrer-policy': 'no-referrer' })
        return res.end()
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      if (!sameToken(bearer, token) && !sameToken(cookieToken(req), token)) {
        return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong access token; open the URL printed at start-up' } }))
      }
      if (url.pathname.startsWith('/api/call/')) {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } }))
        const raw = await readBody(req, limit)
        let body: { input?: unknown; userId?: unknown }
        try {
          body = raw ? (JSON.parse(raw) as typeof body) : {}
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_JSON', message: 'request body is not JSON' } }))
        }
        const userId = typeof body.userId === 'number' && Number.isInteger(body.userId) ? body.userId : null
        const result = await backend.call(decodeURIComponent(url.pathname.slice('/api/call/'.length)), body.input, { userId, transport: 'http' })
        return send(res, result.ok ? 200 : (STATUS_FOR[result.error.code] ?? 422), JSON.stringify(result))
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
        res.write(': connected\n\n')
        const offs = (['ledger.changed', 'job.progress'] as const).map((ev) => backend.on(ev, (p) => res.write(`event: ${ev}\ndata: ${JSON.stringify(p)}\n\n`)))
        const ping = setInterval(() => res.write(': ping\n\n'), 25_000)
        req.on('close', () => {
          clearInterval(ping)
          offs.forEach((off) => off())
        })
        return
      }
      if (req.method !== 'GET') return send(res, 405, JSON.stringify({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'GET only' } }))
      const file = opts.rendererDir ? resolveStatic(opts.rendererDir, url.pathname) : null
      if (!file) return send(res, 404, JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: url.pathname } }))
      return send(res, 200, file.body, file.type)
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500
      send(res, status, JSON.stringify({ ok: false, error: { code: status === 413 ? 'TOO_LARGE' : 'INTERNAL', message: (e as Error).message } }))
    }
  })
  server.requestTimeout = 0
  // Browsers and Playwright reuse idle connections. Node's 5 s default lets the server close a socket just as
  // a client sends on it (ECONNRESET), which a long synchronous ledger operation makes likely; keep them longer.
  server.keepAliveTimeout = 120_000
  server.headersTimeout = 125_000
  return new Promise((resolveHost, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolveHost({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        token,
        port,
        server,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()) })
      })
    })
  })
}
