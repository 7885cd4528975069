export const INVOICE_STATUSES = ['submitted', 'approved', 'rejected', 'funded', 'partly_paid', 'paid', 'recoursed', 'written_off', 'disputed'] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

/** Statuses in which money is still owed by the debtor to the factor. */
export const OPEN_STATUSES: readonly InvoiceStatus[] = ['funded', 'partly_paid', 'disputed']

export const USER_ROLES = ['admin', 'approver', 'controller', 'accountant'] as const
export type UserRole = (typeof USER_ROLES)[number]
