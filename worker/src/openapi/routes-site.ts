/** Routes of the store's own settings, documented as data (see routes.ts). */
import type * as v from 'valibot'
import {
  ORIGINS_MAX,
  SiteAdminSchema,
  SiteConflictSchema,
  SiteSettingsInputSchema,
  SiteUpdateSchema,
} from '../../../contract'
import { SITE_CACHE_MS } from '../db/sites'
import type { RouteDoc } from './routes'

export const SITE_SCHEMAS = {
  SiteAdmin: SiteAdminSchema,
  SiteUpdate: SiteUpdateSchema,
  SiteSettingsInput: SiteSettingsInputSchema,
  SiteConflict: SiteConflictSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Admin'

export const SITE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/site',
    operationId: 'getSite',
    summary: "The store's profile, allowed origins, form, consent and theme settings",
    description:
      'Everyone in the store may read them. `settings` has the defaults filled in, as ' +
      '`GET /v1/sites/{siteKey}/config` serves them; send `version` back as `expectedVersion`.',
    tag,
    auth: 'admin',
    success: { status: 200, description: 'The store.', schema: SiteAdminSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/site',
    operationId: 'updateSite',
    summary: "Save the store's settings, all at once (owners)",
    description:
      'Replaces the profile, the origins and the settings in one batch with the audit row, ' +
      'only while the store is still at `expectedVersion` (409 with `current` otherwise). ' +
      'Origins are normalised to scheme, host and port (https; http only for localhost and ' +
      '127.0.0.1), ' +
      `at most ${ORIGINS_MAX}, each once. A reworded consent (the opt-in, the information ` +
      'notice or its address) needs a new consent version, one the store never used for other ' +
      "words (422): each version's wording is kept for ever, in the batch of the save, and " +
      'every consent record points at the wording it was given under. Currency (ISO 4217) ' +
      'and time zone (IANA) are checked with `Intl`. Widgets see a save within ' +
      `${SITE_CACHE_MS / 1000} s; CORS follows new origins at once.`,
    tag,
    auth: 'admin',
    body: SiteUpdateSchema,
    success: { status: 200, description: 'The store as saved.', schema: SiteAdminSchema },
    errors: [400, 401, 403, 409, 413, 415, 422, 500, 503],
    conflict: SiteConflictSchema,
  },
]
