/**
 * The analytics area's part of the route-wide tests: a request per documented route for
 * docs.test.ts (analytics routes take no JSON body, so bad-input.test.ts gets none). Also the
 * helper analytics.test.ts uses to write a generated history into a store.
 */
import { env } from 'cloudflare:workers'
import type { History } from '../../../worker/src/analytics/history'
import { admin, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

/**
 * Writes a history into the store: a contact per lead, the leads, and the stage events in
 * their `seq` order (so the table's rowids keep that order). Owner and pipeline ids must exist.
 */
export async function insertHistory(store: TestStore, history: History) {
  const db = env.DB
  const statements: D1PreparedStatement[] = []
  for (const l of history.leads) {
    statements.push(
      db
        .prepare(
          `INSERT INTO contacts (id, site_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)`,
        )
        .bind(`ct_${l.id}`, store.siteId, `Kişi ${l.id}`, l.createdAt),
      db
        .prepare(
          `INSERT INTO leads (id, site_id, contact_id, stage, close_reason, owner_id, value_minor,
             currency, probability, spam, referrer, utm, stage_entered_at, created_at, updated_at,
             pipeline_id, expected_close, probability_override)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 10, ?9, ?10, ?11, ?12, ?13, ?12, ?14, ?15, ?16)`,
        )
        .bind(
          l.id,
          store.siteId,
          `ct_${l.id}`,
          l.stage,
          l.closeReason,
          l.ownerId,
          l.valueMinor,
          l.currency,
          l.spam ? 1 : 0,
          l.referrer,
          JSON.stringify(l.utm),
          l.stageEnteredAt,
          l.createdAt,
          l.pipelineId,
          l.expectedClose,
          l.probabilityOverride,
        ),
    )
  }
  for (const e of [...history.events].sort((a, b) => a.seq - b.seq)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO stage_events (id, site_id, lead_id, from_stage, to_stage, event, actor_type, at)
           VALUES (?1, ?2, ?3, ?4, ?5, 'moved', 'system', ?6)`,
        )
        .bind(`se_${e.leadId}_${e.seq}`, store.siteId, e.leadId, e.from, e.to, e.at),
    )
  }
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500))
}

export async function analyticsRequests(ctx: AreaContext): Promise<AreaRequests> {
  const key = ctx.store.rep.key
  return {
    getFunnel: () => admin(key, 'GET', '/analytics/funnel'),
    getTimeInStage: () =>
      admin(key, 'GET', '/analytics/time-in-stage?from=2026-01-01&to=2026-03-31'),
    getWinRates: () => admin(key, 'GET', '/analytics/win-rates'),
    getForecast: () => admin(key, 'GET', '/analytics/forecast'),
  }
}

export async function analyticsJsonRoutes(_ctx: AreaContext): Promise<JsonRoute[]> {
  return []
}
