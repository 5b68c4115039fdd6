/**
 * An owner saves the store's settings (profile, allowed origins, form fields, consent, theme)
 * all at once: one batch guarded by the version they read, with the consent wording kept and
 * the audit row. Widgets see a save within `SITE_CACHE_MS` (at once on the isolate that saved).
 */
import type { SiteAdmin, SiteUpdate } from '../../../contract'
import { keepConsentTextsStatement, keptConsentWordings } from '../db/consent-texts'
import { auditStatement } from '../db/contacts'
import {
  forgetSite,
  getSiteById,
  siteAdminFromRow,
  siteUpdateStatements,
  siteWrite,
} from '../db/sites'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { consentWordings } from '../sites/consent-texts'
import { describeSiteChange, saveIssues } from '../sites/admin'
import { runBatch, type Deps } from './batch'

/** The store as its owner edits it (its key names it, so a missing store is a 500). */
export async function currentSite(db: D1Database, siteId: string): Promise<SiteAdmin> {
  const row = await getSiteById(db, siteId)
  if (!row) throw new Error('key of a missing site')
  return siteAdminFromRow(row)
}

/** 409 with the store as it is now, for an owner whose `expectedVersion` is stale. */
const staleSite = (current: SiteAdmin) =>
  new DomainError('conflict', 'Someone changed the settings first.', undefined, { current })

/**
 * Saves `update` for owner `actor` (the route checks the role); answers the store as saved.
 * 409 with `current` while the store is not at `update.expectedVersion` (nothing written), 422
 * for a reworded consent under a used version, a region, currency or time zone not supported.
 */
export async function saveSiteSettings(
  { db, now }: Deps,
  update: SiteUpdate,
  actor: { siteId: string; userId: string },
): Promise<SiteAdmin> {
  const { siteId } = actor
  const before = await currentSite(db, siteId)
  if (before.version !== update.expectedVersion) throw staleSite(before)
  const consent = update.settings.consent
  const kept = await keptConsentWordings(db, siteId, consent.version)
  const issues = saveIssues(before, update, kept)
  if (issues.length)
    throw new DomainError('validation_failed', 'Some fields are not valid.', issues)
  const at = now.toISOString()
  const { origins, row } = siteUpdateStatements(
    db,
    siteId,
    siteWrite(update),
    update.expectedVersion,
    at,
  )
  const { matched } = await runBatch(db, {
    // Not "whatever the change does": the guard (the row update) bumps the version, so what it
    // covers comes before it, each statement written only while the store is still at the
    // version the owner read, so they apply exactly when the guard does: the consent wording
    // (kept once per version, from this save's time) and the origins.
    first: [
      keepConsentTextsStatement(db, siteId, consent.version, consentWordings(consent), at, {
        expectedVersion: update.expectedVersion,
      }),
      ...origins,
    ],
    change: [row],
    then: [
      auditStatement(
        db,
        siteId,
        actor.userId,
        'site.updated',
        { type: 'site', id: siteId },
        describeSiteChange(before, update),
        at,
        newId('au'),
      ),
    ],
  })
  forgetSite(before.siteKey)
  // The row update wrote nothing when someone saved in between.
  if (!matched) throw staleSite(await currentSite(db, siteId))
  return currentSite(db, siteId)
}
