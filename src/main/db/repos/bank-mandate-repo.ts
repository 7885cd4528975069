/** SEPA direct-debit mandates and the collections sent under them. */
import type { MandateRow } from '../../../shared/contract/payments'
import type { Ledger } from '../open'

const MANDATE = `m.id, m.debtor_id as debtorId, d.name as debtorName, m.umr, m.signature_date as signatureDate, m.scheme, m.sequence, m.iban, m.bic, m.active`

function row(r: Omit<MandateRow, 'active'> & { active: number }): MandateRow {
  return { ...r, active: r.active === 1 }
}

export function listMandates(ledger: Ledger, debtorId?: number): MandateRow[] {
  const rows = ledger.sqlite
    .prepare(`select ${MANDATE} from sdd_mandate m join debtor d on d.id = m.debtor_id ${debtorId ? 'where m.debtor_id = ?' : ''} order by d.name, m.id`)
    .all(...(debtorId ? [debtorId] : [])) as (Omit<MandateRow, 'active'> & { active: number })[]
  return rows.map(row)
}

export function insertMandate(ledger: Ledger, m: Omit<MandateRow, 'id' | 'debtorName' | 'active'>, at: number): number {
  return Number(
    ledger.sqlite
      .prepare('insert into sdd_mandate (debtor_id, umr, signature_date, scheme, sequence, iban, bic, active, created_at) values (?,?,?,?,?,?,?,1,?)')
      .run(m.debtorId, m.umr, m.signatureDate, m.scheme, m.sequence, m.iban, m.bic, at).lastInsertRowid
  )
}

/** Marks a mandate revoked (the debtor withdrew it, or it lapsed): no later export collects under it. True if it was active. */
export function deactivateMandate(ledger: Ledger, id: number): boolean {
  return ledger.sqlite.prepare('update sdd_mandate set active = 0 where id = ? and active = 1').run(id).changes === 1
}

export interface Collectible {
  invoiceId: number
  number: string
  rfRef: string
  currency: string
  openAmount: number
  dueDate: string
  debtorName: string
  mandateId: number
  umr: string
  signatureDate: string
  scheme: 'CORE' | 'B2B'
  sequence: 'FRST' | 'RCUR' | 'OOFF' | 'FNAL'
  iban: string
  bic: string | null
}

/** Open invoices of debtors with an active mandate and no collection already under way, due by the collection date. */
export function collectibleInvoices(ledger: Ledger, collectionDate: string, invoiceIds?: number[]): Collectible[] {
  const only = invoiceIds?.length ? `and i.id in (${invoiceIds.map(() => '?').join(',')})` : 'and i.due_date <= ?'
  return ledger.sqlite
    .prepare(
      `select i.id as invoiceId, i.number, i.rf_ref as rfRef, i.currency, i.open_amount as openAmount, i.due_date as dueDate, d.name as debtorName,
         m.id as mandateId, m.umr, m.signature_date as signatureDate, m.scheme, m.sequence, m.iban, m.bic
       from invoice i join debtor d on d.id = i.debtor_id
       join sdd_mandate m on m.id = (select id from sdd_mandate where debtor_id = i.debtor_id and active = 1 order by id desc limit 1)
       where i.status in ('funded','partly_paid') and i.open_amount > 0 and i.currency = 'EUR' ${only}
         and not exists (select 1 from sdd_collection c where c.invoice_id = i.id and c.status = 'sent')
       order by m.scheme, m.sequence, i.due_date, i.id`
    )
    .all(...(invoiceIds?.length ? invoiceIds : [collectionDate])) as Collectible[]
}

export function insertCollection(ledger: Ledger, c: { mandateId: number; invoiceId: number; msgId: string; endToEndId: string; amount: number; currency: string; collectionDate: string; sequence: string; at: number }): void {
  ledger.sqlite
    .prepare("insert into sdd_collection (mandate_id, invoice_id, msg_id, end_to_end_id, amount, currency, collection_date, sequence, status, created_at) values (?,?,?,?,?,?,?,?,'sent',?)")
    .run(c.mandateId, c.invoiceId, c.msgId, c.endToEndId, c.amount, c.currency, c.collectionDate, c.sequence, c.at)
}

/** Paid: and a first collection moves the mandate on to recurring. */
export function markCollectionPaid(ledger: Ledger, endToEndId: string): void {
  ledger.sqlite.prepare("update sdd_collection set status = 'paid' where end_to_end_id = ? and status = 'sent'").run(endToEndId)
  ledger.sqlite.prepare("update sdd_mandate set sequence = 'RCUR' where sequence = 'FRST' and id = (select mandate_id from sdd_collection where end_to_end_id = ?)").run(endToEndId)
}

export function markCollectionReturned(ledger: Ledger, id: number, reason: string): void {
  ledger.sqlite.prepare("update sdd_collection set status = 'returned', return_reason = ? where id = ?").run(reason, id)
}

export function nextCollectionSeq(ledger: Ledger): number {
  return ((ledger.sqlite.prepare('select coalesce(max(id), 0) from sdd_collection').pluck().get() as number) ?? 0) + 1
}

/** The live application that booked a collection as paid: the bank line carrying its end-to-end id, and its entry. */
export function collectionApplication(ledger: Ledger, collectionId: number): { bankEntryId: number; journalEntryId: number } | null {
  return (
    (ledger.sqlite
      .prepare(
        `select a.bank_entry_id as bankEntryId, a.journal_entry_id as journalEntryId
         from sdd_collection c join bank_entry b on b.end_to_end_id = c.end_to_end_id join bank_allocation a on a.bank_entry_id = b.id and a.invoice_id = c.invoice_id
         where c.id = ? and a.reversal_entry_id is null order by a.id desc limit 1`
      )
      .get(collectionId) as { bankEntryId: number; journalEntryId: number } | undefined) ?? null
  )
}
