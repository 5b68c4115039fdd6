/**
 * A rep works a lead's deal: changes its terms (value, currency, expected close, probability
 * override) or moves it to another pipeline of the store. Each change is one batch guarded by the
 * version the rep last read, with its timeline row applying only when the guard matched
 * (db/deals.ts).
 */
import type { DealUpdate, Lead } from '../../../contract'
import { dealChanges, dealUpdateStatements, pipelineMoveStatements } from '../db/deals'
import { defaultPipelineId, getPipeline } from '../db/pipelines'
import { DomainError } from '../lib/errors'
import { runBatch, type Deps } from './batch'
import type { LeadChange } from './move-lead'

/** Who changes the deal: a person of the store. */
export interface DealActor {
  siteId: string
  userId: string
}

/**
 * Changes the deal terms of `lead` the update names; `unchanged` when none differs (no new
 * version, no timeline row), `stale` when the lead changed since `expectedVersion`.
 */
export async function updateDeal(
  { db, now }: Deps,
  lead: Lead,
  update: DealUpdate,
  { siteId, userId }: DealActor,
): Promise<LeadChange | 'unchanged'> {
  if (lead.version !== update.expectedVersion) return 'stale'
  const changes = dealChanges(
    {
      valueMinor: lead.valueMinor,
      currency: lead.currency,
      expectedClose: lead.expectedClose,
      probability: lead.probabilityOverride,
    },
    update,
  )
  if (Object.keys(changes).length === 0) return 'unchanged'
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    change: dealUpdateStatements(db, siteId, lead.id, update, changes, userId, at),
  })
  return matched ? 'applied' : 'stale'
}

/**
 * Moves `lead` to pipeline `pipelineId` of the store, keeping its stage, time in stage and
 * history. 422 for a pipeline not of the store or the one it is in; `stale` when the lead changed
 * since `expectedVersion`.
 */
export async function moveLeadToPipeline(
  { db, now }: Deps,
  lead: Lead,
  { pipelineId, expectedVersion }: { pipelineId: string; expectedVersion: number },
  { siteId, userId }: DealActor,
): Promise<LeadChange> {
  const target = await getPipeline(db, siteId, pipelineId)
  if (!target) {
    throw new DomainError('validation_failed', 'No such pipeline in this store.', [
      { path: 'pipelineId', message: 'unknown pipeline' },
    ])
  }
  if (lead.version !== expectedVersion) return 'stale'
  const from = lead.pipelineId ?? defaultPipelineId(siteId)
  if (from === target.id) {
    throw new DomainError('validation_failed', 'The lead is already in that pipeline.', [
      { path: 'pipelineId', message: 'same_pipeline' },
    ])
  }
  const move = {
    from,
    to: target.id,
    storedTo: target.isDefault ? null : target.id,
    expectedVersion,
  }
  const { matched } = await runBatch(db, {
    change: pipelineMoveStatements(db, siteId, lead.id, move, userId, now.toISOString()),
  })
  return matched ? 'applied' : 'stale'
}
