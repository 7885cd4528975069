import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { handoverCheck, recourseDate } from '../../core/collections/state'
import { addDays, diffDays, type LocalDate } from '../../shared/dates'
import { toMajorString } from '../../shared/money'
import type { AgencyCaseRow, ChargebackRow } from '../../shared/contract/collections'
import { AppError, notFound } from '../api/errors'
import { audit } from '../db/repos/audit-repo'
import * as cases from '../db/repos/collections-cases-repo'
import { listChargebacks } from '../db/repos/collections-chargeback-repo'
import { toChargebackRow } from './collection-chargebacks'
import { activePromiseDebtors, openDisputeAmounts } from '../db/repos/collections-run-repo'
import { writeTx, type ServiceContext } from './context'
import type { CollectionService } from './collection-service'
import type { DunningService } from './dunning-service'

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function toCaseRow(r: cases.AgencyCaseRecord): AgencyCaseRow {
  const { currencies, handedOver, ...rest } = r
  const overdue = (JSON.parse(currencies ?? '[]') as { currency: string; overdue: number }[]).map((c) => ({ currency: c.currency, overdue: c.overdue }))
  return { ...rest, overdue, handedOver: handedOver === 1 }
}

/** Handover to a collection agency, and chargeback proposals at the recourse date. */
export function createCollectionAgency(ctx: ServiceContext, dunning: DunningService, collection: CollectionService) {
  const { ledger, clock } = ctx
  const svc = {
    propose(asOf?: LocalDate, userId: number | null = null): AgencyCaseRow[] {
      const day = asOf ?? clock.today()
      const rule = dunning.settings().handover
      const promises = activePromiseDebtors(ledger)
      const disputed = openDisputeAmounts(ledger)
      const out: number[] = []
      writeTx(ctx, () => {
        for (const c of cases.agencyCandidates(ledger, addDays(day, -rule.minDaysOverdue))) {
          const openDispute = cases.disputesOf(ledger, c.debtorId).some((d) => d.status === 'open' && disputed.has(d.invoiceId))
          const check = handoverCheck({ oldestDaysOverdue: diffDays(c.oldestDue, day), finalSentDate: c.finalSentDate, activePromise: promises.has(c.debtorId), openDispute }, rule, day)
          if (!check.propose) continue
          const id = cases.insertAgencyCase(ledger, c.debtorId, check.reason, day, clock.now())
          audit(ledger, clock.now(), { userId, action: 'agency.propose', entity: 'agency_case', entityId: id, details: { debtorId: c.debtorId, reason: check.reason } })
          out.push(id)
        }
      })
      return out.map((id) => toCaseRow(cases.agencyCase(ledger, id)!))
    },
    /** A controller's own judgement (unreachable, insolvent, disputes everything): proposed by hand, with the reason. */
    proposeDebtor(debtorId: number, reason: string, userId: number | null): AgencyCaseRow {
      const d = cases.debtorCollectionRow(ledger, debtorId)
      if (!d) throw notFound('debtor', debtorId)
      if (d.handedOver) throw new AppError('CONFLICT', `${d.name} is already with a collection agency`)
      if (cases.agencyCases(ledger).some((c) => c.debtorId === debtorId && c.status === 'proposed')) throw new AppError('CONFLICT', `${d.name} is already proposed for handover`)
      const id = writeTx(ctx, () => {
        const who = userId === null ? null : cases.userName(ledger, userId)
        const id = cases.insertAgencyCase(ledger, debtorId, `proposed by ${who ?? 'hand'}: ${reason}`, clock.today(), clock.now())
        audit(ledger, clock.now(), { userId, action: 'agency.propose', entity: 'agency_case', entityId: id, details: { debtorId, reason, manual: true } })
        return id
      })
      ctx.emit('ledger.changed', { scope: ['collections'] })
      return toCaseRow(cases.agencyCase(ledger, id)!)
    },
    cases: (status?: string): AgencyCaseRow[] => cases.agencyCases(ledger, status).map(toCaseRow),
    /** Approving hands the debtor over: internal dunning stops from the next run. */
    decide(id: number, approve: boolean, userId: number | null): AgencyCaseRow {
      const c = cases.agencyCase(ledger, id)
      if (!c) throw notFound('agency case', id)
      if (c.status !== 'proposed') throw new AppError('CONFLICT', `agency case ${id} is ${c.status}, not proposed`)
      writeTx(ctx, () => {
        cases.setAgencyCase(ledger, id, approve ? 'approved' : 'rejected', userId, null)
        if (approve) cases.setHandedOver(ledger, c.debtorId, true)
        audit(ledger, clock.now(), { userId, action: approve ? 'agency.approve' : 'agency.reject', entity: 'agency_case', entityId: id, details: { debtorId: c.debtorId } })
      })
      return toCaseRow(cases.agencyCase(ledger, id)!)
    },
    /** The file for the agency: debtor, open invoices with interest to date, claimed fees, and the dunning and contact history. */
    export(id: number, format: 'json' | 'csv', dirIn: string | undefined, userId: number | null): AgencyCaseRow {
      const s = dunning.settings()
      const dir = dirIn ?? s.agencyDir ?? s.letterDir
      if (!dir) throw new AppError('INVALID_INPUT', 'dir: no folder given and no agencyDir (or letterDir) in the collections settings', [{ path: 'dir', message: 'choose a folder for the agency file' }])
      const c = cases.agencyCase(ledger, id)
      if (!c) throw notFound('agency case', id)
      if (c.status !== 'approved' && c.status !== 'exported') throw new AppError('CONFLICT', `agency case ${id} is ${c.status}; approve it before exporting`)
      const day = clock.today()
      const view = collection.debtor(c.debtorId, day)
      const d = cases.debtorCollectionRow(ledger, c.debtorId)!
      const payload = {
        case: { id, proposedDate: c.proposedDate, reason: c.reason, exportedOn: day },
        creditor: dunning.factor(),
        debtor: { id: d.id, name: d.name, regNo: d.regNo, country: d.country, address: d.address, postalCode: d.postalCode, city: d.city, email: d.email, phone: d.phone, language: d.language },
        invoices: view.items.map((i) => ({ number: i.number, client: i.clientName, currency: i.currency, open: toMajorString(i.open, i.currency), dueDate: i.dueDate, daysOverdue: i.daysOverdue, interestToDate: toMajorString(i.interest, i.currency), disputed: toMajorString(i.disputed, i.currency) })),
        claims: view.claims.map((x) => ({ currency: x.currency, fees: toMajorString(x.fee, x.currency), interest: toMajorString(x.interest, x.currency), compensation: toMajorString(x.compensation, x.currency) })),
        reminders: view.reminders.map((r) => ({ date: r.runDate, level: r.level, channel: r.channel, status: r.status })),
        contacts: view.contacts.map((x) => ({ date: x.date, outcome: x.outcome, note: x.note })),
        promises: view.promises
      }
      const base = `agency-case-${id}-${d.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40)}`
      const file = join(dir, `${base}.${format}`)
      mkdirSync(dir, { recursive: true })
      if (format === 'json') writeFileSync(file, JSON.stringify(payload, null, 2))
      else {
        const head = ['case', 'debtor', 'reg_no', 'country', 'invoice', 'client', 'currency', 'open', 'due_date', 'days_overdue', 'interest_to_date', 'fees_claimed', 'reminders_sent', 'last_reminder']
        const fees = (cur: string) => view.claims.find((x) => x.currency === cur)?.fee ?? 0
        const rows = view.items.map((i) => [id, d.name, d.regNo, d.country, i.number, i.clientName, i.currency, toMajorString(i.open, i.currency), i.dueDate, i.daysOverdue, toMajorString(i.interest, i.currency), toMajorString(fees(i.currency), i.currency), view.reminders.length, view.reminders[0]?.runDate ?? ''])
        writeFileSync(file, [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n')
      }
      writeTx(ctx, () => {
        cases.setAgencyCase(ledger, id, 'exported', userId, file)
        audit(ledger, clock.now(), { userId, action: 'agency.export', entity: 'agency_case', entityId: id, details: { file, format } })
      })
      return toCaseRow(cases.agencyCase(ledger, id)!)
    },
    /** Unpaid at the agreement's recourse date (due date + recourseDays): propose charging the invoice back to the client. */
    proposeChargebacks(asOf?: LocalDate, userId: number | null = null): ChargebackRow[] {
      const day = asOf ?? clock.today()
      const before = new Set(listChargebacks(ledger).map((c) => c.id))
      writeTx(ctx, () => {
        for (const cl of cases.clientsWithAgreements(ledger)) {
          const days = (JSON.parse(cl.agreement) as { recourseDays?: number }).recourseDays
          // recourseDays 0 is a non-recourse agreement: the factor carries the loss, nothing goes back.
          if (!days) continue
          for (const i of cases.recourseCandidates(ledger, cl.id, addDays(day, -days))) {
            cases.insertChargeback(ledger, { invoiceId: i.id, clientId: cl.id, currency: i.currency, amount: i.open, recourseDate: recourseDate(i.dueDate, days), at: clock.now() })
          }
        }
        audit(ledger, clock.now(), { userId, action: 'chargebacks.propose', entity: 'chargeback_proposal', entityId: day })
      })
      return listChargebacks(ledger).filter((c) => !before.has(c.id)).map(toChargebackRow)
    }
  }
  return svc
}
