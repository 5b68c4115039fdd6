/**
 * Admin API for analytics: the funnel (stages and widget steps, with breakdowns), time in
 * stage, win rates and lost reasons, and the revenue forecast. Reads only; every query is
 * scoped by the caller's store.
 */
import { Hono } from 'hono'
import {
  type AnalyticsRangeQuery,
  AnalyticsRangeQuerySchema,
  ForecastSchema,
  FunnelQuerySchema,
  FunnelSchema,
  OPEN_STAGES,
  TimeInStageSchema,
  WinRatesSchema,
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
import { ERRORS, describeRoute, validate } from '../openapi/describe'

/** The query's day range, or a 422 naming what is wrong with it. */
function rangeOf(query: AnalyticsRangeQuery, now: Date) {
  const result = resolveRange(query, now)
  if (!result.ok)
    throw new ApiError('validation_failed', 'The date range is not valid.', result.issues)
  const { from, to } = result.range
  return { range: result.range, echo: { from, to, timeZone: 'UTC' as const } }
}

export const adminAnalytics = new Hono<AppEnv>()
  .get(
    '/funnel',
    describeRoute({
      operationId: 'getFunnel',
      summary: 'The stage funnel and the widget steps',
      description:
        'Per open stage: `entered` — leads with a stage event into it in the range (a ' +
        'capture enters `lead`, so every lead created in the range counts there); ' +
        '`movedOn` — of those, the ones with a later event into a later stage or `won`; ' +
        '`lost` — the ones that later closed lost from it; `conversion` = movedOn / ' +
        'entered; `dropOff` = entered − movedOn. Breakdowns by source (UTM source, else ' +
        'the referrer host, else `direct`), owner (`unassigned` for none) and pipeline, ' +
        'largest first, at most 50 each. `source`, `owner` and `pipeline` filter the ' +
        'stages and breakdowns. Widget steps are store-wide for the range: form ' +
        'captures, quiz sessions started/completed and per question ' +
        'shown/answered/drop-off, bookings made and their outcomes, quotes ' +
        'sent/viewed/accepted/declined. `from` and `to` are whole UTC days (YYYY-MM-DD, ' +
        'both included); without them, the last 90 days up to today. A reversed range, ' +
        'or one longer than 731 days, answers 422. Spam leads count nowhere.',
      tag: 'Analytics',
      success: { status: 200, description: 'The funnel.', schema: FunnelSchema },
      errors: ERRORS.adminQuery,
    }),
    validate('query', FunnelQuerySchema),
    async (c) => {
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
    },
  )
  .get(
    '/time-in-stage',
    describeRoute({
      operationId: 'getTimeInStage',
      summary: 'Median and 90th percentile time per stage, and the bottleneck',
      description:
        'A stay runs from a lead’s event into a stage to its next stage event; stays ' +
        'that ended in the range count. Median and p90 are nearest-rank, in hours. The ' +
        'bottleneck is the stage with the largest median among those with at least ' +
        '`minStays` stays. `from` and `to` are whole UTC days (YYYY-MM-DD, both ' +
        'included); without them, the last 90 days up to today. A reversed range, or one ' +
        'longer than 731 days, answers 422. Spam leads count nowhere.',
      tag: 'Analytics',
      success: { status: 200, description: 'Times in stage.', schema: TimeInStageSchema },
      errors: ERRORS.adminQuery,
    }),
    validate('query', AnalyticsRangeQuerySchema),
    async (c) => {
      const { range, echo } = rangeOf(c.req.valid('query'), new Date())
      const rows = await stageTimes(c.env.DB, c.get('auth').siteId, range)
      return c.json({ range: echo, ...buildTimeInStage(rows) })
    },
  )
  .get(
    '/win-rates',
    describeRoute({
      operationId: 'getWinRates',
      summary: 'Win rates and won deal sizes by source and owner; lost reasons ranked',
      description:
        'Leads that are won or lost now and closed in the range. `winRate` = won / (won ' +
        '+ lost); won values are per currency in minor units, the average rounded to the ' +
        'nearest unit. Lost reasons are counted as written, a missing one as ' +
        '`unspecified`. `from` and `to` are whole UTC days (YYYY-MM-DD, both included); ' +
        'without them, the last 90 days up to today. A reversed range, or one longer ' +
        'than 731 days, answers 422. Spam leads count nowhere.',
      tag: 'Analytics',
      success: { status: 200, description: 'Win rates.', schema: WinRatesSchema },
      errors: ERRORS.adminQuery,
    }),
    validate('query', AnalyticsRangeQuerySchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { range, echo } = rangeOf(c.req.valid('query'), new Date())
      const [{ rows, lost }, owners] = await Promise.all([
        closedGroups(c.env.DB, siteId, range),
        userNames(c.env.DB, siteId),
      ])
      return c.json({ range: echo, ...buildWinRates(rows, lost, owners) })
    },
  )
  .get(
    '/forecast',
    describeRoute({
      operationId: 'getForecast',
      summary: 'Weighted pipeline for the next six months, and past forecasts against results',
      description:
        'Open leads by expected close month (UTC; the current month and the five after ' +
        'it): the lead’s expected close date, else the day it entered its stage plus ' +
        '`fallbackDays`; an overdue month counts as the current one. Weighted = value × ' +
        'probability: the lead’s override, else the store’s learned probability of its ' +
        'stage, else the stage default; `sources` counts the leads per source. ' +
        '`probabilities` are the learned ones with their sample sizes. `past` compares, ' +
        'for each of the last six months, the daily snapshot taken last before the month ' +
        'began with the value won in it.',
      tag: 'Analytics',
      success: { status: 200, description: 'The forecast.', schema: ForecastSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => {
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
    },
  )
