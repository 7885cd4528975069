/**
 * The payments bench's data: a seeded ledger of open invoices and camt.053 files paying them. Line g of all files
 * together pays invoice 1 + (g * 9973) mod invoices, so files taken from disjoint ranges of g pay distinct invoices
 * (9973 is prime to every ledger size used here).
 */
import type { Ledger } from '../src/main/db/open'
import { makeRfReference } from '../src/core/rf-reference'
import { defaultAgreement } from '../src/shared/agreement'
import { toMajorString } from '../src/shared/money'

export const DEBTORS = 20_000
export const CLIENTS = 50

/** The invoice line g pays, and how it pays it: 0-5 RF reference, 6-7 number in the text, 8 known IBAN + amount, 9 unknown payer. */
export const invoiceOfLine = (g: number, invoices: number): number => 1 + ((g * 9973) % invoices)
export const kindOfLine = (g: number): number => g % 10

export function seed(ledger: Ledger, invoices: number): void {
  const q = ledger.sqlite
  q.transaction(() => {
    const c = q.prepare("insert into client (name, country, agreement, created_at) values (?, 'SE', ?, 0)")
    for (let i = 1; i <= CLIENTS; i++) c.run(`Client ${i}`, JSON.stringify(defaultAgreement))
    const d = q.prepare("insert into debtor (name, name_norm, country, created_at) values (?, ?, 'SE', 0)")
    for (let i = 1; i <= DEBTORS; i++) d.run(`Debtor ${i} AB`, `debtor ${i}`)
    const iban = q.prepare("insert into debtor_iban (iban, debtor_id, first_seen, source) values (?, ?, '2026-01-01', 'match')")
    for (let i = 1; i <= DEBTORS; i++) iban.run(debtorIban(i), i)
    const inv = q.prepare(
      `insert into invoice (id, client_id, debtor_id, number, currency, face, open_amount, advance, issue_date, due_date, funded_date, status, rf_ref, created_at)
       values (?, ?, ?, ?, 'EUR', ?, ?, ?, '2026-09-01', '2026-10-15', '2026-09-05', 'funded', ?, 0)`
    )
    for (let id = 1; id <= invoices; id++) {
      const face = faceOf(id)
      inv.run(id, 1 + (id % CLIENTS), 1 + (id % DEBTORS), `INV-${id}`, face, face, Math.round(face * 0.85), makeRfReference(String(id).padStart(9, '0')))
    }
  })()
}

export const faceOf = (id: number): number => 10_000 + ((id * 7919) % 5_000_000)
export const debtorIban = (i: number): string => `SE${String(10 + (i % 89)).padStart(2, '0')}${String(i).padStart(20, '0')}`

/** A camt.053 of lines first..first+lines-1, paying invoices in a realistic mix (see kindOfLine). */
export function statement(first: number, lines: number, invoices: number, tag: string): string {
  const parts: string[] = []
  for (let g = first; g < first + lines; g++) {
    const id = invoiceOfLine(g, invoices)
    const kind = kindOfLine(g)
    const amount = kind === 9 ? 12_345 + (g % 100_000) : faceOf(id)
    let rmt: string
    let party = ''
    if (kind < 6) rmt = `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${makeRfReference(String(id).padStart(9, '0'))}</Ref></CdtrRefInf></Strd>`
    else if (kind < 8) rmt = `<Ustrd>Payment of invoice INV-${id} thank you</Ustrd>`
    else if (kind === 8) {
      rmt = '<Ustrd>Payment</Ustrd>'
      party = `<DbtrAcct><Id><IBAN>${debtorIban(1 + (id % DEBTORS))}</IBAN></Id></DbtrAcct>`
    } else {
      rmt = `<Ustrd>Misc ${g}</Ustrd>`
      party = `<Dbtr><Nm>Unknown Payer ${g}</Nm></Dbtr>`
    }
    parts.push(
      `<Ntry><Amt Ccy="EUR">${toMajorString(amount, 'EUR')}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>${tag}-${g}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>${party}</RltdPties><RmtInf>${rmt}</RmtInf></TxDtls></NtryDtls></Ntry>`
    )
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>${tag}</MsgId><CreDtTm>2026-11-20T10:00:00</CreDtTm></GrpHdr><Stmt><Id>S-${tag}</Id><CreDtTm>2026-11-20T10:00:00</CreDtTm><Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>EUR</Ccy></Acct>\n${parts.join('\n')}\n</Stmt></BkToCstmrStmt></Document>`
}

