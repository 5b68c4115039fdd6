/**
 * A store's pipeline history as plain data, the input of the slow reference computations: the
 * leads as they are now and every stage event, with `seq` the order events were written in
 * (the table's rowid), which breaks ties between events of the same millisecond.
 */
import type { OpenStage, Stage } from '../../../contract'
import { OPEN_STAGES } from '../../../contract'

export interface HistoryLead {
  id: string
  stage: Stage
  closeReason: string | null
  ownerId: string | null
  valueMinor: number
  currency: string
  utm: Record<string, unknown>
  referrer: string | null
  spam: boolean
  stageEnteredAt: string
  createdAt: string
  pipelineId: string | null
  expectedClose: string | null
  probabilityOverride: number | null
}

export interface HistoryEvent {
  leadId: string
  from: Stage | null
  to: Stage
  at: string
  seq: number
}

export interface History {
  leads: HistoryLead[]
  events: HistoryEvent[]
}

/** Order of stages for "moved on": a later open stage or `won`; `lost` is never later. */
export const STAGE_RANK: Record<Stage, number> = {
  lead: 0,
  qualification: 1,
  nurturing: 2,
  meeting: 3,
  proposal: 4,
  deal: 5,
  won: 6,
  lost: -1,
}

export const isOpenStage = (s: Stage): s is OpenStage =>
  (OPEN_STAGES as readonly string[]).includes(s)

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
const trimSpaces = (s: string) => s.replace(/^ +| +$/g, '')

/**
 * Where a lead came from: its UTM source (lower-cased), else its referrer's host (the part
 * between `://` and the next `/`, lower-cased), else `direct`. Mirrors SOURCE_SQL in
 * db/analytics.ts character for character (ASCII lower-casing and space trimming, as SQLite's).
 */
export function sourceKey(utm: Record<string, unknown>, referrer: string | null): string {
  const raw = utm.source
  const source =
    raw === undefined || raw === null || typeof raw === 'object' ? '' : trimSpaces(String(raw))
  if (source !== '') return asciiLower(source)
  const ref = referrer ?? ''
  const at = ref.indexOf('://')
  if (at >= 0) {
    const rest = ref.slice(at + 3)
    const slash = rest.indexOf('/')
    const host = slash >= 0 ? rest.slice(0, slash) : rest
    if (host !== '') return asciiLower(host)
  }
  return 'direct'
}

/** A lead's events in the order they happened (time, then write order). */
export function eventsByLead(events: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const byLead = new Map<string, HistoryEvent[]>()
  for (const e of events) {
    const list = byLead.get(e.leadId) ?? []
    list.push(e)
    byLead.set(e.leadId, list)
  }
  for (const list of byLead.values()) {
    list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq))
  }
  return byLead
}
