/** Routes of the analytics area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import {
  AnalyticsRangeQuerySchema,
  ForecastSchema,
  FunnelQuerySchema,
  FunnelSchema,
  TimeInStageSchema,
  WinRatesSchema,
} from '../../../contract'
import type { RouteDoc } from './routes'

export const ANALYTICS_SCHEMAS = {
  Funnel: FunnelSchema,
  TimeInStage: TimeInStageSchema,
  WinRates: WinRatesSchema,
  Forecast: ForecastSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Analytics'
const auth = 'admin' as const
const READ: RouteDoc['errors'] = [401, 422, 500, 503]
const RANGE =
  '`from` and `to` are whole UTC days (YYYY-MM-DD, both included); without them, the last 90 ' +
  'days up to today. A reversed range, or one longer than 731 days, answers 422. Spam leads ' +
  'count nowhere.'

export const ANALYTICS_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/analytics/funnel',
    operationId: 'getFunnel',
    summary: 'The stage funnel and the widget steps',
    description:
      'Per open stage: `entered` — leads with a stage event into it in the range (a capture ' +
      'enters `lead`, so every lead created in the range counts there); `movedOn` — of those, ' +
      'the ones with a later event into a later stage or `won`; `lost` — the ones that later ' +
      'closed lost from it; `conversion` = movedOn / entered; `dropOff` = entered − movedOn. ' +
      'Breakdowns by source (UTM source, else the referrer host, else `direct`), owner (`unassigned` ' +
      'for none) and pipeline, largest first, at most 50 each. `source`, `owner` and `pipeline` ' +
      'filter the stages and breakdowns. Widget steps are store-wide for the range: form ' +
      'captures, quiz sessions started/completed and per question shown/answered/drop-off, ' +
      'bookings made and their outcomes, quotes sent/viewed/accepted/declined. ' +
      RANGE,
    tag,
    auth,
    query: FunnelQuerySchema,
    success: { status: 200, description: 'The funnel.', schema: FunnelSchema },
    errors: READ,
  },
  {
    method: 'get',
    path: '/admin/api/analytics/time-in-stage',
    operationId: 'getTimeInStage',
    summary: 'Median and 90th percentile time per stage, and the bottleneck',
    description:
      'A stay runs from a lead’s event into a stage to its next stage event; stays that ended ' +
      'in the range count. Median and p90 are nearest-rank, in hours. The bottleneck is the ' +
      'stage with the largest median among those with at least `minStays` stays. ' +
      RANGE,
    tag,
    auth,
    query: AnalyticsRangeQuerySchema,
    success: { status: 200, description: 'Times in stage.', schema: TimeInStageSchema },
    errors: READ,
  },
  {
    method: 'get',
    path: '/admin/api/analytics/win-rates',
    operationId: 'getWinRates',
    summary: 'Win rates and won deal sizes by source and owner; lost reasons ranked',
    description:
      'Leads that are won or lost now and closed in the range. `winRate` = won / (won + lost); ' +
      'won values are per currency in minor units, the average rounded to the nearest unit. ' +
      'Lost reasons are counted as written, a missing one as `unspecified`. ' +
      RANGE,
    tag,
    auth,
    query: AnalyticsRangeQuerySchema,
    success: { status: 200, description: 'Win rates.', schema: WinRatesSchema },
    errors: READ,
  },
  {
    method: 'get',
    path: '/admin/api/analytics/forecast',
    operationId: 'getForecast',
    summary: 'Weighted pipeline for the next six months, and past forecasts against results',
    description:
      'Open leads by expected close month (UTC; the current month and the five after it): ' +
      'the lead’s expected close date, else the day it entered its stage plus `fallbackDays`; ' +
      'an overdue month counts as the current one. Weighted = value × probability: the lead’s ' +
      'override, else the store’s learned probability of its stage, else the stage default; ' +
      '`sources` counts the leads per source. `probabilities` are the learned ones with their ' +
      'sample sizes. `past` compares, for each of the last six months, the daily snapshot taken ' +
      'last before the month began with the value won in it.',
    tag,
    auth,
    success: { status: 200, description: 'The forecast.', schema: ForecastSchema },
    errors: [401, 500, 503],
  },
]
