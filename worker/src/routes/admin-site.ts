/**
 * Admin API for the store's own settings: profile, allowed origins, form fields, consent and
 * theme. Everyone in the store reads them; owners save them all at once, guarded by the
 * version they read, in one batch with the audit row. Widgets see a save within
 * `SITE_CACHE_MS` (at once on the isolate that saved it).
 */
import { Hono, type Context } from 'hono'
import {
  type SiteAdmin,
  SiteAdminSchema,
  SiteConflictSchema,
  SiteUpdateSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { keepConsentTextsStatement, keptConsentWordings } from '../db/consent-texts'
import { auditStatement } from '../db/contacts'
import {
  forgetSite,
  getSiteById,
  siteAdminFromRow,
  siteUpdateStatements,
  siteWrite,
} from '../db/sites'
import { ApiError, DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { describeSiteChange, saveIssues } from '../sites/admin'
import { consentWordings } from '../sites/consent-texts'

async function currentSite(c: Context<AppEnv>) {
  const row = await getSiteById(c.env.DB, c.get('auth').siteId)
  if (!row) throw new Error('key of a missing site')
  return siteAdminFromRow(row)
}

/** 409 with the store as it is now, for an owner whose `expectedVersion` is stale. */
const staleSite = (current: SiteAdmin) =>
  new DomainError('conflict', 'Someone changed the settings first.', undefined, { current })

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
    async (c) => c.json(await currentSite(c)),
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
      const { siteId, userId } = c.get('auth')
      const update = c.req.valid('json')
      const before = await currentSite(c)
      if (before.version !== update.expectedVersion) throw staleSite(before)
      const db = c.env.DB
      const consent = update.settings.consent
      const kept = await keptConsentWordings(db, siteId, consent.version)
      const issues = saveIssues(before, update, kept)
      if (issues.length)
        throw new ApiError('validation_failed', 'Some fields are not valid.', issues)
      const at = new Date().toISOString()
      // The consent wording is kept (once per version, from this save's time) with the settings
      // that show it, while the store is still at the version the owner read.
      const save = [
        keepConsentTextsStatement(db, siteId, consent.version, consentWordings(consent), at, {
          expectedVersion: update.expectedVersion,
        }),
        ...siteUpdateStatements(db, siteId, siteWrite(update), update.expectedVersion, at),
      ]
      const results = await db.batch([
        ...save,
        auditStatement(
          db,
          siteId,
          userId,
          'site.updated',
          { type: 'site', id: siteId },
          describeSiteChange(before, update),
          at,
          newId('au'),
        ),
      ])
      forgetSite(before.siteKey)
      // The row update (the save's last statement) wrote nothing when someone saved in between.
      if (results[save.length - 1]?.meta.changes !== 1) throw staleSite(await currentSite(c))
      return c.json(await currentSite(c))
    },
  )
