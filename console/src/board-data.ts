/**
 * Turns the admin API's open leads and ranked deals into board columns: a column per open stage
 * with its cards, count and weighted total per currency. A card weighs what the deals list says;
 * a lead without a deal row (the `lead` stage, a card just moved) is weighed by the same rule
 * (`contract/weighted.ts`) from the pipeline and the store's learned rates. Pure: time is passed in.
 */
import { OPEN_STAGES, type OpenStage } from '../../contract/common'
import {
  DAY_MS,
  effectiveProbability,
  weightedValue,
  type Deal,
  type LearnedRate,
  type Lead,
  type LeadListItem,
  type Pipeline,
} from '../../contract'

/** Where a card can go: an open stage, or closed as won or lost. */
export type Target = OpenStage | 'won' | 'lost'
export const TARGETS: readonly Target[] = [...OPEN_STAGES, 'won', 'lost']

export const isClosing = (t: Target): t is 'won' | 'lost' => t === 'won' || t === 'lost'

/** Is the lead in this pipeline? Leads without one are in the store's default pipeline. */
export const inPipeline = (lead: LeadListItem, pipeline: Pipeline): boolean =>
  lead.pipelineId === null ? pipeline.isDefault : lead.pipelineId === pipeline.id

export interface Card {
  lead: LeadListItem
  /** The deal view of the lead (stages past `lead`), when the deals list had it. */
  deal: Deal | undefined
  weightedMinor: number
  daysInStage: number
  rotting: boolean
}

export interface Column {
  stage: OpenStage
  cards: Card[]
  /** Weighted value per currency code, in minor units. */
  weighted: Record<string, number>
}

/** Whole days since `since` (an ISO time), never negative. */
export const daysSince = (since: string, now: number): number =>
  Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS))

/** What weighs a lead without a deal row: its pipeline's stages and the store's learned rates. */
export interface Odds {
  pipeline: Pipeline | undefined
  /** `GET /admin/api/deals/probabilities` for that pipeline, by stage; empty when unknown. */
  learned: Partial<Record<OpenStage, LearnedRate>>
}

/**
 * A lead's effective win probability, as the deals list computes it: the rep's override, else the
 * learned rate, else the pipeline's probability for the stage (the lead's stored probability only
 * when the pipeline is unknown).
 */
export function leadProbability(
  lead: Pick<LeadListItem, 'stage' | 'probability' | 'probabilityOverride'>,
  odds: Odds | undefined,
): number {
  const stage = lead.stage as OpenStage
  const stageProbability = odds?.pipeline?.stages[stage]?.probability ?? lead.probability
  return effectiveProbability(lead.probabilityOverride, odds?.learned[stage], stageProbability)
    .probability
}

export function toCard(lead: LeadListItem, deal: Deal | undefined, now: number, odds?: Odds): Card {
  return {
    lead,
    deal,
    weightedMinor:
      deal?.weightedMinor ?? weightedValue(lead.valueMinor, leadProbability(lead, odds)),
    daysInStage: deal?.daysInStage ?? daysSince(lead.stageEnteredAt, now),
    rotting: deal?.rotting ?? false,
  }
}

/** Cards by stage in the API's order (newest first), with counts and weighted sums. */
export function buildColumns(
  leads: LeadListItem[],
  deals: Deal[],
  now: number,
  odds?: Odds,
): Column[] {
  const byLead = new Map(deals.map((d) => [d.leadId, d]))
  const columns = OPEN_STAGES.map((stage): Column => ({ stage, cards: [], weighted: {} }))
  for (const lead of leads) {
    const column = columns.find((c) => c.stage === lead.stage)
    if (!column || lead.status !== 'open') continue
    // A deal row read before the lead changed stage says nothing about where it is now.
    const deal = byLead.get(lead.id)
    column.cards.push(toCard(lead, deal?.stage === lead.stage ? deal : undefined, now, odds))
  }
  for (const column of columns) {
    for (const card of column.cards) {
      const cur = card.lead.currency
      column.weighted[cur] = (column.weighted[cur] ?? 0) + card.weightedMinor
    }
  }
  return columns
}

/** The board after the server answered a move (or a 409) with the lead as it is now. */
export function placeLead(columns: Column[], lead: Lead, now: number, odds?: Odds): Column[] {
  let previous: Card | undefined
  const without = columns.map((c) => {
    const found = c.cards.find((card) => card.lead.id === lead.id)
    if (found) previous = found
    return found ? { ...c, cards: c.cards.filter((card) => card.lead.id !== lead.id) } : c
  })
  if (!previous) return columns
  const item: LeadListItem = { ...lead, contact: previous.lead.contact }
  const card = toCard(item, undefined, now, odds)
  return without.map((c) => {
    const cards = c.stage === lead.stage && lead.status === 'open' ? [card, ...c.cards] : c.cards
    const weighted: Record<string, number> = {}
    for (const k of cards) {
      weighted[k.lead.currency] = (weighted[k.lead.currency] ?? 0) + k.weightedMinor
    }
    return { ...c, cards, weighted }
  })
}
