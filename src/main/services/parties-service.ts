import type { ClientInput, ClientRow, DebtorDetail, DebtorInput } from '../../shared/contract'
import { normaliseName } from '../../core/names'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import { debtorDetail } from '../db/repos/debtor-detail-repo'
import * as repo from '../db/repos/parties-repo'
import { writeTx, type ServiceContext } from './context'
import { friendlyFormatIBAN, isValidIBAN, electronicFormatIBAN, isValidBIC } from 'ibantools'

function checkBankDetails(c: ClientInput): ClientInput {
  const iban = c.iban ? electronicFormatIBAN(c.iban) : null
  if (iban && !isValidIBAN(iban)) throw new AppError('INVALID_INPUT', `iban: "${c.iban}" is not a valid IBAN (check digits or length)`, [{ path: 'iban', message: 'not a valid IBAN' }])
  const bic = c.bic ? c.bic.replace(/\s+/g, '').toUpperCase() : null
  if (bic && !isValidBIC(bic)) throw new AppError('INVALID_INPUT', `bic: "${c.bic}" is not a valid BIC`, [{ path: 'bic', message: 'not a valid BIC' }])
  if (c.agreement.advanceRateBp > 10_000) throw new AppError('INVALID_INPUT', 'agreement.advanceRateBp: cannot exceed 100 %')
  return { ...c, iban, bic }
}

export { friendlyFormatIBAN }

export function createPartiesService(ctx: ServiceContext) {
  const { ledger, clock } = ctx
  return {
    listClients: (q: Parameters<typeof repo.listClients>[1]) => ({ ...repo.listClients(ledger, q), offset: q.offset }),
    getClient(id: number): ClientRow {
      return repo.getClient(ledger, id) ?? (() => { throw notFound('client', id) })()
    },
    /** Accepts a client's id or its exact name, as the CLI does. */
    resolveClient(ref: string): ClientRow {
      const byName = repo.findClientByName(ledger, ref)
      if (byName) return byName
      if (/^\d+$/.test(ref)) return this.getClient(Number(ref))
      throw new AppError('NOT_FOUND', `no client with id or name "${ref}"`)
    },
    createClient(input: ClientInput, userId: number | null): ClientRow {
      const c = checkBankDetails(input)
      const id = writeTx(ctx, () => {
        const id = repo.insertClient(ledger, c, clock.now())
        audit(ledger, clock.now(), { userId, action: 'client.create', entity: 'client', entityId: id, details: { name: c.name } })
        return id
      })
      ctx.emit('ledger.changed', { scope: ['clients'] })
      return this.getClient(id)
    },
    updateClient(id: number, input: ClientInput, userId: number | null): ClientRow {
      const c = checkBankDetails(input)
      const before = this.getClient(id)
      writeTx(ctx, () => {
        repo.updateClient(ledger, id, c)
        audit(ledger, clock.now(), { userId, action: 'client.update', entity: 'client', entityId: id, details: { before: { ...before, openBalance: undefined, openInvoices: undefined }, after: c } })
      })
      ctx.emit('ledger.changed', { scope: ['clients'] })
      return this.getClient(id)
    },
    listDebtors: (q: Parameters<typeof repo.listDebtors>[2]) => ({ ...repo.listDebtors(ledger, clock.today(), q), offset: q.offset }),
    getDebtor(id: number, asOf?: string): DebtorDetail {
      return debtorDetail(ledger, id, asOf ?? clock.today()) ?? (() => { throw notFound('debtor', id) })()
    },
    createDebtor(input: DebtorInput, userId: number | null): DebtorDetail {
      const id = writeTx(ctx, () => {
        const id = repo.insertDebtor(ledger, { ...input, nameNorm: normaliseName(input.name) }, clock.now())
        audit(ledger, clock.now(), { userId, action: 'debtor.create', entity: 'debtor', entityId: id, details: { name: input.name } })
        return id
      })
      ctx.emit('ledger.changed', { scope: ['debtors'] })
      return this.getDebtor(id)
    },
    updateDebtor(id: number, input: DebtorInput, userId: number | null): DebtorDetail {
      this.getDebtor(id)
      writeTx(ctx, () => {
        repo.updateDebtor(ledger, id, { ...input, nameNorm: normaliseName(input.name) })
        audit(ledger, clock.now(), { userId, action: 'debtor.update', entity: 'debtor', entityId: id, details: { after: input } })
      })
      ctx.emit('ledger.changed', { scope: ['debtors'] })
      return this.getDebtor(id)
    }
  }
}
export type PartiesService = ReturnType<typeof createPartiesService>
