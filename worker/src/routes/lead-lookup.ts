/** What admin routes that act on one lead share: finding it in the key's store, and the 409. */
import type { Context } from 'hono'
import type { Lead } from '../../../contract'
import type { AppEnv } from '../env'
import { getLead } from '../db/leads'
import { ApiError, DomainError } from '../lib/errors'

/** The lead of the key's store, or 404. */
export async function findLead(c: Context<AppEnv>, id: string): Promise<Lead> {
  const lead = await getLead(c.env.DB, c.get('auth').siteId, id)
  if (!lead) throw new ApiError('not_found', 'No such lead.')
  return lead
}

/**
 * 409 with the lead as it is now, for a client whose `expectedVersion` is stale: thrown, so
 * `middleware/errors.ts` builds the envelope (`current` beside `error`).
 */
export async function leadConflict(c: Context<AppEnv>, id: string): Promise<never> {
  const current = await findLead(c, id)
  throw new DomainError(
    'conflict',
    'Someone changed this lead first; here is how it is now.',
    undefined,
    { current },
  )
}
