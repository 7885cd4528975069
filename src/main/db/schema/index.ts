export * from './parties'
export * from './invoices'
export * from './journal'
export * from './admin'
