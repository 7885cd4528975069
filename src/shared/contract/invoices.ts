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

export const invoiceListInput = pageInput.extend({
  sortBy: z.enum(INVOICE_SORTS).default('dueDate'),
  status: z.array(z.enum(INVOICE_STATUSES)).optional(),
  clientId: id.optional(),
  debtorId: id.optional()
})

export const invoicesContract = {
  'invoices.list': method(invoiceListInput).returns<Page<InvoiceRow>>(),
  'invoices.get': method(z.object({ id })).returns<InvoiceRow & { advance: number; fundedDate: string | null; closedDate: string | null }>()
}
