/** The store a public request acts for, admitted only from the store's allowed origins. */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { getSiteByKeyCached, type SiteRow } from '../db/sites'
import { ApiError } from '../lib/errors'

/**
 * Finds the store by its public key (404 when none has it) and checks the request's Origin
 * against its allowlist (403 otherwise), then records the site on the context so the CORS
 * middleware grants the origin. Writes require an Origin; reads without one (a direct visit)
 * are allowed.
 */
export async function admitSite(
  c: Context<AppEnv>,
  siteKey: string,
  options: {
    write: boolean
    /** Also admit this worker's own origin: the store's pages it hosts (`/b/:siteKey`). */
    ownPages?: boolean
  },
): Promise<SiteRow> {
  const site = await getSiteByKeyCached(c.env.DB, siteKey, Date.now())
  if (!site) throw new ApiError('not_found', 'No store has this site key.')
  const origin = c.req.header('Origin')
  const own = options.ownPages === true && origin === new URL(c.req.url).origin
  if (origin === undefined ? options.write : !own && !site.origins.includes(origin)) {
    c.set('originRefused', true)
    throw new ApiError('forbidden', 'This origin is not allowed for this store.')
  }
  c.set('site', site)
  return site
}
