/**
 * A rep logs a note, a call or an e-mail on a lead's timeline. A reply they log (an inbound call
 * or e-mail) takes the lead out of its sequences: the lead answered, so nurture stops.
 */
import type { ActivityCreate, Lead } from '../../../contract'
import { exitEnrollmentsStatement } from '../db/events'
import { activityStatement } from '../db/leads'
import { newId } from '../lib/ids'
import { runBatch, type IdempotencyKey, type Deps } from './batch'

/** Logs the activity; answers it, stored under the request's key in the same batch. */
export async function logActivity(
  { db, now }: Deps,
  lead: Lead,
  input: ActivityCreate,
  { siteId, userId }: { siteId: string; userId: string },
  key?: IdempotencyKey,
) {
  const { type, ...body } = input
  const at = now.toISOString()
  const id = newId('ac')
  const activity = {
    id,
    leadId: lead.id,
    contactId: lead.contactId,
    type,
    body,
    actorType: 'user' as const,
    actorId: userId,
    createdAt: at,
  }
  const entry = { type, body }
  const replied = body.direction === 'inbound' && type !== 'note'
  await runBatch(db, {
    answer: key ? { key, status: 201, body: activity, at } : null,
    change: [activityStatement(db, siteId, lead.id, entry, 'user', userId, at, false, id)],
    then: replied ? [exitEnrollmentsStatement(db, siteId, lead.id, 'replied', at)] : [],
  })
  return activity
}
