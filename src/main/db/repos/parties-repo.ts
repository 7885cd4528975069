import type { Agreement } from '../../../shared/agreement'
import type { ClientInput, ClientRow, DebtorInput, DebtorRow } from '../../../shared/contract'
import type { Ledger } from '../open'

const CLIENT_SORT: Record<string, string> = { name: 'c.name collate nocase', country: 'c.country', openBalance: 'open_balance' }
const DEBTOR_SORT: Record<string, string> = { name: 'd.name collate nocase', country: 'd.country', creditLimit: 'd.credit_limit', openBalance: 'open_balance', riskClass: 'd.risk_class' }

const OPEN = "('funded','partly_paid','disputed')"

function clientRow(r: Record<string, unknown>): ClientRow {
  return {
    id: r.id as number,
    name: r.name as string,
    regNo: (r.reg_no as string) ?? null,
    country: r.country as string,
    address: (r.address as string) ?? null,
    postalCode: (r.postal_code as string) ?? null,
    city: (r.city as string) ?? null,
    email: (r.email as string) ?? null,
    iban: (r.iban as string) ?? null,
    bic: (r.bic as string) ?? null,
    agreement: JSON.parse(r.agreement as string) as Agreement,
    active: r.active === 1,
    openInvoices: (r.open_invoices as number) ?? 0,
    openBalance: (r.open_balance as number) ?? 0
  }
}

const CLIENT_SELECT = `select c.*, (select count(*) from invoice i where i.client_id = c.id and i.status in ${OPEN}) as open_invoices,
  (select coalesce(sum(open_amount),0) from invoice i where i.client_id = c.id and i.status in ${OPEN}) as open_balance from client c`

export function listClients(ledger: Ledger, q: { offset: number; limit: number; search?: string; sortBy: string; sortDir: 'asc' | 'desc' }): { rows: ClientRow[]; total: number } {
  const where = q.search ? 'where c.name like ? escape \'\\\' or c.reg_no like ? escape \'\\\'' : ''
  const like = q.search ? [`%${escapeLike(q.search)}%`, `${escapeLike(q.search)}%`] : []
  const order = `${CLIENT_SORT[q.sortBy] ?? 'c.name'} ${q.sortDir}, c.id ${q.sortDir}`
  const rows = ledger.sqlite.prepare(`${CLIENT_SELECT} ${where} order by ${order} limit ? offset ?`).all(...like, q.limit, q.offset) as Record<string, unknown>[]
  const total = ledger.sqlite.prepare(`select count(*) from client c ${where}`).pluck().get(...like) as number
  return { rows: rows.map(clientRow), total }
}

export function getClient(ledger: Ledger, id: number): ClientRow | null {
  const r = ledger.sqlite.prepare(`${CLIENT_SELECT} where c.id = ?`).get(id) as Record<string, unknown> | undefined
  return r ? clientRow(r) : null
}

export function findClientByName(ledger: Ledger, name: string): ClientRow | null {
  const r = ledger.sqlite.prepare(`${CLIENT_SELECT} where c.name = ?`).get(name) as Record<string, unknown> | undefined
  return r ? clientRow(r) : null
}

export function insertClient(ledger: Ledger, c: ClientInput, at: number): number {
  return Number(
    ledger.sqlite
      .prepare('insert into client (name, reg_no, country, address, postal_code, city, email, iban, bic, agreement, active, created_at) values (?,?,?,?,?,?,?,?,?,?,1,?)')
      .run(c.name, c.regNo ?? null, c.country, c.address ?? null, c.postalCode ?? null, c.city ?? null, c.email ?? null, c.iban ?? null, c.bic ?? null, JSON.stringify(c.agreement), at).lastInsertRowid
  )
}

export function updateClient(ledger: Ledger, id: number, c: ClientInput): void {
  ledger.sqlite
    .prepare('update client set name=?, reg_no=?, country=?, address=?, postal_code=?, city=?, email=?, iban=?, bic=?, agreement=? where id=?')
    .run(c.name, c.regNo ?? null, c.country, c.address ?? null, c.postalCode ?? null, c.city ?? null, c.email ?? null, c.iban ?? null, c.bic ?? null, JSON.stringify(c.agreement), id)
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => '\\' + m)
}

function debtorRow(r: Record<string, unknown>): DebtorRow {
  return {
    id: r.id as number,
    name: r.name as string,
    regNo: (r.reg_no as string) ?? null,
    country: r.country as string,
    city: (r.city as string) ?? null,
    email: (r.email as string) ?? null,
    creditLimit: r.credit_limit as number,
    limitCurrency: r.limit_currency as string,
    riskClass: r.risk_class as DebtorRow['riskClass'],
    paymentRating: r.payment_rating as string,
    needsReview: r.needs_review === 1,
    openBalance: (r.open_balance as number) ?? 0,
    overdueBalance: (r.overdue_balance as number) ?? 0,
    openInvoices: (r.open_invoices as number) ?? 0
  }
}

/** Open and overdue sums come from the (debtor_id, status, due_date) index, one seek per debtor. */
function debtorSelect(today: string): { sql: string; args: string[] } {
  return {
    sql: `select d.*, coalesce(s.open_invoices,0) as open_invoices, coalesce(s.open_balance,0) as open_balance, coalesce(s.overdue_balance,0) as overdue_balance
      from debtor d left join (select debtor_id, count(*) as open_invoices, sum(open_amount) as open_balance,
        sum(case when due_date < ? then open_amount else 0 end) as overdue_balance from invoice where status in ${OPEN} group by debtor_id) s on s.debtor_id = d.id`,
    args: [today]
  }
}

export function listDebtors(
  ledger: Ledger,
  today: string,
  q: { offset: number; limit: number; search?: string; sortBy: string; sortDir: 'asc' | 'desc'; needsReview?: boolean }
): { rows: DebtorRow[]; total: number } {
  const conds: string[] = []
  const args: (string | number)[] = []
  if (q.search) {
    conds.push("(d.name like ? escape '\\' or d.reg_no like ? escape '\\' or d.city like ? escape '\\')")
    const s = escapeLike(q.search)
    args.push(`%${s}%`, `${s}%`, `${s}%`)
  }
  if (q.needsReview !== undefined) conds.push(`d.needs_review = ${q.needsReview ? 1 : 0}`)
  const where = conds.length ? `where ${conds.join(' and ')}` : ''
  const order = `${DEBTOR_SORT[q.sortBy] ?? 'd.name'} ${q.sortDir}, d.id ${q.sortDir}`
  const sel = debtorSelect(today)
  const rows = ledger.sqlite.prepare(`${sel.sql} ${where} order by ${order} limit ? offset ?`).all(...sel.args, ...args, q.limit, q.offset) as Record<string, unknown>[]
  const total = ledger.sqlite.prepare(`select count(*) from debtor d ${where}`).pluck().get(...args) as number
  return { rows: rows.map(debtorRow), total }
}

export function getDebtorRow(ledger: Ledger, id: number, today: string): (DebtorRow & Record<string, unknown>) | null {
  const r = ledger.sqlite
    .prepare(
      `select d.*, (select count(*) from invoice i where i.debtor_id = d.id and i.status in ${OPEN}) as open_invoices,
      (select coalesce(sum(open_amount),0) from invoice i where i.debtor_id = d.id and i.status in ${OPEN}) as open_balance,
      (select coalesce(sum(open_amount),0) from invoice i where i.debtor_id = d.id and i.status in ${OPEN} and i.due_date < ?) as overdue_balance
      from debtor d where d.id = ?`
    )
    .get(today, id) as Record<string, unknown> | undefined
  return r ? { ...r, ...debtorRow(r) } : null
}

export function insertDebtor(ledger: Ledger, d: DebtorInput & { nameNorm: string; needsReview?: boolean }, at: number): number {
  return Number(
    ledger.sqlite
      .prepare(
        `insert into debtor (name, name_norm, reg_no, country, address, postal_code, city, email, phone, language, credit_limit, limit_currency, risk_class, payment_rating, needs_review, created_at)
         values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
      )
      .run(d.name, d.nameNorm, d.regNo ?? null, d.country, d.address ?? null, d.postalCode ?? null, d.city ?? null, d.email ?? null, d.phone ?? null, d.language, d.creditLimit, d.limitCurrency, d.riskClass, d.paymentRating, d.needsReview ? 1 : 0, at).lastInsertRowid
  )
}

export function updateDebtor(ledger: Ledger, id: number, d: DebtorInput & { nameNorm: string }): void {
  ledger.sqlite
    .prepare(
      `update debtor set name=?, name_norm=?, reg_no=?, country=?, address=?, postal_code=?, city=?, email=?, phone=?, language=?, credit_limit=?, limit_currency=?, risk_class=?, payment_rating=?, needs_review=0 where id=?`
    )
    .run(d.name, d.nameNorm, d.regNo ?? null, d.country, d.address ?? null, d.postalCode ?? null, d.city ?? null, d.email ?? null, d.phone ?? null, d.language, d.creditLimit, d.limitCurrency, d.riskClass, d.paymentRating, id)
}
