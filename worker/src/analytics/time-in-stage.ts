/**
 * Time in stage. A stay is the time between a lead's event into a stage and its next event; a
 * stay is counted when that next event falls in the range (completed stays that ended in it).
 * Median and 90th percentile are nearest-rank (stats.ts). The bottleneck is the stage with the
 * largest median among those with at least MIN_STAYS stays (the earlier stage on a tie).
 */
import type { OpenStage } from '../../../contract'
import { OPEN_STAGES } from '../../../contract'
import type { DayRange } from './range'
import { atRank, medianRank, msToHours, p90Rank } from './stats'
import { eventsByLead, isOpenStage, type History } from './history'

/** Stays a stage needs before it can be named the bottleneck. */
export const MIN_STAYS = 5

export interface StageTimeRow {
  stage: OpenStage
  stays: number
  medianMs: number | null
  p90Ms: number | null
}

export function buildTimeInStage(rows: readonly StageTimeRow[]) {
  const byStage = new Map(rows.map((r) => [r.stage, r]))
  const stages = OPEN_STAGES.map((stage) => {
    const r = byStage.get(stage)
    return {
      stage,
      stays: r?.stays ?? 0,
      medianHours: r?.medianMs == null ? null : msToHours(r.medianMs),
      p90Hours: r?.p90Ms == null ? null : msToHours(r.p90Ms),
    }
  })
  let bottleneck: { stage: OpenStage; medianMs: number } | null = null
  for (const stage of OPEN_STAGES) {
    const r = byStage.get(stage)
    if (!r || r.stays < MIN_STAYS || r.medianMs == null) continue
    if (!bottleneck || r.medianMs > bottleneck.medianMs)
      bottleneck = { stage, medianMs: r.medianMs }
  }
  return {
    stages,
    bottleneck: bottleneck
      ? { stage: bottleneck.stage, medianHours: msToHours(bottleneck.medianMs) }
      : null,
    minStays: MIN_STAYS,
  }
}

/** Stays per stage computed from the raw history (slow; for tests). */
export function referenceStageTimes(history: History, range: DayRange): StageTimeRow[] {
  const spam = new Set(history.leads.filter((l) => l.spam).map((l) => l.id))
  const durations = new Map<OpenStage, number[]>()
  for (const [leadId, events] of eventsByLead(history.events)) {
    if (spam.has(leadId)) continue
    for (let j = 1; j < events.length; j++) {
      const exit = events[j]!
      const entry = events[j - 1]!
      if (exit.at < range.fromIso || exit.at >= range.toIso || !isOpenStage(entry.to)) continue
      const list = durations.get(entry.to) ?? []
      list.push(Date.parse(exit.at) - Date.parse(entry.at))
      durations.set(entry.to, list)
    }
  }
  return [...durations.entries()].map(([stage, list]) => {
    const sorted = [...list].sort((a, b) => a - b)
    return {
      stage,
      stays: sorted.length,
      medianMs: atRank(sorted, medianRank(sorted.length)),
      p90Ms: atRank(sorted, p90Rank(sorted.length)),
    }
  })
}
