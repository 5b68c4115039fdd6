/**
 * A rep moves a lead: to another open stage, closed as won or lost, reopened, or where an
 * overridden qualification outcome leads; or gives it an owner. Each change is one batch guarded
 * by the version the rep last read, with the history, the timeline, the events and the audit row
 * applying only when the guard matched (db/leads.ts).
 */
import type { Lead, Outcome } from '../../../contract'
import { auditStatement } from '../db/contacts'
import { activityStatement, assignStatements, moveStatements } from '../db/leads'
import { overrideQualificationStatement } from '../db/quiz'
import { userExists } from '../db/users'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { applyOverride, applyRep, type RepAction } from '../pipeline'
import { runBatch, type Deps } from './batch'

/** The rep's change applied, or the lead changed since the version they read (nothing written). */
export type LeadChange = 'applied' | 'stale'

/** Who changes the lead, and the version of it they last read. */
export interface RepChange {
  siteId: string
  userId: string
  expectedVersion: number
}

/**
 * Moves or closes a lead with the rep's reason; 422 when the pipeline refuses the move (no
 * reason, the stage it is at).
 */
export async function moveLead(
  { db, now }: Deps,
  lead: Lead,
  action: RepAction,
  reason: string,
  { siteId, userId, expectedVersion }: RepChange,
): Promise<LeadChange> {
  if (lead.version !== expectedVersion) return 'stale'
  const result = applyRep(lead, action, reason, userId, now)
  if (!result.ok) {
    throw new DomainError('validation_failed', result.refusal.message, [
      { message: result.refusal.code },
    ])
  }
  const { plan } = result
  const target = { type: 'lead', id: lead.id }
  const detail = { from: plan.from, to: plan.to, reason }
  const { matched } = await runBatch(db, {
    change: moveStatements(db, siteId, lead.id, plan),
    then: [auditStatement(db, siteId, userId, plan.event, target, detail, plan.at, newId('au'))],
  })
  return matched ? 'applied' : 'stale'
}

/**
 * Overrides a lead's qualification outcome with the rep's reason; the lead moves where the
 * outcome leads (qualified → `nurturing`, review → `qualification`, disqualified → `lost`). 422
 * without a reason.
 */
export async function overrideQualification(
  { db, now }: Deps,
  lead: Lead,
  outcome: Outcome,
  reason: string,
  { siteId, userId, expectedVersion }: RepChange,
): Promise<LeadChange> {
  if (lead.version !== expectedVersion) return 'stale'
  const id = lead.id
  // One clock reading for every row, so the timeline's order cannot depend on a tick.
  const result = applyOverride(lead, outcome, reason, userId, now)
  if (!result.ok) throw new DomainError('validation_failed', result.refusal.message)
  const at = now.toISOString()
  const override = { from: lead.qualification, to: outcome, reason }
  const { matched } = await runBatch(db, {
    change: [overrideQualificationStatement(db, siteId, id, outcome, expectedVersion, at)],
    then: [
      activityStatement(
        db,
        siteId,
        id,
        { type: 'qualification_overridden', body: override },
        'user',
        userId,
        at,
        true,
      ),
      auditStatement(
        db,
        siteId,
        userId,
        'qualification_overridden',
        { type: 'lead', id },
        override,
        at,
        newId('au'),
      ),
      // The override bumped the version; the move is guarded by the version after it.
      ...(result.plan
        ? moveStatements(db, siteId, id, { ...result.plan, expectedVersion: expectedVersion + 1 })
        : []),
    ],
  })
  return matched ? 'applied' : 'stale'
}

/** Gives a lead to a user of the store, or to no one; 422 for a user not of the store. */
export async function assignLead(
  { db, now }: Deps,
  leadId: string,
  ownerId: string | null,
  { siteId, userId, expectedVersion }: RepChange,
): Promise<LeadChange> {
  if (ownerId !== null && !(await userExists(db, siteId, ownerId))) {
    throw new DomainError('validation_failed', 'No such user in this store.', [
      { path: 'ownerId', message: 'unknown user' },
    ])
  }
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    change: assignStatements(db, siteId, leadId, ownerId, expectedVersion, userId, at),
    then: [
      auditStatement(
        db,
        siteId,
        userId,
        'assigned',
        { type: 'lead', id: leadId },
        { ownerId },
        at,
        newId('au'),
      ),
    ],
  })
  return matched ? 'applied' : 'stale'
}
