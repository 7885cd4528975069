import type { ServiceContext } from './context'
import { createCollectionAgency } from './collection-agency'
import { createCollectionCases } from './collection-cases'
import { createCollectionChargebacks } from './collection-chargebacks'
import { createCollectionService } from './collection-service'
import { createDunningService } from './dunning-service'
import { createOutboxService } from './outbox-service'

/** The collections services, wired to each other; spread into createServices. */
export function createCollectionServices(ctx: ServiceContext) {
  const dunning = createDunningService(ctx)
  const collection = createCollectionService(ctx, dunning)
  return {
    dunning,
    collection,
    collectionCases: createCollectionCases(ctx, dunning),
    collectionAgency: createCollectionAgency(ctx, dunning, collection),
    chargebacks: createCollectionChargebacks(ctx, () => dunning.factor()),
    outbox: createOutboxService(ctx, dunning)
  }
}
