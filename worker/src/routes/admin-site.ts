/**
 * Admin API for the store's own settings: profile, allowed origins, form fields, consent and
 * theme. Everyone in the store reads them; owners save them all at once, guarded by the
 * version they read, in one batch with the audit row. Widgets see a save within
 * `SITE_CACHE_MS` (at once on the isolate that saved it).
 */
import { Hono } from 'hono'
import { SiteAdminSchema, SiteConflictSchema, SiteUpdateSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { currentSite, saveSiteSettings } from '../usecases/save-site-settings'

export const adminSite = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'getSite',
      summary: "The store's profile, allowed origins, form, consent and theme settings",
      description:
        'Everyone in the store may read them. `settings` has the defaults filled in, as ' +
        '`GET /v1/sites/{siteKey}/config` serves them; send `version` back as ' +
        '`expectedVersion`.',
      tag: 'Admin',
      success: { status: 200, description: 'The store.', schema: SiteAdminSchema },
      errors: [401, 500, 503],
    }),
    async (c) => c.json(await currentSite(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/',
    describeRoute({
      operationId: 'updateSite',
      summary: "Save the store's settings, all at once (owners)",
      description:
        'Replaces the profile, the origins and the settings in one batch with the audit ' +
        'row, only while the store is still at `expectedVersion` (409 with `current` ' +
        'otherwise). Origins are normalised to scheme, host and port (https; http only ' +
        'for localhost and 127.0.0.1), at most 20, each once. A reworded consent (the ' +
        'opt-in, the information notice or its address) needs a new consent version, one ' +
        "the store never used for other words (422): each version's wording is kept for " +
        'ever, in the batch of the save, and every consent record points at the wording ' +
        'it was given under. Currency (ISO 4217) and time zone (IANA) are checked with ' +
        '`Intl`. Widgets see a save within 30 s; CORS follows new origins at once.',
      tag: 'Admin',
      success: { status: 200, description: 'The store as saved.', schema: SiteAdminSchema },
      errors: [400, 401, 403, 409, 413, 415, 422, 500, 503],
      conflict: SiteConflictSchema,
    }),
    requireJson(),
    validate('json', SiteUpdateSchema),
    async (c) => {
      requireOwner(c)
      const deps = { db: c.env.DB, now: new Date() }
      return c.json(await saveSiteSettings(deps, c.req.valid('json'), c.get('auth')))
    },
  )
