import { factorDetailsSchema, jobSettingsInput, type JobSettingsInput, type AuditRow, type FactorDetails, type LedgerStats, type UserRow } from '../../shared/contract'
import type { UserRole } from '../../shared/statuses'
import { AppError, notFound } from '../api/errors'
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { audit } from '../db/repos/audit-repo'
import { checkJournal } from '../db/repos/journal-repo'
import { writeTx, type ServiceContext } from './context'

export function createAdminService(ctx: ServiceContext) {
  const q = ctx.ledger.sqlite
  const getSetting = (key: string): unknown => {
    const v = q.prepare('select value from setting where key = ?').pluck().get(key) as string | undefined
    return v === undefined ? undefined : JSON.parse(v)
  }
  const setSetting = (key: string, value: unknown): void => {
    q.prepare('insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value').run(key, JSON.stringify(value))
  }
  return {
    getSetting,
    setSetting,
    getFactor(): FactorDetails | null {
      const raw = getSetting('factor')
      return raw === undefined ? null : factorDetailsSchema.parse(raw)
    },
    setFactor(details: FactorDetails, userId: number | null): FactorDetails {
      writeTx(ctx, () => {
        setSetting('factor', details)
        audit(ctx.ledger, ctx.clock.now(), { userId, action: 'settings.factor', entity: 'setting', entityId: 'factor', details: { ...details, logo: details.logo ? '(image)' : '' } })
      })
      ctx.emit('ledger.changed', { scope: ['settings'] })
      return details
    },
    getJobs(): JobSettingsInput {
      return jobSettingsInput.parse({ bankFolder: null, remindersEnabled: true, ...((getSetting('jobs') as object | undefined) ?? {}) })
    },
    /** The folder must exist now: a typo found at the next import would lose a day of bank files. */
    setJobs(input: JobSettingsInput, userId: number | null): JobSettingsInput {
      const f = input.bankFolder
      if (f !== null && (!isAbsolute(f) || !existsSync(f) || !statSync(f).isDirectory())) {
        throw new AppError('INVALID_INPUT', `bankFolder: "${f}" is not an existing folder (give a full path)`, [{ path: 'bankFolder', message: 'not an existing folder' }])
      }
      writeTx(ctx, () => {
        setSetting('jobs', input)
        audit(ctx.ledger, ctx.clock.now(), { userId, action: 'settings.jobs', entity: 'setting', entityId: 'jobs', details: input })
      })
      ctx.emit('ledger.changed', { scope: ['settings', 'jobs'] })
      return input
    },
    listUsers(): UserRow[] {
      return (q.prepare('select id, name, role, active from app_user order by name').all() as (Omit<UserRow, 'active'> & { active: number })[]).map((u) => ({ ...u, active: u.active === 1 }))
    },
    userExists(id: number): boolean {
      return q.prepare('select 1 from app_user where id = ? and active = 1').get(id) !== undefined
    },
    createUser(input: { name: string; role: UserRole }, userId: number | null): UserRow {
      const id = writeTx(ctx, () => {
        const id = Number(q.prepare('insert into app_user (name, role, active, created_at) values (?, ?, 1, ?)').run(input.name, input.role, ctx.clock.now()).lastInsertRowid)
        audit(ctx.ledger, ctx.clock.now(), { userId, action: 'user.create', entity: 'user', entityId: id, details: input })
        return id
      })
      return this.listUsers().find((u) => u.id === id)!
    },
    updateUser(input: { id: number; name: string; role: UserRole; active: boolean }, userId: number | null): UserRow {
      const changed = writeTx(ctx, () => {
        const r = q.prepare('update app_user set name = ?, role = ?, active = ? where id = ?').run(input.name, input.role, input.active ? 1 : 0, input.id)
        if (r.changes) audit(ctx.ledger, ctx.clock.now(), { userId, action: 'user.update', entity: 'user', entityId: input.id, details: input })
        return r.changes
      })
      if (!changed) throw notFound('user', input.id)
      return this.listUsers().find((u) => u.id === input.id)!
    },
    stats(): LedgerStats {
      const count = (t: string) => q.prepare(`select count(*) from ${t}`).pluck().get() as number
      const byStatus = q.prepare('select status, count(*) as n from invoice group by status').all() as { status: string; n: number }[]
      const open = q
        .prepare("select currency, sum(open_amount) as amount from invoice where status in ('funded','partly_paid','disputed') group by currency order by currency")
        .all() as { currency: string; amount: number }[]
      const j = checkJournal(ctx.ledger)
      return {
        clients: count('client'),
        debtors: count('debtor'),
        invoices: count('invoice'),
        invoicesByStatus: Object.fromEntries(byStatus.map((s) => [s.status, s.n])),
        openBalance: open,
        journal: { balanced: j.balanced, entries: j.entries, lines: j.lines, totals: j.totals }
      }
    },
    auditList(f: { entity?: string; entityId?: string; limit: number }): AuditRow[] {
      const conds: string[] = []
      const args: (string | number)[] = []
      if (f.entity) conds.push('a.entity = ?'), args.push(f.entity)
      if (f.entityId) conds.push('a.entity_id = ?'), args.push(f.entityId)
      const rows = q
        .prepare(`select a.id, a.at, u.name as userName, a.action, a.entity, a.entity_id as entityId, a.details from audit_log a left join app_user u on u.id = a.user_id ${conds.length ? 'where ' + conds.join(' and ') : ''} order by a.id desc limit ?`)
        .all(...args, f.limit) as (AuditRow & { details: string | null })[]
      return rows.map((r) => ({ ...r, details: r.details ? JSON.parse(r.details) : null }))
    }
  }
}
export type AdminService = ReturnType<typeof createAdminService>
