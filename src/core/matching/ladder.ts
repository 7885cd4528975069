/**
 * The matching ladder: direct-debit id -> structured RF reference -> RF or invoice number in the remittance
 * text -> payer IBAN learned from earlier matches plus amount -> payer name plus amount among the debtor's
 * open items -> manual. Only identifications that cannot reasonably be wrong apply automatically; everything
 * else becomes a suggestion with candidates, and every decision says why in words. Better no match than a
 * wrong one. Pure and deterministic: lines are decided in file order and consume open amounts as they go,
 * so the preview and the commit compute the same result from the same index.
 */
import { plainReasonFormat, type ReasonArg } from '../../shared/reason-text'
import { amountKey, lineKeys, payerDebtors, type LineKeys } from './keys'
import { DEFAULT_MATCH_OPTIONS, type Allocation, type BankLine, type Candidate, type Decision, type MatchIndex, type MatchOptions, type OpenItem, type Rung } from './types'

const OPEN = new Set(['funded', 'partly_paid', 'disputed'])

/** Decides every line; the index must hold the whole open-item list of every debtor a line needs (no partialDebtors). */
export function matchLines(lines: readonly BankLine[], index: MatchIndex, options: Partial<MatchOptions> = {}, keys: readonly LineKeys[] = lines.map(lineKeys)): Decision[] {
  const pass = matchPass(lines, index, keys, null, options)
  if (pass.missing.length > 0) throw new Error(`matching needs the open items of debtor(s) ${pass.missing.join(', ')}, which the index holds only in part`)
  return pass.decisions
}

/** Where a pass stopped being exact: the lines before `from` are decided, with the open amounts they left. */
export interface MatchResume {
  from: number
  decisions: Decision[]
  remaining: Map<number, number>
}

export interface MatchPass {
  /** One per line, in file order; final only when `missing` is empty. */
  decisions: Decision[]
  /** Partial debtors (MatchIndex.partialDebtors) whose whole open-item list some line needs. */
  missing: number[]
  /** Pass it back with those lists loaded: lines up to there need not be decided again. */
  resume: MatchResume | null
}

/** What deciding one line needs besides the line: the index, and what earlier lines of the file consumed. */
interface Ctx {
  index: MatchIndex
  /** Any invoice of the index by id (the map is built on first use: most files never ask). */
  item: (id: number) => OpenItem | undefined
  opt: MatchOptions
  openOf: (i: OpenItem) => number
  /** Items of partial debtors earlier lines allocated to: their open amount is no longer the ledger's. */
  touched: Map<number, OpenItem[]>
  isPartial: (debtorId: number) => boolean
  missing: Set<number>
  /** The items the last automatic decision allocates to, in the order of its allocations. */
  paid: readonly OpenItem[]
}

/**
 * One pass of the ladder. A line that needs the whole open-item list of a debtor the index knows only in part
 * names that debtor in `missing`; the pass goes on (a provisional decision, nothing consumed) to find every
 * such debtor at once. Deterministic: with the missing lists loaded, resuming gives exactly the decisions a
 * pass over complete lists gives, because every line before `resume.from` was decided from enough of them.
 */
export function matchPass(lines: readonly BankLine[], index: MatchIndex, keys: readonly LineKeys[] = lines.map(lineKeys), start: MatchResume | null = null, options: Partial<MatchOptions> = {}): MatchPass {
  const opt = { ...DEFAULT_MATCH_OPTIONS, ...options }
  let byId: Map<number, OpenItem> | null = null
  const item = (id: number): OpenItem | undefined => (byId ??= itemsById(index)).get(id)
  const remaining = new Map(start?.remaining ?? [])
  const partial = new Set([...(index.partialDebtors ?? [])].filter((d) => !index.openByDebtor.has(d)))
  const isPartial = (d: number): boolean => partial.has(d)
  // Only a partial debtor's items need finding by debtor: the others' whole lists are in the index.
  const touched = new Map<number, OpenItem[]>()
  const touch = (i: OpenItem): void => {
    if (!partial.has(i.debtorId)) return
    const list = touched.get(i.debtorId)
    if (list) list.push(i)
    else touched.set(i.debtorId, [i])
  }
  for (const id of remaining.keys()) touch(item(id)!)
  const openOf = (i: OpenItem): number => (OPEN.has(i.status) ? (remaining.get(i.id) ?? i.openAmount) : 0)
  const c: Ctx = { index, item, opt, openOf, touched, isPartial, missing: new Set(), paid: [] }
  const out: Decision[] = start ? start.decisions.slice() : []
  let resume: MatchResume | null = null
  for (let n = start?.from ?? 0; n < lines.length; n++) {
    const line = lines[n]
    const d = decide(line, keys[n], c)
    if (d === null) {
      resume ??= { from: n, decisions: out.slice(), remaining: new Map(remaining) }
      out.push({ key: line.key, kind: 'unmatched', debtorId: null, reason: 'provisional: the payer\'s open items are still being loaded' })
      continue
    }
    if (d.kind === 'auto') {
      d.allocations.forEach((a, j) => {
        const i = c.paid[j]?.id === a.invoiceId ? c.paid[j] : item(a.invoiceId)!
        if (!remaining.has(i.id)) touch(i)
        remaining.set(i.id, openOf(i) - a.amount)
      })
      c.paid = []
    }
    out.push(d)
  }
  return { decisions: out, missing: [...c.missing], resume: c.missing.size > 0 ? resume : null }
}

/** Every invoice the index knows, by id (the same invoice may sit in several maps). */
export function itemsById(index: MatchIndex): Map<number, OpenItem> {
  const byId = new Map<number, OpenItem>()
  for (const i of index.byRf.values()) byId.set(i.id, i)
  for (const list of index.byNumber.values()) for (const i of list) byId.set(i.id, i)
  if (index.openByAmount) for (const list of index.openByAmount.values()) for (const i of list) byId.set(i.id, i)
  for (const list of index.openByDebtor.values()) for (const i of list) byId.set(i.id, i)
  return byId
}

/**
 * A reason sentence whose amounts stay values ({0}, {1}… in the template), so each reader sees them in their
 * own locale; `text` is the plain form (API, CLI, stored reason). Words from a bank file that happen to look
 * like a placeholder make the template unusable, and the reason is then only plain text.
 */
interface Phrase {
  text: string[]
  template: string[] | null
  args: ReasonArg[]
}

type Part = string | number | null | ReasonArg | Phrase

const m = (amount: number, currency: string): ReasonArg => ({ money: { amount, currency } })

const PLACEHOLDER = /\{\d+\}/

/**
 * Collects both forms part by part; a phrase inside another is spliced in as parts, and because() joins each
 * form once: flat strings, built once, as the plan holds 100k of them until they are stored.
 */
function say(strings: TemplateStringsArray, ...parts: Part[]): Phrase {
  const text: string[] = [strings[0]]
  let template: string[] | null = [strings[0]]
  const args: ReasonArg[] = []
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (p === null || typeof p === 'string' || typeof p === 'number') {
      const s = String(p)
      text.push(s)
      if (template !== null) {
        if (PLACEHOLDER.test(s)) template = null
        else template.push(s)
      }
    } else if ('text' in p) {
      for (const t of p.text) text.push(t)
      if (template !== null) {
        if (p.template === null) template = null
        else if (args.length === 0 || p.args.length === 0) for (const t of p.template) template.push(t)
        else template.push(p.template.join('').replace(/\{(\d+)\}/g, (_, n: string) => `{${Number(n) + args.length}}`))
      }
      for (const a of p.args) args.push(a)
    } else {
      text.push('money' in p ? plainReasonFormat.money(p.money.amount, p.money.currency) : plainReasonFormat.date(p.date))
      if (template !== null) template.push(`{${args.length}}`)
      args.push(p)
    }
    text.push(strings[i + 1])
    if (template !== null) template.push(strings[i + 1])
  }
  return { text, template, args }
}

/** The reason fields of a decision or candidate: the plain text, plus the template when it has values to format. */
function because(p: Phrase): { reason: string; reasonTemplate?: string; reasonArgs?: ReasonArg[] } {
  return p.template !== null && p.args.length > 0 ? { reason: p.text.join(''), reasonTemplate: p.template.join(''), reasonArgs: p.args } : { reason: p.text.join('') }
}

/** Applies amount to items in order (oldest due first), each up to its open amount; the rest stays unapplied. */
function spread(amount: number, items: OpenItem[], c: Ctx): { allocations: Allocation[]; unapplied: number } {
  let left = amount
  const allocations: Allocation[] = []
  const paid: OpenItem[] = []
  for (const i of items) {
    const take = Math.min(left, c.openOf(i))
    if (take > 0) {
      allocations.push({ invoiceId: i.id, amount: take })
      paid.push(i)
    }
    left -= take
  }
  c.paid = paid
  return { allocations, unapplied: left }
}

function describeAmount(amount: number, open: number, currency: string): Phrase {
  if (amount === open) return say`the amount ${m(amount, currency)} equals the open amount`
  if (amount < open) return say`${m(amount, currency)} pays part of the open ${m(open, currency)}; ${m(open - amount, currency)} stays open`
  return say`${m(amount, currency)} exceeds the open ${m(open, currency)}; ${m(amount - open, currency)} stays as unapplied cash`
}

function withinTolerance(open: number, amount: number, opt: MatchOptions): boolean {
  const short = open - amount
  return short > 0 && (short <= opt.shortPayAbs || short * 10_000 <= open * opt.discountBp)
}

/** The line's decision, or null when it needs the whole open-item list of a debtor the index knows only in part. */
function decide(line: BankLine, k: LineKeys, c: Ctx): Decision | null {
  const { index, opt, openOf } = c
  const key = line.key
  const dd = line.endToEndId ? index.directDebits.get(line.endToEndId) : undefined
  if (line.amount < 0) {
    if (dd && dd.status === 'paid') {
      return { key, kind: 'return', directDebitId: dd.id, invoiceId: dd.invoiceId, reason: `returned direct debit ${line.endToEndId}: the collection is reversed and the invoice reopened` }
    }
    return { key, kind: 'ignored', reason: 'outgoing payment (debit): not a collection from a debtor' }
  }
  if (line.amount === 0) return { key, kind: 'ignored', reason: 'zero amount' }
  const cur = line.currency

  // Rung 0: our own direct debit coming back paid.
  if (dd && dd.status === 'sent') {
    const inv = c.item(dd.invoiceId)
    if (inv && openOf(inv) > 0 && inv.currency === cur) {
      const s = spread(line.amount, [inv], c)
      return { key, kind: 'auto', rung: 'direct_debit', ...s, debtorId: inv.debtorId, ...because(say`direct debit ${line.endToEndId} collected for invoice ${inv.number}; ${describeAmount(line.amount, openOf(inv), cur)}`) }
    }
  }

  // Rung 1: the structured creditor reference printed on our invoice.
  const rf = k.rf
  const notes: string[] = []
  if (rf) {
    const inv = index.byRf.get(rf)
    if (inv) {
      const r = certain(line, [inv], `structured reference ${rf} identifies invoice ${inv.number}`, 'reference', c)
      if (r) return r
    } else notes.push(`reference ${rf} is not one of our invoices`)
  }

  // Rung 2: RF references (check digits make them certain) or invoice numbers in the free text.
  const rfItems = k.textRfs.length === 0 ? [] : uniq(k.textRfs.map((r) => index.byRf.get(r)).filter((i): i is OpenItem => !!i))
  if (rfItems.length > 0) {
    const r = certain(line, rfItems, `remittance text carries ${rfItems.length > 1 ? 'references' : 'reference'} ${rfItems.map((i) => i.rfRef).join(', ')} of invoice ${rfItems.map((i) => i.number).join(', ')}`, 'remittance', c)
    if (r) return r
  }
  let payers: Set<number> | null = null
  const byNumber = new Map<string, OpenItem[]>()
  for (const t of k.tokens) {
    const found = index.byNumber.get(t)
    if (!found) continue
    const hits = found.filter((i) => openOf(i) > 0 && i.currency === cur)
    if (hits.length === 0) continue
    // The same number at several clients: the payer decides, or a person does.
    let narrowed = hits
    if (hits.length > 1) {
      const by = (payers ??= new Set(payerDebtors(k, index)))
      narrowed = hits.filter((i) => by.has(i.debtorId))
    }
    byNumber.set(t, narrowed.length > 0 ? narrowed : hits)
  }
  if (byNumber.size > 0) {
    const ambiguous = [...byNumber.entries()].filter(([, v]) => v.length > 1)
    const items = uniq([...byNumber.values()].flat()).sort(byDue)
    const total = items.reduce((s, i) => s + openOf(i), 0)
    const names = items.map((i) => i.number).join(', ')
    const sameDebtor = new Set(items.map((i) => i.debtorId)).size === 1
    const payerConfirms = sameDebtor && (payers ??= new Set(payerDebtors(k, index))).has(items[0].debtorId)
    if (ambiguous.length === 0 && sameDebtor && (line.amount === total || (payerConfirms && items.length === 1))) {
      const s = spread(line.amount, items, c)
      const why = say`invoice number ${names} found in the remittance text${payerConfirms ? ' and the payer is that debtor' : ''}; ${describeAmount(line.amount, total, cur)}`
      return { key, kind: 'auto', rung: 'remittance', ...s, debtorId: items[0].debtorId, ...because(why) }
    }
    const why = ambiguous.length
      ? say`invoice number ${ambiguous.map(([t]) => t).join(', ')} exists at several clients and the payer does not tell which`
      : withinTolerance(total, line.amount, opt)
        ? say`invoice number ${names} found in the remittance text; paid ${m(line.amount, cur)} is short of the open ${m(total, cur)} by ${m(total - line.amount, cur)} (within the short-payment/discount tolerance): apply it, and close the difference against the client's reserve if accepted`
        : say`invoice number ${names} found in the remittance text, but ${describeAmount(line.amount, total, cur)} and the payer does not confirm the debtor`
    return suggest(key, 'remittance', items, line.amount, openOf, opt, sameDebtor ? items[0].debtorId : null, why, 'number in remittance text')
  }

  // Rung 3: the payer's IBAN, learned from earlier confirmed matches, plus the amount.
  const iban = k.iban
  const ibanDebtors = iban ? (index.debtorsByIban.get(iban) ?? []) : []
  if (ibanDebtors.length > 0) return byAmount(line, ibanDebtors, c, `payer account ${iban} is known from earlier payments of this debtor`, 'iban_amount')
  if (iban) notes.push(`payer account ${iban} is not known yet`)

  // Rung 4: the payer's name equals a debtor's name, plus the amount among that debtor's open items.
  const nameDebtors = k.name !== null ? (index.debtorsByName.get(k.name) ?? []) : []
  if (nameDebtors.length === 1) return byAmount(line, nameDebtors, c, `payer name "${line.counterpartyName}" is debtor ${nameDebtors[0]}`, 'name_amount')
  if (nameDebtors.length > 1) {
    if (lacksWholeList(nameDebtors, c)) return null
    const items = nameDebtors.flatMap((d) => index.openByDebtor.get(d) ?? []).filter((i) => i.currency === cur && openOf(i) > 0)
    return suggest(key, 'name_amount', items, line.amount, openOf, opt, null, say`payer name "${line.counterpartyName}" fits ${nameDebtors.length} debtors: choose one`, 'same name')
  }
  if (line.counterpartyName) notes.push(`no debtor is named "${line.counterpartyName}"`)

  const none = [rf ? null : 'no structured reference', 'no invoice number in the text', ...notes].filter(Boolean).join('; ')
  return { key, kind: 'unmatched', reason: `${none}: allocate by hand`, debtorId: null }
}

/** Notes the partial debtors among `debtors` as missing; true when there are any. */
function lacksWholeList(debtors: readonly number[], c: Ctx): boolean {
  const partial = debtors.filter(c.isPartial)
  for (const d of partial) c.missing.add(d)
  return partial.length > 0
}

/** An identification that cannot be wrong (RF check digits, our own ids): applies unless the invoice is closed or in another currency. */
function certain(line: BankLine, items: OpenItem[], why: string, rung: 'reference' | 'remittance', c: Ctx): Decision | null {
  const { openOf } = c
  const cur = line.currency
  const open = items.length === 1 ? (openOf(items[0]) > 0 ? items : []) : items.filter((i) => openOf(i) > 0)
  if (open.length === 0) {
    return { key: line.key, kind: 'unmatched', debtorId: items[0].debtorId, reason: `${why}, which is already paid; the cash stays unapplied until refunded or allocated` }
  }
  if (open.some((i) => i.currency !== cur)) {
    return { key: line.key, kind: 'suggested', rung, debtorId: open[0].debtorId, candidates: open.map((i) => ({ invoiceId: i.id, amount: Math.min(line.amount, openOf(i)), reason: `invoice is in ${i.currency}, payment in ${cur}` })), reason: `${why}, but the currencies differ: confirm by hand` }
  }
  const sorted = open.length > 1 ? [...open].sort(byDue) : open
  const total = sorted.reduce((s, i) => s + openOf(i), 0)
  const s = spread(line.amount, sorted, c)
  return { key: line.key, kind: 'auto', rung, ...s, debtorId: sorted[0].debtorId, ...because(say`${why}; ${describeAmount(line.amount, total, cur)}`) }
}

/**
 * The items of a partial debtor open for exactly the line's amount: the ledger's (openByAmount) and those earlier
 * lines of the file paid part of (their open amount may have come down to it), as they stand now. Undefined when
 * the line's amount was not loaded for the debtor.
 */
function exactOfPartial(line: BankLine, d: number, c: Ctx): OpenItem[] | undefined {
  const loaded = c.index.openByAmount?.get(amountKey(d, line.currency, line.amount))
  if (!loaded) return undefined
  const out = loaded.filter((i) => c.openOf(i) === line.amount)
  for (const i of c.touched.get(d) ?? []) if (i.currency === line.currency && c.openOf(i) === line.amount && !out.some((o) => o.id === i.id)) out.push(i)
  return out
}

/**
 * Rungs 3 and 4: the payer's debtor(s) plus the amount. With a debtor known only by the amounts its lines pay, a
 * line is decided from the items open for exactly its amount when that is all the whole list would be used for:
 * one of them and one debtor (applied), or several (a choice between them; their sum alone exceeds the amount,
 * so it cannot be the debtor's whole balance either). Otherwise the whole lists are needed: null, debtors noted.
 */
function byAmount(line: BankLine, debtors: number[], c: Ctx, why: string, rung: 'iban_amount' | 'name_amount'): Decision | null {
  const { index, opt, openOf } = c
  const cur = line.currency
  const debtorId = debtors.length === 1 ? debtors[0] : null
  if (debtors.some(c.isPartial)) {
    const exact: OpenItem[] = []
    for (const d of debtors) {
      const e = c.isPartial(d) ? exactOfPartial(line, d, c) : (index.openByDebtor.get(d) ?? []).filter((i) => i.currency === cur && openOf(i) === line.amount)
      if (!e) {
        lacksWholeList(debtors, c)
        return null
      }
      exact.push(...e)
    }
    if (exact.length === 1 && debtorId !== null) return exactlyOne(line, exact[0], debtorId, why, rung, c)
    if (exact.length > 1) return suggest(line.key, rung, exact, line.amount, openOf, opt, debtorId, say`${why}; ${exact.length} invoices are open for exactly ${m(line.amount, cur)}: choose one`, 'same amount')
    lacksWholeList(debtors, c)
    return null
  }
  const items = debtors.flatMap((d) => index.openByDebtor.get(d) ?? []).filter((i) => i.currency === cur && openOf(i) > 0).sort(byDue)
  if (items.length === 0) return { key: line.key, kind: 'unmatched', debtorId, reason: `${why}, but it has no open ${cur} invoices: the cash stays unapplied` }
  const exact = items.filter((i) => openOf(i) === line.amount)
  if (exact.length === 1 && debtorId !== null) return exactlyOne(line, exact[0], debtorId, why, rung, c)
  const total = items.reduce((s, i) => s + openOf(i), 0)
  if (items.length > 1 && total === line.amount && debtorId !== null) {
    c.paid = items
    return { key: line.key, kind: 'auto', rung, allocations: items.map((i) => ({ invoiceId: i.id, amount: openOf(i) })), unapplied: 0, debtorId, ...because(say`${why}, and ${m(line.amount, cur)} is exactly the debtor's whole open balance (${items.length} invoices)`) }
  }
  if (exact.length > 1) return suggest(line.key, rung, exact, line.amount, openOf, opt, debtorId, say`${why}; ${exact.length} invoices are open for exactly ${m(line.amount, cur)}: choose one`, 'same amount')
  const close = items.filter((i) => withinTolerance(openOf(i), line.amount, opt))
  if (close.length > 0) return suggest(line.key, rung, close, line.amount, openOf, opt, debtorId, say`${why}; no invoice is open for exactly ${m(line.amount, cur)}, ${close.length === 1 ? 'one is' : `${close.length} are`} within the short-payment/discount tolerance`, 'short by a tolerated amount')
  return suggest(line.key, rung, items, line.amount, openOf, opt, debtorId, say`${why}; no open invoice fits ${m(line.amount, cur)}: allocate by hand`, 'open item of this debtor')
}

function exactlyOne(line: BankLine, item: OpenItem, debtorId: number, why: string, rung: 'iban_amount' | 'name_amount', c: Ctx): Decision {
  c.paid = [item]
  return { key: line.key, kind: 'auto', rung, allocations: [{ invoiceId: item.id, amount: line.amount }], unapplied: 0, debtorId, ...because(say`${why}, and only invoice ${item.number} is open for exactly ${m(line.amount, line.currency)}`) }
}

function suggest(key: number, rung: Rung, items: OpenItem[], amount: number, openOf: (i: OpenItem) => number, opt: MatchOptions, debtorId: number | null, reason: Phrase, what: string): Decision {
  const candidates: Candidate[] = uniq(items)
    .filter((i) => openOf(i) > 0)
    .sort((a, b) => Math.abs(openOf(a) - amount) - Math.abs(openOf(b) - amount) || byDue(a, b))
    .slice(0, opt.maxCandidates)
    .map((i) => ({ invoiceId: i.id, amount: Math.min(amount, openOf(i)), ...because(say`${what}: invoice ${i.number}, open ${m(openOf(i), i.currency)}, due ${{ date: i.dueDate }}`) }))
  if (candidates.length === 0) return { key, kind: 'unmatched', debtorId, ...because(reason) }
  return { key, kind: 'suggested', rung, candidates, debtorId, ...because(reason) }
}

const byDue = (a: OpenItem, b: OpenItem): number => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id)

function uniq(items: OpenItem[]): OpenItem[] {
  const seen = new Set<number>()
  return items.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)))
}
