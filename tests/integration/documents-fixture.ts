import { execFileSync } from 'node:child_process'
import { deflateSync } from 'node:zlib'
import { computeFunding, fundingEntries } from '../../src/core/requests/funding'
import { postEntry } from '../../src/main/db/repos/journal-repo'
import { writeTx } from '../../src/main/services/context'
import { anAgreement, testBackend } from '../support/backend'

/**
 * A funded financing request built through the existing services, without the request/approval flow
 * (which is being written in parallel): client, debtors and invoices through the parties and invoices
 * services; the funding figures and postings from the funding step's own core (computeFunding,
 * fundingEntries); the request row, request_funding and the notice status through plain SQL, as the
 * approval service leaves them.
 */

export const FACTOR = {
  name: 'Nordfaktor Finans AB',
  address: 'Kungsgatan 12',
  postalCode: '111 43',
  city: 'Stockholm',
  country: 'SE',
  iban: 'SE4550000000058398257466',
  bic: 'ESSESESS',
  sepaCreditorId: 'SE98ZZZ5561234567',
  email: 'avi@nordfaktor.se',
  phone: '+46 8 123 45 67'
}

/** A real PNG logo (a two-colour band), made here so the test carries no opaque image blob. */
export function logoPng(rgb: [number, number, number], w = 120, h = 40): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const band = x < h ? [255, 255, 255] : rgb
      raw.set(x < h && (x - h / 2) ** 2 + (y - h / 2) ** 2 < (h / 2.4) ** 2 ? rgb : band, y * (w * 3 + 1) + 1 + x * 3)
    }
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
  return `data:image/png;base64,${png.toString('base64')}`
}

export interface FundedRequest {
  b: ReturnType<typeof testBackend>
  requestId: number
  clientId: number
  /** Debtor without a notice on file (gets notices of assignment), and one already notified (gets copies). */
  newDebtorId: number
  notifiedDebtorId: number
  invoiceIds: number[]
}

export async function fundedRequest(opts: { invoices?: number; postJournal?: boolean; factor?: boolean; chargebacks?: number } = {}): Promise<FundedRequest> {
  const b = testBackend('2026-11-23')
  if (opts.factor !== false) await b.call2('settings.setFactor', FACTOR)
  const agreement = anAgreement({ currency: 'EUR', advanceRateBp: 8500, upfrontFeeBp: 50 })
  const client = await b.call2('clients.create', {
    name: 'Åkerlund & Söner Trävaror AB',
    regNo: '556123-4567',
    country: 'SE',
    address: 'Industrivägen 4',
    postalCode: '441 50',
    city: 'Alingsås',
    iban: 'SE3550000000054910000003',
    bic: 'ESSESESS',
    agreement
  })
  const newDebtor = await b.call2('debtors.create', {
    name: 'Bäckström Éclairage GmbH', regNo: 'HRB 12345', country: 'DE', address: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin',
    language: 'de', creditLimit: 50_000_000, limitCurrency: 'EUR', riskClass: 'standard'
  })
  const notifiedDebtor = await b.call2('debtors.create', {
    name: 'Östgöta Bygg AB', regNo: '556987-6543', country: 'SE', address: 'Storgatan 1', postalCode: '582 23', city: 'Linköping',
    language: 'sv', creditLimit: 50_000_000, limitCurrency: 'EUR', riskClass: 'low'
  })
  const q = b.ledger.sqlite
  const n = opts.invoices ?? 3
  const { requestId, invoiceIds } = writeTx(b.services.ctx, () => {
    const requestId = Number(
      q.prepare(
        `insert into financing_request (client_id, status, source, currency, total, submitted_date, funded_date, created_at) values (?, 'funded', 'csv', 'EUR', 0, '2026-11-20', '2026-11-21', 0)`
      ).run(client.id).lastInsertRowid
    )
    q.prepare(`insert into client_debtor (client_id, debtor_id, noa_status, noa_date) values (?, ?, 'sent', '2026-01-10')`).run(client.id, notifiedDebtor.id)
    const bought: { invoiceId: number; debtorId: number; face: number }[] = []
    for (let i = 0; i < n; i++) {
      const face = 1_234_550 + i * 100_000
      const debtorId = i % 2 === 0 ? newDebtor.id : notifiedDebtor.id
      const invoiceId = b.services.invoices.insert({
        clientId: client.id, debtorId, requestId, number: `F-2026/${4120 + i}`, currency: 'EUR', face, issueDate: '2026-11-02', dueDate: '2026-12-02', status: 'funded'
      })
      bought.push({ invoiceId, debtorId, face })
    }
    // The funding step's own arithmetic and postings (src/core/requests/funding.ts), as the approval service runs them.
    const f = computeFunding(agreement, bought, opts.chargebacks ?? 0)
    for (const i of f.invoices) q.prepare(`update invoice set advance = ?, funded_date = '2026-11-21' where id = ?`).run(i.advance, i.invoiceId)
    if (opts.postJournal !== false) {
      for (const e of fundingEntries(f, { clientId: client.id, requestId, date: '2026-11-21' })) postEntry(b.ledger, e, null, 0)
      q.prepare(
        `insert into request_funding (request_id, date, currency, invoices, face, advance, reserve, fees, chargebacks_netted, net_payout, funded_by, at) values (?, '2026-11-21', 'EUR', ?, ?, ?, ?, ?, ?, ?, null, 0)`
      ).run(requestId, f.invoices.length, f.face, f.advance, f.reserve, f.fees, f.chargebacksNetted, f.netPayout)
    }
    q.prepare('update financing_request set total = ? where id = ?').run(f.face, requestId)
    return { requestId, invoiceIds: bought.map((x) => x.invoiceId) }
  })
  return { b, requestId, clientId: client.id, newDebtorId: newDebtor.id, notifiedDebtorId: notifiedDebtor.id, invoiceIds }
}

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' })
    return true
  } catch (e) {
    return (e as { code?: string }).code !== 'ENOENT'
  }
}

export const HAS_PDFTOTEXT = hasTool('pdftotext')

/** The PDF's text, rows kept together (-layout), with runs of white space (line breaks, no-break spaces) folded to one space. */
export function pdfText(pdf: Buffer): string {
  const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf })
  return out.toString('utf8').replace(/[\s\u00a0\u202f]+/g, ' ')
}

/** Page count read from the file itself (each page object is "/Type /Page"), so it needs no tool. */
export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length
}

export interface WordBox {
  word: string
  /** Millimetres from the left and top edges of the page. */
  left: number
  top: number
  right: number
  bottom: number
}

/** Where each word sits on page 1, in mm, read back from the PDF by pdftotext -bbox. */
export function wordBoxes(pdf: Buffer): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
  const mm = (pt: string) => (Number(pt) * 25.4) / 72
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    word: m[5].replace(/&amp;/g, '&'),
    left: mm(m[1]),
    top: mm(m[2]),
    right: mm(m[3]),
    bottom: mm(m[4])
  }))
}
