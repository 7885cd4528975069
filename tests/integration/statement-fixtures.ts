/** Builders for the payments tests and bench: funded invoices in a ledger, and camt.053 files to import. */
import type { Ledger } from '../../src/main/db/open'
import { rfForInvoiceId } from '../../src/main/services/invoices-service'
import { toMajorString } from '../../src/shared/money'
import type { Backend } from '../../src/main/backend'
import { anAgreement } from '../support/backend'
import type { Agreement } from '../../src/shared/agreement'

export interface FundedInvoice {
  id: number
  number: string
  rfRef: string
  face: number
  advance: number
  clientId: number
  debtorId: number
}

/**
 * Inserts a funded invoice and its funding entry the way funding books it: receivables at face, the advance
 * paid out of the bank, the rest held in the client's reserve.
 */
export function fundedInvoice(ledger: Ledger, p: { clientId: number; debtorId: number; number: string; face: number; advanceBp?: number; fundedDate?: string; dueDate?: string; currency?: string }): FundedInvoice {
  const q = ledger.sqlite
  const advance = Math.round((p.face * (p.advanceBp ?? 8500)) / 10_000)
  const fundedDate = p.fundedDate ?? '2026-10-01'
  const currency = p.currency ?? 'EUR'
  return ledger.sqlite.transaction(() => {
    const id = Number(
      q.prepare(
        `insert into invoice (client_id, debtor_id, number, currency, face, open_amount, advance, issue_date, due_date, funded_date, status, rf_ref, created_at)
         values (?,?,?,?,?,?,?,?,?,?,'funded', 'pending:' || hex(randomblob(8)), 0)`
      ).run(p.clientId, p.debtorId, p.number, currency, p.face, p.face, advance, '2026-09-25', p.dueDate ?? '2026-10-31', fundedDate).lastInsertRowid
    )
    const rf = rfForInvoiceId(id)
    q.prepare('update invoice set rf_ref = ? where id = ?').run(rf, id)
    const e = Number(q.prepare("insert into journal_entry (date, kind, memo, client_id, invoice_id, created_at) values (?, 'funding', 'test funding', ?, ?, 0)").run(fundedDate, p.clientId, id).lastInsertRowid)
    const line = q.prepare('insert into journal_line (entry_id, account, currency, amount, client_id, debtor_id, invoice_id) values (?,?,?,?,?,?,?)')
    line.run(e, 'receivables', currency, p.face, p.clientId, p.debtorId, id)
    line.run(e, 'bank', currency, -advance, p.clientId, null, id)
    if (p.face - advance) line.run(e, 'clientReserve', currency, -(p.face - advance), p.clientId, null, id)
    return { id, number: p.number, rfRef: rf, face: p.face, advance, clientId: p.clientId, debtorId: p.debtorId }
  })()
}

export async function aClientAndDebtor(b: Backend, name = 'Nordic Tools AB', agreement: Partial<Agreement> = {}): Promise<{ clientId: number; debtorId: number }> {
  const c = b.services.parties.createClient({ name: `Client of ${name}`, country: 'SE', agreement: anAgreement(agreement) }, null)
  const d = b.services.parties.createDebtor({ name, country: 'SE', language: 'sv', creditLimit: 100_000_000, limitCurrency: 'EUR', riskClass: 'standard', paymentRating: 'B' }, null)
  return { clientId: c.id, debtorId: d.id }
}

export interface CamtLine {
  amount: number
  currency?: string
  date?: string
  ref?: string | null
  ustrd?: string | null
  name?: string | null
  iban?: string | null
  e2e?: string | null
  acctSvcrRef?: string | null
}

const x = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** A minimal valid camt.053.001.02 with one statement. */
export function camt053(lines: CamtLine[], opts: { account?: string; id?: string; kind?: '053' | '054' } = {}): string {
  const kind = opts.kind ?? '053'
  const root = kind === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn'
  const rec = kind === '053' ? 'Stmt' : 'Ntfctn'
  const ntry = lines
    .map((l) => {
      const cur = l.currency ?? 'EUR'
      const cd = l.amount >= 0 ? 'CRDT' : 'DBIT'
      const party = l.amount >= 0 ? 'Dbtr' : 'Cdtr'
      return `<Ntry><Amt Ccy="${cur}">${toMajorString(Math.abs(l.amount), cur)}</Amt><CdtDbtInd>${cd}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${l.date ?? '2026-11-20'}</Dt></BookgDt><ValDt><Dt>${l.date ?? '2026-11-20'}</Dt></ValDt>${l.acctSvcrRef ? `<AcctSvcrRef>${x(l.acctSvcrRef)}</AcctSvcrRef>` : ''}<BkTxCd/><NtryDtls><TxDtls>${l.e2e ? `<Refs><EndToEndId>${x(l.e2e)}</EndToEndId></Refs>` : ''}<RltdPties>${l.name ? `<${party}><Nm>${x(l.name)}</Nm></${party}>` : ''}${l.iban ? `<${party}Acct><Id><IBAN>${l.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties><RmtInf>${l.ustrd ? `<Ustrd>${x(l.ustrd)}</Ustrd>` : ''}${l.ref ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${l.ref}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.02"><${root}><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T10:00:00</CreDtTm></GrpHdr>
<${rec}><Id>${opts.id ?? 'S1'}</Id><CreDtTm>2026-11-20T10:00:00</CreDtTm><Acct><Id><IBAN>${opts.account ?? 'SE3550000000054910000003'}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${ntry}
</${rec}></${root}></Document>
`
}

export const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s)
