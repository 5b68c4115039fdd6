/**
 * The stage funnel. Definitions (per lead and stage, within the range):
 * - entered: the lead has a stage event into the stage with `at` in the range (a capture writes
 *   the event into `lead`, so every lead created in the range entered `lead`); its first such
 *   event is its entry.
 * - moved on: the lead has an event into a later open stage or `won` not before that entry.
 * - lost: the lead has an event from this stage to `lost` not before that entry.
 * Events of the same millisecond count as simultaneous (a quote accepted and invoiced in one
 * batch moves the lead through `deal` and on).
 * - conversion: moved on / entered; drop-off: entered − moved on.
 * The SQL query returns counts grouped by stage, source, owner and pipeline; `buildFunnel` turns
 * them into the totals and the breakdowns. `referenceFunnelGroups` computes the same groups the
 * slow way, lead by lead, for the tests.
 */
import type { FunnelStage, OpenStage } from '../../../contract'
import { OPEN_STAGES } from '../../../contract'
import type { DayRange } from './range'
import { ratio } from './stats'
import { eventsByLead, sourceKey, STAGE_RANK, type History } from './history'

export interface FunnelGroupRow {
  stage: OpenStage
  source: string
  /** User id, or `unassigned`. */
  owner: string
  /** Pipeline id (a lead without one is in the store's default pipeline). */
  pipeline: string
  entered: number
  movedOn: number
  lost: number
}

export interface FunnelFilters {
  source?: string | undefined
  owner?: string | undefined
  pipeline?: string | undefined
}

/** The longest breakdown list per dimension; the rest are the smallest groups. */
export const BREAKDOWN_LIMIT = 50

type Counts = { entered: number; movedOn: number; lost: number }

const stageRows = (counts: Map<OpenStage, Counts>): FunnelStage[] =>
  OPEN_STAGES.map((stage) => {
    const c = counts.get(stage) ?? { entered: 0, movedOn: 0, lost: 0 }
    return {
      stage,
      entered: c.entered,
      movedOn: c.movedOn,
      lost: c.lost,
      conversion: ratio(c.movedOn, c.entered),
      dropOff: c.entered - c.movedOn,
    }
  })

function add(map: Map<OpenStage, Counts>, row: FunnelGroupRow) {
  const c = map.get(row.stage) ?? { entered: 0, movedOn: 0, lost: 0 }
  c.entered += row.entered
  c.movedOn += row.movedOn
  c.lost += row.lost
  map.set(row.stage, c)
}

function breakdown(
  rows: readonly FunnelGroupRow[],
  keyOf: (r: FunnelGroupRow) => string,
  names: ReadonlyMap<string, string>,
) {
  const groups = new Map<string, { total: number; counts: Map<OpenStage, Counts> }>()
  for (const r of rows) {
    const key = keyOf(r)
    const g = groups.get(key) ?? { total: 0, counts: new Map() }
    g.total += r.entered
    add(g.counts, r)
    groups.set(key, g)
  }
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.total - a.total || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, BREAKDOWN_LIMIT)
    .map(([key, g]) => ({ key, name: names.get(key) ?? null, stages: stageRows(g.counts) }))
}

/**
 * Totals per stage in pipeline order and the breakdowns by source, owner and pipeline (each
 * sorted by entries, largest first, at most BREAKDOWN_LIMIT).
 */
export function buildFunnel(
  rows: readonly FunnelGroupRow[],
  ownerNames: ReadonlyMap<string, string>,
  pipelineNames: ReadonlyMap<string, string>,
) {
  const totals = new Map<OpenStage, Counts>()
  for (const r of rows) add(totals, r)
  return {
    stages: stageRows(totals),
    breakdown: {
      source: breakdown(rows, (r) => r.source, new Map()),
      owner: breakdown(rows, (r) => r.owner, ownerNames),
      pipeline: breakdown(rows, (r) => r.pipeline, pipelineNames),
    },
  }
}

/** The funnel's groups computed lead by lead from the raw history (slow; for tests). */
export function referenceFunnelGroups(
  history: History,
  range: DayRange,
  filters: FunnelFilters,
  defaultPipeline: string,
): FunnelGroupRow[] {
  const byLead = eventsByLead(history.events)
  const groups = new Map<string, FunnelGroupRow>()
  for (const lead of history.leads) {
    if (lead.spam) continue
    const source = sourceKey(lead.utm, lead.referrer)
    const owner = lead.ownerId ?? 'unassigned'
    const pipeline = lead.pipelineId ?? defaultPipeline
    if (filters.source !== undefined && filters.source !== source) continue
    if (filters.owner !== undefined && filters.owner !== owner) continue
    if (filters.pipeline !== undefined && filters.pipeline !== pipeline) continue
    const events = byLead.get(lead.id) ?? []
    for (const stage of OPEN_STAGES) {
      const i = events.findIndex(
        (e) => e.to === stage && e.at >= range.fromIso && e.at < range.toIso,
      )
      if (i < 0) continue
      const entry = events[i]!.at
      const after = events.filter((e) => e.at >= entry)
      const key = `${stage}\u0000${source}\u0000${owner}\u0000${pipeline}`
      const g = groups.get(key) ?? {
        stage,
        source,
        owner,
        pipeline,
        entered: 0,
        movedOn: 0,
        lost: 0,
      }
      g.entered++
      if (after.some((e) => STAGE_RANK[e.to] > STAGE_RANK[stage])) g.movedOn++
      if (after.some((e) => e.to === 'lost' && e.from === stage)) g.lost++
      groups.set(key, g)
    }
  }
  return [...groups.values()]
}
