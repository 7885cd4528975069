import { useMemo, useRef, useState } from 'react'
import type { z } from 'zod'
import { ApiError } from './rpc'
import { FieldError } from './convert'

export type Values = Record<string, string>
/**
 * How to turn the typed text at one path into the API's value; throws FieldError when it cannot.
 * `describe` rewords a schema issue in the units the user typed (a bound of 10000 bp reads "100 %").
 */
export type Converter = ((raw: string, values: Values) => unknown) & { describe?: (issue: z.core.$ZodIssue) => string | undefined }

/** 'agreement.fee.tiers[0].rateBp': the same path syntax the API uses in its error issues. */
export function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') || '(input)'
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.match(/[^.[\]]+/g) ?? []
  let o: Record<string, unknown> | unknown[] = target
  parts.forEach((p, i) => {
    const key = /^\d+$/.test(p) ? Number(p) : p
    if (i === parts.length - 1) {
      ;(o as Record<string | number, unknown>)[key] = value
      return
    }
    const nextIsIndex = /^\d+$/.test(parts[i + 1])
    const cur = (o as Record<string | number, unknown>)[key]
    if (cur === undefined) (o as Record<string | number, unknown>)[key] = nextIsIndex ? [] : {}
    o = (o as Record<string | number, unknown>)[key] as Record<string, unknown>
  })
}

/**
 * A form validated as the user types with the SAME zod schema the backend uses: the typed text is
 * converted (percent -> bp, major -> minor units), parsed by the schema, and each issue lands under the
 * field at its path. Server-side issues (IBAN check digits, duplicates) land the same way after submit.
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, spec: (v: Values) => Record<string, Converter>, initial: Values) {
  const [values, setValues] = useState<Values>(initial)
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [server, setServer] = useState<{ fields: Record<string, string>; message: string | null }>({ fields: {}, message: null })
  const [busy, setBusy] = useState(false)
  const initialRef = useRef(initial)

  const { input, errors } = useMemo(() => {
    const out: Record<string, unknown> = {}
    const errs: Record<string, string> = {}
    const convs = spec(values)
    for (const [path, conv] of Object.entries(convs)) {
      try {
        setPath(out, path, conv(values[path] ?? '', values))
      } catch (e) {
        if (!(e instanceof FieldError)) throw e
        errs[path] = e.message
      }
    }
    const parsed = schema.safeParse(out)
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const p = formatPath(i.path)
        // A conversion message is more useful than the schema's complaint about the placeholder value.
        if (!errs[p]) errs[p] = convs[p]?.describe?.(i) ?? i.message
      }
    }
    return { input: parsed.success ? (parsed.data as z.output<S>) : null, errors: errs }
  }, [values, schema, spec])

  const errorFor = (path: string): string | undefined => server.fields[path] ?? (submitted || touched.has(path) ? errors[path] : undefined)

  return {
    values,
    errors,
    input,
    busy,
    formError: server.message,
    dirty: JSON.stringify(values) !== JSON.stringify(initialRef.current),
    set(path: string, value: string) {
      setValues((v) => ({ ...v, [path]: value }))
      setTouched((t) => (t.has(path) ? t : new Set(t).add(path)))
      if (server.fields[path]) setServer((s) => ({ ...s, fields: Object.fromEntries(Object.entries(s.fields).filter(([k]) => k !== path)) }))
    },
    /** Replaces several values at once (adding or removing a tier row, switching the fee kind). */
    patch(fn: (v: Values) => Values) {
      setValues(fn)
    },
    reset(next: Values) {
      initialRef.current = next
      setValues(next)
      setTouched(new Set())
      setSubmitted(false)
      setServer({ fields: {}, message: null })
    },
    errorFor,
    field(path: string) {
      return { name: path, value: values[path] ?? '', error: errorFor(path), onChange: (v: string) => this.set(path, v) }
    },
    /** Runs save when the form is valid; maps a refusal's issues onto fields. Resolves with save's result or null. */
    async submit<R>(save: (input: z.output<S>) => Promise<R>): Promise<R | null> {
      setSubmitted(true)
      if (!input) {
        setServer({ fields: {}, message: 'Please correct the marked fields.' })
        return null
      }
      setBusy(true)
      try {
        const r = await save(input)
        setServer({ fields: {}, message: null })
        return r
      } catch (e) {
        if (e instanceof ApiError && e.issues.length) {
          const known = Object.keys(spec(values))
          const fields: Record<string, string> = {}
          const rest: string[] = []
          for (const i of e.issues) {
            const target = known.find((k) => k === i.path) ?? known.find((k) => i.path.startsWith(k + '.') || i.path.startsWith(k + '['))
            if (target) fields[target] = i.message
            else rest.push(`${i.path}: ${i.message}`)
          }
          setServer({ fields, message: rest.length ? rest.join('; ') : 'Please correct the marked fields.' })
        } else setServer({ fields: {}, message: (e as Error).message })
        return null
      } finally {
        setBusy(false)
      }
    }
  }
}
export type SchemaForm = ReturnType<typeof useSchemaForm>
