/** A store's webhook endpoints in D1. Every query is scoped by site. */
import type { Webhook, WebhookInput, WebhookUpdate } from '../../../contract'

// ----------------------------------------------------------------------- admin: webhooks

interface WebhookRow {
  id: string
  url: string
  description: string | null
  events: string
  status: 'active' | 'disabled'
  disabled_reason: string | null
  created_at: string
  updated_at: string
}

const WEBHOOK_COLUMNS =
  'id, url, description, events, status, disabled_reason, created_at, updated_at'

const webhookFromRow = (r: WebhookRow): Webhook => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: JSON.parse(r.events) as string[],
  status: r.status,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** A store has at most this many endpoints. */
export const WEBHOOKS_MAX = 20

export async function listWebhooks(db: D1Database, siteId: string): Promise<Webhook[]> {
  const { results } = await db
    .prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE site_id = ?1 ORDER BY created_at, id`)
    .bind(siteId)
    .all<WebhookRow>()
  return results.map(webhookFromRow)
}

export async function getWebhook(db: D1Database, siteId: string, id: string) {
  const row = await db
    .prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<WebhookRow>()
  return row ? webhookFromRow(row) : null
}

/** Adds an endpoint unless the store has `WEBHOOKS_MAX` already. */
export const insertWebhookStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  input: WebhookInput,
  secret: string,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO webhooks (id, site_id, url, description, events, secret, status, gone_count, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'active', 0, ?7, ?7
        WHERE (SELECT count(*) FROM webhooks WHERE site_id = ?2) < ?8`,
    )
    .bind(
      id,
      siteId,
      input.url,
      input.description ?? null,
      JSON.stringify([...new Set(input.events)]),
      secret,
      at,
      WEBHOOKS_MAX,
    )

/** Changes what is given; enabling (or a new URL) starts the 410 count afresh. */
export const updateWebhookStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  u: WebhookUpdate,
  at: string,
) =>
  db
    .prepare(
      `UPDATE webhooks SET url = COALESCE(?3, url),
         description = CASE WHEN ?4 = 1 THEN ?5 ELSE description END,
         events = COALESCE(?6, events), status = COALESCE(?7, status),
         disabled_reason = CASE WHEN ?7 = 'active' THEN NULL
                                WHEN ?7 = 'disabled' AND status = 'active' THEN 'Disabled by the owner.'
                                ELSE disabled_reason END,
         gone_count = CASE WHEN ?7 = 'active' OR ?3 IS NOT NULL THEN 0 ELSE gone_count END,
         updated_at = ?8
        WHERE site_id = ?1 AND id = ?2`,
    )
    .bind(
      siteId,
      id,
      u.url ?? null,
      u.description === undefined ? 0 : 1,
      u.description ?? null,
      u.events ? JSON.stringify([...new Set(u.events)]) : null,
      u.status ?? null,
      at,
    )

export const deleteWebhookStatement = (db: D1Database, siteId: string, id: string) =>
  db.prepare('DELETE FROM webhooks WHERE site_id = ?1 AND id = ?2').bind(siteId, id)

/** Cancels a deleted endpoint's messages that have not gone out. */
export const cancelOrphansStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare(
      `UPDATE outbox SET status = 'cancelled', last_error = 'webhook_deleted', updated_at = ?3
        WHERE site_id = ?1 AND webhook_id = ?2 AND status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM webhooks WHERE site_id = ?1 AND id = ?2)`,
    )
    .bind(siteId, id, at)
