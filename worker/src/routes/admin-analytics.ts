/**
 * Admin API for analytics: the funnel (stages and widget steps, with breakdowns), time in
 * stage, win rates and lost reasons, and the revenue forecast. Reads only; every query is
 * scoped by the caller's store.
 */
import { Hono } from 'hono'
import {
  AnalyticsRangeQuerySchema,
  FunnelQuerySchema,
  OPEN_STAGES,
  type AnalyticsRangeQuery,
} from '../../../contract'
import type { AppEnv } from '../env'
import { buildPast, forecastMonths, pastMonths } from '../analytics/forecast'
import { buildFunnel } from '../analytics/funnel'
import { resolveRange } from '../analytics/range'
import { buildTimeInStage } from '../analytics/time-in-stage'
import { buildWinRates } from '../analytics/win-rates'
import { closedGroups, funnelGroups, stageTimes, userNames, widgetSteps } from '../db/analytics'
import { pastMonthsData } from '../db/analytics-forecast'
import { defaultPipelineId, listPipelines } from '../db/pipelines'
import { computeForecast } from '../jobs/forecast'
import { ApiError } from '../lib/errors'
import { validate } from '../middleware/body'

/** The query's day range, or a 422 naming what is wrong with it. */
function rangeOf(query: AnalyticsRangeQuery, now: Date) {
  const result = resolveRange(query, now)
  if (!result.ok)
    throw new ApiError('validation_failed', 'The date range is not valid.', result.issues)
  const { from, to } = result.range
  return { range: result.range, echo: { from, to, timeZone: 'UTC' as const } }
}

export const adminAnalytics = new Hono<AppEnv>()
  .get('/analytics/funnel', validate('query', FunnelQuerySchema), async (c) => {
    const { siteId } = c.get('auth')
    const q = c.req.valid('query')
    const { range, echo } = rangeOf(q, new Date())
    const db = c.env.DB
    const [groups, widget, owners, pipelines] = await Promise.all([
      funnelGroups(db, siteId, range, q, defaultPipelineId(siteId)),
      widgetSteps(db, siteId, range),
      userNames(db, siteId),
      listPipelines(db, siteId),
    ])
    const pipelineNames = new Map(pipelines.map((p) => [p.id, p.name]))
    const funnel = buildFunnel(groups, owners, pipelineNames)
    return c.json({
      range: echo,
      filters: { source: q.source ?? null, owner: q.owner ?? null, pipeline: q.pipeline ?? null },
      stages: funnel.stages,
      widget,
      breakdown: funnel.breakdown,
    })
  })
  .get('/analytics/time-in-stage', validate('query', AnalyticsRangeQuerySchema), async (c) => {
    const { range, echo } = rangeOf(c.req.valid('query'), new Date())
    const rows = await stageTimes(c.env.DB, c.get('auth').siteId, range)
    return c.json({ range: echo, ...buildTimeInStage(rows) })
  })
  .get('/analytics/win-rates', validate('query', AnalyticsRangeQuerySchema), async (c) => {
    const { siteId } = c.get('auth')
    const { range, echo } = rangeOf(c.req.valid('query'), new Date())
    const [{ rows, lost }, owners] = await Promise.all([
      closedGroups(c.env.DB, siteId, range),
      userNames(c.env.DB, siteId),
    ])
    return c.json({ range: echo, ...buildWinRates(rows, lost, owners) })
  })
  .get('/analytics/forecast', async (c) => {
    const { siteId } = c.get('auth')
    const now = new Date()
    const past = pastMonths(now)
    const [forecast, history] = await Promise.all([
      computeForecast(c.env.DB, siteId, now),
      pastMonthsData(c.env.DB, siteId, past[0]!, forecastMonths(now)[0]!),
    ])
    return c.json({
      asOf: now.toISOString().slice(0, 10),
      method: forecast.method,
      months: forecast.months,
      probabilities: OPEN_STAGES.map((stage) => {
        const { probability, sample, source } = forecast.probabilities[stage]
        return { stage, probability, sample, source }
      }),
      past: buildPast(past, history.snapshots, history.won),
    })
  })
