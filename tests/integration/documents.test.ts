import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatRfReference } from '../../src/core/rf-reference'
import type { Events } from '../../src/shared/contract'
import { FACTOR, fundedRequest, HAS_PDFTOTEXT, logoPng, pageCount, pdfText, wordBoxes } from './documents-fixture'

if (!HAS_PDFTOTEXT) console.warn('documents.test: pdftotext (poppler-utils) is missing, so the checks on PDF text are skipped; apt-get install -y poppler-utils')
const withText = it.skipIf(!HAS_PDFTOTEXT)

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const decode = (base64: string) => Buffer.from(base64, 'base64')
const IBAN_PRINTED = 'SE45 5000 0000 0583 9825 7466'

describe('invoice documents', () => {
  it('renders a one-page PDF for a funded invoice', async () => {
    const { b, invoiceIds } = await fundedRequest()
    const doc = await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[0] })
    const pdf = decode(doc.base64)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pageCount(pdf)).toBe(1)
    expect(doc.bytes).toBe(pdf.length)
    expect(doc.fileName).toBe('F-2026_4120-notice-of-assignment.pdf')
    // The font is embedded, not one of the 14 standard fonts a viewer would substitute.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/)
  })

  withText('sends a notice of assignment where the pair has no notice on file, in the debtor’s locale', async () => {
    const { b, invoiceIds } = await fundedRequest()
    const inv = await b.call2('invoices.get', { id: invoiceIds[0] })
    const text = pdfText(decode((await b.call2('documents.render', { kind: 'invoice', invoiceId: inv.id })).base64))
    const rf = formatRfReference(inv.rfRef)
    expect(rf).toMatch(/^RF\d\d \w{4} \w{4}/)
    expect(text).toContain('Notice of assignment F-2026/4120')
    expect(text).toContain(
      `This invoice has been assigned to ${FACTOR.name}. Payment with discharging effect can only be made to ${FACTOR.name}, IBAN ${IBAN_PRINTED}, BIC ${FACTOR.bic}, quoting reference ${rf}.`
    )
    expect(text).toContain(rf)
    expect(text).not.toContain(inv.rfRef) // never printed ungrouped
    // Both parties named; å, ä, ö, é and € come through the embedded font.
    expect(text).toContain('Åkerlund & Söner Trävaror AB')
    expect(text).toContain('Bäckström Éclairage GmbH')
    expect(text).toContain('Hauptstraße 5')
    // A German debtor: German number and date formats, and the country line on a letter from Sweden.
    expect(text).toContain('12.345,50 €')
    expect(text).toContain('02.12.2026')
    expect(text).toContain('GERMANY')
    expect(text).toContain('Acknowledgement')
  })

  withText('places the debtor’s address inside a DIN 5008 / C5 window (20 mm from the left, 45 mm from the top, 85 × 45 mm)', async () => {
    const { b, invoiceIds } = await fundedRequest()
    const boxes = wordBoxes(decode((await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[0] })).base64))
    const inWindow = (w: { left: number; top: number; right: number; bottom: number }) => w.left >= 20 && w.right <= 105 && w.top >= 45 && w.bottom <= 90
    // Every line of the address: name, street, town, country. The name also appears in the body, so take its first box.
    for (const word of ['Bäckström', 'Hauptstraße', '10115', 'Berlin', 'GERMANY']) {
      const box = boxes.find((w) => w.word === word)
      expect(box, word).toBeDefined()
      expect(inWindow(box!), `${word} at ${box!.left.toFixed(1)}/${box!.top.toFixed(1)} mm`).toBe(true)
    }
    // Nothing else may show through the window except the return line and the notes zone.
    const intruders = boxes.filter((w) => inWindow(w) && w.top > 62 && !['Bäckström', 'Éclairage', 'GmbH', 'Hauptstraße', '5', '10115', 'Berlin', 'GERMANY'].includes(w.word))
    expect(intruders.map((w) => w.word)).toEqual([])
  })

  withText('prints the invoice copy with the assignment notation once the debtor has been notified', async () => {
    const { b, invoiceIds } = await fundedRequest()
    const doc = await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[1] })
    expect(doc.fileName).toMatch(/invoice-copy\.pdf$/)
    const text = pdfText(decode(doc.base64))
    expect(text).toContain('Invoice copy F-2026/4121')
    expect(text).not.toContain('Acknowledgement')
    expect(text).toContain('This invoice has been assigned to Nordfaktor Finans AB.')
    // Swedish debtor, Swedish formats; no country line for a domestic letter.
    expect(text).toContain('13 345,50 €')
    expect(text).toContain('2026-12-02')
    expect(text).not.toContain('SWEDEN')
    expect(text).toContain(`IBAN ${IBAN_PRINTED}`)
  })

  withText('forces a variant on request and prints logos without losing the names', async () => {
    const { b, invoiceIds, clientId } = await fundedRequest()
    await b.call2('settings.setFactor', { ...FACTOR, logo: logoPng([11, 79, 108]) })
    await b.call2('documents.setClientLogo', { clientId, logo: logoPng([170, 60, 20]) })
    const doc = await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[1], variant: 'notice' })
    const pdf = decode(doc.base64)
    expect((pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length).toBe(2)
    const text = pdfText(pdf)
    expect(text).toContain('Notice of assignment')
    expect(text).toContain('Nordfaktor Finans AB')
    expect(text).toContain('Åkerlund & Söner Trävaror AB')
  })

  it('refuses a client logo that is not an image, and still prints when a stored logo cannot be read', async () => {
    const { b, invoiceIds, clientId } = await fundedRequest()
    const bad = 'data:image/png;base64,AAAAAAAAAAAAAAAA'
    const r = await b.call('documents.setClientLogo', { clientId, logo: bad }, { userId: null, transport: 'test' })
    expect(r.ok || r.error.message).toBe('logo: the data is not a PNG or JPEG image')
    // The factor's logo is stored by Settings, which only checks the data URL's form: a bad one is left out, the name stays.
    await b.call2('settings.setFactor', { ...FACTOR, logo: bad })
    const pdf = decode((await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[0] })).base64)
    expect(pageCount(pdf)).toBe(1)
    if (HAS_PDFTOTEXT) expect(wordBoxes(pdf).filter((w) => w.word === 'Nordfaktor' && w.top < 40 && w.left > 105)).toHaveLength(1) // top right, in the letterhead
  })

  it('refuses to print without the factor’s details, and names what is missing', async () => {
    const { b, invoiceIds } = await fundedRequest({ factor: false })
    const r = await b.call('documents.render', { kind: 'invoice', invoiceId: invoiceIds[0] }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('FACTOR_MISSING')
      expect(r.error.message).toMatch(/IBAN/)
    }
    await b.call2('settings.setFactor', FACTOR)
    const missing = await b.call('documents.render', { kind: 'invoice', invoiceId: 9999 }, { userId: null, transport: 'test' })
    expect(missing.ok || missing.error.message).toBe('invoice 9999 does not exist')
  })
})

describe('verification letter and funding statement', () => {
  withText('asks the debtor to confirm the listed invoices', async () => {
    const { b, requestId, newDebtorId } = await fundedRequest({ invoices: 5 })
    const doc = await b.call2('documents.render', { kind: 'verification', requestId, debtorId: newDebtorId })
    const pdf = decode(doc.base64)
    expect(pageCount(pdf)).toBe(1)
    const text = pdfText(pdf)
    // Invoices 0, 2 and 4 belong to the German debtor; 1 and 3 do not.
    for (const n of ['F-2026/4120', 'F-2026/4122', 'F-2026/4124']) expect(text).toContain(n)
    expect(text).not.toContain('F-2026/4121')
    expect(text).toContain('3 invoices')
    expect(text).toContain('43.036,50 €') // 12 345,50 + 14 345,50 + 16 345,50
    expect(text).toContain('Reply slip')
    expect(text).toContain('07.12.2026') // reply within two weeks of 2026-11-23
  })

  it('refuses a verification letter across two debtors', async () => {
    const { b, invoiceIds } = await fundedRequest()
    const r = await b.call('documents.render', { kind: 'verification', invoiceIds: invoiceIds.slice(0, 2) }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/one client to one debtor/)
  })

  it('takes the statement totals from the recorded funding, and per-invoice fees from the journal', async () => {
    const { b, requestId } = await fundedRequest({ invoices: 4, chargebacks: 50_000 })
    const f = b.services.documents.statementFigures(requestId)
    expect(f.source).toBe('journal')
    const faces = [1_234_550, 1_334_550, 1_434_550, 1_534_550]
    expect(f.totals.face).toBe(faces.reduce((a, x) => a + x, 0))
    expect(f.totals.advance + f.totals.reserve).toBe(f.totals.face)
    const fees = faces.map((x) => Math.round(x * 0.005))
    expect(f.lines.map((l) => l.fees).sort((a, c) => a - c)).toEqual(fees) // lines run by debtor, then number
    expect(f.totals.fees).toBe(fees.reduce((a, x) => a + x, 0))
    expect(f.totals.otherDeductions).toBe(50_000)
    expect(f.totals.netPayout).toBe(f.totals.advance - f.totals.fees - 50_000)
  })

  it('falls back to the agreement when nothing is posted yet, and says so', async () => {
    const { b, requestId } = await fundedRequest({ invoices: 2, postJournal: false })
    const f = b.services.documents.statementFigures(requestId)
    expect(f.source).toBe('agreement')
    expect(f.totals.fees).toBe(Math.round(1_234_550 * 0.005) + Math.round(1_334_550 * 0.005))
    if (HAS_PDFTOTEXT) {
      const text = pdfText(decode((await b.call2('documents.render', { kind: 'funding-statement', requestId })).base64))
      expect(text).toContain('no funding has been posted')
    }
  })

  withText('prints the funding statement for the client with totals', async () => {
    const { b, requestId } = await fundedRequest({ invoices: 3 })
    const pdf = decode((await b.call2('documents.render', { kind: 'funding-statement', requestId })).base64)
    expect(pageCount(pdf)).toBe(1)
    const text = pdfText(pdf)
    expect(text).toContain(`Funding statement, request ${requestId}`)
    expect(text).toContain('3 invoices')
    // Face 40 036,50; advance 85 % = 34 031,04 (rounded per invoice); fees 0.5 %: 200,19; payout 33 830,85. Swedish client: sv-SE.
    expect(text).toContain('40 036,50 €')
    expect(text).toContain('Net payout 33 830,85 €')
    expect(text).not.toContain('Chargebacks netted')
    expect(text).toContain('SE35 5000 0000 0549 1000 0003')
  })
})

describe('batch export', () => {
  it('writes one PDF per funded invoice plus the statement, reporting progress', async () => {
    const { b, requestId } = await fundedRequest({ invoices: 6 })
    const dir = mkdtempSync(join(tmpdir(), 'fd-docs-'))
    dirs.push(dir)
    const progress: Events['job.progress'][] = []
    const off = b.on('job.progress', (p) => progress.push(p))
    const r = await b.call2('documents.exportRequest', { requestId, outDir: join(dir, 'out') })
    off()
    expect(r.files.map((f) => f.kind)).toEqual([...Array(3).fill('notice-of-assignment'), ...Array(3).fill('invoice-copy'), 'funding-statement'])
    for (const f of r.files) {
      const bytes = readFileSync(join(r.outDir, f.fileName))
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(bytes.length).toBe(f.bytes)
    }
    expect(new Set(r.files.map((f) => f.fileName)).size).toBe(7)
    expect(progress.at(-1)).toMatchObject({ done: 7, total: 7 })
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const auditRows = await b.call2('audit.list', { entity: 'financing_request', entityId: String(requestId) })
    expect(auditRows[0].action).toBe('documents.export')
  })

  it('renders a large request in the render workers, with the same content as in-process', async () => {
    const { b, requestId, invoiceIds } = await fundedRequest({ invoices: 14 })
    const dir = mkdtempSync(join(tmpdir(), 'fd-docs-'))
    dirs.push(dir)
    const r = await b.call2('documents.exportRequest', { requestId, outDir: dir })
    expect(r.files).toHaveLength(15)
    const first = readFileSync(join(dir, r.files[0].fileName))
    expect(pageCount(first)).toBe(1)
    if (HAS_PDFTOTEXT) {
      const viaWorker = pdfText(first)
      const inProcess = pdfText(decode((await b.call2('documents.render', { kind: 'invoice', invoiceId: invoiceIds[0] })).base64))
      expect(viaWorker).toBe(inProcess)
      expect(viaWorker).toContain('This invoice has been assigned to Nordfaktor Finans AB.')
    }
  }, 120_000) // starting two workers through tsx takes seconds on a busy machine

  it('refuses a request with nothing funded and writes nothing', async () => {
    const { b, requestId } = await fundedRequest({ invoices: 1 })
    b.ledger.sqlite.prepare(`update invoice set status = 'approved' where request_id = ?`).run(requestId)
    const dir = join(mkdtempSync(join(tmpdir(), 'fd-docs-')), 'never')
    dirs.push(dir)
    const r = await b.call('documents.exportRequest', { requestId, outDir: dir }, { userId: null, transport: 'test' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('NOTHING_FUNDED')
    expect(existsSync(dir)).toBe(false)
  })
})
