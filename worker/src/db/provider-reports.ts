/** What e-mail and SMS providers' delivery reports add: timeline rows, withdrawn consent. */

// ---------------------------------------------------------------------- provider reports

/** The message a provider's report is about, by the id the provider gave it. */
export const reportedMessage = (
  db: D1Database,
  siteId: string,
  channel: 'email' | 'sms',
  providerId: string,
) =>
  db
    .prepare(
      `SELECT id, lead_id, contact_id FROM outbox
        WHERE provider_message_id = ?3 AND site_id = ?1 AND channel = ?2 LIMIT 1`,
    )
    .bind(siteId, channel, providerId)
    .first<{ id: string; lead_id: string | null; contact_id: string | null }>()

/**
 * Timeline rows from reports, one statement for any number of them. Ids are derived from the
 * reports, so a report delivered twice (providers retry) adds its row once; a message that is
 * not this store's, or not on `channel`, adds nothing.
 */
export const reportActivitiesStatement = (
  db: D1Database,
  siteId: string,
  channel: 'email' | 'sms',
  rows: { id: string; messageId: string; type: string; body: Record<string, unknown> }[],
  at: string,
) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT json_extract(r.value, '$.id'), o.site_id, o.lead_id, o.contact_id, json_extract(r.value, '$.type'),
              json_extract(r.value, '$.body'), 'system', NULL, ?4
         FROM json_each(?3) r
         JOIN outbox o ON o.site_id = ?1 AND o.id = json_extract(r.value, '$.messageId') AND o.channel = ?2
        WHERE o.lead_id IS NOT NULL OR o.contact_id IS NOT NULL`,
    )
    .bind(
      siteId,
      channel,
      JSON.stringify(rows.map((r) => ({ ...r, body: JSON.stringify(r.body) }))),
      at,
    )

/** A bounce or complaint ends e-mail consent: a `granted = 0` row (once per report). */
export const withdrawEmailConsentStatement = (
  db: D1Database,
  siteId: string,
  messageId: string,
  id: string,
  why: 'bounce' | 'complaint',
  at: string,
) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at, source)
       SELECT ?1, site_id, contact_id, lead_id, 'email', 0, ?4, ?5, 'provider' FROM outbox
        WHERE site_id = ?2 AND id = ?3 AND contact_id IS NOT NULL`,
    )
    .bind(id, siteId, messageId, why, at)
