/** Answers of the analytics routes for the console's tests, checked against the contract. */
import * as v from 'valibot'
import {
  ForecastSchema,
  FunnelSchema,
  OPEN_STAGES,
  TimeInStageSchema,
  WinRatesSchema,
} from '../../../contract'

const range = { from: '2026-03-02', to: '2026-05-30', timeZone: 'UTC' }

/** entered per stage; movedOn is half of it (rounded down), lost a tenth. */
export function funnelOf(entered: number[]) {
  return v.parse(FunnelSchema, {
    range,
    filters: { source: null, owner: null, pipeline: null },
    stages: OPEN_STAGES.map((stage, i) => {
      const e = entered[i] ?? 0
      const movedOn = Math.floor(e / 2)
      return {
        stage,
        entered: e,
        movedOn,
        lost: Math.floor(e / 10),
        conversion: e ? movedOn / e : null,
        dropOff: e - movedOn,
      }
    }),
    widget: {
      form: { captured: 250 },
      quiz: { started: 80, completed: 60, questions: [] },
      booking: { made: 30, held: 24, noShow: 3, cancelled: 3 },
      quote: { sent: 0, viewed: 0, accepted: 0, declined: 0 },
    },
    breakdown: {
      source: [
        { key: 'google', name: null, stages: [] },
        { key: 'direct', name: null, stages: [] },
      ],
      owner: [
        { key: 'us_1', name: 'Ayşe Owner', stages: [] },
        { key: 'unassigned', name: null, stages: [] },
      ],
      pipeline: [{ key: 'pl_default', name: 'Varsayılan', stages: [] }],
    },
  })
}

export const FUNNEL = funnelOf([250, 120, 60, 30, 0, 0])

export const TIME = v.parse(TimeInStageSchema, {
  range,
  stages: OPEN_STAGES.map((stage, i) =>
    i < 4
      ? { stage, stays: 10 + i, medianHours: [2, 30, 60, 100][i], p90Hours: [5, 72, 150, 240][i] }
      : { stage, stays: 0, medianHours: null, p90Hours: null },
  ),
  bottleneck: { stage: 'meeting', medianHours: 100 },
  minStays: 5,
})

export const WIN_RATES = v.parse(WinRatesSchema, {
  range,
  overall: { key: 'all', name: null, won: 5, lost: 8, winRate: 5 / 13, wonValue: [] },
  bySource: [
    {
      key: 'direct',
      name: null,
      won: 1,
      lost: 2,
      winRate: 1 / 3,
      wonValue: [{ currency: 'TRY', count: 1, totalMinor: 500_000, averageMinor: 500_000 }],
    },
    {
      key: 'google',
      name: null,
      won: 4,
      lost: 6,
      winRate: 0.4,
      wonValue: [{ currency: 'TRY', count: 4, totalMinor: 4_000_000, averageMinor: 1_000_000 }],
    },
  ],
  byOwner: [],
  lostReasons: [
    { reason: 'Zamanlama', count: 2 },
    { reason: 'Fiyat yüksek', count: 4 },
    { reason: 'Bütçe yok', count: 2 },
  ],
})

export const FORECAST = v.parse(ForecastSchema, {
  asOf: '2026-05-30',
  method: {
    closeMonth: 'expected_close>stage_fallback',
    fallbackDays: {},
    probability: 'override>learned>default',
  },
  months: [
    {
      month: '2026-06',
      count: 3,
      sources: { override: 0, learned: 0, default: 3 },
      amounts: [
        { currency: 'TRY', count: 2, pipelineMinor: 3_000_000, weightedMinor: 1_200_000 },
        { currency: 'EUR', count: 1, pipelineMinor: 100_000, weightedMinor: 40_000 },
      ],
    },
    {
      month: '2026-05',
      count: 1,
      sources: { override: 0, learned: 0, default: 1 },
      amounts: [{ currency: 'TRY', count: 1, pipelineMinor: 1_000_000, weightedMinor: 800_000 }],
    },
  ],
  probabilities: [],
  past: [
    {
      month: '2026-04',
      forecastTakenOn: '2026-04-01',
      forecast: [{ currency: 'TRY', weightedMinor: 900_000 }],
      wonCount: 1,
      actual: [{ currency: 'TRY', wonMinor: 700_000 }],
    },
    {
      month: '2026-03',
      forecastTakenOn: null,
      forecast: [],
      wonCount: 0,
      actual: [],
    },
  ],
})
