import { describe, expect, it } from 'vitest'
import { accountBalance } from '../../src/main/db/repos/journal-repo'
import { csv, ledgerWithClient, upload } from '../unit/requests/builders'
import { addInvoice } from './collections-fixture'

/** A recourse client (30 days) with one invoice of Acme unpaid since 1 September: past its recourse date on 23 November. */
async function proposed() {
  const env = await ledgerWithClient({ recourseDays: 30 })
  const { b, client, acme, kauf } = env
  const late = addInvoice(b, client.id, acme.id, 400_000, '2026-09-01')
  const other = addInvoice(b, client.id, kauf.id, 150_000, '2026-09-15')
  const notYet = addInvoice(b, client.id, kauf.id, 90_000, '2026-11-01')
  await b.call2('collections.refresh', {})
  const props = await b.call2('chargebacks.propose', {})
  const by = (inv: number) => props.find((p) => p.invoiceId === inv)!
  const controller = await b.call2('users.create', { name: 'Carla Controller', role: 'controller' })
  return { ...env, late, other, notYet, props, by, controller }
}

const recourse = (b: Awaited<ReturnType<typeof proposed>>['b'], clientId: number) => accountBalance(b.ledger, 'clientRecourse', 'EUR', { clientId })
const receivable = (b: Awaited<ReturnType<typeof proposed>>['b'], invoiceId: number) => accountBalance(b.ledger, 'receivables', 'EUR', { invoiceId })

async function fundNewRequest(env: Awaited<ReturnType<typeof proposed>>) {
  const { b, client, anna, bo } = env
  // A debtor with a clean record, so the funding is not held up by Acme's cross-ageing.
  const clean = await b.call2('debtors.create', { name: 'Clean Books GmbH', regNo: 'HRB 777', country: 'DE', creditLimit: 10_000_000, limitCurrency: 'EUR', riskClass: 'low' })
  b.ledger.sqlite.prepare("insert into client_debtor (client_id, debtor_id, noa_status) values (?, ?, 'acknowledged')").run(client.id, clean.id)
  const file = upload('batch.csv', csv(`N-${clean.id},Clean Books GmbH,HRB 777,DE,2026-11-20,2026-12-20,EUR,10000.00`))
  const imp = await b.call2('requests.import', { clientId: client.id, files: [file] }, anna.id)
  const d = await b.call2('requests.decide', { requestId: imp.requestId!, decision: 'approve' }, anna.id)
  if (d.refused.length) throw new Error(JSON.stringify(d.refused))
  const first = await b.call2('requests.fund', { requestId: imp.requestId! }, anna.id)
  return first.status === 'awaiting_second_approval' ? b.call2('requests.fund', { requestId: imp.requestId! }, bo.id) : first
}

describe('chargebacks at the recourse date', () => {
  it('proposes only invoices unpaid past due date + recourse days', async () => {
    const { props, late, other } = await proposed()
    expect(props.map((p) => [p.invoiceId, p.amount, p.recourseDate, p.status]).sort()).toEqual([
      [late, 400_000, '2026-10-01', 'proposed'],
      [other, 150_000, '2026-10-15', 'proposed']
    ])
  })

  it('accepting books the open amount to the client, closes the invoice, tells the client, and the next funding nets it', async () => {
    const env = await proposed()
    const { b, client, acme, anna, late, by } = env
    expect((await b.call2('collections.worklist', {})).rows.map((r) => r.debtorId)).toContain(acme.id)
    const cb = await b.call2('chargebacks.accept', { id: by(late).id }, anna.id)
    expect(cb).toMatchObject({ status: 'accepted', bookedAmount: 400_000, decidedByName: 'Anna Approver', decidedDate: '2026-11-23', invoiceStatus: 'recoursed', openNow: 0 })
    expect(receivable(b, late)).toBe(0)
    expect(recourse(b, client.id)).toBe(400_000)
    const inv = await b.call2('invoices.get', { id: late })
    expect([inv.status, inv.closedDate]).toEqual(['recoursed', '2026-11-23'])
    // Acme owed nothing else: it leaves the worklist at once.
    expect((await b.call2('collections.worklist', {})).rows.map((r) => r.debtorId)).not.toContain(acme.id)
    const [notice] = await b.call2('outbox.list', {})
    expect(notice).toMatchObject({ id: cb.noticeId, subject: `Recourse: invoice ${cb.invoiceNumber} charged back`, status: 'queued' })
    const audit = b.ledger.sqlite.prepare("select user_id as userId, details from audit_log where action = 'chargeback.accept'").get() as { userId: number; details: string }
    expect([audit.userId, JSON.parse(audit.details).amount]).toEqual([anna.id, 400_000])

    const funded = await fundNewRequest(env)
    expect(funded.chargebacksNetted).toBe(400_000)
    expect(funded.netPayout).toBe(funded.advance - funded.fees - 400_000)
    expect(recourse(b, client.id)).toBe(0)
    // Netted already: undoing it now would pay the client twice.
    const undo = await b.call('chargebacks.reverse', { id: cb.id, reason: 'debtor paid after all' }, { userId: anna.id, transport: 'test' })
    expect(undo.ok ? 'ok' : undo.error.message).toMatch(/owes only 0.00 EUR in recourse now/)
  })

  it('undoing an accepted chargeback posts the reversal and the debtor is chased again', async () => {
    const env = await proposed()
    const { b, client, acme, anna, late, by } = env
    const cb = await b.call2('chargebacks.accept', { id: by(late).id }, anna.id)
    const back = await b.call2('chargebacks.reverse', { id: cb.id, reason: 'client proved the debtor paid into its own account' }, anna.id)
    expect(back).toMatchObject({ status: 'reversed', invoiceStatus: 'funded', openNow: 400_000, note: 'client proved the debtor paid into its own account' })
    const rev = b.ledger.sqlite.prepare('select kind, reverses_entry_id as rev from journal_entry where id = ?').get(back.reversalEntryId) as { kind: string; rev: number }
    expect(rev).toEqual({ kind: 'reversal', rev: cb.entryId })
    expect(receivable(b, late)).toBe(400_000)
    expect(recourse(b, client.id)).toBe(0)
    expect((await b.call2('collections.worklist', {})).rows.map((r) => r.debtorId)).toContain(acme.id)
    expect((await b.call2('outbox.list', {})).map((m) => m.subject)).toEqual([`Correction: chargeback of invoice ${cb.invoiceNumber} withdrawn`, `Recourse: invoice ${cb.invoiceNumber} charged back`])
    expect((await fundNewRequest(env)).chargebacksNetted).toBe(0)
  })

  it('rejecting needs a reason and an approver, books nothing, and the invoice stays with the debtor', async () => {
    const { b, client, anna, controller, other, by } = await proposed()
    const id = by(other).id
    const noReason = await b.call('chargebacks.reject', { id, reason: '' }, { userId: anna.id, transport: 'test' })
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('INVALID_INPUT')
    const notApprover = await b.call('chargebacks.accept', { id }, { userId: controller.id, transport: 'test' })
    expect(notApprover.ok ? 'ok' : notApprover.error.message).toBe('accepting a chargeback needs a signed-in approver or admin (this user is a controller)')
    const r = await b.call2('chargebacks.reject', { id, reason: 'debtor in instalment plan, agreed with client' }, anna.id)
    expect(r).toMatchObject({ status: 'rejected', note: 'debtor in instalment plan, agreed with client', invoiceStatus: 'funded', openNow: 150_000 })
    expect(recourse(b, client.id)).toBe(0)
    const again = await b.call('chargebacks.accept', { id }, { userId: anna.id, transport: 'test' })
    expect(again.ok ? 'ok' : again.error.message).toBe(`chargeback ${id} is rejected, not proposed`)
    // A rejected proposal is not proposed again by the next run.
    expect(await b.call2('chargebacks.propose', {})).toEqual([])
  })

  it('a non-recourse agreement (0 days) proposes nothing', async () => {
    const { b, client, acme } = await ledgerWithClient({ recourseDays: 0 })
    addInvoice(b, client.id, acme.id, 400_000, '2026-01-01')
    expect(await b.call2('chargebacks.propose', {})).toEqual([])
  })
})
