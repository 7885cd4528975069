/**
 * Bank parser benchmark: a generated ~80 MB camt.053 (100k entries) and a 100k-transaction MT940 file,
 * parsed by our code and by the npm baselines (fast-xml-parser DOM, mt940js). Peak RSS of the camt
 * stream and the statement import's read phase are measured in fresh child processes, so earlier
 * allocations and the JIT warm-up of this process do not count.
 * Data is deterministic (fixed seed), so runs are comparable across machines.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, createReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { XMLParser } from 'fast-xml-parser'
import { parseStatement, parseCamtStream } from '../src/core/bank'
import type { BenchRow } from './types'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const money = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`

export function generateCamt053(entries: number, seed = 20260301): string {
  const r = rng(seed)
  const parts: string[] = []
  let balance = 10_000_000
  const body: string[] = []
  for (let i = 0; i < entries; i++) {
    const credit = r() < 0.7
    const cents = 100 + Math.floor(r() * 2_000_000)
    balance += credit ? cents : -cents
    const day = pad(1 + (i % 28), 2)
    const ref = `RF${pad(i, 10)}`
    body.push(
      `<Ntry><Amt Ccy="EUR">${money(cents)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
        `<BookgDt><Dt>2026-03-${day}</Dt></BookgDt><ValDt><Dt>2026-03-${day}</Dt></ValDt><AcctSvcrRef>BNK${pad(i, 12)}</AcctSvcrRef>` +
        `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
        `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${pad(i, 10)}</EndToEndId></Refs><Amt Ccy="EUR">${money(cents)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>` +
        `<RltdPties><Dbtr><Pty><Nm>Debtor Company ${i % 997} AB</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>SE45500000000583982${pad(i % 100000, 5)}</IBAN></Id></DbtrAcct>` +
        `<Cdtr><Pty><Nm>FactorDesk Client AB</Nm></Pty></Cdtr></RltdPties>` +
        `<RmtInf><Ustrd>Invoice ${pad(i, 8)} payment, thank you</Ustrd><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${ref}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n`
    )
  }
  parts.push(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>',
    '<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-03-31T18:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id>',
    '<Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id><Ccy>EUR</Ccy></Acct>',
    `<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(10_000_000)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>`,
    `<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(Math.abs(balance))}</Amt><CdtDbtInd>${balance < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt></Bal>\n`,
    ...body,
    '</Stmt></BkToCstmrStmt></Document>\n'
  )
  return parts.join('')
}

export function generateMt940(transactions: number, seed = 20260302): string {
  const r = rng(seed)
  const out: string[] = []
  const perStatement = 1000
  let balance = 500_000
  for (let s = 0; s * perStatement < transactions; s++) {
    const day = pad(1 + (s % 28), 2)
    const open = balance
    const lines: string[] = []
    for (let i = 0; i < perStatement && s * perStatement + i < transactions; i++) {
      const n = s * perStatement + i
      const credit = r() < 0.6
      const cents = 1 + Math.floor(r() * 500_000)
      balance += credit ? cents : -cents
      const amt = `${Math.floor(cents / 100)},${pad(cents % 100, 2)}`
      lines.push(
        `:61:2603${day}03${day}${credit ? 'C' : 'D'}${amt}NTRFNONREF//B${pad(n, 12)}\r\n` +
          `:86:166?00GUTSCHRIFT?100399?20EREF+E2E${pad(n, 10)}?21SVWZ+Rechnung ${pad(n, 8)}?22 vielen Dank?30DEUTDEFFXXX?31DE4450010517540${pad(n % 10000000, 7)}?32Kunde ${n % 997} GmbH\r\n`
      )
    }
    const bal = (v: number) => `${v < 0 ? 'D' : 'C'}2603${day}EUR${Math.floor(Math.abs(v) / 100)},${pad(Math.abs(v) % 100, 2)}`
    out.push(`:20:BENCH${pad(s, 6)}\r\n:25:DE89370400440532013000\r\n:28C:${pad(s + 1, 5)}/001\r\n:60F:${bal(open)}\r\n`, ...lines, `:62F:${bal(balance)}\r\n-\r\n`)
  }
  return out.join('')
}

function best(runs: number, fn: () => void): number {
  let min = Infinity
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    min = Math.min(min, performance.now() - t)
  }
  return min / 1000
}

function childPeakRssMb(file: string): number {
  const script = path.join(path.dirname(file), 'stream-rss.mts')
  writeFileSync(
    script,
    `import { createReadStream } from 'node:fs'
import { parseCamtStream } from ${JSON.stringify(path.join(repoRoot, 'src/core/bank/camt.ts'))}
let n = 0
const r = await parseCamtStream(createReadStream(${JSON.stringify(file)}, { highWaterMark: 1 << 20 }), () => { n++ })
if (r.errors.length) throw new Error(r.errors[0].message)
console.log(JSON.stringify({ n, maxRssKb: process.resourceUsage().maxRSS }))
`
  )
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()!).maxRssKb / 1024
}

/**
 * The read phase of a statement import (statement-read.ts: parse, flatten, fingerprints, file hash) as the
 * import service meets it: in a fresh process after one small file, so the code is barely warmed up.
 * Median of three processes.
 */
function childReadMs(dir: string, lines: number): number {
  const script = path.join(dir, 'read-phase.mts')
  writeFileSync(
    script,
    `import { readFile } from ${JSON.stringify(path.join(repoRoot, 'src/main/services/statement-read.ts'))}
import { statement } from ${JSON.stringify(path.join(repoRoot, 'bench/payments-data.ts'))}
const warm = new TextEncoder().encode(statement(100_000, 200, 1_000_000, 'WARM'))
const file = new TextEncoder().encode(statement(100_200, ${lines}, 1_000_000, 'DAY'))
readFile({ fileName: 'warm.xml', bytes: warm }, '2026-11-23')
const t = performance.now()
const r = readFile({ fileName: 'day.xml', bytes: file }, '2026-11-23')
const ms = performance.now() - t
if (r.lines.length !== ${lines}) throw new Error('read ' + r.lines.length + ' lines')
console.log(JSON.stringify({ ms, mb: file.byteLength / 1e6 }))
`
  )
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').pop()!).ms as number)
  return runs.sort((a, b) => a - b)[1]
}

export async function benchBankParsers(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fd-bank-bench-'))
  try {
    const rows: BenchRow[] = []
    // camt.053: bytes -> normalised statements, against fast-xml-parser building a DOM of the same bytes.
    const camtFile = path.join(dir, 'bench.camt053.xml')
    writeFileSync(camtFile, generateCamt053(100_000))
    const camt = new Uint8Array(readFileSync(camtFile))
    const mb = camt.byteLength / 1e6
    let entries = 0
    const ours = best(3, () => {
      const r = parseStatement(camt, { fileName: 'bench.xml' })
      if (r.errors.length) throw new Error(r.errors[0].message)
      entries = r.statements[0].entries.length
    })
    const fxp = best(2, () => {
      new XMLParser({ ignoreAttributes: false }).parse(new TextDecoder().decode(camt))
    })
    rows.push({ name: `camt.053 parse (${mb.toFixed(0)} MB, ${entries} entries)`, value: +(mb / ours).toFixed(1), unit: 'MB/s', baseline: +(mb / fxp).toFixed(1), baselineName: 'fast-xml-parser', target: '>= 40 MB/s', pass: mb / ours >= 40 })

    // Best of three, like the parse figure (a single run measured mostly the garbage the runs before left).
    let streamed = 0
    let streamS = Infinity
    for (let i = 0; i < 3; i++) {
      streamed = 0
      const t = performance.now()
      await parseCamtStream(createReadStream(camtFile, { highWaterMark: 1 << 20 }), () => streamed++)
      streamS = Math.min(streamS, (performance.now() - t) / 1000)
    }
    rows.push({ name: `camt.053 stream from disk (${streamed} entries)`, value: +(mb / streamS).toFixed(1), unit: 'MB/s', target: '>= 40 MB/s', pass: mb / streamS >= 40 })
    const rss = childPeakRssMb(camtFile)
    rows.push({ name: `camt.053 stream peak RSS (${mb.toFixed(0)} MB file)`, value: Math.round(rss), unit: 'MB', target: '<= 400 MB', pass: rss <= 400 })

    // Statement import read phase (bench/payments-data.ts statement(): 100k lines are 36 MB); targets from issue 4.
    for (const [lines, target] of [[100_000, 1200], [5_000, 60]]) {
      const ms = childReadMs(dir, lines)
      rows.push({ name: `statement read phase, first file after start (${lines} lines)`, value: Math.round(ms), unit: 'ms', target: `<= ${target} ms`, pass: ms <= target })
    }

    // MT940: 100k transactions with German ?NN details, against mt940js on the same text.
    const mtText = generateMt940(100_000)
    const mtBytes = new TextEncoder().encode(mtText)
    let tx = 0
    const oursMt = best(3, () => {
      const r = parseStatement(mtBytes, { fileName: 'bench.sta', format: 'mt940' })
      if (r.errors.length) throw new Error(r.errors[0].message)
      tx = r.statements.reduce((s, st) => s + st.entries.length, 0)
    })
    const require = createRequire(import.meta.url)
    const mt940js = require('mt940js') as { Parser: new () => { parse(text: string): unknown[] } }
    const theirs = best(2, () => {
      new mt940js.Parser().parse(mtText)
    })
    const ratio = theirs / oursMt
    rows.push({ name: `MT940 parse (${tx} tx, ${(mtBytes.byteLength / 1e6).toFixed(0)} MB)`, value: Math.round(tx / oursMt), unit: 'tx/s', baseline: Math.round(tx / theirs), baselineName: 'mt940js', target: '>= 2x mt940js', pass: ratio >= 2 })
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
