/**
 * The board weighs a card as the deals list does (contract/weighted.ts): value × the effective
 * probability, which is the rep's override, else the store's learned rate, else the pipeline's
 * probability for the stage — never the lead's stored probability, which is only ever a default.
 */
import { describe, expect, it } from 'vitest'
import type { LeadListItem, Pipeline, OpenStage } from '../../contract'
import { buildColumns, placeLead, toCard, type Odds } from './board-data'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const AT = '2026-05-30T12:00:00.000Z'

const lead = (extra: Partial<LeadListItem> = {}): LeadListItem => ({
  id: 'ld_1',
  contactId: 'ct_1',
  stage: 'lead',
  status: 'open',
  closeReason: null,
  ownerId: null,
  valueMinor: 1_000_000,
  currency: 'TRY',
  // What the lead row holds: the stage default written when it entered the stage.
  probability: 5,
  score: null,
  qualification: null,
  scoreBreakdown: null,
  spam: false,
  source: { pageUrl: null, referrer: null, utm: {} },
  message: null,
  custom: {},
  version: 1,
  stageEnteredAt: AT,
  createdAt: AT,
  updatedAt: AT,
  pipelineId: null,
  expectedClose: null,
  probabilityOverride: null,
  contact: { name: 'Ayşe', email: null, company: null },
  ...extra,
})

const stage = (probability: number) => ({
  label: { tr: '', en: '' },
  probability,
  rotDays: null,
})
const PIPELINE: Pipeline = {
  id: 'pl_1',
  name: 'Mağaza',
  isDefault: true,
  stages: {
    lead: stage(5),
    qualification: stage(10),
    nurturing: stage(25),
    meeting: stage(40),
    proposal: stage(60),
    deal: stage(80),
  },
  version: 1,
  createdAt: AT,
  updatedAt: AT,
}
const learned = (probability: number) => ({ probability, sample: 40, source: 'learned' as const })
const ODDS: Odds = {
  pipeline: PIPELINE,
  learned: { lead: learned(35), nurturing: { probability: 30, sample: 3, source: 'default' } },
}

describe('the weight of a card without a deal row', () => {
  it("is the store's learned rate when there is one, not the lead's stored probability", () => {
    expect(toCard(lead(), undefined, NOW, ODDS).weightedMinor).toBe(350_000)
  })

  it("is the pipeline's probability for the stage while the rate is not learned yet", () => {
    const card = toCard(lead({ stage: 'nurturing', probability: 20 }), undefined, NOW, ODDS)
    expect(card.weightedMinor).toBe(250_000)
  })

  it("is the rep's override whatever was learned", () => {
    const card = toCard(lead({ probabilityOverride: 70 }), undefined, NOW, ODDS)
    expect(card.weightedMinor).toBe(700_000)
  })

  it("falls back to the lead's probability only when the pipeline is unknown", () => {
    expect(toCard(lead(), undefined, NOW).weightedMinor).toBe(50_000)
  })

  it('sums the column with those weights, beside cards the deals list weighed', () => {
    const columns = buildColumns([lead(), lead({ id: 'ld_2', valueMinor: 200_000 })], [], NOW, ODDS)
    const first = columns.find((c) => c.stage === ('lead' satisfies OpenStage))!
    expect(first.weighted).toEqual({ TRY: 350_000 + 70_000 })
  })

  it('weighs a card that just moved by its new stage, as the deals list will', () => {
    const before = buildColumns([lead()], [], NOW, ODDS)
    const { contact: _, ...moved } = lead({ stage: 'nurturing', version: 2 })
    const after = placeLead(before, moved, NOW, ODDS)
    const nurturing = after.find((c) => c.stage === 'nurturing')!
    expect(nurturing.cards[0]!.weightedMinor).toBe(250_000)
    expect(after.find((c) => c.stage === 'lead')!.weighted).toEqual({})
  })
})
