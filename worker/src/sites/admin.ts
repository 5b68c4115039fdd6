/**
 * The rules of a save of the store's settings: what the schema cannot check, and the audit
 * record of what changed. Pure: no Hono, no D1 (db/sites.ts maps the row to and from them).
 */
import { isSupportedCountry } from 'libphonenumber-js/min'
import { consentVersionIssue, type SiteAdmin, type SiteUpdate } from '../../../contract'
import { reusedVersionIssue, type ConsentWording } from './consent-texts'

/**
 * What the schema cannot tell on its own: a reworded consent needs a new version, one the store
 * never used for other words (`kept`: the wordings kept under the update's version), since each
 * consent record points at the wording it was given under; and the phone region must be one
 * phone numbers are read in.
 */
export function saveIssues(before: SiteAdmin, update: SiteUpdate, kept: ConsentWording[]) {
  const issues: { path: string; message: string }[] = []
  const consent =
    consentVersionIssue(before.settings.consent, update.settings.consent) ??
    reusedVersionIssue(kept, update.settings.consent)
  if (consent) issues.push(consent)
  if (!isSupportedCountry(update.defaultRegion)) {
    issues.push({ path: 'defaultRegion', message: 'phone numbers of this country are not known' })
  }
  return issues
}

const SECTIONS = ['fields', 'consent', 'theme', 'minFillMs'] as const
const PROFILE = ['name', 'locale', 'currency', 'timeZone', 'defaultRegion'] as const

/**
 * The audit record of a save: which parts changed, the origins added and removed, and the
 * profile before and after. Small on purpose: the settings JSON itself is not copied.
 *
 * @example describeSiteChange(before, update) // { changed: ['name', 'origins'], ... }
 */
export function describeSiteChange(before: SiteAdmin, after: SiteUpdate) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  const changed = [
    ...PROFILE.filter((k) => before[k] !== after[k]),
    ...(same([...after.origins].sort(), before.origins) ? [] : ['origins']),
    ...SECTIONS.filter((k) => !same(before.settings[k], after.settings[k])).map(
      (k) => `settings.${k}`,
    ),
  ]
  const profile = (s: SiteAdmin | SiteUpdate) => Object.fromEntries(PROFILE.map((k) => [k, s[k]]))
  return {
    version: before.version + 1,
    changed,
    originsAdded: after.origins.filter((o) => !before.origins.includes(o)),
    originsRemoved: before.origins.filter((o) => !after.origins.includes(o)),
    consentVersion: after.settings.consent.version,
    before: profile(before),
    after: profile(after),
  }
}
