import { useSyncExternalStore } from 'react'

/**
 * Per-machine preferences kept in localStorage: the acting user profile (sent with every call)
 * and the display locale. A tiny external store so every component re-renders when they change.
 */
interface Prefs {
  userId: number | null
  locale: string
}

const KEY_USER = 'fd.userId'
const KEY_LOCALE = 'fd.locale'

function defaultLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB'
}

function read(): Prefs {
  const raw = localStorage.getItem(KEY_USER)
  const n = raw === null ? NaN : Number(raw)
  return { userId: Number.isInteger(n) && n > 0 ? n : null, locale: localStorage.getItem(KEY_LOCALE) || defaultLocale() }
}

let current = read()
const listeners = new Set<() => void>()

function set(next: Partial<Prefs>): void {
  current = { ...current, ...next }
  if (current.userId === null) localStorage.removeItem(KEY_USER)
  else localStorage.setItem(KEY_USER, String(current.userId))
  localStorage.setItem(KEY_LOCALE, current.locale)
  listeners.forEach((l) => l())
}

export const prefs = {
  get: (): Prefs => current,
  setUser: (userId: number | null) => set({ userId }),
  setLocale: (locale: string) => set({ locale }),
  subscribe(l: () => void): () => void {
    listeners.add(l)
    return () => listeners.delete(l)
  }
}

export function usePrefs(): Prefs {
  return useSyncExternalStore(prefs.subscribe, prefs.get)
}
