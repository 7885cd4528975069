import { advanceFor, feeToDate } from '../../core/fees'
import { fromDayNumber as formatDay, toDayNumber, type LocalDate } from '../../shared/dates'
import { applyBp } from '../../shared/money'
import type { InvoiceStatus } from '../../shared/statuses'
import type { BulkWriter } from '../db/repos/bulk-repo'
import type { DemoClient, DemoDebtor, Rating } from './parties'
import type { Poster } from './posting'
import { Rng, WeightedTable } from './prng'

/** Days of history the demo covers: 18 months before today. */
export const HISTORY_DAYS = 548

export const USERS = { admin: 1, approver: 2, controller: 3, accountant: 4 } as const

/** When a debtor of each rating pays, in days after the due date, and how often it never pays. */
const BEHAVIOUR: Record<Rating, { early: number; late: number; never: number }> = {
  A: { early: -12, late: 4, never: 0.002 },
  B: { early: -4, late: 14, never: 0.006 },
  C: { early: 3, late: 35, never: 0.02 },
  D: { early: 12, late: 75, never: 0.06 },
  E: { early: 30, late: 150, never: 0.15 }
}

type Event =
  | { t: 'pay'; inv: number; client: number; debtor: number; cur: string; amount: number; fee: number; rebate: number }
  | { t: 'loss'; inv: number; client: number; debtor: number; cur: string; amount: number; recourse: boolean }

export interface Exposure {
  /** Open amount per debtor index, in the debtor's limit currency. */
  debtor: Float64Array
  /** Open amount per client-debtor pair, key clientIndex * 1e6 + debtorIndex. */
  pair: Map<number, number>
}

const OPEN: ReadonlySet<InvoiceStatus> = new Set(['funded', 'partly_paid', 'disputed'])

/**
 * Plays the firm's business day by day over the history window: requests come in, are approved and funded,
 * debtors pay (or not), fees are settled, reserves released, bad debts charged back or written off.
 * Each invoice's fate is drawn when it is created; its later events wait in a per-day queue, so the
 * journal comes out in date order and memory stays flat however many invoices there are.
 */
export function simulate(
  rng: Rng,
  w: BulkWriter,
  poster: Poster,
  clients: DemoClient[],
  debtors: DemoDebtor[],
  opts: { invoices: number; today: LocalDate; onProgress?: (done: number, total: number) => void }
): Exposure {
  const T = toDayNumber(opts.today)
  const start = T - HISTORY_DAYS + 1
  const dayMs = (d: number) => d * 86_400_000 + 9 * 3_600_000
  // Formatting a date through Date costs a microsecond; a million invoices need four each.
  const days = new DayStrings(start - 30, T + 400)
  const fromDayNumber = (d: number) => days.get(d)
  let seq = 0
  const at = (d: number) => dayMs(d) + seq++

  // Request sizes first, so the requests can be spread evenly over the window and the total is exact.
  const sizes: number[] = []
  for (let left = opts.invoices; left > 0; ) {
    const n = Math.min(left, rng.int(3, 27))
    sizes.push(n)
    left -= n
  }
  const R = sizes.length
  const clientTable = new WeightedTable(clients.map((_, i) => (i < 8 ? [3, 2.2, 2, 1.6, 1.2, 1, 0.9, 0.8][i] : 0.5 + rng.next())))
  const exposure: Exposure = { debtor: new Float64Array(debtors.length), pair: new Map() }
  const queue = new Map<number, Event[]>()
  const schedule = (day: number, e: Event) => {
    const q = queue.get(day)
    if (q) q.push(e)
    else queue.set(day, [e])
  }
  const rebates = new Map<number, number>()
  const progressStep = Math.max(1, Math.floor(opts.invoices / 100))
  let invoiceId = 0
  let k = 0

  for (let d = start; d <= T; d++) {
    const date = fromDayNumber(d)
    // Requests whose position in the sequence falls on this day.
    while (k < R && start + Math.floor((k * HISTORY_DAYS) / R) === d) {
      const reqId = k + 1
      const ci = clientTable.draw(rng)
      const c = clients[ci]
      const cur = c.agreement.currency
      const status = k >= R - 3 || d >= T - 1 ? 'open' : d === T - 2 ? 'approved' : rng.chance(0.02) ? 'rejected' : 'funded'
      const fundedDay = status === 'funded' ? Math.min(d + rng.int(0, 1), T) : null
      const fundedDate = fundedDay === null ? null : fromDayNumber(fundedDay)
      const funded: { id: number; debtor: number; face: number; advance: number; upfront: number }[] = []
      const reqAt = at(d)
      const rows: unknown[][] = []
      let total = 0
      let rejectedSome = false
      for (let n = 0; n < sizes[k]; n++) {
        const di = c.debtors[c.debtorTable.draw(rng)]
        const debtor = debtors[di]
        const issue = Math.max(start - 10, d - rng.int(0, 12))
        const due = issue + (rng.chance(0.9) ? debtor.terms : rng.pick([14, 30, 45]))
        const major = Math.max(100, Math.round(rng.logNormal(cur === 'SEK' ? 42_000 : 4_200, 0.9) / 10) * 10)
        const face = major * 100
        const id = ++invoiceId
        total += face
        let st: InvoiceStatus = status === 'open' ? 'submitted' : status
        let open = face
        let advance = 0
        let closed: number | null = null
        if (st === 'funded' && rng.chance(0.005)) {
          st = 'rejected'
          rejectedSome = true
        }
        if (st === 'funded') {
          advance = advanceFor(c.agreement, face).advance
          funded.push({ id, debtor: debtor.id, face, advance, upfront: applyBp(face, c.agreement.upfrontFeeBp) })
          const b = BEHAVIOUR[debtor.rating]
          if (rng.chance(0.01)) st = 'disputed'
          else if (rng.chance(b.never)) {
            const recourse = c.agreement.recourseDays > 0
            const lossDay = recourse ? Math.max(issue + c.agreement.recourseDays, due + 30) : due + 120
            if (lossDay <= T) {
              st = recourse ? 'recoursed' : 'written_off'
              open = 0
              closed = lossDay
              schedule(lossDay, { t: 'loss', inv: id, client: c.id, debtor: debtor.id, cur, amount: face, recourse })
            }
          } else {
            const payDay = Math.max(due + rng.int(b.early, b.late), fundedDay! + 1)
            if (payDay <= T) {
              if (rng.chance(0.03)) {
                const part = Math.round((face * rng.int(20, 80)) / 10_000) * 100
                st = 'partly_paid'
                open = face - part
                schedule(payDay, { t: 'pay', inv: id, client: c.id, debtor: debtor.id, cur, amount: part, fee: 0, rebate: 0 })
              } else {
                const fee = feeToDate(c.agreement, { face, advance, fundedDate: fundedDate!, asOf: fromDayNumber(payDay) })
                st = 'paid'
                open = 0
                closed = payDay
                schedule(payDay, { t: 'pay', inv: id, client: c.id, debtor: debtor.id, cur, amount: face, fee, rebate: face - advance - fee })
              }
            }
          }
        }
        if (OPEN.has(st)) {
          if (debtor.limitCurrency === cur) exposure.debtor[di] += open
          const key = ci * 1e6 + di
          exposure.pair.set(key, (exposure.pair.get(key) ?? 0) + open)
        }
        rows.push([id, c.id, debtor.id, reqId, `${c.prefix}-${c.nextNo++}`, cur, face, open, advance, fromDayNumber(issue), fromDayNumber(due), st === 'submitted' || st === 'approved' || st === 'rejected' ? null : fundedDate, closed === null ? null : fromDayNumber(closed), st, demoRf(id), at(d)])
        if (id % progressStep === 0) opts.onProgress?.(id, opts.invoices)
      }
      const reqStatus = status === 'funded' && rejectedSome ? (funded.length ? 'partly_funded' : 'rejected') : status
      const source = rng.pick(['csv', 'csv', 'portal', 'manual'])
      w.request(reqId, c.id, reqStatus, source, source === 'csv' ? `${c.prefix.toLowerCase()}-invoices-${date}.csv` : null, cur, total, date, USERS.accountant, status === 'open' ? null : USERS.approver, funded.length ? fundedDate : null, reqAt)
      for (const r of rows) w.invoice(...r)
      if (funded.length) postFunding(poster, c, reqId, fundedDate!, funded, at(fundedDay!))
      k++
    }
    const events = queue.get(d)
    if (events) {
      queue.delete(d)
      postDay(poster, date, events, rebates, () => at(d))
    }
    if (date.endsWith('-01')) releaseReserves(poster, clients, date, rebates, () => at(d))
  }
  opts.onProgress?.(opts.invoices, opts.invoices)
  return exposure
}

/**
 * rfForInvoiceId (services/invoices-service.ts) for ids below 10^9, with plain arithmetic instead of string
 * mod-97: "RF" is 2715, so the check is 98 - (id·10^6 + 271500) mod 97, exact in a double. Tests hold the two equal.
 */
export function demoRf(id: number): string {
  if (!(id > 0 && id < 1e9)) throw new RangeError(`invoice id out of range for an RF reference: ${id}`)
  const check = 98 - ((id * 1e6 + 271500) % 97)
  return `RF${check < 10 ? '0' : ''}${check}${String(id).padStart(9, '0')}`
}

class DayStrings {
  private readonly cache: string[] = []
  constructor(
    private readonly first: number,
    last: number
  ) {
    for (let d = first; d <= last; d++) this.cache.push(formatDay(d))
  }
  get(d: number): string {
    return this.cache[d - this.first] ?? formatDay(d)
  }
}

/** One entry per financing request: a receivable line per invoice, the payout, reserve and upfront fee summed. */
function postFunding(p: Poster, c: DemoClient, reqId: number, date: string, funded: { id: number; debtor: number; face: number; advance: number; upfront: number }[], at: number): void {
  const cur = c.agreement.currency
  let face = 0
  let advance = 0
  let upfront = 0
  p.begin(date, 'funding', `Funding of request ${reqId}: ${funded.length} invoice(s)`, c.id, null, USERS.approver, at)
  for (const f of funded) {
    p.post('receivables', cur, f.face, c.id, f.debtor, f.id)
    face += f.face
    advance += f.advance
    upfront += f.upfront
  }
  p.post('bank', cur, -(advance - upfront), c.id)
  p.post('clientReserve', cur, -(face - advance), c.id)
  p.post('feeIncome', cur, -upfront, c.id)
  p.end()
}

/** A day's bank statement: payments per currency, fees per client, then losses. */
function postDay(p: Poster, date: string, events: Event[], rebates: Map<number, number>, at: () => number): void {
  const byCur = new Map<string, Event[]>()
  for (const e of events) {
    const key = `${e.t}|${e.t === 'loss' && e.recourse ? e.client : ''}|${e.cur}`
    const list = byCur.get(key)
    if (list) list.push(e)
    else byCur.set(key, [e])
  }
  for (const [key, list] of [...byCur].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [t, client, cur] = key.split('|')
    let sum = 0
    if (t === 'pay') {
      p.begin(date, 'payment', `Debtor payments ${date} (${cur}): ${list.length}`, null, null, USERS.accountant, at())
      for (const e of list) {
        p.post('receivables', cur, -e.amount, e.client, e.debtor, e.inv)
        sum += e.amount
      }
      p.post('bank', cur, sum, null)
      p.end()
      const fees = new Map<number, number>()
      for (const e of list as Extract<Event, { t: 'pay' }>[]) {
        if (e.fee) fees.set(e.client, (fees.get(e.client) ?? 0) + e.fee)
        if (e.rebate) rebates.set(e.client, (rebates.get(e.client) ?? 0) + e.rebate)
      }
      for (const [clientId, fee] of [...fees].sort((a, b) => a[0] - b[0])) {
        p.begin(date, 'fee', `Discount fees on invoices settled ${date}`, clientId, null, USERS.accountant, at())
        p.post('clientReserve', cur, fee, clientId)
        p.post('feeIncome', cur, -fee, clientId)
        p.end()
      }
    } else {
      const recourse = client !== ''
      p.begin(date, recourse ? 'chargeback' : 'write_off', recourse ? `Recourse: unpaid invoices charged back to the client` : `Written off as uncollectable`, recourse ? +client : null, null, USERS.controller, at())
      for (const e of list) {
        p.post('receivables', cur, -e.amount, e.client, e.debtor, e.inv)
        sum += e.amount
      }
      p.post(recourse ? 'clientRecourse' : 'badDebt', cur, sum, recourse ? +client : null)
      p.end()
    }
  }
}

/** Monthly: what settled invoices left in each client's reserve (after fees) is paid out to the client. */
function releaseReserves(p: Poster, clients: DemoClient[], date: string, rebates: Map<number, number>, at: () => number): void {
  for (const c of clients) {
    const amount = rebates.get(c.id) ?? 0
    if (amount <= 0) continue
    rebates.delete(c.id)
    p.begin(date, 'reserve_release', `Reserve release for ${date.slice(0, 7)}`, c.id, null, USERS.accountant, at())
    p.post('clientReserve', c.agreement.currency, amount, c.id)
    p.post('bank', c.agreement.currency, -amount, c.id)
    p.end()
  }
}
