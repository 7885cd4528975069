import { useId, type ReactNode } from 'react'

interface FieldProps {
  label: string
  value: string
  onChange: (v: string) => void
  error?: string
  name: string
  hint?: ReactNode
  /** Text after the input: '%', 'days', 'EUR'. */
  suffix?: string
  type?: string
  placeholder?: string
  wide?: boolean
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email'
  autoFocus?: boolean
}

/** A labelled input with its error (or hint) underneath, wired for screen readers. */
export function TextField({ label, value, onChange, error, name, hint, suffix, type = 'text', placeholder, wide, inputMode, autoFocus }: FieldProps) {
  const id = useId()
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="input-wrap">
        <input
          id={id}
          name={name}
          type={type}
          value={value}
          placeholder={placeholder}
          inputMode={inputMode}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? `${id}-msg` : undefined}
          className={suffix ? 'num' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {suffix && <span className="suffix">{suffix}</span>}
      </div>
      {error ? (
        <div id={`${id}-msg`} className="field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div id={`${id}-msg`} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  )
}

export function SelectField({ label, value, onChange, error, name, options, hint }: Omit<FieldProps, 'type'> & { options: readonly (string | { value: string; label: string })[] }) {
  const id = useId()
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const opt = typeof o === 'string' ? { value: o, label: o } : o
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          )
        })}
      </select>
      {error ? <div className="field-error" role="alert">{error}</div> : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  )
}

export function FormSection({ title, children, note }: { title: string; children: ReactNode; note?: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      {note && <p className="section-note">{note}</p>}
      <div className="grid">{children}</div>
    </fieldset>
  )
}

/** A problem with the form as a whole (not under one field), shown above its sections. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? <div className="panel error" role="alert">{message}</div> : null
}
