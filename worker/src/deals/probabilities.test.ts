import { describe, expect, it } from 'vitest'
import type { OpenStage } from '../../../contract'
import { DEFAULT_PROBABILITY } from '../pipeline'
import {
  countOutcomes,
  effectiveProbability,
  learnFromOutcomes,
  MIN_LEARN_SAMPLE,
  sumOutcomes,
  type ClosedHistory,
} from './probabilities'

const defaults = DEFAULT_PROBABILITY as Record<OpenStage, number>

/** `n` closed leads that went lead → qualification → meeting, `won` of them won. */
const histories = (n: number, won: number, path: ClosedHistory['reached']): ClosedHistory[] =>
  Array.from({ length: n }, (_, i) => ({ reached: path, outcome: i < won ? 'won' : 'lost' }))

describe('countOutcomes', () => {
  it('counts each closed lead once per stage it reached, however often it entered it', () => {
    const counts = countOutcomes([
      { reached: ['lead', 'qualification', 'nurturing', 'qualification', 'won'], outcome: 'won' },
      { reached: ['lead', 'meeting', 'lost'], outcome: 'lost' },
      { reached: ['lead', 'qualification', 'lost'], outcome: 'lost' },
    ])
    expect(counts).toEqual({
      lead: { won: 1, closed: 3 },
      qualification: { won: 1, closed: 2 },
      nurturing: { won: 1, closed: 1 },
      meeting: { won: 0, closed: 1 },
    })
  })
})

describe('learnFromOutcomes', () => {
  it('keeps the defaults while samples are smaller than the minimum, with the sample size', () => {
    const path = ['lead', 'qualification', 'meeting'] as const
    const learned = learnFromOutcomes(
      countOutcomes(histories(MIN_LEARN_SAMPLE - 1, 18, path)),
      defaults,
    )
    expect(learned.meeting).toEqual({ probability: 40, sample: 19, won: 18, source: 'default' })
    expect(learned.deal).toEqual({ probability: 80, sample: 0, won: 0, source: 'default' })
  })

  it('learns the win rate of a stage once enough closed leads reached it', () => {
    const learned = learnFromOutcomes(
      countOutcomes([
        ...histories(30, 12, ['lead', 'qualification', 'meeting']),
        ...histories(10, 0, ['lead', 'qualification']),
      ]),
      defaults,
    )
    expect(learned.meeting).toEqual({ probability: 40, sample: 30, won: 12, source: 'learned' })
    expect(learned.qualification).toEqual({
      probability: 30,
      sample: 40,
      won: 12,
      source: 'learned',
    })
    expect(learned.proposal.source).toBe('default')
  })

  it('learns from exactly the minimum sample, and rounds to whole percent', () => {
    const learned = learnFromOutcomes(
      countOutcomes(histories(MIN_LEARN_SAMPLE, 1, ['lead', 'deal'])),
      defaults,
    )
    expect(learned.deal).toEqual({ probability: 5, sample: 20, won: 1, source: 'learned' })
    const thirds = learnFromOutcomes({ proposal: { won: 10, closed: 30 } }, defaults)
    expect(thirds.proposal.probability).toBe(33)
  })

  it('learns 0 % for a stage whose leads were all lost, and uses the given defaults', () => {
    const custom = { ...defaults, proposal: 55 }
    const learned = learnFromOutcomes({ proposal: { won: 0, closed: 25 } }, custom)
    expect(learned.proposal).toEqual({ probability: 0, sample: 25, won: 0, source: 'learned' })
    expect(learnFromOutcomes({}, custom).proposal.probability).toBe(55)
  })

  it('sums the counts of several pipelines', () => {
    expect(
      sumOutcomes([
        { meeting: { won: 1, closed: 2 } },
        { meeting: { won: 3, closed: 4 }, deal: { won: 1, closed: 1 } },
      ]),
    ).toEqual({ meeting: { won: 4, closed: 6 }, deal: { won: 1, closed: 1 } })
  })
})

describe('effectiveProbability', () => {
  const learned = { probability: 35, sample: 40, won: 14, source: 'learned' as const }
  const notLearned = { probability: 40, sample: 3, won: 1, source: 'default' as const }

  it("takes a rep's override first, even 0", () => {
    expect(effectiveProbability(0, learned, 60)).toEqual({
      probability: 0,
      source: 'override',
      sample: null,
    })
  })

  it('takes the learned rate over the pipeline probability', () => {
    expect(effectiveProbability(null, learned, 60)).toEqual({
      probability: 35,
      source: 'learned',
      sample: 40,
    })
  })

  it("falls back to the pipeline's probability for the stage", () => {
    expect(effectiveProbability(null, notLearned, 60)).toEqual({
      probability: 60,
      source: 'stage',
      sample: null,
    })
  })
})
