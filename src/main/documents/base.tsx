import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer'
import type { ReactNode } from 'react'
import { FONT_FAMILY } from './fonts'

/**
 * The shared page layout of every FactorDesk letter (invoice copies, notices, verification letters,
 * statements, reminders): DIN 5008 form B on A4, so the recipient's address shows through the window of
 * a C5/C6/DL window envelope and the folds fall on the fold marks.
 *
 * Kept deliberately flat (few nested Views, no dynamic `render` props on one-page letters): layout cost in
 * @react-pdf grows with the node count, and batch exports render hundreds of these.
 */

export const mm = (n: number): number => (n * 72) / 25.4

export const COLORS = { text: '#1f2933', muted: '#5f6b7a', rule: '#c5ccd6', accent: '#0b4f6c', band: '#eef3f7' }

/** DIN 5008 form B positions, in mm from the top-left corner of the sheet. */
export const LAYOUT = {
  marginLeft: 25,
  marginRight: 20,
  marginTop: 20,
  marginBottom: 24,
  letterheadTop: 10,
  window: { left: 20, top: 45, width: 85, height: 45, returnZone: 5, notesZone: 12.7 },
  info: { left: 125, top: 50, width: 75 },
  bodyTop: 98.5,
  foldMarks: [105, 210],
  holeMark: 148.5
}

export const s = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 9.5,
    // No lineHeight here: inherited from the Page it stops @react-pdf drawing `render` text (page numbers).
    color: COLORS.text,
    paddingTop: mm(LAYOUT.marginTop),
    paddingBottom: mm(LAYOUT.marginBottom),
    paddingLeft: mm(LAYOUT.marginLeft),
    paddingRight: mm(LAYOUT.marginRight)
  },
  foldMark: { position: 'absolute', left: mm(4), width: mm(5), borderTopWidth: 0.5, borderTopColor: COLORS.muted },
  letterhead: { position: 'absolute', top: mm(LAYOUT.letterheadTop), left: mm(LAYOUT.marginLeft), right: mm(LAYOUT.marginRight), height: mm(30), flexDirection: 'row', justifyContent: 'space-between' },
  brand: { width: mm(75), height: mm(30) },
  brandRight: { width: mm(75), height: mm(30), alignItems: 'flex-end' },
  brandCaption: { fontSize: 6.5, color: COLORS.muted, textTransform: 'uppercase', letterSpacing: 0.6, marginBottom: mm(1) },
  brandLogo: { maxHeight: mm(16), maxWidth: mm(60), objectFit: 'contain' },
  brandName: { fontSize: 13, fontWeight: 'bold', color: COLORS.accent, lineHeight: 1.15 },
  alignRight: { textAlign: 'right' },
  brandNameSmall: { fontSize: 8, fontWeight: 'bold', marginTop: mm(1) },
  window: { position: 'absolute', left: mm(LAYOUT.window.left), top: mm(LAYOUT.window.top), width: mm(LAYOUT.window.width), height: mm(LAYOUT.window.height), paddingLeft: mm(5), paddingRight: mm(3) },
  returnZone: { height: mm(LAYOUT.window.returnZone), justifyContent: 'flex-end' },
  returnLine: { fontSize: 6.5, color: COLORS.muted, textDecoration: 'underline' },
  notes: { height: mm(LAYOUT.window.notesZone), fontSize: 7.5, fontWeight: 'bold', paddingTop: mm(2) },
  recipient: { fontSize: 10, lineHeight: 1.3 },
  info: { position: 'absolute', left: mm(LAYOUT.info.left), top: mm(LAYOUT.info.top), width: mm(LAYOUT.info.width) },
  infoRow: { flexDirection: 'row', marginBottom: 1.5 },
  infoLabel: { width: mm(30), color: COLORS.muted, fontSize: 8 },
  infoValue: { width: mm(45), fontSize: 8.5 },
  bodyStart: { height: mm(LAYOUT.bodyTop - LAYOUT.marginTop) },
  title: { fontSize: 14, fontWeight: 'bold', marginBottom: mm(4) },
  // A unitless lineHeight is resolved against the fontSize of the same style object, so both go together.
  paragraph: { marginBottom: mm(3), fontSize: 9.5, lineHeight: 1.35 },
  bold: { fontWeight: 'bold' },
  muted: { color: COLORS.muted },
  small: { fontSize: 7.5 },
  footer: { position: 'absolute', bottom: mm(10), left: mm(LAYOUT.marginLeft), right: mm(LAYOUT.marginRight), borderTopWidth: 0.5, borderTopColor: COLORS.rule, paddingTop: mm(2), flexDirection: 'row', fontSize: 7, color: COLORS.muted, lineHeight: 1.3 },
  footerCol: { flex: 1 },
  // A fixed width: the text is only known after pagination, and an empty first pass would leave it zero wide.
  pageNumber: { position: 'absolute', bottom: mm(5), right: mm(LAYOUT.marginRight), width: mm(40), textAlign: 'right', fontSize: 7, color: COLORS.muted },
  tableHead: { flexDirection: 'row', borderBottomWidth: 0.8, borderBottomColor: COLORS.text, paddingBottom: 2, marginBottom: 2, fontWeight: 'bold', fontSize: 8 },
  tableRow: { flexDirection: 'row', paddingVertical: 1.5, borderBottomWidth: 0.3, borderBottomColor: COLORS.rule, fontSize: 8.5 },
  tableTotal: { flexDirection: 'row', paddingTop: 3, borderTopWidth: 0.8, borderTopColor: COLORS.text, fontWeight: 'bold', fontSize: 8.5 },
  box: { borderWidth: 1, borderColor: COLORS.accent, backgroundColor: COLORS.band, paddingHorizontal: mm(4), paddingVertical: mm(3), marginVertical: mm(3) },
  kvColumns: { flexDirection: 'row' },
  kvRow: { flexDirection: 'row', marginTop: 2 },
  kvLabel: { width: mm(24), color: COLORS.muted },
  kvValue: { flex: 1, fontWeight: 'bold' },
  cutLine: { borderTopWidth: 0.8, borderTopColor: COLORS.muted, borderStyle: 'dashed', marginTop: mm(5), paddingTop: mm(3) },
  signatureLine: { borderTopWidth: 0.5, borderTopColor: COLORS.text, paddingTop: 2, fontSize: 7.5, color: COLORS.muted, width: mm(70) }
})

export function LetterDocument({ title, author, children }: { title: string; author: string; children: ReactNode }) {
  return (
    <Document title={title} author={author} creator="FactorDesk" producer="FactorDesk">
      {children}
    </Document>
  )
}

/**
 * One A4 page with fold and hole marks. The footer repeats on every page of a multi-page letter.
 * pageNumbers adds "Page n of m" when the letter runs over one page; it costs a second layout pass,
 * so only letters that can grow (statements, long lists) ask for it.
 */
export function LetterPage({ children, footer, pageNumbers }: { children: ReactNode; footer: ReactNode; pageNumbers?: boolean }) {
  return (
    <Page size="A4" style={s.page}>
      {LAYOUT.foldMarks.map((y) => (
        <View key={y} style={[s.foldMark, { top: mm(y) }]} />
      ))}
      <View style={[s.foldMark, { top: mm(LAYOUT.holeMark), width: mm(7) }]} />
      {children}
      <View style={s.footer} fixed>
        {footer}
      </View>
      {pageNumbers ? <Text style={s.pageNumber} fixed render={({ pageNumber, totalPages }) => (totalPages > 1 ? `Page ${pageNumber} of ${totalPages}` : '')} /> : null}
    </Page>
  )
}

export interface BrandInfo {
  name: string
  /** A PNG or JPEG data: URL, or '' to print the name as a word mark. */
  logo?: string | null
  caption?: string
}

function Brand({ brand, right }: { brand: BrandInfo; right?: boolean }) {
  return (
    <View style={right ? s.brandRight : s.brand}>
      {/* The caption line is always there, so both names start at the same height. */}
      <Text style={s.brandCaption}>{brand.caption ?? ' '}</Text>
      {brand.logo ? <Image src={brand.logo} style={s.brandLogo} /> : null}
      <Text style={[brand.logo ? s.brandNameSmall : s.brandName, right ? s.alignRight : {}]}>{brand.name}</Text>
    </View>
  )
}

/** The top band: the issuer on the left and, where there is one, the assignee on the right. */
export function Letterhead({ left, right }: { left: BrandInfo; right?: BrandInfo }) {
  return (
    <View style={s.letterhead}>
      <Brand brand={left} />
      {right ? <Brand brand={right} right /> : null}
    </View>
  )
}

/** The window-envelope address field: return address, notes zone (e.g. "Notice of assignment"), recipient. */
export function AddressWindow({ returnLine, note, lines }: { returnLine: string; note?: string; lines: string[] }) {
  return (
    <View style={s.window}>
      <View style={s.returnZone}>
        <Text style={s.returnLine}>{returnLine}</Text>
      </View>
      <Text style={s.notes}>{note ?? ''}</Text>
      <Text style={s.recipient}>{lines.join('\n')}</Text>
    </View>
  )
}

/** The reference block right of the window: label/value pairs such as invoice number and dates. */
export function InfoBlock({ rows }: { rows: [string, string][] }) {
  return (
    <View style={s.info}>
      {rows.map(([label, value]) => (
        <View key={label} style={s.infoRow}>
          <Text style={s.infoLabel}>{label}</Text>
          <Text style={s.infoValue}>{value}</Text>
        </View>
      ))}
    </View>
  )
}

/** Pushes the body below the address field on the first page only; later pages start at the top margin. */
export const BodyStart = () => <View style={s.bodyStart} />

export interface Column {
  label: string
  /** Relative width (flex grow). */
  width: number
  align?: 'left' | 'right'
}

/** A plain table whose header repeats when it runs onto another page. */
export function Table({ columns, rows, total }: { columns: Column[]; rows: string[][]; total?: string[] }) {
  const cell = (c: Column) => ({ flex: c.width, textAlign: c.align ?? 'left', paddingRight: 4 }) as const
  return (
    <View>
      <View style={s.tableHead} fixed>
        {columns.map((c) => (
          <Text key={c.label} style={cell(c)}>
            {c.label}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={s.tableRow} wrap={false}>
          {columns.map((c, j) => (
            <Text key={j} style={cell(c)}>
              {r[j]}
            </Text>
          ))}
        </View>
      ))}
      {total ? (
        <View style={s.tableTotal} wrap={false}>
          {columns.map((c, j) => (
            <Text key={j} style={cell(c)}>
              {total[j] ?? ''}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** Label/value lines, as in a payment-instruction box; `columns` 2 sets them side by side to save height. */
export function KeyValues({ rows, columns = 1, labelWidth }: { rows: [string, string][]; columns?: 1 | 2; labelWidth?: number }) {
  const half = Math.ceil(rows.length / 2)
  const groups = columns === 2 ? [rows.slice(0, half), rows.slice(half)] : [rows]
  return (
    <View style={s.kvColumns}>
      {groups.map((g, i) => (
        <View key={i} style={{ flex: 1 }}>
          {g.map(([k, v]) => (
            <View key={k} style={s.kvRow} wrap={false}>
              <Text style={labelWidth ? [s.kvLabel, { width: mm(labelWidth) }] : s.kvLabel}>{k}</Text>
              <Text style={s.kvValue}>{v}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/** Footer columns: each a block of short lines (sender, bank details, contact). */
export function FooterColumns({ columns }: { columns: string[][] }) {
  return (
    <>
      {columns.map((lines, i) => (
        <Text key={i} style={s.footerCol}>
          {lines.filter(Boolean).join('\n')}
        </Text>
      ))}
    </>
  )
}
