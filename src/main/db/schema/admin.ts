import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Local user profiles: who is acting, for the audit log and the four-eyes rule. No passwords on a single machine. */
export const userTable = sqliteTable('app_user', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ['admin', 'approver', 'controller', 'accountant'] }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull()
})

export const auditTable = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>()
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)]
)

/** Key-value settings (the factor's own details, thresholds), each value JSON and validated by zod on read. */
export const settingTable = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull()
})
