/**
 * Win probabilities of open stages: the pipeline's own (the stage default), learned from the
 * store's closed leads once there are enough of them, and a rep's override on one deal. Pure:
 * callers count outcomes (db/probabilities.ts does it in SQL) and pass them in.
 */
import { OPEN_STAGES, type OpenStage, type Stage } from '../../../contract'

/**
 * Closed leads that must have reached a stage before their win rate replaces the pipeline's
 * probability for it. Below 20 one lead moves the rate by 5 points or more.
 */
export const MIN_LEARN_SAMPLE = 20

/** Learning looks at the store's most recent closed leads only, so it adapts and stays bounded. */
export const LEARN_WINDOW = 5000

export interface StageOutcomes {
  won: number
  /** Closed (won or lost) leads that reached the stage. */
  closed: number
}

export type OutcomeCounts = Partial<Record<OpenStage, StageOutcomes>>

export interface LearnedProbability {
  /** Percent, an integer. */
  probability: number
  sample: number
  won: number
  source: 'learned' | 'default'
}

/** A closed lead's history: every stage it ever entered, and how it closed. */
export interface ClosedHistory {
  reached: readonly Stage[]
  outcome: 'won' | 'lost'
}

const isOpen = (s: Stage): s is OpenStage => (OPEN_STAGES as readonly string[]).includes(s)

/**
 * Counts, per open stage, the closed leads that reached it and how many of those were won. A
 * lead that entered a stage twice counts once. This is what the SQL in db/probabilities.ts
 * computes; it is here so the rule is tested on hand-made histories.
 */
export function countOutcomes(histories: readonly ClosedHistory[]): OutcomeCounts {
  const counts: OutcomeCounts = {}
  for (const h of histories) {
    for (const stage of new Set(h.reached.filter(isOpen))) {
      const c = (counts[stage] ??= { won: 0, closed: 0 })
      c.closed += 1
      if (h.outcome === 'won') c.won += 1
    }
  }
  return counts
}

/**
 * Per open stage: the learned win rate `won / closed` (rounded percent) when at least
 * `minSample` closed leads reached the stage, otherwise the given default, with the sample size
 * either way.
 * @example learnFromOutcomes({ meeting: { won: 12, closed: 30 } }, defaults).meeting
 *   // → { probability: 40, sample: 30, won: 12, source: 'learned' }
 */
export function learnFromOutcomes(
  counts: OutcomeCounts,
  defaults: Record<OpenStage, number>,
  minSample = MIN_LEARN_SAMPLE,
): Record<OpenStage, LearnedProbability> {
  const out = {} as Record<OpenStage, LearnedProbability>
  for (const stage of OPEN_STAGES) {
    const { won, closed } = counts[stage] ?? { won: 0, closed: 0 }
    out[stage] =
      closed >= minSample && closed > 0
        ? { probability: Math.round((100 * won) / closed), sample: closed, won, source: 'learned' }
        : { probability: defaults[stage], sample: closed, won, source: 'default' }
  }
  return out
}

/** Adds up outcome counts (the store's pipelines together). */
export function sumOutcomes(all: readonly OutcomeCounts[]): OutcomeCounts {
  const out: OutcomeCounts = {}
  for (const counts of all) {
    for (const stage of OPEN_STAGES) {
      const c = counts[stage]
      if (!c) continue
      const t = (out[stage] ??= { won: 0, closed: 0 })
      t.won += c.won
      t.closed += c.closed
    }
  }
  return out
}

/** A deal's win probability: override, else learned, else the stage's (one rule, in contract/). */
export { effectiveProbability, type EffectiveProbability } from '../../../contract'
