/**
 * Conformance sweep over ../shared/fixtures: every bank file with gold expectations from its source project
 * is parsed and compared. Known deviations are listed with the reason and asserted to still be the only
 * difference, so a fix or a regression both show up.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseStatement, type Entry, type ParsedFile } from '../../src/core/bank'
import { corpus, hasCorpus, json, list, minor, read, record, report } from './corpus'

const DEVIATIONS: Record<string, { reason: string; expect: RegExp }> = {
  'mt940/wolph-mt940/betterplace/sepa_mt9401.sta': {
    reason: 'reversal marks: we follow SWIFT (RC = reversal of a credit = debit, as mt940js); python mt-940 books RC as a credit',
    expect: /^#(5|18) amount -20488 vs 20488$/
  },
  'mt940/wolph-mt940/betterplace/amount_formats.sta': {
    reason: 'a snippet of six :60F: lines without :20:; we keep the first opening of a statement, python mt-940 the last',
    expect: /^opening 1\.12@2010-03-18 not found/
  },
  'mt940/wolph-mt940/betterplace/sepa_snippet_broken.sta': {
    reason: 'the gold account is the garbage left by the broken :25: line (":25:" then a wrapped :86:), ours is the real account',
    expect: /^account /
  },
  'mt940/wolph-mt940/self-provided/raphaelm.sta': {
    reason: ':62M:/:62F: lack a currency; we read them in the statement currency (DEM 105000.00/145000.00), the gold reads digits as currency "105"/"145"',
    expect: /^closing /
  }
}

function check(source: string, file: string, run: () => string[]): void {
  it(file, () => {
    let problems: string[]
    try {
      problems = run()
    } catch (e) {
      problems = [`threw: ${(e as Error).message}`]
    }
    const dev = DEVIATIONS[file]
    if (dev) {
      record(source, 'deviation')
      expect(problems.length, dev.reason).toBeGreaterThan(0)
      for (const p of problems) expect(p, dev.reason).toMatch(dev.expect)
      return
    }
    record(source, problems.length ? 'fail' : 'pass')
    expect(problems.join('\n')).toBe('')
  })
}

const parse = (rel: string): ParsedFile => parseStatement(read(rel), { fileName: path.basename(rel) })
const entries = (r: ParsedFile): Entry[] => r.statements.flatMap((s) => s.entries)
const W = (x: unknown) => String(x ?? '').replace(/\s+/g, '')
const dateOf = (d: any) => (d ? String(d['0']).slice(0, 10) : null)

describe.skipIf(!hasCorpus)('camt: genkgo/camt (MIT)', () => {
  const files = list('camt/genkgo-camt/test/data', /\.json$/)
  for (const j of files) {
    check('camt genkgo', j, () => {
      const gold = json(j)
      const r = parse(j.replace(/\.json$/, '.xml'))
      const p: string[] = [...r.errors.map((e) => `error ${e.message}`)]
      const got = entries(r)
      const want = (gold.getEntries ?? []) as any[]
      if (j.includes('multi.statement')) {
        // The gold dump lists one entry (recursion guard); MANIFEST.md documents both statements.
        const sum = r.statements.map((s) => `${s.id}:${s.opening?.amount}->${s.closing?.amount}:${s.entries.map((e) => e.amount)}`)
        if (sum.join(' ') !== '253EURNL26VAYB8060476890:1815->2700:885 254EURNL26VAYB8060476890:2700->2000:-700') p.push(`statements ${sum}`)
        return p
      }
      if (got.length !== want.length) p.push(`entries ${got.length} vs ${want.length}`)
      want.forEach((w, i) => {
        const e = got[i]
        if (!e) return
        if (e.amount !== Number(w.getAmount.getAmount)) p.push(`#${i} amount ${e.amount} vs ${w.getAmount.getAmount}`)
        if (e.currency !== w.getAmount.getCurrency.getCode) p.push(`#${i} currency ${e.currency}`)
        if (e.bookingDate !== dateOf(w.getBookingDate)) p.push(`#${i} booking ${e.bookingDate} vs ${dateOf(w.getBookingDate)}`)
        if (e.valueDate !== dateOf(w.getValueDate)) p.push(`#${i} value ${e.valueDate} vs ${dateOf(w.getValueDate)}`)
        if ((e.bankRef ?? null) !== (w.getAccountServicerReference ?? null)) p.push(`#${i} bankRef ${e.bankRef} vs ${w.getAccountServicerReference}`)
        const rec = w.getRecord
        const st = r.statements[0]
        if (st.id !== rec.getId) p.push(`id ${st.id} vs ${rec.getId}`)
        if (st.account !== (rec.getAccount?.getIdentification ?? '')) p.push(`account ${st.account} vs ${rec.getAccount?.getIdentification}`)
        for (const kind of ['opening', 'closing'] as const) {
          const b = (rec.getBalances ?? []).find((x: any) => x.getType === kind)
          const mine = st[kind]
          if (!b && mine) p.push(`${kind} unexpected`)
          if (b && (mine?.amount !== Number(b.getAmount.getAmount) || mine?.date !== dateOf(b.getDate))) p.push(`${kind} ${JSON.stringify(mine)} vs ${b.getAmount.getAmount}@${dateOf(b.getDate)}`)
        }
        const ref = w.getTransactionDetail?.getRemittanceInformation?.getStructuredBlock?.getCreditorReferenceInformation?.getRef
        if (ref && e.reference !== ref) p.push(`#${i} reference ${e.reference} vs ${ref}`)
      })
      return p
    })
  }
  check('camt genkgo', 'camt/genkgo-camt/test/data/camt053.v2.wrong.xml', () => {
    const r = parse('camt/genkgo-camt/test/data/camt053.v2.wrong.xml')
    return r.statements.length === 0 && r.errors.length > 0 ? [] : ['expected rejection (InvalidMessageException in genkgo)']
  })
})

describe.skipIf(!hasCorpus)('camt: actualbudget/actual (MIT)', () => {
  check('camt actualbudget', 'camt/actualbudget-actual/camt.053.xml', () => {
    const md = readFileSync(path.join(corpus, 'camt/actualbudget-actual/EXPECTED_from_snapshot.md'), 'utf8')
    const rows = [...md.matchAll(/^\| (\d) \| (-?\d+) \| (\d{8}) \| ([^|]+) \|/gm)].map((m) => ({ amount: +m[2], date: `${m[3].slice(0, 4)}-${m[3].slice(4, 6)}-${m[3].slice(6)}` }))
    const e = entries(parse('camt/actualbudget-actual/camt.053.xml'))
    const p: string[] = []
    if (rows.length !== 7 || e.length !== 7) p.push(`count ${e.length} vs ${rows.length}`)
    rows.forEach((w, i) => {
      if (e[i]?.amount !== w.amount || e[i]?.valueDate !== w.date) p.push(`#${i} ${e[i]?.amount}@${e[i]?.valueDate} vs ${w.amount}@${w.date}`)
    })
    return p
  })
})

describe.skipIf(!hasCorpus)('mt940: WoLpH/mt940 (BSD-3 / MIT / Apache-2.0)', () => {
  const gold = hasCorpus ? readFileSync(path.join(corpus, 'mt940/wolph-mt940/GOLD_SUMMARY.tsv'), 'utf8').trim().split('\n').slice(1) : []
  for (const row of gold) {
    const [file, n] = row.split('\t')
    const rel = `mt940/wolph-mt940/${file}`
    check('mt940 wolph', rel, () => {
      const r = parse(rel)
      const g = json(rel.replace(/\.sta$/, '.expected.json'))
      const got = entries(r)
      const p: string[] = []
      if (got.length !== +n) p.push(`count ${got.length} vs ${n}`)
      ;(g.transactions ?? []).forEach((t: any, i: number) => {
        const e = got[i]
        if (!e) return
        const amt = minor(t.amount.amount)
        if (e.amount !== amt) p.push(`#${i} amount ${e.amount} vs ${amt}`)
        if (t.date && e.valueDate !== t.date) p.push(`#${i} value ${e.valueDate} vs ${t.date}`)
        if (t.guessed_entry_date && e.bookingDate !== t.guessed_entry_date) p.push(`#${i} entry ${e.bookingDate} vs ${t.guessed_entry_date}`)
        if (t.applicant_name && W(e.counterpartyName) !== W(t.applicant_name)) p.push(`#${i} name ${e.counterpartyName} vs ${t.applicant_name}`)
        if (t.applicant_iban && e.counterpartyAccount !== t.applicant_iban) p.push(`#${i} iban ${e.counterpartyAccount} vs ${t.applicant_iban}`)
        if (t.end_to_end_reference && W(e.endToEndId) !== W(t.end_to_end_reference)) p.push(`#${i} eref ${e.endToEndId} vs ${t.end_to_end_reference}`)
        if (t.purpose && !W(e.remittance).startsWith(W(t.purpose))) p.push(`#${i} purpose ${e.remittance} vs ${t.purpose}`)
      })
      // Balances: the gold keeps the last 60F/62F (and 60M/62M) seen in the file; each must be one of ours.
      const st = g.statement ?? {}
      const first = r.statements[0]
      for (const [kind, b] of [['opening', st.final_opening_balance], ['opening', st.intermediate_opening_balance], ['closing', st.final_closing_balance], ['closing', st.intermediate_closing_balance]] as const) {
        if (!b) continue
        const hit = r.statements.some((x) => x[kind]?.amount === minor(b.amount) && x[kind]?.date === b.date)
        const mt = r.statements.some((x) => x[kind] === null) && kind === 'opening'
        if (!hit && !mt) p.push(`${kind} ${b.amount}@${b.date} not found in ${JSON.stringify(r.statements.map((x) => x[kind]))}`)
      }
      if (st.account_identification && !r.statements.some((x) => x.account === st.account_identification)) p.push(`account ${first?.account} vs ${st.account_identification}`)
      return p
    })
  }
})

describe.skipIf(!hasCorpus)('mt940: webschik/mt940-js (MIT)', () => {
  for (const j of list('mt940/webschik-mt940-js/__tests__/cases', /\.json$/)) {
    const src = list('mt940/webschik-mt940-js/__tests__/cases', /\.(STA|mta)$/).find((f) => f.replace(/\.\w+$/, '') === j.replace(/\.json$/, ''))!
    check('mt940 webschik', src, () => {
      const gold = json(j) as any[]
      const r = parse(src)
      const p: string[] = r.errors.map((e) => `error ${e.message}`)
      if (r.statements.length !== gold.length) p.push(`statements ${r.statements.length} vs ${gold.length}`)
      gold.forEach((g, s) => {
        const st = r.statements[s]
        if (!st) return
        for (const [k, b] of [['opening', g.openingBalance], ['closing', g.closingBalance]] as const) {
          const want = (b.isCredit ? 1 : -1) * minor(b.value)
          if (st[k]?.amount !== want || st[k]?.date !== b.date) p.push(`${s} ${k} ${JSON.stringify(st[k])} vs ${want}@${b.date}`)
        }
        if (st.entries.length !== g.transactions.length) p.push(`${s} entries ${st.entries.length} vs ${g.transactions.length}`)
        g.transactions.forEach((t: any, i: number) => {
          const e = st.entries[i]
          const want = (t.isCredit ? 1 : -1) * minor(t.amount)
          // mt940-js writes "" when :61: has no entry date; we then book on the value date.
          const entry = t.entryDate || t.valueDate
          if (e && (e.amount !== want || e.valueDate !== t.valueDate || e.bookingDate !== entry)) p.push(`${s}#${i} ${e.amount}@${e.valueDate}/${e.bookingDate} vs ${want}@${t.valueDate}/${t.entryDate}`)
        })
      })
      return p
    })
  }
})

describe.skipIf(!hasCorpus)('mt940: a-fas/mt940js samples (Apache-2.0, no gold: must parse cleanly into 2 statements)', () => {
  for (const f of list('mt940/a-fas-mt940js/test', /\.mt940x?$/)) {
    check('mt940 a-fas (no gold)', f, () => {
      const r = parse(f)
      const p = r.errors.map((e) => `error ${e.message}`)
      if (r.statements.length !== 2) p.push(`statements ${r.statements.length} vs 2`)
      return p
    })
  }
})

describe.skipIf(!hasCorpus)('bai2: moov-io/bai2 (Apache-2.0)', () => {
  for (const f of list('bai2/moov-io-bai2/test/testdata', /^sample\d.*\.txt$/)) {
    check('bai2 moov', f, () => {
      const r = parse(f)
      const p = r.errors.map((e) => `error ${e.message}`)
      if (r.statements.length === 0) p.push('no statements')
      if (f.endsWith('sample1.txt')) {
        // Gold: 2 CAD accounts, 17 details; 49 = 834000 / 446000, 98 = 99 = 1280000 (checked as trailer warnings).
        if (entries(r).length !== 17) p.push(`details ${entries(r).length} vs 17`)
        if (r.warnings.length) p.push(...r.warnings.map((w) => `warning ${w.message}`))
      }
      return p
    })
  }
  check('bai2 moov', 'bai2/moov-io-bai2/test/testdata/errors/sample-parseError.txt', () => {
    const r = parse('bai2/moov-io-bai2/test/testdata/errors/sample-parseError.txt')
    return r.errors.length && !r.statements.length ? [] : ['expected a parse error']
  })
})

describe.skipIf(!hasCorpus)('ofx: jseutter/ofxparse (MIT)', () => {
  const dir = 'ofx/jseutter-ofxparse/tests/fixtures/'
  const cases: [string, (r: ParsedFile) => string[]][] = [
    ['bank_medium.ofx', (r) => (r.statements[0]?.closing?.amount === 38234 && entries(r).length === 3 && entries(r)[0].amount === -660 ? [] : ['balance 382.34, 3 tx, first -6.60'])],
    ['multiple_accounts2.ofx', (r) => (r.statements.length === 2 ? [] : [`accounts ${r.statements.length} vs 2`])],
    ['suncorp.ofx', (r) => (entries(r).map((e) => e.amount).join() === '-1685' ? [] : ['1 tx -16.85'])],
    ['fail_nice/date_missing.ofx', (r) => (entries(r).length === 0 && r.errors.length === 3 ? [] : [`0 tx and 3 discarded, got ${entries(r).length}/${r.errors.length}`])],
    ['fail_nice/decimal_error.ofx', (r) => (entries(r).length === 0 && r.errors.length === 1 ? [] : ['0 tx, 1 discarded'])],
    ['fail_nice/empty_balance.ofx', (r) => (entries(r).length === 1 && r.statements[0].closing === null ? [] : ['1 tx, no balance'])],
    ['checking.ofx', (r) => (entries(r).length > 0 && r.errors.length === 0 ? [] : ['bank statement expected'])],
    ['anzcc.ofx', (r) => (entries(r).length > 0 && r.errors.length === 0 ? [] : ['credit card statement expected'])]
  ]
  for (const [f, fn] of cases) check('ofx ofxparse', dir + f, () => fn(parse(dir + f)))
})

describe.skipIf(!hasCorpus)('bgmax: Zimpler/bankgiro_inbetalningar (MIT)', () => {
  const dir = 'bgmax/zimpler-bankgiro_inbetalningar/spec/fixtures/'
  check('bgmax zimpler', dir + 'BgMaxfil4.txt', () => {
    const r = parse(dir + 'BgMaxfil4.txt')
    const pays = entries(r)
    const p: string[] = r.errors.map((e) => e.message)
    if (r.statements.length !== 4 || pays.length !== 9) p.push(`deposits ${r.statements.length}, payments ${pays.length}`)
    const a = pays.find((x) => x.reference === '535765')
    if (a?.amount !== 50000 || a.bookingDate !== '2004-05-25' || a.bankRef !== '000000000023') p.push(`535765 ${JSON.stringify(a)}`)
    const b = pays.find((x) => x.reference === '524967')
    if (b?.amount !== 190000 || b.counterpartyName !== 'Olles färg AB' || b.counterpartyAccount !== 'BG 97012333') p.push(`524967 ${JSON.stringify(b)}`)
    return p
  })
  check('bgmax zimpler', dir + 'BgMaxfil4_broken.txt', () => {
    const m = parse(dir + 'BgMaxfil4_broken.txt').errors.map((e) => e.message).join('\n')
    return /Found 9 payments but expected 8/.test(m) && /Found 4 deposits but expected 5/.test(m) ? [] : [m]
  })
  check('bgmax zimpler', dir + 'minimal.txt', () => {
    const r = parse(dir + 'minimal.txt')
    return r.statements.length === 1 && entries(r).length === 1 ? [] : ['1 deposit, 1 payment']
  })
})

afterAll(() => {
  if (!hasCorpus) console.log(`bank conformance skipped: ${corpus} not found`)
  else console.log(report())
})
