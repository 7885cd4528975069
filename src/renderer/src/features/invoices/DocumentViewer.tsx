import { useEffect, useState } from 'react'
import { call } from '../../lib/rpc'

interface Shown {
  url: string
  title: string
  fileName: string
}

/** PDF bytes arrive base64-encoded; a blob URL lets the built-in viewer show them without a file. */
function blobUrl(base64: string): string {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
}

/**
 * Buttons for the invoice's documents and an in-page viewer. In-page, because the desktop window opens no
 * new windows; a download link is there for saving or for a browser that will not show PDFs in a frame.
 */
export function DocumentButtons({ invoiceId }: { invoiceId: number }) {
  const [shown, setShown] = useState<Shown | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => () => void (shown && URL.revokeObjectURL(shown.url)), [shown])
  useEffect(() => {
    if (!shown) return
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setShown(null)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [shown])

  async function open(variant: 'copy' | 'notice') {
    setBusy(variant)
    setError(null)
    try {
      const doc = await call('documents.render', { kind: 'invoice', invoiceId, variant })
      setShown({ url: blobUrl(doc.base64), title: doc.title, fileName: doc.fileName })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <button type="button" onClick={() => void open('copy')} disabled={busy !== null}>
        {busy === 'copy' ? 'Rendering…' : 'Invoice copy (PDF)'}
      </button>
      <button type="button" onClick={() => void open('notice')} disabled={busy !== null}>
        {busy === 'notice' ? 'Rendering…' : 'Notice of assignment (PDF)'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {shown && (
        <div className="doc-viewer" role="dialog" aria-label={shown.title}>
          <div className="doc-viewer-head">
            <strong>{shown.title}</strong>
            <a href={shown.url} download={shown.fileName}>
              Download
            </a>
            <button type="button" onClick={() => setShown(null)} aria-label="Close document">
              Close
            </button>
          </div>
          <iframe title={shown.title} src={shown.url} />
        </div>
      )}
    </>
  )
}
