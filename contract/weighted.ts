/**
 * A deal's weighted value, the one rule behind the deals ranking (worker), the board's column
 * totals (console) and the forecast: value × effective win probability / 100, where the effective
 * probability is the rep's override, else the rate learned from the store's history once it has
 * enough closed leads, else the pipeline's probability for the stage. The board and the deals list
 * used to differ here (the board took the lead's stored probability, which is only ever a
 * default): both now call these two functions.
 */
import type { DealProbabilitySource } from './deals'

/** What the store's history says about a stage (`StageProbability`, `learnedProbabilities`). */
export interface LearnedRate {
  /** Percent. */
  probability: number
  sample: number
  /** `learned` once the sample is large enough to use; `default` until then. */
  source: 'learned' | 'default'
}

export interface EffectiveProbability {
  /** Percent. */
  probability: number
  source: DealProbabilitySource
  /** The learned rate's sample, when the source is `learned`. */
  sample: number | null
}

/**
 * A deal's win probability: the rep's override, else the learned rate when it was learned,
 * else the pipeline's probability for the stage.
 * @example effectiveProbability(null, { probability: 35, sample: 40, source: 'learned' }, 20) // { probability: 35, source: 'learned', sample: 40 }
 */
export function effectiveProbability(
  override: number | null,
  learned: LearnedRate | undefined,
  stageProbability: number,
): EffectiveProbability {
  if (override !== null) return { probability: override, source: 'override', sample: null }
  if (learned?.source === 'learned')
    return { probability: learned.probability, source: 'learned', sample: learned.sample }
  return { probability: stageProbability, source: 'stage', sample: null }
}

/**
 * The weighted value in minor units, unrounded (the deals ranking sorts on it in SQL as
 * `value_minor * prob / 100.0`; round only to show it).
 * @example weightedValue(100_000, 40) // 40_000
 */
export const weightedValue = (valueMinor: number, probability: number): number =>
  (valueMinor * probability) / 100
