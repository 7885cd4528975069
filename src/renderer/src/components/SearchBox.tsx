import { useEffect, useState } from 'react'

/** A search input that reports its value once typing pauses, so a list is not refetched per keystroke. */
export function SearchBox({ value, onChange, placeholder, delay = 250 }: { value: string; onChange: (v: string) => void; placeholder: string; delay?: number }) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  useEffect(() => {
    if (text === value) return
    const t = setTimeout(() => onChange(text), delay)
    return () => clearTimeout(t)
  }, [text, value, delay, onChange])
  return <input type="search" className="search" placeholder={placeholder} aria-label={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
}
