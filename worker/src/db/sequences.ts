/**
 * Nurturing sequences in D1. `steps` and `trigger` are stored as JSON; `trigger_key` is the
 * trigger as the enrolling statements look it up, `channels` the channels its `send` steps use
 * (a withdrawn consent ends only the enrollments of sequences that send on that channel).
 * Enrollments live in enrollments.ts. Every query is scoped by site.
 */
import type { Sequence, SequenceInput, SequenceStep, SequenceTrigger } from '../../../contract'

interface SequenceRow {
  id: string
  name: string
  status: Sequence['status']
  trigger: string
  steps: string
  version: number
  created_at: string
  updated_at: string
}

const COLUMNS = 'id, name, status, trigger, steps, version, created_at, updated_at'

const fromRow = (r: SequenceRow): Sequence => ({
  id: r.id,
  name: r.name,
  status: r.status,
  trigger: JSON.parse(r.trigger) as SequenceTrigger,
  steps: JSON.parse(r.steps) as SequenceStep[],
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** How a trigger is looked up: `stage:<stage>`, `event:meeting_no_show`, `quote_stalled`. */
export function triggerKey(t: SequenceTrigger): string | null {
  switch (t.on) {
    case 'manual':
      return null
    case 'stage':
      return `stage:${t.stage}`
    case 'meeting_no_show':
      return 'event:meeting_no_show'
    case 'quote_stalled':
      return 'quote_stalled'
  }
}

/** The distinct channels the `send` steps use, comma-separated in step order. */
export const channelsOf = (steps: readonly SequenceStep[]): string =>
  [...new Set(steps.flatMap((s) => (s.kind === 'send' ? [s.channel] : [])))].join(',')

/** The store's sequences, newest first (archived ones too: their enrollments stay readable). */
export async function listSequences(db: D1Database, siteId: string): Promise<Sequence[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM sequences WHERE site_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 500`,
    )
    .bind(siteId)
    .all<SequenceRow>()
  return results.map(fromRow)
}

export async function getSequence(
  db: D1Database,
  siteId: string,
  id: string,
): Promise<Sequence | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM sequences WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<SequenceRow>()
  return row ? fromRow(row) : null
}

/** How many of the sequence's enrollments are active, completed and exited. */
export async function enrollmentCounts(db: D1Database, siteId: string, sequenceId: string) {
  const row = await db
    .prepare(
      `SELECT count(*) FILTER (WHERE status = 'active') AS active,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'exited') AS exited
         FROM enrollments WHERE site_id = ?1 AND sequence_id = ?2`,
    )
    .bind(siteId, sequenceId)
    .first<{ active: number; completed: number; exited: number }>()
  return { active: row?.active ?? 0, completed: row?.completed ?? 0, exited: row?.exited ?? 0 }
}

/** The store's sequences that are not archived, as the enroll-cycle check reads them. */
export async function sequenceGraph(
  db: D1Database,
  siteId: string,
): Promise<{ id: string; name: string; steps: SequenceStep[] }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, name, steps FROM sequences WHERE site_id = ?1 AND status != 'archived' LIMIT 1000`,
    )
    .bind(siteId)
    .all<{ id: string; name: string; steps: string }>()
  return results.map((r) => ({
    id: r.id,
    name: r.name,
    steps: JSON.parse(r.steps) as SequenceStep[],
  }))
}

/** The store's webhook endpoints among `ids` (at most 50), by id. */
export async function getWebhookTargets(
  db: D1Database,
  siteId: string,
  ids: readonly string[],
): Promise<Map<string, { url: string; status: 'active' | 'disabled' }>> {
  const unique = [...new Set(ids)].slice(0, 50)
  if (unique.length === 0) return new Map()
  const { results } = await db
    .prepare(
      `SELECT id, url, status FROM webhooks
        WHERE site_id = ?1 AND id IN (${unique.map((_, i) => `?${i + 2}`).join(', ')})`,
    )
    .bind(siteId, ...unique)
    .all<{ id: string; url: string; status: 'active' | 'disabled' }>()
  return new Map(results.map((r) => [r.id, { url: r.url, status: r.status }]))
}

/** Parameters ?3…?9 of the insert and the update: the sequence as sent, and the time. */
const sequenceValues = (s: SequenceInput, at: string) => [
  s.name,
  s.status,
  JSON.stringify(s.trigger),
  triggerKey(s.trigger),
  JSON.stringify(s.steps),
  channelsOf(s.steps),
  at,
]

/** How the insert and the update are called. */
type SequenceWrite = (
  db: D1Database,
  siteId: string,
  id: string,
  s: SequenceInput,
  at: string,
) => D1PreparedStatement

export const insertSequenceStatement: SequenceWrite = (db, siteId, id, s, at) =>
  db
    .prepare(
      `INSERT INTO sequences (id, site_id, name, status, trigger, trigger_key, steps, channels, version,
         created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)`,
    )
    .bind(id, siteId, ...sequenceValues(s, at))

/**
 * Replaces a sequence that is not archived and bumps its version. Enrollments keep their step
 * index, so they go on with the new steps from that index (see the route for what that means).
 */
export const updateSequenceStatement: SequenceWrite = (db, siteId, id, s, at) =>
  db
    .prepare(
      `UPDATE sequences SET name = ?3, status = ?4, trigger = ?5, trigger_key = ?6, steps = ?7, channels = ?8,
         updated_at = ?9, version = version + 1
        WHERE site_id = ?1 AND id = ?2 AND status != 'archived'`,
    )
    .bind(siteId, id, ...sequenceValues(s, at))

/**
 * Archives a sequence and ends its active enrollments with `sequence_archived`, each with a
 * timeline row. The first statement is the guard: it archives the sequence only while it is not
 * archived yet, and its change count tells whether it was archived now. The timeline rows, then
 * the exits, apply only when it did: while the sequence is the one this batch archived (archived,
 * with this batch's `updated_at`; an archived sequence changes no more). The timeline rows come
 * before the exits, while the enrollments are still active.
 */
export function archiveSequenceStatements(
  db: D1Database,
  siteId: string,
  id: string,
  actorId: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  const archivedNow = (at: string) =>
    `EXISTS (SELECT 1 FROM sequences WHERE site_id = ?1 AND id = ?2 AND status = 'archived' AND updated_at = ${at})`
  return [
    db
      .prepare(
        `UPDATE sequences SET status = 'archived', updated_at = ?3, version = version + 1
          WHERE site_id = ?1 AND id = ?2 AND status != 'archived'`,
      )
      .bind(siteId, id, at),
    db
      .prepare(
        `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
         SELECT 'ac_' || lower(hex(randomblob(16))), e.site_id, e.lead_id, e.contact_id, 'sequence_exited',
                json_object('sequenceId', s.id, 'name', s.name, 'reason', 'sequence_archived'), 'user', ?3, ?4
           FROM enrollments e JOIN sequences s ON s.site_id = e.site_id AND s.id = e.sequence_id
          WHERE e.site_id = ?1 AND e.sequence_id = ?2 AND e.status = 'active' AND ${archivedNow('?4')}`,
      )
      .bind(siteId, id, actorId, at),
    db
      .prepare(
        `UPDATE enrollments SET status = 'exited', exit_reason = 'sequence_archived', ended_at = ?3,
           updated_at = ?3, next_run_at = NULL, lease_until = NULL
          WHERE site_id = ?1 AND sequence_id = ?2 AND status = 'active' AND ${archivedNow('?3')}`,
      )
      .bind(siteId, id, at),
  ]
}
