/**
 * SEPA direct debit: mandates, and pain.008.001.08 files collecting open invoices of debtors with a mandate.
 * Each collection's end-to-end id comes back on the bank statement: paid, it matches the invoice (ladder rung 0);
 * returned (camt.054 debit), it reverses the payment and reopens the invoice (statement import).
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import type { DirectDebitPreview, MandateRow } from '../../shared/contract/payments'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { collectibleInvoices, deactivateMandate, insertCollection, insertMandate, listMandates, nextCollectionSeq } from '../db/repos/bank-mandate-repo'
import { buildPain008 } from '../sepa/pain008'
import { createAdminService } from './admin-service'
import { writeTx, type ServiceContext } from './context'

export function createDirectDebitService(ctx: ServiceContext) {
  const { ledger, clock } = ctx
  const admin = createAdminService(ctx)
  return {
    listMandates: (debtorId?: number) => listMandates(ledger, debtorId),
    createMandate(input: Omit<MandateRow, 'id' | 'debtorName' | 'active' | 'sequence'> & { sequence: 'FRST' | 'RCUR' | 'OOFF' }, userId: number | null): MandateRow {
      const iban = electronicFormatIBAN(input.iban) ?? ''
      if (!isValidIBAN(iban)) throw new AppError('INVALID_INPUT', `iban: "${input.iban}" is not a valid IBAN`, [{ path: 'iban', message: 'not a valid IBAN' }])
      const bic = input.bic ? input.bic.replace(/\s+/g, '').toUpperCase() : null
      if (bic && !isValidBIC(bic)) throw new AppError('INVALID_INPUT', `bic: "${input.bic}" is not a valid BIC`, [{ path: 'bic', message: 'not a valid BIC' }])
      if (input.signatureDate > clock.today()) throw new AppError('INVALID_INPUT', 'signatureDate: a mandate cannot be signed in the future')
      const id = writeTx(ctx, () => {
        const id = insertMandate(ledger, { ...input, iban, bic }, clock.now())
        audit(ledger, clock.now(), { userId, action: 'mandate.create', entity: 'sdd_mandate', entityId: id, details: { debtorId: input.debtorId, umr: input.umr, scheme: input.scheme } })
        return id
      })
      return listMandates(ledger, input.debtorId).find((m) => m.id === id) ?? (() => { throw notFound('mandate', id) })()
    },
    /** A revoked mandate stays on record (collections made under it refer to it) but is collected under no more. */
    deactivateMandate(input: { id: number; reason: string }, userId: number | null): MandateRow {
      const m = listMandates(ledger).find((x) => x.id === input.id)
      if (!m) throw notFound('mandate', input.id)
      if (!m.active) throw new AppError('CONFLICT', `mandate ${m.umr} is already inactive`)
      writeTx(ctx, () => {
        deactivateMandate(ledger, m.id)
        audit(ledger, clock.now(), { userId, action: 'mandate.deactivate', entity: 'sdd_mandate', entityId: m.id, details: { debtorId: m.debtorId, umr: m.umr, reason: input.reason } })
      })
      return { ...m, active: false }
    },
    /** The export's dry run: the same selection, nothing recorded (a collection date in the past selects the same as today). */
    previewCollections(collectionDate: string): DirectDebitPreview {
      const items = collectibleInvoices(ledger, collectionDate).map((it) => ({ invoiceId: it.invoiceId, number: it.number, debtorName: it.debtorName, dueDate: it.dueDate, amount: it.openAmount, umr: it.umr, scheme: it.scheme, sequence: it.sequence }))
      return { items, count: items.length, total: items.reduce((s, it) => s + it.amount, 0), currency: 'EUR' }
    },
    /** Builds the pain.008 for every collectible invoice (or the given ones) and records each collection as sent. */
    exportCollections(input: { collectionDate: string; invoiceIds?: number[] }, userId: number | null): { fileName: string; xml: string; count: number; total: number; currency: string } {
      const factor = admin.getFactor()
      if (!factor || !factor.iban || !factor.sepaCreditorId) throw new AppError('NOT_CONFIGURED', "direct debits need the factor's IBAN and SEPA creditor id in Settings")
      if (input.collectionDate < clock.today()) throw new AppError('INVALID_INPUT', 'collectionDate: must not be in the past')
      return writeTx(ctx, () => {
        const items = collectibleInvoices(ledger, input.collectionDate, input.invoiceIds)
        if (items.length === 0) throw new AppError('NOTHING_TO_COLLECT', 'no open EUR invoice of a debtor with an active mandate is due for collection')
        const seq = nextCollectionSeq(ledger)
        const msgId = `FD-DD-${clock.today().replace(/-/g, '')}-${seq}`
        const at = clock.now()
        const txs = items.map((it, i) => ({
          endToEndId: `FD${seq}-${i + 1}-${it.invoiceId}`.slice(0, 35),
          amount: it.openAmount,
          umr: it.umr,
          signatureDate: it.signatureDate,
          scheme: it.scheme,
          sequence: it.sequence,
          debtorName: it.debtorName,
          debtorIban: it.iban,
          debtorBic: it.bic,
          rfRef: it.rfRef,
          remittance: `Invoice ${it.number}`
        }))
        const xml = buildPain008({
          msgId,
          createdAt: new Date(at).toISOString().slice(0, 19),
          collectionDate: input.collectionDate,
          creditor: { name: factor.name, iban: electronicFormatIBAN(factor.iban) ?? factor.iban, bic: factor.bic, creditorId: factor.sepaCreditorId },
          txs
        })
        txs.forEach((t, i) => insertCollection(ledger, { mandateId: items[i].mandateId, invoiceId: items[i].invoiceId, msgId, endToEndId: t.endToEndId, amount: t.amount, currency: 'EUR', collectionDate: input.collectionDate, sequence: t.sequence, at }))
        const total = txs.reduce((s, t) => s + t.amount, 0)
        audit(ledger, at, { userId, action: 'direct_debit.export', entity: 'sdd_collection', entityId: msgId, details: { count: txs.length, total, collectionDate: input.collectionDate } })
        return { fileName: `${msgId}.xml`, xml, count: txs.length, total, currency: 'EUR' }
      })
    }
  }
}
export type DirectDebitService = ReturnType<typeof createDirectDebitService>
