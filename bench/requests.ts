/**
 * Financing request intake at scale: a 10,000-invoice FactorDesk CSV previewed (read + every check) and
 * imported (read + checks + store, one transaction) against the demo ledger of 1,000,000 invoices
 * (or --invoices N). Baseline in the same run: csv-parse reading the same file and nothing else.
 */
import { parse } from 'csv-parse/sync'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend, callOrThrow } from '../src/main/backend'
import { openLedger } from '../src/main/db/open'
import { seedDemo } from '../src/main/demo/seed'
import { fixedClock, addDays } from '../src/shared/dates'
import type { FundingFigures, ImportResult, RequestPreview } from '../src/shared/contract'
import { finishDemoRequests } from '../src/main/services/request-demo'
import type { BenchRow } from './types'

const TODAY = '2026-11-23'
const BATCH = 10_000

function batchCsv(debtors: { name: string; regNo: string | null; country: string }[]): string {
  const lines = ['invoice_number,debtor_name,debtor_reg_no,debtor_country,issue_date,due_date,currency,amount']
  for (let i = 0; i < BATCH; i++) {
    // Mostly known debtors by registration number, some by name only, and every 100th a new company.
    const d = debtors[(i * 7919) % debtors.length]
    const isNew = i % 100 === 0
    const name = isNew ? `Bench Newco ${i} GmbH` : d.name
    const reg = isNew ? `NEW${i}` : i % 10 === 0 ? '' : (d.regNo ?? '')
    const issue = addDays(TODAY, -(i % 50))
    lines.push(`BENCH-${String(i).padStart(6, '0')},"${name}",${reg},${isNew ? 'DE' : d.country},${issue},${addDays(issue, 30)},EUR,${100 + (i % 9000)}.${String(i % 100).padStart(2, '0')}`)
  }
  return lines.join('\n') + '\n'
}

export async function benchRequests(opts: { invoices?: number } = {}): Promise<BenchRow[]> {
  const n = opts.invoices ?? 1_000_000
  const dir = mkdtempSync(join(tmpdir(), 'fd-bench-req-'))
  const ledger = openLedger(join(dir, 'ledger.db'))
  try {
    let t0 = performance.now()
    seedDemo(ledger, { seed: 1, invoices: n, today: TODAY })
    const seedMs = performance.now() - t0
    t0 = performance.now()
    const demo = finishDemoRequests(ledger, TODAY)
    const finishMs = performance.now() - t0
    const b = createBackend(ledger, { clock: fixedClock(TODAY), log: () => {} })
    const client = ledger.sqlite.prepare("select id, json_extract(agreement, '$.currency') as currency from client order by id limit 1").get() as { id: number; currency: string }
    const debtors = ledger.sqlite.prepare('select name, reg_no as regNo, country from debtor order by id limit 3000').all() as { name: string; regNo: string | null; country: string }[]
    const text = batchCsv(debtors).replace(/,EUR,/g, `,${client.currency},`)
    const files = [{ name: 'bench.csv', data: Buffer.from(text).toString('base64') }]

    t0 = performance.now()
    parse(text, { columns: false, skip_empty_lines: true })
    const parseMs = performance.now() - t0

    t0 = performance.now()
    const p = (await callOrThrow(b, 'requests.preview', { clientId: client.id, files })) as RequestPreview
    const previewMs = performance.now() - t0
    if (p.errors.length) throw new Error(`bench file has errors: ${p.errors[0].message}`)

    t0 = performance.now()
    const r = (await callOrThrow(b, 'requests.import', { clientId: client.id, files, token: p.token })) as ImportResult
    const importMs = performance.now() - t0
    if (r.stored !== BATCH) throw new Error(`stored ${r.stored} of ${BATCH}`)
    const label = `${BATCH.toLocaleString('en-US')} invoices vs ${n.toLocaleString('en-US')}-invoice ledger`

    // Funding runs every approved invoice's checks again inside its transaction; baseline: the same funding's
    // journal and status writes are most of it, so the figure is compared with the import of the same batch.
    const approver = 2
    const overrides = ['NO_NOTICE', 'NEW_DEBTOR', 'VERIFICATION', 'CONCENTRATION'].map((code) => ({ code, reason: 'bench: accepted' }))
    const decided = (await callOrThrow(b, 'requests.decide', { requestId: r.requestId!, decision: 'approve', overrides }, approver)) as { approved: number }
    await callOrThrow(b, 'requests.decide', { requestId: r.requestId!, decision: 'reject', reason: 'bench: warnings not overridden' }, approver)
    t0 = performance.now()
    const funded = (await callOrThrow(b, 'requests.fund', { requestId: r.requestId!, date: TODAY }, approver)) as FundingFigures
    const fundMs = performance.now() - t0
    return [
      { name: `preview (read + all checks), ${label}`, value: previewMs / 1000, unit: 's', baseline: parseMs / 1000, baselineName: 'csv-parse alone, s', target: '< 3', pass: previewMs < 3000 },
      { name: `import (read + checks + store), ${label}`, value: importMs / 1000, unit: 's', baseline: parseMs / 1000, baselineName: 'csv-parse alone, s', target: '< 3', pass: importMs < 3000 },
      { name: 'eligible in the bench batch', value: r.totals.eligible, unit: 'invoices' },
      { name: `fund with checks run again, ${decided.approved.toLocaleString('en-US')} approved invoices (${funded.recheck?.notFunded.length ?? 0} found ineligible)`, value: fundMs / 1000, unit: 's', baseline: importMs / 1000, baselineName: 'import of the batch, s' },
      { name: `demo requests checked (${demo.checkedRequests}) + client file imported, after seeding ${n.toLocaleString('en-US')}`, value: finishMs / 1000, unit: 's', baseline: seedMs / 1000, baselineName: 'seeding itself, s' }
    ]
  } finally {
    ledger.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
