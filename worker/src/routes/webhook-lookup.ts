/** What admin routes that act on one webhook endpoint share: finding it, and its 404. */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { getWebhook } from '../db/webhooks'
import { ApiError } from '../lib/errors'

export const noWebhook = () => new ApiError('not_found', 'No such webhook.')

/** The endpoint of the key's store, or 404. */
export async function findWebhook(c: Context<AppEnv>, id: string) {
  const webhook = await getWebhook(c.env.DB, c.get('auth').siteId, id)
  if (!webhook) throw noWebhook()
  return webhook
}
