/**
 * The revenue forecast: open leads by the month they are expected to close, weighted by their
 * win probability, for the current month and the five after it.
 * - Close month: the lead's expected close date when it has one, else the day it entered its
 *   stage plus FALLBACK_DAYS of that stage; a month already past counts as the current month.
 *   Leads expected later than the sixth month are left out.
 * - Probability (percent): `effectiveProbability`, the deals' and the board's rule — the lead's
 *   own override, else the store's learned probability of its stage, else the stage default
 *   (learnedProbabilities says which of the two it gave).
 * - weighted = round(Σ value × probability / 100), per month and currency: the sum of the
 *   leads' `weightedValue`, rounded to show it.
 * Past months compare the forecast snapshot taken last before the month began with the value of
 * the leads won in it.
 */
import {
  DAY_MS,
  effectiveProbability,
  OPEN_STAGES,
  type ForecastMonth,
  type LearnedRate,
  type OpenStage,
} from '../../../contract'
import { isOpenStage, type History } from './history'

export const FORECAST_MONTHS = 6

/** Typical days from entering a stage to closing, for leads without an expected close date. */
export const FALLBACK_DAYS: Record<OpenStage, number> = {
  lead: 90,
  qualification: 75,
  nurturing: 60,
  meeting: 45,
  proposal: 30,
  deal: 14,
}

/** Per open stage, the learned rate (or the stage default until enough leads closed). */
export type StageProbabilities = Record<OpenStage, LearnedRate>

export interface ForecastGroupRow {
  stage: OpenStage
  currency: string
  month: string
  /** The leads' probability override, or null for the stage's probability. */
  override: number | null
  count: number
  valueMinor: number
}

/** `YYYY-MM` of a date plus `add` months. */
export function monthOf(date: Date, add = 0): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + add, 1))
  return d.toISOString().slice(0, 7)
}

/** The forecast's months: the current one (UTC) and the five after it. */
export const forecastMonths = (now: Date): string[] =>
  Array.from({ length: FORECAST_MONTHS }, (_, i) => monthOf(now, i))

/** The six months before the current one, oldest first. */
export const pastMonths = (now: Date): string[] =>
  Array.from({ length: FORECAST_MONTHS }, (_, i) => monthOf(now, i - FORECAST_MONTHS))

/** One forecast month being summed: leads counted by where their probability came from. */
interface MonthSum {
  count: number
  sources: ForecastMonth['sources']
  /** Per currency; `weighted` is Σ value × probability (percent), exact in integers. */
  amounts: Map<string, { count: number; pipeline: number; weighted: number }>
}

const emptyMonth = (): MonthSum => ({
  count: 0,
  sources: { override: 0, learned: 0, default: 0 },
  amounts: new Map(),
})

/** Adds `count` leads of a stage worth `valueMinor` together, with their override if any. */
function addLeads(
  m: MonthSum,
  probabilities: StageProbabilities,
  lead: { stage: OpenStage; override: number | null; currency: string },
  count: number,
  valueMinor: number,
): void {
  const rate = probabilities[lead.stage]
  // With the stage's own probability as the fallback: `rate` carries the stage default
  // when nothing was learned (source `default`), so the effective rule gives the same number.
  const p = effectiveProbability(lead.override, rate, rate.probability)
  m.count += count
  m.sources[p.source === 'override' ? 'override' : rate.source] += count
  const a = m.amounts.get(lead.currency) ?? { count: 0, pipeline: 0, weighted: 0 }
  a.count += count
  a.pipeline += valueMinor
  a.weighted += valueMinor * p.probability
  m.amounts.set(lead.currency, a)
}

/**
 * The month as the API answers it. Σ weightedValue is summed as integers and divided once, so
 * the rounding does not depend on the order of a sum of fractions.
 */
const monthOfSum = (month: string, m: MonthSum): ForecastMonth => ({
  month,
  count: m.count,
  sources: m.sources,
  amounts: [...m.amounts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, a]) => ({
      currency,
      count: a.count,
      pipelineMinor: a.pipeline,
      weightedMinor: Math.round(a.weighted / 100),
    })),
})

/** Forecast months from grouped open leads. */
export function buildForecastMonths(
  rows: readonly ForecastGroupRow[],
  probabilities: StageProbabilities,
  months: readonly string[],
): ForecastMonth[] {
  return months.map((month) => {
    const m = emptyMonth()
    for (const r of rows)
      if (r.month === month) addLeads(m, probabilities, r, r.count, r.valueMinor)
    return monthOfSum(month, m)
  })
}

export interface SnapshotRow {
  month: string
  currency: string
  weightedMinor: number
  takenOn: string
}

export interface WonMonthRow {
  month: string
  currency: string
  count: number
  valueMinor: number
}

/** Past months: the snapshot forecast (taken before the month began) beside what was won. */
export function buildPast(
  months: readonly string[],
  snapshots: readonly SnapshotRow[],
  won: readonly WonMonthRow[],
) {
  return months.map((month) => {
    const snaps = snapshots.filter((s) => s.month === month)
    const takenOn = snaps.reduce<string | null>(
      (max, s) => (max === null || s.takenOn > max ? s.takenOn : max),
      null,
    )
    const actual = won.filter((w) => w.month === month)
    return {
      month,
      forecastTakenOn: takenOn,
      forecast: snaps
        .filter((s) => s.takenOn === takenOn)
        .sort((a, b) => (a.currency < b.currency ? -1 : 1))
        .map((s) => ({ currency: s.currency, weightedMinor: s.weightedMinor })),
      wonCount: actual.reduce((n, w) => n + w.count, 0),
      actual: actual
        .sort((a, b) => (a.currency < b.currency ? -1 : 1))
        .map((w) => ({ currency: w.currency, wonMinor: w.valueMinor })),
    }
  })
}

/** The month a lead is expected to close in, before clamping to the current month. */
export function closeMonth(lead: {
  stage: OpenStage
  expectedClose: string | null
  stageEnteredAt: string
}): string {
  if (lead.expectedClose) return lead.expectedClose.slice(0, 7)
  const at = Date.parse(lead.stageEnteredAt) + FALLBACK_DAYS[lead.stage] * DAY_MS
  return new Date(at).toISOString().slice(0, 7)
}

/** The forecast months computed lead by lead from the raw history (slow; for tests). */
export function referenceForecastMonths(
  history: History,
  probabilities: StageProbabilities,
  now: Date,
): ForecastMonth[] {
  const months = forecastMonths(now)
  const current = months[0]!
  const last = months[months.length - 1]!
  const out = new Map(months.map((m) => [m, emptyMonth()]))
  for (const lead of history.leads) {
    if (lead.spam || !isOpenStage(lead.stage)) continue
    const stage = lead.stage
    const raw = closeMonth({ ...lead, stage })
    const month = raw < current ? current : raw
    if (month > last) continue
    const override = lead.probabilityOverride
    addLeads(out.get(month)!, probabilities, { ...lead, stage, override }, 1, lead.valueMinor)
  }
  return months.map((month) => monthOfSum(month, out.get(month)!))
}

/** Stage defaults as a probabilities table (when nothing is learned yet). */
export const defaultProbabilities = (defaults: Record<OpenStage, number>): StageProbabilities =>
  Object.fromEntries(
    OPEN_STAGES.map((s) => [s, { probability: defaults[s], sample: 0, source: 'default' }]),
  ) as StageProbabilities
