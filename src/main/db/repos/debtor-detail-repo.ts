import type { DebtorDetail } from '../../../shared/contract'
import { diffDays } from '../../../shared/dates'
import type { Ledger } from '../open'
import { getDebtorRow } from './parties-repo'

const OPEN = "('funded','partly_paid','disputed')"

/** Everything the debtor screen shows, each part from an index seek on debtor_id. */
export function debtorDetail(ledger: Ledger, id: number, today: string): DebtorDetail | null {
  const base = getDebtorRow(ledger, id, today)
  if (!base) return null
  const q = ledger.sqlite
  const openItems = (
    q
      .prepare(
        `select i.id, i.number, c.name as clientName, i.currency, i.face, i.open_amount as openAmount, i.issue_date as issueDate, i.due_date as dueDate, i.status, i.rf_ref as rfRef
         from invoice i join client c on c.id = i.client_id where i.debtor_id = ? and i.status in ${OPEN} order by i.due_date, i.id limit 500`
      )
      .all(id) as Omit<DebtorDetail['openItems'][number], 'daysOverdue'>[]
  ).map((r) => ({ ...r, daysOverdue: Math.max(0, diffDays(r.dueDate, today)) }))
  const exposure = q
    .prepare(
      `select currency, sum(open_amount) as open, sum(case when due_date < ? then open_amount else 0 end) as overdue
       from invoice where debtor_id = ? and status in ${OPEN} group by currency order by currency`
    )
    .all(today, id) as DebtorDetail['exposure']
  // "+i.client_id": without statistics the planner would walk all of the client's invoices by client_id.
  const clients = q
    .prepare(
      `select cd.client_id as clientId, c.name as clientName, cd.credit_limit as creditLimit, cd.noa_status as noaStatus,
         (select coalesce(sum(open_amount),0) from invoice i where i.debtor_id = cd.debtor_id and +i.client_id = cd.client_id and i.status in ${OPEN}) as open
       from client_debtor cd join client c on c.id = cd.client_id where cd.debtor_id = ? order by c.name`
    )
    .all(id) as DebtorDetail['clients']
  const history = q
    .prepare(
      `select e.date, e.kind, e.memo, l.amount, l.currency, i.number as invoiceNumber
       from invoice i join journal_line l on l.invoice_id = i.id and l.account = 'receivables' join journal_entry e on e.id = l.entry_id
       where i.debtor_id = ? order by e.date desc, e.id desc limit 50`
    )
    .all(id) as DebtorDetail['history']
  const ibans = q.prepare('select iban from debtor_iban where debtor_id = ? order by first_seen').pluck().all(id) as string[]
  const inLimitCurrency = exposure.find((e) => e.currency === base.limitCurrency)?.open ?? 0
  return {
    ...base,
    address: (base.address as string) ?? null,
    postalCode: (base.postal_code as string) ?? null,
    phone: (base.phone as string) ?? null,
    language: base.language as string,
    ibans,
    exposure,
    limitUsageBp: base.creditLimit > 0 ? Math.round((inLimitCurrency * 10_000) / base.creditLimit) : 0,
    clients,
    openItems,
    history
  }
}
