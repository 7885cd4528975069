import type { FormEvent, ReactNode } from 'react'
import { FormError } from './Field'

/** A settings panel that is one form: title with "Saved" and the save button on the right, then its sections. */
export function PanelForm({ label, title = label, saveLabel, saved, busy, formError, onSubmit, children }: {
  label: string
  title?: string
  saveLabel: string
  saved: boolean
  busy: boolean
  formError: string | null | undefined
  onSubmit: (e: FormEvent) => void
  children: ReactNode
}) {
  return (
    <form className="form panel" onSubmit={onSubmit} noValidate aria-label={label}>
      <div className="panel-head">
        <h2>{title}</h2>
        <div className="actions">
          {saved && <span className="saved" role="status">Saved</span>}
          <button type="submit" className="primary" disabled={busy}>
            {saveLabel}
          </button>
        </div>
      </div>
      <FormError message={formError} />
      {children}
    </form>
  )
}
