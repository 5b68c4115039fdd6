/**
 * The revenue forecast of a store as of a moment, shared by `GET /admin/api/analytics/forecast`
 * and the daily snapshot that lets later months compare the forecast with what closed.
 */
import type { ForecastMonth } from '../../../contract'
import {
  buildForecastMonths,
  FALLBACK_DAYS,
  forecastMonths,
  type StageProbabilities,
} from '../analytics/forecast'
import { forecastGroups, snapshotStatements } from '../db/analytics-forecast'
import { learnedProbabilities } from '../db/probabilities'
import { siteIdsAfter } from '../db/sites'

export interface ComputedForecast {
  months: ForecastMonth[]
  probabilities: StageProbabilities
  method: {
    closeMonth: 'expected_close>stage_fallback'
    fallbackDays: typeof FALLBACK_DAYS
    probability: 'override>learned>default'
  }
}

/** How a snapshot was computed, stored beside it (`method`). */
export const methodKey = (m: ComputedForecast['method']) =>
  `close=${m.closeMonth};p=${m.probability}`

/** The next six months' weighted pipeline of a store (all pipelines together). */
export async function computeForecast(
  db: D1Database,
  siteId: string,
  now: Date,
): Promise<ComputedForecast> {
  const months = forecastMonths(now)
  const [probabilities, rows] = await Promise.all([
    learnedProbabilities(db, siteId),
    forecastGroups(db, siteId, months),
  ])
  return {
    months: buildForecastMonths(rows, probabilities, months),
    probabilities,
    method: {
      closeMonth: 'expected_close>stage_fallback',
      fallbackDays: FALLBACK_DAYS,
      probability: 'override>learned>default',
    },
  }
}

/** Stores snapshotted per batch of the daily run. */
const SITES_PER_PAGE = 100

/**
 * Takes every store's forecast as of `now` and keeps it as the snapshot of that UTC day (a
 * second run the same day replaces it). Called by the daily cron.
 * @example await snapshotForecasts(env.DB, new Date(controller.scheduledTime))
 */
export async function snapshotForecasts(
  db: D1Database,
  now: Date,
): Promise<{ sites: number; rows: number }> {
  const takenOn = now.toISOString().slice(0, 10)
  let after = ''
  let sites = 0
  let rows = 0
  for (;;) {
    const ids = await siteIdsAfter(db, after, SITES_PER_PAGE)
    for (const id of ids) {
      const forecast = await computeForecast(db, id, now)
      const inputs = forecast.months.flatMap((m) =>
        m.amounts.map((a) => ({
          month: m.month,
          currency: a.currency,
          weightedMinor: a.weightedMinor,
          pipelineMinor: a.pipelineMinor,
          count: a.count,
        })),
      )
      if (inputs.length > 0) {
        await db.batch(snapshotStatements(db, id, takenOn, methodKey(forecast.method), inputs))
      }
      sites++
      rows += inputs.length
    }
    if (ids.length < SITES_PER_PAGE) break
    after = ids[ids.length - 1]!
  }
  return { sites, rows }
}
