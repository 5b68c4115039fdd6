/** Leads, their stage history and their timeline in D1. Every query is scoped by site. */
import type { Lead, LeadListItem, LeadListQuery, Stage, StageEvent } from '../../../contract'
import { newId } from '../lib/ids'
import { statusOf, type MovePlan } from '../pipeline'
import { decodeCursor, encodeCursor } from './cursor'
import { eventStatements, stageEnrollmentStatements, type Guard } from './events'
import { likePattern, params, searchClause } from './sql'

export interface LeadRow {
  id: string
  contact_id: string
  stage: Stage
  close_reason: string | null
  owner_id: string | null
  value_minor: number
  currency: string
  probability: number
  score: number | null
  qualification: Lead['qualification']
  score_breakdown: string | null
  spam: number
  message: string | null
  custom: string
  page_url: string | null
  referrer: string | null
  utm: string
  version: number
  stage_entered_at: string
  created_at: string
  updated_at: string
  pipeline_id: string | null
  expected_close: string | null
  probability_override: number | null
}

const LEAD_COLUMNS = `l.id, l.contact_id, l.stage, l.close_reason, l.owner_id, l.value_minor, l.currency,
  l.probability, l.score, l.qualification, l.score_breakdown, l.spam, l.message, l.custom, l.page_url, l.referrer, l.utm, l.version,
  l.stage_entered_at, l.created_at, l.updated_at, l.pipeline_id, l.expected_close, l.probability_override`

export function leadFromRow(r: LeadRow): Lead {
  return {
    id: r.id,
    contactId: r.contact_id,
    stage: r.stage,
    status: statusOf(r.stage),
    closeReason: r.close_reason,
    ownerId: r.owner_id,
    valueMinor: r.value_minor,
    currency: r.currency,
    probability: r.probability,
    score: r.score,
    qualification: r.qualification,
    scoreBreakdown: r.score_breakdown
      ? (JSON.parse(r.score_breakdown) as Record<string, unknown>)
      : null,
    spam: r.spam === 1,
    source: {
      pageUrl: r.page_url,
      referrer: r.referrer,
      utm: JSON.parse(r.utm) as Record<string, string>,
    },
    message: r.message,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    version: r.version,
    stageEnteredAt: r.stage_entered_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    pipelineId: r.pipeline_id,
    expectedClose: r.expected_close,
    probabilityOverride: r.probability_override,
  }
}

export async function getLead(db: D1Database, siteId: string, id: string): Promise<Lead | null> {
  const row = await db
    .prepare(`SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.site_id = ?1 AND l.id = ?2`)
    .bind(siteId, id)
    .first<LeadRow>()
  return row ? leadFromRow(row) : null
}

export interface TimelineEntry {
  type: string
  body: Record<string, unknown>
}

/**
 * The history row and the timeline row of a stage change. Each insert runs only when the
 * statement before it changed exactly one row, so after a guarded UPDATE that matched nothing
 * (someone else moved the lead first) nothing is recorded.
 */
export function stageChangeStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  plan: MovePlan,
  activity: TimelineEntry,
): D1PreparedStatement[] {
  const actorId = plan.actor.type === 'user' ? plan.actor.id : null
  const stageEventId = newId('se')
  return [
    db
      .prepare(
        `INSERT INTO stage_events (id, site_id, lead_id, from_stage, to_stage, event, reason, actor_type, actor_id, at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE changes() = 1`,
      )
      .bind(
        stageEventId,
        siteId,
        leadId,
        plan.from,
        plan.to,
        plan.event,
        plan.reason,
        plan.actor.type,
        actorId,
        plan.at,
      ),
    ...stageEventStatements(db, siteId, leadId, plan, { table: 'stage_events', id: stageEventId }),
    activityStatement(db, siteId, leadId, activity, plan.actor.type, actorId, plan.at, true),
  ]
}

/**
 * The pipeline event of a stage change (`lead.created` for a capture) and what it causes
 * (webhooks, sequence exits and enrollments), all only when the history row was written. The
 * event row comes last and changes one row exactly then, so the timeline insert after it keeps
 * the batch's `changes() = 1` chain, and so does whatever a caller puts after that.
 */
function stageEventStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  plan: MovePlan,
  guard: Guard,
) {
  const event = eventStatements(
    db,
    {
      siteId,
      type: plan.from === null ? 'lead.created' : 'lead.stage_changed',
      leadId,
      data: { leadId, from: plan.from, to: plan.to, event: plan.event, reason: plan.reason },
      at: plan.at,
    },
    { guard },
  )
  return [
    ...event.effects,
    ...stageEnrollmentStatements(db, siteId, leadId, guard, plan.to, plan.event, plan.at),
    event.record,
  ]
}

/** Inserts a timeline row for a lead of this site (nothing when the lead is not the site's). */
export function activityStatement(
  db: D1Database,
  siteId: string,
  leadId: string,
  activity: TimelineEntry,
  actorType: 'visitor' | 'user' | 'system',
  actorId: string | null,
  at: string,
  onlyAfterChange = false,
  id = newId('ac'),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
       SELECT ?1, site_id, id, contact_id, ?4, ?5, ?6, ?7, ?8 FROM leads
        WHERE site_id = ?2 AND id = ?3${onlyAfterChange ? ' AND changes() = 1' : ''}`,
    )
    .bind(id, siteId, leadId, activity.type, JSON.stringify(activity.body), actorType, actorId, at)
}

/**
 * The guarded update of a move: applies only while the lead is still at `plan.from` and, when
 * the plan names one, still has `plan.expectedVersion`. Automatic moves chained in one batch
 * (quiz started, then its outcome) pass no version and rely on the stage guard. With
 * `onlyAfterChange`, also only when the statement right before it changed one row (a move that
 * follows another guarded change, chained to it: a closed meeting's).
 */
export function moveStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  plan: MovePlan,
  onlyAfterChange = false,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE leads SET stage = ?3, probability = ?4, close_reason = ?5, stage_entered_at = ?6, updated_at = ?6,
           version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND stage = ?7 AND (?8 IS NULL OR version = ?8)${onlyAfterChange ? ' AND changes() = 1' : ''}`,
      )
      .bind(
        siteId,
        leadId,
        plan.to,
        plan.probability,
        plan.closed ? plan.reason : null,
        plan.at,
        plan.from,
        plan.expectedVersion,
      ),
    ...stageChangeStatements(db, siteId, leadId, plan, {
      type: 'stage_changed',
      body: { from: plan.from, to: plan.to, event: plan.event, reason: plan.reason },
    }),
  ]
}

/** Gives a lead without an owner this owner (a booked rep); a lead with one keeps it. */
export const claimOwnerStatement = (
  db: D1Database,
  siteId: string,
  leadId: string,
  ownerId: string,
  at: string,
) =>
  db
    .prepare(
      `UPDATE leads SET owner_id = ?3, updated_at = ?4, version = version + 1
        WHERE site_id = ?1 AND id = ?2 AND owner_id IS NULL`,
    )
    .bind(siteId, leadId, ownerId, at)

export function assignStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  ownerId: string | null,
  expectedVersion: number,
  userId: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE leads SET owner_id = ?3, updated_at = ?4, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND version = ?5`,
      )
      .bind(siteId, leadId, ownerId, at, expectedVersion),
    activityStatement(
      db,
      siteId,
      leadId,
      { type: 'assigned', body: { ownerId } },
      'user',
      userId,
      at,
      true,
    ),
  ]
}

const SORT_COLUMNS: Record<LeadListQuery['sort'], string> = {
  created_at: 'l.created_at',
  updated_at: 'l.updated_at',
  stage_entered_at: 'l.stage_entered_at',
  value: 'l.value_minor',
}

/** Lists leads with filters, an allowlisted sort and keyset pagination on (sort value, id). */
export async function listLeads(
  db: D1Database,
  siteId: string,
  q: LeadListQuery,
): Promise<{ items: LeadListItem[]; nextCursor: string | null }> {
  const where = ['l.site_id = ?1']
  const p = params(siteId)
  const param = p.add
  if (q.stage) where.push(`l.stage = ${param(q.stage)}`)
  if (q.status === 'open') where.push(`l.stage NOT IN ('won', 'lost')`)
  else if (q.status) where.push(`l.stage = ${param(q.status)}`)
  if (q.owner === 'none') where.push('l.owner_id IS NULL')
  else if (q.owner) where.push(`l.owner_id = ${param(q.owner)}`)
  if (q.q) {
    const like = param(likePattern(q.q))
    where.push(searchClause(['c.name', 'c.email', 'c.company'], like))
  }
  const col = SORT_COLUMNS[q.sort]
  const dir = q.order === 'asc' ? 'ASC' : 'DESC'
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    where.push(`(${col}, l.id) ${dir === 'ASC' ? '>' : '<'} (${param(value)}, ${param(id)})`)
  }
  const rows = await db
    .prepare(
      `SELECT ${LEAD_COLUMNS}, c.name AS c_name, c.email AS c_email, c.company AS c_company
         FROM leads l JOIN contacts c ON c.id = l.contact_id AND c.site_id = l.site_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${col} ${dir}, l.id ${dir}
        LIMIT ${param(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<LeadRow & { c_name: string | null; c_email: string | null; c_company: string | null }>()
  const page = rows.results.slice(0, q.limit)
  const last = page[page.length - 1]
  const sortValue = (r: LeadRow) =>
    q.sort === 'value'
      ? r.value_minor
      : r[q.sort as 'created_at' | 'updated_at' | 'stage_entered_at']
  return {
    items: page.map((r) => ({
      ...leadFromRow(r),
      contact: { name: r.c_name, email: r.c_email, company: r.c_company },
    })),
    nextCursor:
      rows.results.length > q.limit && last ? encodeCursor([sortValue(last), last.id]) : null,
  }
}

interface StageEventRow {
  id: string
  from_stage: Stage | null
  to_stage: Stage
  event: string
  reason: string | null
  actor_type: StageEvent['actorType']
  actor_id: string | null
  at: string
}

export async function listStageEvents(
  db: D1Database,
  siteId: string,
  leadId: string,
): Promise<StageEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT id, from_stage, to_stage, event, reason, actor_type, actor_id, at FROM stage_events
        WHERE site_id = ?1 AND lead_id = ?2 ORDER BY at, rowid`,
    )
    .bind(siteId, leadId)
    .all<StageEventRow>()
  return results.map((r) => ({
    id: r.id,
    from: r.from_stage,
    to: r.to_stage,
    event: r.event,
    reason: r.reason,
    actorType: r.actor_type,
    actorId: r.actor_id,
    at: r.at,
  }))
}

export async function listLeadsOfContact(
  db: D1Database,
  siteId: string,
  contactId: string,
): Promise<Lead[]> {
  const { results } = await db
    .prepare(
      `SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.site_id = ?1 AND l.contact_id = ?2 ORDER BY l.created_at DESC`,
    )
    .bind(siteId, contactId)
    .all<LeadRow>()
  return results.map(leadFromRow)
}
