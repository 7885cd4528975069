import { z } from 'zod'
import { INVOICE_STATUSES, type InvoiceStatus } from '../statuses'
import { id, pageInput, type Page } from './common'
import { method } from './define'

export const INVOICE_SORTS = ['number', 'issueDate', 'dueDate', 'face', 'openAmount', 'status'] as const

export interface InvoiceRow {
  id: number
  number: string
  clientId: number
  clientName: string
  debtorId: number
  debtorName: string
  currency: string
  face: number
  openAmount: number
  issueDate: string
  dueDate: string
  status: InvoiceStatus
  rfRef: string
}

/** A journal entry that touched an invoice, with the lines that concern it. */
export interface InvoiceHistoryEntry {
  entryId: number
  date: string
  kind: string
  memo: string
  /** Set when this entry reverses an earlier one. */
  reversesEntryId: number | null
  /** The entry's lines for this invoice (all its lines when the whole entry is about the invoice). amount > 0 is a debit. */
  lines: { account: string; accountName: string; currency: string; amount: number }[]
}

export const invoiceListInput = pageInput.extend({
  sortBy: z.enum(INVOICE_SORTS).default('dueDate'),
  status: z.array(z.enum(INVOICE_STATUSES)).optional(),
  clientId: id.optional(),
  debtorId: id.optional()
})

export const invoicesContract = {
  'invoices.list': method(invoiceListInput).returns<Page<InvoiceRow>>(),
  'invoices.get': method(z.object({ id })).returns<InvoiceRow & { advance: number; fundedDate: string | null; closedDate: string | null }>(),
  /** The journal entries touching the invoice, oldest first. */
  'invoices.history': method(z.object({ id })).returns<InvoiceHistoryEntry[]>()
}
