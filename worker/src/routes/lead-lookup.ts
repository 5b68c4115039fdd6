/** What admin routes that act on one lead share: finding it in the key's store, and the 409. */
import type { Context } from 'hono'
import type { Lead } from '../../../contract'
import type { AppEnv } from '../env'
import { getLead } from '../db/leads'
import { ApiError, envelope } from '../lib/errors'

/** The lead of the key's store, or 404. */
export async function findLead(c: Context<AppEnv>, id: string): Promise<Lead> {
  const lead = await getLead(c.env.DB, c.get('auth').siteId, id)
  if (!lead) throw new ApiError('not_found', 'No such lead.')
  return lead
}

/** 409 with the lead as it is now, for a client whose `expectedVersion` is stale. */
export async function leadConflict(c: Context<AppEnv>, id: string) {
  const current = await findLead(c, id)
  return c.json(
    { ...envelope('conflict', 'Someone changed this lead first; here is how it is now.'), current },
    409,
  )
}
