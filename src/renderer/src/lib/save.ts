import { useState } from 'react'
import { ApiError } from './rpc'

/**
 * The outcome of saving a hand-written form: "Saved", or the server's words under the fields its issues
 * name (the issue path is the field name), or above the form when no field is named.
 */
export function useSaveOutcome() {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  /** Forgets the last outcome; call at the start of a submit. */
  function clear() {
    setSaved(false)
    setErrors({})
    setFormError(null)
  }
  async function save(run: () => Promise<void>) {
    try {
      await run()
      setSaved(true)
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])))
      else setFormError((err as Error).message)
    }
  }
  return { errors, setErrors, formError, saved, setSaved, clear, save }
}
