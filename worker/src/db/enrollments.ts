/**
 * Enrollments (a lead in a sequence) in D1: listing, enrolling and ending them, with a timeline
 * row for each enrollment and exit. A lead is in a sequence at most once at a time (a partial
 * unique index), so enrolling twice changes nothing. Every query is scoped by site.
 */
import type { Enrollment } from '../../../contract'
import { decodeCursor, encodeCursor } from './cursor'

export interface EnrollmentRow {
  id: string
  site_id: string
  sequence_id: string
  lead_id: string
  contact_id: string
  status: Enrollment['status']
  step: number
  next_run_at: string | null
  lease_until: string | null
  exit_reason: string | null
  enrolled_by: Enrollment['enrolledBy']
  actor_id: string | null
  created_at: string
  updated_at: string
  ended_at: string | null
}

export const enrollmentFromRow = (r: EnrollmentRow): Enrollment => ({
  id: r.id,
  sequenceId: r.sequence_id,
  leadId: r.lead_id,
  contactId: r.contact_id,
  status: r.status,
  step: r.step,
  nextRunAt: r.next_run_at,
  exitReason: r.exit_reason,
  enrolledBy: r.enrolled_by,
  createdAt: r.created_at,
  endedAt: r.ended_at,
})

/**
 * Only while the runner still holds the enrollment's lease: every statement of a runner's batch
 * carries this guard, so a runner whose lease ran out writes nothing but what dedupe keys stop.
 */
export interface LeaseGuard {
  enrollmentId: string
  lease: string
}

const leaseSql = (e: string, l: string) =>
  `EXISTS (SELECT 1 FROM enrollments WHERE id = ${e} AND lease_until = ${l})`

export async function getEnrollment(db: D1Database, siteId: string, id: string) {
  return db
    .prepare('SELECT * FROM enrollments WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, id)
    .first<EnrollmentRow>()
}

/** The sequence's enrollments, newest first, keyset-paged on (created_at, id). */
export async function listEnrollmentsOfSequence(
  db: D1Database,
  siteId: string,
  sequenceId: string,
  q: { limit: number; cursor?: string },
): Promise<{ items: Enrollment[]; nextCursor: string | null }> {
  const [at, id] = q.cursor ? decodeCursor(q.cursor) : [null, null]
  const { results } = await db
    .prepare(
      `SELECT * FROM enrollments
        WHERE site_id = ?1 AND sequence_id = ?2 AND (?3 IS NULL OR (created_at, id) < (?3, ?4))
        ORDER BY created_at DESC, id DESC LIMIT ?5`,
    )
    .bind(siteId, sequenceId, at, id, q.limit + 1)
    .all<EnrollmentRow>()
  const page = results.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    items: page.map(enrollmentFromRow),
    nextCursor: results.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  }
}

/** The lead's enrollments, newest first (at most 100). */
export async function listEnrollmentsOfLead(db: D1Database, siteId: string, leadId: string) {
  const { results } = await db
    .prepare(
      `SELECT * FROM enrollments WHERE site_id = ?1 AND lead_id = ?2
        ORDER BY created_at DESC, id DESC LIMIT 100`,
    )
    .bind(siteId, leadId)
    .all<EnrollmentRow>()
  return results.map(enrollmentFromRow)
}

export interface NewEnrollment {
  id: string
  siteId: string
  sequenceId: string
  leadId: string
  nextRunAt: string
  enrolledBy: 'rule' | 'user' | 'sequence'
  actorId: string | null
  at: string
}

/**
 * Enrolls an open lead (not won or lost) into an active sequence, then writes the timeline row
 * `sequence_enrolled`; both change nothing when the lead is closed, the sequence not active or
 * the lead already active in it. The first statement's change count tells whether it enrolled.
 */
export function enrollStatements(
  db: D1Database,
  e: NewEnrollment,
  guard?: LeaseGuard,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO enrollments (id, site_id, sequence_id, lead_id, contact_id, status, step,
           next_run_at, enrolled_by, actor_id, created_at, updated_at)
         SELECT ?1, l.site_id, s.id, l.id, l.contact_id, 'active', 0, ?5, ?6, ?7, ?8, ?8
           FROM leads l JOIN sequences s ON s.site_id = l.site_id AND s.id = ?3 AND s.status = 'active'
          WHERE l.site_id = ?2 AND l.id = ?4 AND l.stage NOT IN ('won', 'lost')
            AND (?9 IS NULL OR ${leaseSql('?9', '?10')})`,
      )
      .bind(
        e.id,
        e.siteId,
        e.sequenceId,
        e.leadId,
        e.nextRunAt,
        e.enrolledBy,
        e.actorId,
        e.at,
        guard?.enrollmentId ?? null,
        guard?.lease ?? null,
      ),
    timelineOfEnrollment(db, e.siteId, e.id, 'sequence_enrolled', null, null, e.at),
  ]
}

/**
 * The timeline row of an enrollment (`sequence_enrolled`, or `sequence_exited` with its reason),
 * naming the sequence; written only when the statement right before it changed one row. An
 * enrollment's actor is the one who enrolled; an exit's is `actorId` (a rep) or the system.
 */
function timelineOfEnrollment(
  db: D1Database,
  siteId: string,
  enrollmentId: string,
  type: 'sequence_enrolled' | 'sequence_exited',
  reason: string | null,
  actorId: string | null,
  at: string,
) {
  return db
    .prepare(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT 'ac_' || lower(hex(randomblob(16))), e.site_id, e.lead_id, e.contact_id, ?3,
              json_object('sequenceId', s.id, 'name', s.name, 'enrollmentId', e.id, 'reason', ?4),
              CASE WHEN ?3 = 'sequence_enrolled' AND e.enrolled_by = 'user' THEN 'user'
                   WHEN ?3 = 'sequence_exited' AND ?6 IS NOT NULL THEN 'user' ELSE 'system' END,
              CASE WHEN ?3 = 'sequence_enrolled' THEN e.actor_id ELSE ?6 END, ?5
         FROM enrollments e JOIN sequences s ON s.site_id = e.site_id AND s.id = e.sequence_id
        WHERE e.site_id = ?1 AND e.id = ?2 AND changes() = 1`,
    )
    .bind(siteId, enrollmentId, type, reason, at, actorId)
}

/**
 * Ends an active enrollment with `reason` (by a rep when `actorId` is given), then writes the
 * timeline row `sequence_exited`. The first statement's change count tells whether it ended.
 */
export function exitStatements(
  db: D1Database,
  siteId: string,
  enrollmentId: string,
  reason: string,
  actorId: string | null,
  at: string,
  guard?: LeaseGuard,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE enrollments SET status = 'exited', exit_reason = ?3, ended_at = ?4, updated_at = ?4,
           next_run_at = NULL, lease_until = NULL
          WHERE site_id = ?1 AND id = ?2 AND status = 'active' AND (?5 IS NULL OR lease_until = ?5)`,
      )
      .bind(siteId, enrollmentId, reason, at, guard?.lease ?? null),
    timelineOfEnrollment(db, siteId, enrollmentId, 'sequence_exited', reason, actorId, at),
  ]
}

// ------------------------------------------------------------------------------------ runner

/**
 * Enrolls into each active `quote_stalled` sequence the open leads with a quote viewed at least
 * the trigger's `days` before `at` and still not accepted or declined, unless the lead was ever
 * in that sequence (any status): a stalled quote starts a sequence once.
 */
export const enrollStalledQuotesStatement = (db: D1Database, at: string) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO enrollments (id, site_id, sequence_id, lead_id, contact_id, status, step,
         next_run_at, enrolled_by, created_at, updated_at)
       SELECT 'en_' || lower(hex(randomblob(16))), s.site_id, s.id, l.id, l.contact_id, 'active', 0, ?1,
              'rule', ?1, ?1
         FROM sequences s
         JOIN leads l ON l.site_id = s.site_id AND l.stage NOT IN ('won', 'lost')
        WHERE s.status = 'active' AND s.trigger_key = 'quote_stalled'
          AND l.id IN (SELECT q.lead_id FROM quotes q
                        WHERE q.site_id = s.site_id AND q.status = 'viewed'
                          AND q.viewed_at <= strftime('%Y-%m-%dT%H:%M:%fZ', ?1,
                                '-' || CAST(json_extract(s.trigger, '$.days') AS INTEGER) || ' days'))
          AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.site_id = s.site_id
                            AND e.sequence_id = s.id AND e.lead_id = l.id)`,
    )
    .bind(at)

/**
 * Claims up to `limit` due enrollments of active sequences for this runner in one statement:
 * another runner sees them leased until `leaseUntil` and leaves them alone.
 */
export async function claimDueEnrollments(
  db: D1Database,
  at: string,
  leaseUntil: string,
  limit: number,
): Promise<EnrollmentRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE enrollments SET lease_until = ?2
        WHERE id IN (SELECT e.id FROM enrollments e
                      WHERE e.status = 'active' AND e.next_run_at <= ?1
                        AND (e.lease_until IS NULL OR e.lease_until <= ?1)
                        AND EXISTS (SELECT 1 FROM sequences s WHERE s.id = e.sequence_id
                                      AND s.status = 'active')
                      ORDER BY e.next_run_at LIMIT ?3)
       RETURNING *`,
    )
    .bind(at, leaseUntil, limit)
    .all<EnrollmentRow>()
  return results
}

/**
 * Moves a leased enrollment to its next position (completed when `completed`) and releases the
 * lease; changes nothing once the lease is another runner's. Runs last in the runner's batch.
 */
export const finishStepStatement = (
  db: D1Database,
  guard: LeaseGuard,
  next: { step: number; nextRunAt: string | null; completed: boolean; at: string },
) =>
  db
    .prepare(
      `UPDATE enrollments SET step = ?3, next_run_at = ?4, updated_at = ?5, lease_until = NULL,
         status = CASE WHEN ?6 = 1 THEN 'completed' ELSE status END,
         ended_at = CASE WHEN ?6 = 1 THEN ?5 ELSE ended_at END
        WHERE id = ?1 AND lease_until = ?2 AND status = 'active'`,
    )
    .bind(
      guard.enrollmentId,
      guard.lease,
      next.step,
      next.nextRunAt,
      next.at,
      next.completed ? 1 : 0,
    )

/** A timeline row of the lead written only while the runner holds the enrollment's lease. */
export const leasedTimelineStatement = (
  db: D1Database,
  siteId: string,
  leadId: string,
  entry: { type: string; body: Record<string, unknown> },
  at: string,
  guard: LeaseGuard,
) =>
  db
    .prepare(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT 'ac_' || lower(hex(randomblob(16))), site_id, id, contact_id, ?3, ?4, 'system', NULL, ?5
         FROM leads WHERE site_id = ?1 AND id = ?2 AND ${leaseSql('?6', '?7')}`,
    )
    .bind(
      siteId,
      leadId,
      entry.type,
      JSON.stringify(entry.body),
      at,
      guard.enrollmentId,
      guard.lease,
    )

/**
 * When the commercial messages queued for a contact since `since` were created (pending, being
 * sent or delivered; failed and cancelled ones reached nobody), for the frequency cap.
 */
export async function recentCommercialSends(
  db: D1Database,
  siteId: string,
  contactId: string,
  since: string,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT created_at FROM outbox
        WHERE site_id = ?1 AND contact_id = ?2 AND purpose = 'commercial' AND created_at >= ?3
          AND status IN ('pending', 'sending', 'delivered')
        ORDER BY created_at DESC LIMIT 200`,
    )
    .bind(siteId, contactId, since)
    .all<{ created_at: string }>()
  return results.map((r) => r.created_at)
}
