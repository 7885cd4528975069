import { useState } from 'react'
import { PdfViewer, useShownPdf } from '../../components/PdfViewer'
import { call } from '../../lib/rpc'

/** Buttons for the invoice's documents, shown in the shared in-page PDF viewer. */
export function DocumentButtons({ invoiceId }: { invoiceId: number }) {
  const pdf = useShownPdf()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function open(variant: 'copy' | 'notice') {
    setBusy(variant)
    setError(null)
    try {
      pdf.show(await call('documents.render', { kind: 'invoice', invoiceId, variant }))
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
      {pdf.shown && <PdfViewer shown={pdf.shown} onClose={pdf.close} />}
    </>
  )
}
