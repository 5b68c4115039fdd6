/** The rows one lead capture writes, as statements for a single D1 batch. */
import type { CapturePlan } from '../leads/capture'
import { keepConsentTextsStatement } from './consent-texts'
import { stageChangeStatements } from './leads'

/**
 * The contact a capture belongs to: same normalised e-mail; else, without an e-mail match, the
 * same phone on a contact that has no e-mail (or any contact when no e-mail was given).
 * Every statement binds ?1 site, ?2 e-mail, ?3 phone.
 *
 * Two index searches (`contacts_site_email`, `contacts_site_phone`) joined by UNION ALL: written
 * as one WHERE with OR, SQLite searched every contact of the store instead, four times per
 * capture, so a capture got slower as its store grew. The branches cannot both match a row (an
 * e-mail match has an e-mail, the phone branch wants none or no e-mail given).
 */
const MATCH = `(SELECT id FROM (
    SELECT id, 0 AS by_phone, created_at FROM contacts WHERE site_id = ?1 AND email = ?2
    UNION ALL
    SELECT id, 1 AS by_phone, created_at FROM contacts
     WHERE site_id = ?1 AND phone = ?3 AND (?2 IS NULL OR email IS NULL))
  ORDER BY by_phone, created_at, id LIMIT 1)`

/**
 * The statements of a capture, in two parts for the batch: `contact`, the store's consent
 * wording, the contact and its consents, which apply whatever happens; then `lead`, the lead row
 * and its history, event and timeline rows, chained on the lead insert (db/leads.ts).
 */
export function captureStatements(
  db: D1Database,
  siteId: string,
  currency: string,
  plan: CapturePlan,
): { contact: D1PreparedStatement[]; lead: [D1PreparedStatement, ...D1PreparedStatement[]] } {
  const { contact: c, lead: l, move } = plan
  const at = move.at
  const key = [siteId, c.email, c.phone] as const
  // Once the upsert has run, a contact given an e-mail holds it (it matched by it, got it, or
  // is new): the unique index finds it. Without an e-mail, the match itself finds it again.
  const contactId =
    c.email !== null ? '(SELECT id FROM contacts WHERE site_id = ?1 AND email = ?2)' : MATCH
  const text = plan.consentText
  const contact = [
    // A store still on the built-in wording keeps it with its first capture.
    ...(text.keep.length === 0
      ? []
      : [keepConsentTextsStatement(db, siteId, text.version, text.keep, at)]),
    // The new contact, or, when one matches, the matched contact completed with what it lacks:
    // one upsert on the primary key (the id is the match's when there is one). Every conflict
    // is with the matched row, which is the store's (the e-mail index too: an e-mail already
    // in the store would have been the match).
    db
      .prepare(
        `INSERT INTO contacts (id, site_id, name, email, phone, company, location, created_at, updated_at)
         SELECT COALESCE(${MATCH}, ?4), ?1, ?5, ?2, ?3, ?6, ?7, ?8, ?8 WHERE true
         ON CONFLICT (id) DO UPDATE SET name = COALESCE(name, ?5), email = COALESCE(email, ?2),
           phone = COALESCE(phone, ?3), company = COALESCE(company, ?6), location = COALESCE(location, ?7),
           updated_at = ?8, version = version + 1
         WHERE site_id = ?1`,
      )
      .bind(...key, c.newId, c.name, c.company, c.location, at),
    // One statement for every channel's consent, before the lead row: the history rows after
    // the lead insert are chained on it having changed exactly one row. Each record points at
    // the opt-in wording shown (version and language), which the store keeps.
    ...(plan.consents.length === 0
      ? []
      : [
          db
            .prepare(
              `INSERT INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at,
                 consent_text_id, language, source)
               SELECT v.column1, ?1, ${contactId}, ?4, v.column2, v.column3, ?5, ?6,
                      (SELECT id FROM consent_texts WHERE site_id = ?1 AND kind = 'marketing' AND version = ?5 AND language = ?7),
                      ?7, ?8
                 FROM (VALUES ${plan.consents.map((_, n) => `(?${9 + 3 * n}, ?${10 + 3 * n}, ?${11 + 3 * n})`).join(', ')}) AS v`,
            )
            .bind(
              ...key,
              l.id,
              text.version,
              at,
              text.language,
              text.source,
              ...plan.consents.flatMap((cs) => [cs.id, cs.channel, cs.granted ? 1 : 0]),
            ),
        ]),
  ]
  const lead = db
    .prepare(
      `INSERT INTO leads (id, site_id, contact_id, stage, currency, probability, spam, spam_reason, message, custom,
           page_url, referrer, utm, locale, stage_entered_at, created_at, updated_at)
         VALUES (?4, ?1, ${contactId}, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?16)`,
    )
    .bind(
      ...key,
      l.id,
      move.to,
      currency,
      move.probability,
      l.spam ? 1 : 0,
      l.spamReason,
      l.message,
      JSON.stringify(l.custom),
      l.pageUrl,
      l.referrer,
      JSON.stringify(l.utm),
      l.locale,
      at,
    )
  const history = stageChangeStatements(db, siteId, l.id, move, {
    type: 'form_submitted',
    body: {
      fields: {
        name: c.name,
        email: c.email,
        phone: c.phone,
        company: c.company,
        location: c.location,
      },
      message: l.message,
      custom: l.custom,
      consent: Object.fromEntries(plan.consents.map((cs) => [cs.channel, cs.granted])),
      spam: l.spamReason,
    },
  })
  return { contact, lead: [lead, ...history] }
}
