import { useState } from 'react'
import { z } from 'zod'
import { USER_ROLES } from '../../../../shared/statuses'
import { contract, type UserRow } from '../../../../shared/contract'
import { SelectField, TextField } from '../../components/Field'
import { useSchemaForm, type Converter, type Values } from '../../lib/form'
import { useApi, useApiMutation } from '../../lib/query'
import { prefs, usePrefs } from '../../lib/prefs'

const createSchema = contract['users.create'].input
const spec = (): Record<string, Converter> => ({ name: (r) => r.trim(), role: (r) => r })

/** Local user profiles: who approves, who books. Not a login: the header picker says who is acting. */
export function UsersPanel() {
  const users = useApi('users.list', {})
  const { userId } = usePrefs()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>User profiles</h2>
        <button type="button" onClick={() => setEditing('new')} disabled={editing === 'new'}>
          Add user
        </button>
      </div>
      <table className="grid-table" aria-label="Users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {editing === 'new' && <UserEditor onDone={() => setEditing(null)} />}
          {(users.data ?? []).map((u) =>
            editing === u.id ? (
              <UserEditor key={u.id} user={u} onDone={() => setEditing(null)} />
            ) : (
              <tr key={u.id}>
                <td>
                  {u.name} {u.id === userId && <span className="badge tone-info inline">you</span>}
                </td>
                <td>{u.role}</td>
                <td>{u.active ? 'active' : <span className="muted">inactive</span>}</td>
                <td className="row-actions">
                  {u.active && u.id !== userId && (
                    <button type="button" className="link" onClick={() => prefs.setUser(u.id)}>
                      Act as
                    </button>
                  )}
                  <button type="button" className="link" onClick={() => setEditing(u.id)}>
                    Edit
                  </button>
                </td>
              </tr>
            )
          )}
          {users.data?.length === 0 && editing !== 'new' && (
            <tr>
              <td colSpan={4} className="muted empty">
                No profiles yet. Add one per person so approvals and postings record who did them.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}

function UserEditor({ user, onDone }: { user?: UserRow; onDone: () => void }) {
  const form = useSchemaForm(createSchema as z.ZodType, spec, { name: user?.name ?? '', role: user?.role ?? 'accountant' } as Values)
  const [active, setActive] = useState(user?.active ?? true)
  const create = useApiMutation('users.create')
  const update = useApiMutation('users.update')
  async function save() {
    const r = await form.submit((i) => {
      const v = i as { name: string; role: (typeof USER_ROLES)[number] }
      return user ? update.mutateAsync({ id: user.id, ...v, active }) : create.mutateAsync(v)
    })
    if (r) onDone()
  }
  return (
    <tr className="editing">
      <td>
        <TextField label="Name" {...form.field('name')} autoFocus />
      </td>
      <td>
        <SelectField label="Role" {...form.field('role')} options={USER_ROLES} />
      </td>
      <td>
        {user && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> active
          </label>
        )}
      </td>
      <td className="row-actions">
        {form.formError && <span className="field-error">{form.formError}</span>}
        <button type="button" className="primary" onClick={save} disabled={form.busy}>
          {user ? 'Save' : 'Add'}
        </button>
        <button type="button" className="link" onClick={onDone}>
          Cancel
        </button>
      </td>
    </tr>
  )
}
