/**
 * Analytics: funnel, time in stage, win rates, lost reasons, revenue forecast. Date ranges are
 * whole UTC days `from`..`to` (both included); money is integer minor units with its currency.
 */
import * as v from 'valibot'
import { IdSchema, OpenStageSchema, text } from './common'
import { isoDate } from './dates'

/** A calendar day, `YYYY-MM-DD`. */
export const DaySchema = isoDate('a day looks like YYYY-MM-DD')

/** `from`/`to` of every analytics query; the worker checks order and length (422). */
export const AnalyticsRangeQuerySchema = v.object({
  from: v.optional(DaySchema),
  to: v.optional(DaySchema),
})
export type AnalyticsRangeQuery = v.InferOutput<typeof AnalyticsRangeQuerySchema>

export const FunnelQuerySchema = v.object({
  ...AnalyticsRangeQuerySchema.entries,
  /** A source key as the breakdown names it (`google`, `www.instagram.com`, `direct`). */
  source: v.optional(text(200)),
  /** A user id, or `unassigned`. */
  owner: v.optional(IdSchema),
  pipeline: v.optional(IdSchema),
})
export type FunnelQuery = v.InferOutput<typeof FunnelQuerySchema>

const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const minor = v.pipe(v.number(), v.integer())
const ratio = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)))

export const AnalyticsRangeSchema = v.object({
  from: DaySchema,
  to: DaySchema,
  timeZone: v.literal('UTC'),
})

/** One stage of the funnel: leads that entered it in the range and what became of them. */
export const FunnelStageSchema = v.object({
  stage: OpenStageSchema,
  entered: count,
  /** Entered and later reached a later stage (or won). */
  movedOn: count,
  /** Entered and later closed lost from this stage. */
  lost: count,
  /** movedOn / entered; null when none entered. */
  conversion: ratio,
  /** entered − movedOn: lost here, still here, or moved back. */
  dropOff: count,
})
export type FunnelStage = v.InferOutput<typeof FunnelStageSchema>

export const FunnelBreakdownSchema = v.object({
  key: v.string(),
  name: v.nullable(v.string()),
  stages: v.array(FunnelStageSchema),
})

export const FunnelSchema = v.object({
  range: AnalyticsRangeSchema,
  filters: v.object({
    source: v.nullable(v.string()),
    owner: v.nullable(v.string()),
    pipeline: v.nullable(v.string()),
  }),
  stages: v.array(FunnelStageSchema),
  widget: v.object({
    form: v.object({ captured: count }),
    quiz: v.object({
      started: count,
      completed: count,
      questions: v.array(
        v.object({ question: v.string(), shown: count, answered: count, dropOff: count }),
      ),
    }),
    booking: v.object({ made: count, held: count, noShow: count, cancelled: count }),
    quote: v.object({ sent: count, viewed: count, accepted: count, declined: count }),
  }),
  breakdown: v.object({
    source: v.array(FunnelBreakdownSchema),
    owner: v.array(FunnelBreakdownSchema),
    /** Leads without a pipeline are in the store's default pipeline. */
    pipeline: v.array(FunnelBreakdownSchema),
  }),
})
export type Funnel = v.InferOutput<typeof FunnelSchema>

export const StageTimeSchema = v.object({
  stage: OpenStageSchema,
  /** Completed stays that ended in the range. */
  stays: count,
  medianHours: v.nullable(v.number()),
  p90Hours: v.nullable(v.number()),
})

export const TimeInStageSchema = v.object({
  range: AnalyticsRangeSchema,
  stages: v.array(StageTimeSchema),
  /** The stage with the largest median among those with at least `minStays` stays. */
  bottleneck: v.nullable(v.object({ stage: OpenStageSchema, medianHours: v.number() })),
  minStays: count,
})
export type TimeInStage = v.InferOutput<typeof TimeInStageSchema>

export const WonValueSchema = v.object({
  currency: v.string(),
  count,
  totalMinor: minor,
  averageMinor: minor,
})

export const WinRateGroupSchema = v.object({
  key: v.string(),
  name: v.nullable(v.string()),
  won: count,
  lost: count,
  /** won / (won + lost); null when none closed. */
  winRate: ratio,
  wonValue: v.array(WonValueSchema),
})
export type WinRateGroup = v.InferOutput<typeof WinRateGroupSchema>

export const WinRatesSchema = v.object({
  range: AnalyticsRangeSchema,
  overall: WinRateGroupSchema,
  bySource: v.array(WinRateGroupSchema),
  byOwner: v.array(WinRateGroupSchema),
  lostReasons: v.array(v.object({ reason: v.string(), count })),
})
export type WinRates = v.InferOutput<typeof WinRatesSchema>

export const ProbabilitySourceSchema = v.picklist(['override', 'learned', 'default'])

export const ForecastMonthSchema = v.object({
  month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
  count,
  /** How many of the month's leads used each probability source. */
  sources: v.object({ override: count, learned: count, default: count }),
  amounts: v.array(
    v.object({ currency: v.string(), count, pipelineMinor: minor, weightedMinor: minor }),
  ),
})
export type ForecastMonth = v.InferOutput<typeof ForecastMonthSchema>

export const ForecastSchema = v.object({
  asOf: DaySchema,
  method: v.object({
    /** The expected close date, else stage entry + fallbackDays of the stage. */
    closeMonth: v.literal('expected_close>stage_fallback'),
    /** Days after entering its stage a lead without an expected close date is assumed to close. */
    fallbackDays: v.record(v.string(), count),
    probability: v.literal('override>learned>default'),
  }),
  months: v.array(ForecastMonthSchema),
  probabilities: v.array(
    v.object({
      stage: OpenStageSchema,
      probability: v.number(),
      sample: count,
      source: v.picklist(['learned', 'default']),
    }),
  ),
  past: v.array(
    v.object({
      month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
      forecastTakenOn: v.nullable(DaySchema),
      forecast: v.array(v.object({ currency: v.string(), weightedMinor: minor })),
      wonCount: count,
      actual: v.array(v.object({ currency: v.string(), wonMinor: minor })),
    }),
  ),
})
export type Forecast = v.InferOutput<typeof ForecastSchema>
