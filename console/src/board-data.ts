/**
 * Turns the admin API's open leads and ranked deals into board columns: a column per open stage
 * with its cards, count and weighted total per currency. Pure: time is passed in.
 */
import { OPEN_STAGES, type OpenStage } from '../../contract/common'
import { DAY_MS, type Deal, type Lead, type LeadListItem, type Pipeline } from '../../contract'

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

export function toCard(lead: LeadListItem, deal: Deal | undefined, now: number): Card {
  return {
    lead,
    deal,
    weightedMinor: deal?.weightedMinor ?? Math.round((lead.valueMinor * lead.probability) / 100),
    daysInStage: deal?.daysInStage ?? daysSince(lead.stageEnteredAt, now),
    rotting: deal?.rotting ?? false,
  }
}

/** Cards by stage in the API's order (newest first), with counts and weighted sums. */
export function buildColumns(leads: LeadListItem[], deals: Deal[], now: number): Column[] {
  const byLead = new Map(deals.map((d) => [d.leadId, d]))
  const columns = OPEN_STAGES.map((stage): Column => ({ stage, cards: [], weighted: {} }))
  for (const lead of leads) {
    const column = columns.find((c) => c.stage === lead.stage)
    if (!column || lead.status !== 'open') continue
    // A deal row read before the lead changed stage says nothing about where it is now.
    const deal = byLead.get(lead.id)
    column.cards.push(toCard(lead, deal?.stage === lead.stage ? deal : undefined, now))
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
export function placeLead(columns: Column[], lead: Lead, now: number): Column[] {
  let previous: Card | undefined
  const without = columns.map((c) => {
    const found = c.cards.find((card) => card.lead.id === lead.id)
    if (found) previous = found
    return found ? { ...c, cards: c.cards.filter((card) => card.lead.id !== lead.id) } : c
  })
  if (!previous) return columns
  const item: LeadListItem = { ...lead, contact: previous.lead.contact }
  const card = toCard(item, undefined, now)
  return without.map((c) => {
    const cards = c.stage === lead.stage && lead.status === 'open' ? [card, ...c.cards] : c.cards
    const weighted: Record<string, number> = {}
    for (const k of cards) {
      weighted[k.lead.currency] = (weighted[k.lead.currency] ?? 0) + k.weightedMinor
    }
    return { ...c, cards, weighted }
  })
}
