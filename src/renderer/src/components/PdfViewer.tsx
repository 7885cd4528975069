import { useCallback, useEffect, useState } from 'react'

/** A PDF the API rendered, as the documents.* methods return it. */
export interface RenderedPdf {
  base64: string
  title: string
  fileName: string
}

export interface ShownPdf {
  url: string
  title: string
  fileName: string
}

/** PDF bytes arrive base64-encoded; a blob URL lets the built-in viewer show them without a file. */
export function pdfBlobUrl(base64: string): string {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
}

/**
 * The PDF on show, if any. Its blob URL is released when another replaces it or the screen goes away,
 * so opening documents one after another does not keep every one of them in memory.
 */
export function useShownPdf() {
  const [shown, setShown] = useState<ShownPdf | null>(null)
  useEffect(() => () => void (shown && URL.revokeObjectURL(shown.url)), [shown])
  const show = useCallback((doc: RenderedPdf) => setShown({ url: pdfBlobUrl(doc.base64), title: doc.title, fileName: doc.fileName }), [])
  const close = useCallback(() => setShown(null), [])
  return { shown, show, close }
}

/**
 * The in-page viewer. In-page, because the desktop window opens no new windows; a download link is
 * there for saving or for a browser that will not show PDFs in a frame. Escape closes it.
 */
export function PdfViewer({ shown, onClose }: { shown: ShownPdf; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  return (
    <div className="doc-viewer" role="dialog" aria-label={shown.title}>
      <div className="doc-viewer-head">
        <strong>{shown.title}</strong>
        <a href={shown.url} download={shown.fileName}>
          Download
        </a>
        <button type="button" onClick={onClose} aria-label="Close document">
          Close
        </button>
      </div>
      <iframe title={shown.title} src={shown.url} />
    </div>
  )
}
