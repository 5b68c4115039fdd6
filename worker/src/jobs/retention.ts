/**
 * Retention (KVKK art. 7 / GDPR art. 5(1)(e)): once a day, each store that set a retention
 * period has the contacts without any activity or lead change for that many months anonymised,
 * exactly as an owner's erasure does, recorded in the audit log with actor `system`.
 */
import { inactiveContacts, sitesWithRetention } from '../db/contacts-privacy'
import { erasePerson } from '../usecases/erase-contact'

/** The instant `months` calendar months before `now` (day clamped to the month's end). */
export function retentionCutoff(now: Date, months: number): string {
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth() - months
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const day = Math.min(now.getUTCDate(), lastDay)
  return new Date(
    Date.UTC(y, m, day, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()),
  ).toISOString()
}

/**
 * Anonymises contacts inactive past their store's retention period, at most `limit` per run
 * over all stores (the rest wait for the next run); each contact in its own batch, so one
 * failure never half-erases another. Returns how many were erased.
 * @example await anonymiseInactive(env.DB, new Date()) // from the daily scheduled run
 */
export async function anonymiseInactive(db: D1Database, now: Date, limit = 200): Promise<number> {
  let erased = 0
  const at = now.toISOString()
  for (const site of await sitesWithRetention(db)) {
    if (erased >= limit) break
    const cutoff = retentionCutoff(now, site.retention_months)
    const ids = await inactiveContacts(db, site.site_id, cutoff, limit - erased)
    for (const contactId of ids) {
      const cleared = await erasePerson(db, {
        siteId: site.site_id,
        contactId,
        actor: { type: 'system' },
        reason: `retention: no activity for ${site.retention_months} months`,
        at,
      })
      if (cleared) erased++
    }
  }
  return erased
}
