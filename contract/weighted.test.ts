import { describe, expect, it } from 'vitest'
import { effectiveProbability, weightedValue } from './weighted'

describe('effectiveProbability', () => {
  const learned = { probability: 35, sample: 40, source: 'learned' as const }
  const notYet = { probability: 12, sample: 3, source: 'default' as const }

  it.each([
    ['the override', 0, learned, { probability: 0, source: 'override', sample: null }],
    ['the learned rate', null, learned, { probability: 35, source: 'learned', sample: 40 }],
    [
      'the stage’s, while not learned',
      null,
      notYet,
      { probability: 20, source: 'stage', sample: null },
    ],
    [
      'the stage’s, without a rate',
      null,
      undefined,
      { probability: 20, source: 'stage', sample: null },
    ],
  ] as const)('takes %s', (_, override, rate, expected) => {
    expect(effectiveProbability(override, rate, 20)).toEqual(expected)
  })
})

describe('weightedValue', () => {
  it('is value × probability / 100 in minor units, unrounded', () => {
    expect(weightedValue(1_000_000, 35)).toBe(350_000)
    expect(weightedValue(999, 33)).toBeCloseTo(329.67, 10)
    expect(weightedValue(500, 0)).toBe(0)
  })
})
