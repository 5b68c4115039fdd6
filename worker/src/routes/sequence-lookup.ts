/** What admin routes that act on one sequence share: finding it in the key's store. */
import type { Context } from 'hono'
import type { Sequence } from '../../../contract'
import type { AppEnv } from '../env'
import { getSequence } from '../db/sequences'
import { ApiError } from '../lib/errors'

/** The sequence of the key's store (archived ones too), or 404. */
export async function findSequence(c: Context<AppEnv>, id: string): Promise<Sequence> {
  const s = await getSequence(c.env.DB, c.get('auth').siteId, id)
  if (!s) throw new ApiError('not_found', 'No such sequence.')
  return s
}
