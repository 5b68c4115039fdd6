/**
 * Pipeline events in D1. An event is recorded by a statement in the same batch as the change it
 * reports, and what it causes is queued by statements that select the recorded row: a webhook
 * message per subscribed endpoint, and for a stage change the sequence exits and enrollments.
 * When the event row was not written (the change's guard failed), they all do nothing.
 */
import type { EventType, Stage } from '../../../contract'
import { newId } from '../lib/ids'

export interface NewEvent {
  siteId: string
  type: EventType
  leadId?: string | null
  contactId?: string | null
  data: Record<string, unknown>
  at: string
  /** Given when the same event must never be raised twice (a quote expires once). */
  dedupeKey?: string
}

/**
 * What a statement checks to know that the change it follows applied: the row the change wrote
 * exists. `table` is one of a closed set, never text from a request.
 */
export interface Guard {
  table: 'events' | 'stage_events'
  id: string
}

const exists = (g: Guard, param: string) =>
  `EXISTS (SELECT 1 FROM ${g.table} WHERE site_id = ?1 AND id = ${param})`

/**
 * `record` writes the event. `effects` queue what it causes. Without a guard, `record` runs
 * unconditionally (or, with `afterChange`, only when the statement right before it changed a
 * row, changing one row itself then, so a chain of such guards holds) and `effects` must come
 * after it: they apply when the event row exists. With `guard`, both apply only when the
 * guard's row exists and may come in any order. The contact is the lead's when not given.
 */
export function eventStatements(
  db: D1Database,
  e: NewEvent,
  opts: { afterChange?: boolean; guard?: Guard } = {},
): { id: string; record: D1PreparedStatement; effects: D1PreparedStatement[] } {
  const id = newId('ev')
  const guard: Guard = opts.guard ?? { table: 'events', id }
  // D1 wants every bound parameter used: without a guard, ?9 is bound to null.
  const condition = opts.guard
    ? exists(opts.guard, '?9')
    : `?9 IS NULL${opts.afterChange ? ' AND changes() = 1' : ''}`
  const record = db
    .prepare(
      `INSERT OR IGNORE INTO events (id, site_id, type, lead_id, contact_id, data, dedupe_key, created_at)
       SELECT ?2, ?1, ?3, ?4,
              COALESCE(?5, (SELECT contact_id FROM leads WHERE site_id = ?1 AND id = ?4)), ?6, ?7, ?8
        WHERE ${condition}`,
    )
    .bind(
      e.siteId,
      id,
      e.type,
      e.leadId ?? null,
      e.contactId ?? null,
      JSON.stringify(e.data),
      e.dedupeKey ?? null,
      e.at,
      opts.guard?.id ?? null,
    )
  return { id, record, effects: [webhookFanOutStatement(db, e, id, guard)] }
}

/** One webhook message per active endpoint of the store subscribed to the event's type. */
function webhookFanOutStatement(db: D1Database, e: NewEvent, eventId: string, guard: Guard) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO outbox (id, site_id, channel, purpose, dedupe_key, recipient, payload, webhook_id,
         contact_id, lead_id, event_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT 'ms_' || lower(hex(randomblob(16))), w.site_id, 'webhook', 'system', 'wh:' || ?2 || ':' || w.id,
              w.url,
              json_object('id', ?2, 'type', ?3, 'createdAt', ?4, 'siteId', w.site_id, 'data', json(?5)),
              w.id, COALESCE(?7, (SELECT contact_id FROM leads WHERE site_id = ?1 AND id = ?6)), ?6, ?2,
              'pending', 0, ?4, ?4, ?4
         FROM webhooks w
        WHERE w.site_id = ?1 AND w.status = 'active'
          AND EXISTS (SELECT 1 FROM json_each(w.events) j WHERE j.value IN (?3, '*'))
          AND ${exists(guard, '?8')}`,
    )
    .bind(
      e.siteId,
      eventId,
      e.type,
      e.at,
      JSON.stringify(e.data),
      e.leadId ?? null,
      e.contactId ?? null,
      guard.id,
    )
}

/** Why a stage change ends the lead's enrollments. */
export function exitReasonFor(to: Stage): 'meeting_booked' | 'closed' | 'stage_changed' {
  if (to === 'meeting') return 'meeting_booked'
  return to === 'won' || to === 'lost' ? 'closed' : 'stage_changed'
}

/**
 * A stage change ends every active enrollment of the lead, then enrolls it into the active
 * sequences triggered by entering `to` or by the pipeline event that moved it (`meeting_no_show`).
 * Both apply only when the guard's row exists (the change applied).
 */
export function stageEnrollmentStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  guard: Guard,
  to: Stage,
  pipelineEvent: string,
  at: string,
): D1PreparedStatement[] {
  return [
    // A lead just captured is in no sequence yet: nothing to end.
    ...(pipelineEvent === 'captured'
      ? []
      : [exitEnrollmentsStatement(db, siteId, leadId, exitReasonFor(to), at, guard)]),
    db
      .prepare(
        `INSERT OR IGNORE INTO enrollments (id, site_id, sequence_id, lead_id, contact_id, status, step, next_run_at,
           enrolled_by, created_at, updated_at)
         SELECT 'en_' || lower(hex(randomblob(16))), s.site_id, s.id, l.id, l.contact_id, 'active', 0, ?3, 'rule', ?3, ?3
           FROM leads l
           JOIN sequences s ON s.site_id = l.site_id AND s.status = 'active' AND s.trigger_key IN (?4, ?5)
          WHERE l.site_id = ?1 AND l.id = ?2 AND ${exists(guard, '?6')}`,
      )
      .bind(siteId, leadId, at, `stage:${to}`, `event:${pipelineEvent}`, guard.id),
  ]
}

/**
 * Ends the lead's active enrollments (all of them, or only those of sequences that send on
 * `channel`), when given a guard only when its row exists.
 */
export function exitEnrollmentsStatement(
  db: D1Database,
  siteId: string,
  leadId: string,
  reason: string,
  at: string,
  guard: Guard | null = null,
  channel: 'email' | 'sms' | null = null,
) {
  return db
    .prepare(
      `UPDATE enrollments SET status = 'exited', exit_reason = ?3, ended_at = ?4, updated_at = ?4, next_run_at = NULL
        WHERE site_id = ?1 AND lead_id = ?2 AND status = 'active'
          AND ${guard ? exists(guard, '?5') : '?5 IS NULL'}
          AND (?6 IS NULL OR sequence_id IN (
                SELECT id FROM sequences WHERE site_id = ?1 AND instr(',' || channels || ',', ',' || ?6 || ',') > 0))`,
    )
    .bind(siteId, leadId, reason, at, guard?.id ?? null, channel)
}

/** A completed quiz: its event (webhooks) with the outcome and score. */
export function quizCompletedStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  r: {
    quizId: string
    version: number
    responseId: string
    outcome: string
    score: number
    at: string
  },
) {
  const { at, ...data } = r
  const event = eventStatements(db, {
    siteId,
    type: 'quiz.completed',
    leadId,
    data: { leadId, ...data },
    at,
  })
  return [event.record, ...event.effects]
}
