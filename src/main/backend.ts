import { EventEmitter } from 'node:events'
import type { EventName, Events } from '../shared/contract'
import { systemClock, type Clock } from '../shared/dates'
import { createDispatcher, type CallContext, type Dispatch } from './api/dispatcher'
import { AppError } from './api/errors'
import { createHandlers } from './api/handlers'
import { openLedger, type Ledger } from './db/open'
import { createAdminService } from './services/admin-service'
import { createDocumentService } from './services/document-service'
import { createDashboardService } from './services/dashboard-service'
import { createInvoiceHistoryService } from './services/invoice-history-service'
import type { ServiceContext } from './services/context'
import { createInvoicesService } from './services/invoices-service'
import { createPartiesService } from './services/parties-service'
import { createRequestApprovalService } from './services/request-approval-service'
import { createRequestIntakeService } from './services/request-intake-service'
import { createRequestPayoutService } from './services/request-payout-service'
import { createStatementImportService } from './services/statement-import-service'
import { createMatchingService } from './services/matching-service'
import { createSettlementService } from './services/settlement-service'
import { createDirectDebitService } from './services/direct-debit-service'
import { createCollectionServices } from './services/collection-services'
import { createBankFolderService } from './services/bank-folder-service'

export const APP_VERSION = '0.1.0'

export function createServices(ctx: ServiceContext) {
  return {
    ctx,
    version: APP_VERSION,
    admin: createAdminService(ctx),
    ...createCollectionServices(ctx),
    documents: createDocumentService(ctx),
    parties: createPartiesService(ctx),
    invoices: createInvoicesService(ctx),
    dashboard: createDashboardService(ctx),
    invoiceHistory: createInvoiceHistoryService(ctx),
    requestIntake: createRequestIntakeService(ctx),
    requestApproval: createRequestApprovalService(ctx),
    requestPayout: createRequestPayoutService(ctx),
    statementImport: createStatementImportService(ctx),
    matching: createMatchingService(ctx),
    settlement: createSettlementService(ctx),
    directDebit: createDirectDebitService(ctx),
    bankFolder: createBankFolderService(ctx)
  }
}
export type Services = ReturnType<typeof createServices>

export interface Backend {
  ledger: Ledger
  services: Services
  /** Validates and runs one API call; both transports and the CLI go through here. */
  call: Dispatch
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
  close(): void
}

export interface BackendOptions {
  clock?: Clock
  log?: (msg: string, e: unknown) => void
}

/** The composition root shared by the Electron main process, the headless host, the CLI and the tests. */
export function createBackend(ledgerOrPath: Ledger | string, opts: BackendOptions = {}): Backend {
  const ledger = typeof ledgerOrPath === 'string' ? openLedger(ledgerOrPath, { backgroundCheckpoint: true }) : ledgerOrPath
  const bus = new EventEmitter()
  bus.setMaxListeners(100)
  const ctx: ServiceContext = {
    ledger,
    clock: opts.clock ?? systemClock,
    emit: (event, payload) => bus.emit(event, payload)
  }
  const services = createServices(ctx)
  bus.on('ledger.changed', () => services.collection.onLedgerChanged(opts.log ?? ((m, e) => console.error(m, e))))
  const dispatch = createDispatcher(createHandlers(services), opts.log ?? ((m, e) => console.error(m, e)))
  const call: Dispatch = async (method, input, cc: CallContext) => {
    if (cc.userId !== null && !services.admin.userExists(cc.userId)) {
      return { ok: false, error: { code: 'UNKNOWN_USER', message: `user ${cc.userId} does not exist or is inactive` } }
    }
    return dispatch(method, input, cc)
  }
  return {
    ledger,
    services,
    call,
    on(event, listener) {
      bus.on(event, listener as (p: unknown) => void)
      return () => bus.off(event, listener as (p: unknown) => void)
    },
    close: () => ledger.close()
  }
}

/** For the CLI and tests: call a method and get its data, or an AppError carrying the API's message. */
export async function callOrThrow(backend: Backend, method: string, input: unknown, userId: number | null = null): Promise<unknown> {
  const r = await backend.call(method, input, { userId, transport: 'cli' })
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.issues)
  return r.data
}
