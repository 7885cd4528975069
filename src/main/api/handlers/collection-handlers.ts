import type { Services } from '../../backend'
import type { Handlers } from '../dispatcher'
import type { collectionsContract } from '../../../shared/contract/collections'

type H = Pick<Handlers, keyof typeof collectionsContract>

export function collectionHandlers(s: Services): H {
  return {
    'collections.worklist': (i) => s.collection.worklist(i),
    'collections.debtor': (i) => s.collection.debtor(i.debtorId, i.asOf),
    'collections.today': (i) => s.collection.today(i.asOf, i.controllerId),
    'collections.refresh': (i) => s.collection.refresh(i.asOf),
    'collections.logCall': (i, c) => s.collection.logCall(i, c.userId),
    'collections.assign': (i, c) => s.collection.assign(i.debtorIds, i.controllerId, c.userId),
    'collections.setPlan': (i, c) => s.collection.setPlan(i.debtorId, i.planId, c.userId),
    'collections.setInvoicePlan': (i, c) => s.collection.setInvoicePlan(i.invoiceId, i.planId, c.userId),
    'collections.block': (i, c) => s.collectionCases.block(i, c.userId),
    'collections.unblock': (i, c) => s.collectionCases.unblock(i.id, c.userId),
    'collections.dispute': (i, c) => s.collectionCases.dispute(i, c.userId),
    'collections.closeDispute': (i, c) => s.collectionCases.closeDispute(i.id, i.status, i.resolution, c.userId),
    'collections.promise': (i, c) => s.collectionCases.promise(i, c.userId),
    'collections.instalments': (i, c) => s.collectionCases.instalments(i, c.userId),
    'collections.settings': () => s.dunning.settings(),
    'collections.saveSettings': (i, c) => s.dunning.saveSettings(i, c.userId),
    'dunning.plans': () => s.dunning.plans(),
    'dunning.savePlan': (i, c) => s.dunning.savePlan(i, c.userId),
    'reminders.run': (i, c) => s.dunning.run(i.asOf, i.dryRun, c.userId),
    'reminders.list': (i) => s.dunning.listReminders(i),
    'reminders.approve': (i, c) => s.dunning.approve(i.id, c.userId),
    'reminders.reject': (i, c) => s.dunning.reject(i.id, i.reason, c.userId),
    'outbox.list': (i) => s.outbox.list(i),
    'outbox.deliver': () => s.outbox.deliver(),
    'outbox.retry': (i, c) => s.outbox.retry(i.id, c.userId),
    'outbox.printLetters': (i, c) => s.outbox.printLetters(i.dir, c.userId),
    'interest.rates': () => s.dunning.rates(),
    'interest.setRate': (i, c) => s.dunning.setRate(i, c.userId),
    'interest.calculate': (i) => s.dunning.interest(i.invoiceId, i.asOf),
    'agency.propose': (i, c) => s.collectionAgency.propose(i.asOf, c.userId),
    'agency.proposeDebtor': (i, c) => s.collectionAgency.proposeDebtor(i.debtorId, i.reason, c.userId),
    'agency.cases': (i) => s.collectionAgency.cases(i.status),
    'agency.decide': (i, c) => s.collectionAgency.decide(i.id, i.approve, c.userId),
    'agency.export': (i, c) => s.collectionAgency.export(i.id, i.format, i.dir, c.userId),
    'chargebacks.propose': (i, c) => s.collectionAgency.proposeChargebacks(i.asOf, c.userId),
    'chargebacks.list': (i) => s.chargebacks.list(i),
    'chargebacks.accept': (i, c) => s.chargebacks.accept(i.id, c.userId),
    'chargebacks.reject': (i, c) => s.chargebacks.reject(i.id, i.reason, c.userId),
    'chargebacks.reverse': (i, c) => s.chargebacks.reverse(i.id, i.reason, c.userId)
  }
}
