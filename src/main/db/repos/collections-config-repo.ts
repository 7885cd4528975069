import type { DunningPlan, DunningStep } from '../../../core/collections/plans'
import type { ReferenceRate } from '../../../core/collections/interest'
import type { Ledger } from '../open'

export function listPlans(ledger: Ledger): DunningPlan[] {
  const rows = ledger.sqlite.prepare('select id, name, segment, steps from dunning_plan order by id').all() as { id: number; name: string; segment: DunningPlan['segment']; steps: string }[]
  return rows.map((r) => ({ id: r.id, name: r.name, segment: r.segment, steps: JSON.parse(r.steps) as DunningStep[] }))
}

export function countPlans(ledger: Ledger): number {
  return ledger.sqlite.prepare('select count(*) from dunning_plan').pluck().get() as number
}

export function insertPlan(ledger: Ledger, p: Omit<DunningPlan, 'id'>, at: number): number {
  return Number(ledger.sqlite.prepare('insert into dunning_plan (name, segment, steps, updated_at) values (?, ?, ?, ?)').run(p.name, p.segment, JSON.stringify(p.steps), at).lastInsertRowid)
}

export function updatePlan(ledger: Ledger, p: DunningPlan, at: number): void {
  ledger.sqlite.prepare('update dunning_plan set name = ?, segment = ?, steps = ?, updated_at = ? where id = ?').run(p.name, p.segment, JSON.stringify(p.steps), at, p.id)
}

export function listRates(ledger: Ledger): ReferenceRate[] {
  return ledger.sqlite.prepare('select series, from_date as "from", rate_bp as rateBp from reference_rate order by series, from_date').all() as ReferenceRate[]
}

export function upsertRate(ledger: Ledger, r: ReferenceRate): void {
  ledger.sqlite.prepare('insert into reference_rate (series, from_date, rate_bp) values (?, ?, ?) on conflict(series, from_date) do update set rate_bp = excluded.rate_bp').run(r.series, r.from, r.rateBp)
}

export function getSetting(ledger: Ledger, key: string): unknown {
  const v = ledger.sqlite.prepare('select value from setting where key = ?').pluck().get(key) as string | undefined
  return v === undefined ? undefined : JSON.parse(v)
}

export function setSetting(ledger: Ledger, key: string, value: unknown): void {
  ledger.sqlite.prepare('insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value').run(key, JSON.stringify(value))
}

export function invoiceExists(ledger: Ledger, id: number): boolean {
  return ledger.sqlite.prepare('select 1 from invoice where id = ?').get(id) !== undefined
}

export function setInvoicePlan(ledger: Ledger, invoiceId: number, planId: number | null): void {
  ledger.sqlite.prepare('insert into invoice_dunning (invoice_id, plan_id) values (?, ?) on conflict(invoice_id) do update set plan_id = excluded.plan_id').run(invoiceId, planId)
}

export function ensureDebtorCollection(ledger: Ledger, debtorId: number): void {
  ledger.sqlite.prepare('insert or ignore into debtor_collection (debtor_id) values (?)').run(debtorId)
}

export function setDebtorPlan(ledger: Ledger, debtorId: number, planId: number | null): void {
  ensureDebtorCollection(ledger, debtorId)
  ledger.sqlite.prepare('update debtor_collection set plan_id = ? where debtor_id = ?').run(planId, debtorId)
}

export function assignController(ledger: Ledger, debtorIds: readonly number[], controllerId: number | null): number {
  const ins = ledger.sqlite.prepare('insert or ignore into debtor_collection (debtor_id) values (?)')
  const upd = ledger.sqlite.prepare('update debtor_collection set controller_id = ? where debtor_id = ?')
  let n = 0
  for (const d of debtorIds) {
    ins.run(d)
    n += upd.run(controllerId, d).changes
  }
  return n
}

export function existingDebtorIds(ledger: Ledger, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  const out: number[] = []
  const stmt = ledger.sqlite.prepare('select id from debtor where id = ?').pluck()
  for (const id of ids) if (stmt.get(id) !== undefined) out.push(id)
  return out
}

export function userRole(ledger: Ledger, id: number): string | null {
  return (ledger.sqlite.prepare('select role from app_user where id = ? and active = 1').pluck().get(id) as string | undefined) ?? null
}
