/**
 * The forecast's queries: open leads by close month, won value per past month, the snapshots
 * taken before each past month, and writing a day's snapshot. Scoped by site; spam excluded.
 */
import { OPEN_STAGES, type OpenStage } from '../../../contract'
import type { ForecastGroupRow, SnapshotRow, WonMonthRow } from '../analytics/forecast'
import { FALLBACK_DAYS } from '../analytics/forecast'
import { OPEN_LIST } from './analytics'

/** Open leads grouped by stage, currency, close month (clamped to ≥ ?2) and override. */
export function forecastSql(): string {
  const fallback = `strftime('%Y-%m', l.stage_entered_at, '+' || (CASE l.stage ${OPEN_STAGES.map(
    (s) => `WHEN '${s}' THEN ${FALLBACK_DAYS[s]}`,
  ).join(' ')} END) || ' days')`
  const raw = `coalesce(substr(l.expected_close, 1, 7), ${fallback})`
  return `SELECT l.stage, l.currency, max(?2, ${raw}) AS month, l.probability_override AS override,
         COUNT(*) AS n, SUM(l.value_minor) AS value
    FROM leads l
   WHERE l.site_id = ?1 AND l.stage IN (${OPEN_LIST}) AND l.spam = 0
   GROUP BY 1, 2, 3, 4
  HAVING month <= ?3`
}

export async function forecastGroups(
  db: D1Database,
  siteId: string,
  months: readonly string[],
): Promise<ForecastGroupRow[]> {
  const { results } = await db
    .prepare(forecastSql())
    .bind(siteId, months[0], months[months.length - 1])
    .all<{
      stage: OpenStage
      currency: string
      month: string
      override: number | null
      n: number
      value: number
    }>()
  return results.map((r) => ({
    stage: r.stage,
    currency: r.currency,
    month: r.month,
    override: r.override,
    count: r.n,
    valueMinor: r.value,
  }))
}

/** Won leads per month (by when they were won) from `first` up to before `end` (YYYY-MM). */
export const WON_MONTHS_SQL = `SELECT substr(l.stage_entered_at, 1, 7) AS month, l.currency, COUNT(*) AS n,
         SUM(l.value_minor) AS value
    FROM leads l
   WHERE l.site_id = ?1 AND l.stage = 'won' AND l.stage_entered_at >= ?2 AND l.stage_entered_at < ?3
     AND l.spam = 0
   GROUP BY 1, 2`

/** Of each month's snapshots, those taken last before the month began (all pipelines). */
export const PAST_SNAPSHOTS_SQL = `SELECT s.month, s.currency, s.weighted_minor, s.taken_on
    FROM forecast_snapshots s
   WHERE s.site_id = ?1 AND s.pipeline_id = '' AND s.month >= ?2 AND s.month < ?3
     AND s.taken_on = (SELECT MAX(t.taken_on) FROM forecast_snapshots t
                        WHERE t.site_id = ?1 AND t.pipeline_id = '' AND t.month = s.month
                          AND t.taken_on < s.month || '-01')`

export async function pastMonthsData(
  db: D1Database,
  siteId: string,
  first: string,
  end: string,
): Promise<{ won: WonMonthRow[]; snapshots: SnapshotRow[] }> {
  const [won, snaps] = await db.batch<Record<string, unknown>>([
    db.prepare(WON_MONTHS_SQL).bind(siteId, `${first}-01`, `${end}-01`),
    db.prepare(PAST_SNAPSHOTS_SQL).bind(siteId, first, end),
  ])
  return {
    won: (won?.results ?? []).map((r) => ({
      month: String(r.month),
      currency: String(r.currency),
      count: Number(r.n),
      valueMinor: Number(r.value),
    })),
    snapshots: (snaps?.results ?? []).map((r) => ({
      month: String(r.month),
      currency: String(r.currency),
      weightedMinor: Number(r.weighted_minor),
      takenOn: String(r.taken_on),
    })),
  }
}

export interface SnapshotInput {
  month: string
  currency: string
  weightedMinor: number
  pipelineMinor: number
  count: number
}

/** Writes (or rewrites, when run twice a day) the store's forecast snapshot of a day. */
export function snapshotStatements(
  db: D1Database,
  siteId: string,
  takenOn: string,
  method: string,
  rows: readonly SnapshotInput[],
): D1PreparedStatement[] {
  return rows.map((r) =>
    db
      .prepare(
        `INSERT INTO forecast_snapshots
           (site_id, pipeline_id, month, taken_on, currency, weighted_minor, pipeline_minor, lead_count, method)
         VALUES (?1, '', ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (site_id, pipeline_id, month, taken_on, currency) DO UPDATE SET
           weighted_minor = excluded.weighted_minor, pipeline_minor = excluded.pipeline_minor,
           lead_count = excluded.lead_count, method = excluded.method`,
      )
      .bind(
        siteId,
        r.month,
        takenOn,
        r.currency,
        r.weightedMinor,
        r.pipelineMinor,
        r.count,
        method,
      ),
  )
}
