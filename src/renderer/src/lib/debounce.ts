import { useEffect, useState } from 'react'

/**
 * The value once it has stopped changing for `ms` (typing, editing a mapping), so each keystroke does not ask the
 * backend again. Compared by JSON, so an object rebuilt with the same content does not restart the wait.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  const json = JSON.stringify(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json, ms])
  return v
}
