/**
 * Ranking deals by impact. Pure; the same formula runs in SQL (db/deals.ts) to sort a store's
 * deals without reading them all, so every step is one a SQL expression repeats exactly.
 *
 *   weighted = valueMinor × probability / 100
 *   rot      = 1 while daysInStage ≤ limit (or no limit), else max(ROT_FLOOR, limit / daysInStage)
 *   close    = 1 without a date; CLOSE_SOON_FACTOR when due within CLOSE_SOON_DAYS or overdue;
 *              1 up to CLOSE_FAR_DAYS; beyond, max(CLOSE_FAR_FLOOR, CLOSE_FAR_DAYS / daysToClose)
 *   score    = weighted × rot × close
 *
 * The rotting limit is the pipeline's `rotDays` for the stage when the store set one, else the
 * store's usual (median) days there. A deal twice as long in its stage as the limit counts half.
 * Each factor is non-increasing in days in stage and in days to close, so the ranking is
 * monotonic: more value, a higher probability, less time rotting or a nearer close never lower it.
 */
import { weightedValue, type DealReason, type DealProbabilitySource } from '../../../contract'

export const ROT_FLOOR = 0.25
export const CLOSE_SOON_DAYS = 14
export const CLOSE_SOON_FACTOR = 1.25
export const CLOSE_FAR_DAYS = 90
export const CLOSE_FAR_FLOOR = 0.5

const DAY_SECONDS = 86_400

export interface RotLimit {
  days: number
  basis: 'pipeline' | 'usual'
}

export interface DealFacts {
  valueMinor: number
  probability: number
  probabilitySource: DealProbabilitySource
  daysInStage: number
  rotLimit: RotLimit | null
  /** Whole days from today to the expected close; negative when overdue; null without a date. */
  daysToClose: number | null
}

export interface Ranked {
  weightedMinor: number
  rotting: boolean
  score: number
  reasons: DealReason[]
}

/** The multiplier for time in stage: 1 until the limit, then limit / days, at least ROT_FLOOR. */
export function rotFactor(daysInStage: number, limit: number | null): number {
  if (limit === null || daysInStage <= limit) return 1
  return Math.max(ROT_FLOOR, limit / daysInStage)
}

/** The multiplier for the expected close date (see the module comment). */
export function closeFactor(daysToClose: number | null): number {
  if (daysToClose === null) return 1
  if (daysToClose <= CLOSE_SOON_DAYS) return CLOSE_SOON_FACTOR
  if (daysToClose <= CLOSE_FAR_DAYS) return 1
  return Math.max(CLOSE_FAR_FLOOR, CLOSE_FAR_DAYS / daysToClose)
}

/**
 * Scores one deal and says why.
 * @example rankDeal({ valueMinor: 100_000, probability: 40, probabilitySource: 'stage',
 *   daysInStage: 28, rotLimit: { days: 14, basis: 'pipeline' }, daysToClose: null }).score // 20_000
 */
export function rankDeal(f: DealFacts): Ranked {
  const weightedMinor = weightedValue(f.valueMinor, f.probability)
  const rot = rotFactor(f.daysInStage, f.rotLimit?.days ?? null)
  const close = closeFactor(f.daysToClose)
  const reasons: DealReason[] = [
    {
      code: 'weighted',
      valueMinor: f.valueMinor,
      probability: f.probability,
      source: f.probabilitySource,
      weightedMinor,
    },
  ]
  const rotting = rot < 1 && f.rotLimit !== null
  if (rotting && f.rotLimit) {
    reasons.push({
      code: 'rotting',
      days: f.daysInStage,
      limit: f.rotLimit.days,
      basis: f.rotLimit.basis,
      factor: rot,
    })
  }
  if (f.daysToClose !== null && close !== 1) {
    const d = f.daysToClose
    reasons.push(
      d < 0
        ? { code: 'overdue', days: -d, factor: close }
        : d <= CLOSE_SOON_DAYS
          ? { code: 'closing_soon', days: d, factor: close }
          : { code: 'closing_far', days: d, factor: close },
    )
  }
  return { weightedMinor, rotting, score: weightedMinor * rot * close, reasons }
}

/** Whole days from one instant to a later one, counted in whole seconds as the SQL does; ≥ 0. */
export function daysInStage(enteredAt: string, now: Date): number {
  const seconds = Math.floor(now.getTime() / 1000) - Math.floor(Date.parse(enteredAt) / 1000)
  return Math.max(0, Math.trunc(seconds / DAY_SECONDS))
}

/** Whole days from `today` (YYYY-MM-DD, UTC) to a close date; negative when it has passed. */
export function daysToClose(expectedClose: string | null, today: string): number | null {
  if (expectedClose === null) return null
  return Math.round((Date.parse(expectedClose) - Date.parse(today)) / (DAY_SECONDS * 1000))
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * The rotting limit for a stage: the pipeline's `rotDays` when set, else the store's usual days
 * there (rounded to whole days, at least 1), else none.
 */
export function rotLimit(rotDays: number | null, usualDays: number | null): RotLimit | null {
  if (rotDays !== null) return { days: rotDays, basis: 'pipeline' }
  if (usualDays !== null) return { days: Math.max(1, Math.round(usualDays)), basis: 'usual' }
  return null
}
