/**
 * The analytics queries: each aggregates in SQLite through an index that starts with the site
 * (migrations/0012_analytics.sql) and returns grouped rows for the pure builders in
 * worker/src/analytics. Every query is scoped by site; spam leads count nowhere.
 */
import type { OpenStage } from '../../../contract'
import { OPEN_STAGES, STAGES } from '../../../contract'
import type { FunnelFilters, FunnelGroupRow } from '../analytics/funnel'
import type { DayRange } from '../analytics/range'
import type { StageTimeRow } from '../analytics/time-in-stage'
import type { ClosedGroupRow, LostReasonRow } from '../analytics/win-rates'
import { NO_REASON } from '../analytics/win-rates'

export const OPEN_LIST = OPEN_STAGES.map((s) => `'${s}'`).join(', ')
/** Every stage key: lets a search by stage and time use (site_id, to_stage, at, lead_id). */
const STAGE_LIST = STAGES.map((s) => `'${s}'`).join(', ')

/** The stage order of "moved on" (history.ts STAGE_RANK) as SQL over a column. */
const rank = (col: string) =>
  `CASE ${col} ${OPEN_STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} WHEN 'won' THEN 6 ELSE -1 END`

const SOURCE_RAW = `trim(coalesce(json_extract(l.utm, '$.source'), ''))`
const REF_REST = `substr(l.referrer, instr(l.referrer, '://') + 3)`
const REF_HOST = `CASE WHEN instr(${REF_REST}, '/') > 0 THEN substr(${REF_REST}, 1, instr(${REF_REST}, '/') - 1) ELSE ${REF_REST} END`

/** A lead's source key, as history.ts `sourceKey` computes it. */
export const SOURCE_SQL = `CASE
  WHEN json_type(l.utm, '$.source') IN ('text', 'integer', 'real') AND ${SOURCE_RAW} <> '' THEN lower(${SOURCE_RAW})
  WHEN instr(coalesce(l.referrer, ''), '://') > 0 AND ${REF_HOST} <> '' THEN lower(${REF_HOST})
  ELSE 'direct' END`

/** Names of the store's users by id. */
export async function userNames(db: D1Database, siteId: string): Promise<Map<string, string>> {
  const { results } = await db
    .prepare('SELECT id, name FROM users WHERE site_id = ?1')
    .bind(siteId)
    .all<{ id: string; name: string }>()
  return new Map(results.map((r) => [r.id, r.name]))
}

const stageIndex = OPEN_STAGES.map((s, i) => `(${i}, '${s}')`).join(', ')
const perStage = (fn: (i: number) => string) =>
  OPEN_STAGES.map((_, i) => fn(i)).join(',\n         ')
const pick = (prefix: string) =>
  `CASE s.i ${OPEN_STAGES.map((_, i) => `WHEN ${i} THEN p.${prefix}${i}`).join(' ')} END`

/**
 * The funnel statement: ?1 site, ?2/?3 the range, ?4 source, ?5 owner, ?6 pipeline (filters,
 * NULL for all), ?7 the default pipeline's id (leads with no pipeline_id are in it).
 *
 * One pass over the events of the leads with an entry in the range (searched by site, stage
 * and time, then by site and lead): per lead and stage, the first entry in the range (`in`),
 * the last event into a later stage (`later`) and the last close as lost from the stage
 * (`lost`); moved on / lost when that event is not before the entry (events of the same
 * millisecond count as simultaneous).
 */
export const FUNNEL_SQL = `WITH ev AS (
    SELECT lead_id, at, ${rank('to_stage')} AS r,
           CASE WHEN to_stage = 'lost' THEN ${rank('from_stage')} ELSE -9 END AS fr,
           (at >= ?2 AND at < ?3) AS inr
      FROM stage_events
     WHERE site_id = ?1 AND lead_id IN (
           SELECT lead_id FROM stage_events
            WHERE site_id = ?1 AND to_stage IN (${OPEN_LIST}) AND at >= ?2 AND at < ?3)
  ), per AS MATERIALIZED (
    SELECT e.lead_id,
         ${perStage((i) => `MIN(CASE WHEN e.r = ${i} AND e.inr THEN e.at END) AS in${i}`)},
         ${perStage((i) => `MAX(CASE WHEN e.r > ${i} THEN e.at END) AS later${i}`)},
         ${perStage((i) => `MAX(CASE WHEN e.fr = ${i} THEN e.at END) AS lost${i}`)}
      FROM ev e GROUP BY e.lead_id
  ), scoped AS MATERIALIZED (
    SELECT p.*, ${SOURCE_SQL} AS source, coalesce(l.owner_id, 'unassigned') AS owner,
           coalesce(l.pipeline_id, ?7) AS pipeline
      FROM per p JOIN leads l ON l.id = p.lead_id
     WHERE l.site_id = ?1 AND l.spam = 0
  ), stages (i, stage) AS (VALUES ${stageIndex}),
  entries AS (
    SELECT s.stage, p.source, p.owner, p.pipeline, ${pick('in')} AS entry,
           ${pick('later')} AS later, ${pick('lost')} AS lost
      FROM scoped p CROSS JOIN stages s
  )
  SELECT stage, source, owner, pipeline, COUNT(*) AS entered,
         SUM(coalesce(later >= entry, 0)) AS moved_on, SUM(coalesce(lost >= entry, 0)) AS lost
    FROM entries
   WHERE entry IS NOT NULL AND (?4 IS NULL OR source = ?4) AND (?5 IS NULL OR owner = ?5)
     AND (?6 IS NULL OR pipeline = ?6)
   GROUP BY stage, source, owner, pipeline`

/** Funnel counts grouped by stage, source, owner and pipeline. */
export async function funnelGroups(
  db: D1Database,
  siteId: string,
  range: DayRange,
  filters: FunnelFilters,
  defaultPipeline: string,
): Promise<FunnelGroupRow[]> {
  const { results } = await db
    .prepare(FUNNEL_SQL)
    .bind(
      siteId,
      range.fromIso,
      range.toIso,
      filters.source ?? null,
      filters.owner ?? null,
      filters.pipeline ?? null,
      defaultPipeline,
    )
    .all<{
      stage: OpenStage
      source: string
      owner: string
      pipeline: string
      entered: number
      moved_on: number
      lost: number
    }>()
  return results.map((r) => ({
    stage: r.stage,
    source: r.source,
    owner: r.owner,
    pipeline: r.pipeline,
    entered: r.entered,
    movedOn: r.moved_on,
    lost: r.lost,
  }))
}

/** Widget steps in the range, store-wide: statements (for the plans) and their reading. */
export function widgetStatements(db: D1Database, siteId: string, range: DayRange) {
  const bind = (sql: string) => db.prepare(sql).bind(siteId, range.fromIso, range.toIso)
  return [
    bind(
      `SELECT COUNT(*) AS captured FROM leads
        WHERE site_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND spam = 0`,
    ),
    bind(
      `SELECT COUNT(*) AS started, COALESCE(SUM(status = 'completed'), 0) AS completed
         FROM quiz_responses WHERE site_id = ?1 AND started_at >= ?2 AND started_at < ?3`,
    ),
    bind(
      `SELECT question, COUNT(DISTINCT CASE WHEN event = 'shown' THEN session_id END) AS shown,
              COUNT(DISTINCT CASE WHEN event = 'answered' THEN session_id END) AS answered
         FROM quiz_step_events WHERE site_id = ?1 AND at >= ?2 AND at < ?3
        GROUP BY question ORDER BY shown DESC, question`,
    ),
    bind(
      `SELECT COUNT(*) AS made, COALESCE(SUM(status = 'held'), 0) AS held,
              COALESCE(SUM(status = 'no_show'), 0) AS no_show,
              COALESCE(SUM(status = 'cancelled'), 0) AS cancelled
         FROM bookings WHERE site_id = ?1 AND created_at >= ?2 AND created_at < ?3`,
    ),
    bind(
      `SELECT COUNT(*) AS sent, COALESCE(SUM(viewed_at IS NOT NULL), 0) AS viewed,
              COALESCE(SUM(accepted_at IS NOT NULL), 0) AS accepted,
              COALESCE(SUM(declined_at IS NOT NULL), 0) AS declined
         FROM quotes WHERE site_id = ?1 AND sent_at IS NOT NULL AND sent_at >= ?2 AND sent_at < ?3`,
    ),
  ]
}

export async function widgetSteps(db: D1Database, siteId: string, range: DayRange) {
  const [form, quiz, questions, booking, quote] = await db.batch<Record<string, number>>(
    widgetStatements(db, siteId, range),
  )
  const one = (r: D1Result<Record<string, number>> | undefined) => r?.results[0] ?? {}
  const n = (v: unknown) => Number(v ?? 0)
  return {
    form: { captured: n(one(form).captured) },
    quiz: {
      started: n(one(quiz).started),
      completed: n(one(quiz).completed),
      questions: (questions?.results ?? []).map((r) => ({
        question: String(r.question),
        shown: n(r.shown),
        answered: n(r.answered),
        dropOff: Math.max(0, n(r.shown) - n(r.answered)),
      })),
    },
    booking: {
      made: n(one(booking).made),
      held: n(one(booking).held),
      noShow: n(one(booking).no_show),
      cancelled: n(one(booking).cancelled),
    },
    quote: {
      sent: n(one(quote).sent),
      viewed: n(one(quote).viewed),
      accepted: n(one(quote).accepted),
      declined: n(one(quote).declined),
    },
  }
}

/**
 * The time-in-stage statement: completed stays ending in the range, ranked per stage. Each
 * event of a lead with an event in the range is paired with the lead's next event (by time,
 * then write order); events from the end of the range on are not needed.
 */
export const STAGE_TIMES_SQL = `WITH seq AS (
    SELECT e.lead_id, e.to_stage AS stage, e.at,
           LEAD(e.at) OVER (PARTITION BY e.lead_id ORDER BY e.at, e.rowid) AS exit_at
      FROM stage_events e
     WHERE e.site_id = ?1 AND e.at < ?3 AND e.lead_id IN (
           SELECT lead_id FROM stage_events
            WHERE site_id = ?1 AND to_stage IN (${STAGE_LIST}) AND at >= ?2 AND at < ?3)
  ), durations AS (
    SELECT q.stage,
           CAST(round((julianday(q.exit_at) - julianday(q.at)) * 86400000) AS INTEGER) AS ms
      FROM seq q JOIN leads l ON l.id = q.lead_id
     WHERE q.exit_at >= ?2 AND q.exit_at < ?3 AND q.stage IN (${OPEN_LIST})
       AND l.site_id = ?1 AND l.spam = 0
  ), ranked AS (
    SELECT stage, ms, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY ms) AS rn,
           COUNT(*) OVER (PARTITION BY stage) AS n
      FROM durations
  )
  SELECT stage, MAX(n) AS stays,
         MAX(CASE WHEN rn = (n + 1) / 2 THEN ms END) AS median_ms,
         MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN ms END) AS p90_ms
    FROM ranked GROUP BY stage`

export async function stageTimes(
  db: D1Database,
  siteId: string,
  range: DayRange,
): Promise<StageTimeRow[]> {
  const { results } = await db
    .prepare(STAGE_TIMES_SQL)
    .bind(siteId, range.fromIso, range.toIso)
    .all<{ stage: OpenStage; stays: number; median_ms: number | null; p90_ms: number | null }>()
  return results.map((r) => ({
    stage: r.stage,
    stays: r.stays,
    medianMs: r.median_ms,
    p90Ms: r.p90_ms,
  }))
}

/** Closed leads in the range grouped by outcome, source, owner and currency. */
export const CLOSED_GROUPS_SQL = `SELECT l.stage, ${SOURCE_SQL} AS source, coalesce(l.owner_id, 'unassigned') AS owner,
         l.currency, COUNT(*) AS n, SUM(l.value_minor) AS value
    FROM leads l
   WHERE l.site_id = ?1 AND l.stage IN ('won', 'lost') AND l.stage_entered_at >= ?2
     AND l.stage_entered_at < ?3 AND l.spam = 0
   GROUP BY 1, 2, 3, 4`

export const LOST_REASONS_SQL = `SELECT coalesce(l.close_reason, '${NO_REASON}') AS reason, COUNT(*) AS n
    FROM leads l
   WHERE l.site_id = ?1 AND l.stage = 'lost' AND l.stage_entered_at >= ?2
     AND l.stage_entered_at < ?3 AND l.spam = 0
   GROUP BY 1`

export async function closedGroups(db: D1Database, siteId: string, range: DayRange) {
  const [groups, reasons] = await db.batch<Record<string, unknown>>([
    db.prepare(CLOSED_GROUPS_SQL).bind(siteId, range.fromIso, range.toIso),
    db.prepare(LOST_REASONS_SQL).bind(siteId, range.fromIso, range.toIso),
  ])
  const rows: ClosedGroupRow[] = (groups?.results ?? []).map((r) => ({
    stage: r.stage as 'won' | 'lost',
    source: String(r.source),
    owner: String(r.owner),
    currency: String(r.currency),
    count: Number(r.n),
    valueMinor: Number(r.value),
  }))
  const lost: LostReasonRow[] = (reasons?.results ?? []).map((r) => ({
    reason: String(r.reason),
    count: Number(r.n),
  }))
  return { rows, lost }
}
