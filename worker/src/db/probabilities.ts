/**
 * Win probabilities and usual times in stage learned from a store's history in D1. Both read a
 * bounded, index-backed slice: the most recent LEARN_WINDOW closed leads, and the most recent
 * USUAL_WINDOW stage exits.
 */
import { OPEN_STAGES, type OpenStage } from '../../../contract'
import {
  LEARN_WINDOW,
  learnFromOutcomes,
  sumOutcomes,
  type LearnedProbability,
  type OutcomeCounts,
} from '../deals/probabilities'
import { DEFAULT_PROBABILITY } from '../pipeline'
import { defaultPipelineId, listPipelines } from './pipelines'

/** Stage exits the usual time in stage is the median of. */
export const USUAL_WINDOW = 5000
/** Completed stays a stage needs before its median counts as the store's usual time there. */
export const USUAL_MIN_SAMPLE = 5

const OPEN_LIST = OPEN_STAGES.map((s) => `'${s}'`).join(', ')

/**
 * Per pipeline (keyed by pipeline id), per open stage: how many of the store's most recent
 * closed leads reached the stage and how many of them were won. A closed lead counts for the
 * pipeline it closed in.
 */
export async function stageOutcomesByPipeline(
  db: D1Database,
  siteId: string,
): Promise<Map<string, OutcomeCounts>> {
  const { results } = await db
    .prepare(
      `WITH closed AS (
         SELECT id, stage, coalesce(pipeline_id, '') AS pid FROM leads
          WHERE site_id = ?1 AND stage IN ('won', 'lost')
          ORDER BY stage_entered_at DESC, id DESC LIMIT ?2)
       SELECT c.pid, e.to_stage AS stage, count(DISTINCT c.id) AS closed,
              count(DISTINCT CASE WHEN c.stage = 'won' THEN c.id END) AS won
         FROM closed c JOIN stage_events e ON e.site_id = ?1 AND e.lead_id = c.id
        WHERE e.to_stage IN (${OPEN_LIST})
        GROUP BY c.pid, e.to_stage`,
    )
    .bind(siteId, LEARN_WINDOW)
    .all<{ pid: string; stage: OpenStage; closed: number; won: number }>()
  const byPipeline = new Map<string, OutcomeCounts>()
  for (const r of results) {
    const id = r.pid === '' ? defaultPipelineId(siteId) : r.pid
    const counts = byPipeline.get(id) ?? {}
    counts[r.stage] = { won: r.won, closed: r.closed }
    byPipeline.set(id, counts)
  }
  return byPipeline
}

/**
 * The store's learned win probability per open stage, with its sample size and whether it was
 * learned (at least MIN_LEARN_SAMPLE closed leads reached the stage) or is the stage default.
 * With `pipelineId`, only leads that closed in that pipeline count and the defaults are that
 * pipeline's probabilities; without, all the store's leads count and the defaults are the
 * default pipeline's. An unknown pipeline has no history and the built-in defaults.
 * @example const p = await learnedProbabilities(env.DB, siteId)
 *   p.meeting // { probability: 37, sample: 41, won: 15, source: 'learned' }
 */
export async function learnedProbabilities(
  db: D1Database,
  siteId: string,
  pipelineId?: string,
): Promise<Record<OpenStage, LearnedProbability>> {
  const [byPipeline, pipelines] = await Promise.all([
    stageOutcomesByPipeline(db, siteId),
    listPipelines(db, siteId),
  ])
  const pipeline =
    pipelineId === undefined
      ? pipelines.find((p) => p.isDefault)
      : pipelines.find((p) => p.id === pipelineId)
  const defaults = Object.fromEntries(
    OPEN_STAGES.map((s) => [s, pipeline?.stages[s].probability ?? DEFAULT_PROBABILITY[s]]),
  ) as Record<OpenStage, number>
  const counts =
    pipelineId === undefined
      ? sumOutcomes([...byPipeline.values()])
      : pipeline
        ? (byPipeline.get(pipeline.id) ?? {})
        : {}
  return learnFromOutcomes(counts, defaults)
}

export interface UsualDays {
  /** Median days of the completed stays, unrounded. */
  days: number
  sample: number
}

/**
 * The store's usual (median) days in each open stage, from the most recent USUAL_WINDOW stage
 * exits: each exit's stay runs from the lead's previous stage event to the exit. Stages with
 * fewer than USUAL_MIN_SAMPLE stays are left out.
 */
export async function usualDaysInStage(
  db: D1Database,
  siteId: string,
): Promise<Partial<Record<OpenStage, UsualDays>>> {
  const { results } = await db
    .prepare(
      `WITH exits AS (
         SELECT e.lead_id, e.from_stage AS stage, e.at, e.rowid AS rid FROM stage_events e
          WHERE e.site_id = ?1 AND e.from_stage IN (${OPEN_LIST})
          ORDER BY e.at DESC LIMIT ?2),
       stays AS (
         SELECT x.stage, (julianday(x.at) - julianday((
             SELECT p.at FROM stage_events p
              WHERE p.site_id = ?1 AND p.lead_id = x.lead_id
                AND (p.at < x.at OR (p.at = x.at AND p.rowid < x.rid))
              ORDER BY p.at DESC, p.rowid DESC LIMIT 1))) AS d
           FROM exits x),
       ranked AS (
         SELECT stage, d, row_number() OVER (PARTITION BY stage ORDER BY d) AS rn,
                count(*) OVER (PARTITION BY stage) AS n
           FROM stays WHERE d IS NOT NULL)
       SELECT stage, avg(d) AS median, max(n) AS n FROM ranked
        WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
        GROUP BY stage`,
    )
    .bind(siteId, USUAL_WINDOW)
    .all<{ stage: OpenStage; median: number; n: number }>()
  const out: Partial<Record<OpenStage, UsualDays>> = {}
  for (const r of results) {
    if (r.n >= USUAL_MIN_SAMPLE) out[r.stage] = { days: r.median, sample: r.n }
  }
  return out
}
