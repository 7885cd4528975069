import { renderToBuffer } from '@react-pdf/renderer'
import type { ReactElement } from 'react'
import { registerFonts } from './fonts'

/** Renders one document to PDF bytes. Fonts are registered on first use, so callers never forget it. */
export async function renderPdf(doc: ReactElement): Promise<Buffer> {
  registerFonts()
  // renderToBuffer is typed for <Document> elements only; every template returns one.
  return renderToBuffer(doc as Parameters<typeof renderToBuffer>[0])
}
