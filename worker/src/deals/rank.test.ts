import { describe, expect, it } from 'vitest'
import {
  closeFactor,
  daysInStage,
  daysToClose,
  median,
  rankDeal,
  rotFactor,
  rotLimit,
  type DealFacts,
} from './rank'

const deal = (over: Partial<DealFacts> = {}): DealFacts => ({
  valueMinor: 100_000,
  probability: 40,
  probabilitySource: 'stage',
  daysInStage: 3,
  rotLimit: { days: 14, basis: 'pipeline' },
  daysToClose: null,
  ...over,
})

describe('rankDeal', () => {
  it('scores a fresh deal without a close date by its weighted value', () => {
    const r = rankDeal(deal())
    expect(r.weightedMinor).toBe(40_000)
    expect(r.score).toBe(40_000)
    expect(r.rotting).toBe(false)
    expect(r.reasons).toEqual([
      {
        code: 'weighted',
        valueMinor: 100_000,
        probability: 40,
        source: 'stage',
        weightedMinor: 40_000,
      },
    ])
  })

  it('halves a deal that has sat twice its limit in the stage and says so', () => {
    const r = rankDeal(deal({ daysInStage: 28 }))
    expect(r.score).toBe(20_000)
    expect(r.rotting).toBe(true)
    expect(r.reasons[1]).toEqual({
      code: 'rotting',
      days: 28,
      limit: 14,
      basis: 'pipeline',
      factor: 0.5,
    })
  })

  it('does not rot a deal on the limit day, nor one without any limit', () => {
    expect(rankDeal(deal({ daysInStage: 14 })).rotting).toBe(false)
    const noLimit = rankDeal(deal({ daysInStage: 400, rotLimit: null }))
    expect(noLimit.rotting).toBe(false)
    expect(noLimit.score).toBe(40_000)
  })

  it('never lets rotting take more than three quarters of the score', () => {
    expect(rankDeal(deal({ daysInStage: 10_000 })).score).toBe(10_000)
  })

  it('raises overdue and soon-closing deals and lowers far-off ones, with reasons', () => {
    const overdue = rankDeal(deal({ daysToClose: -3 }))
    expect(overdue.score).toBe(50_000)
    expect(overdue.reasons[1]).toEqual({ code: 'overdue', days: 3, factor: 1.25 })
    expect(rankDeal(deal({ daysToClose: 7 })).reasons[1]).toEqual({
      code: 'closing_soon',
      days: 7,
      factor: 1.25,
    })
    expect(rankDeal(deal({ daysToClose: 60 })).score).toBe(40_000)
    expect(rankDeal(deal({ daysToClose: 60 })).reasons).toHaveLength(1)
    const far = rankDeal(deal({ daysToClose: 180 }))
    expect(far.score).toBe(20_000)
    expect(far.reasons[1]).toEqual({ code: 'closing_far', days: 180, factor: 0.5 })
  })

  it('combines rotting and closing date by multiplying', () => {
    const r = rankDeal(deal({ daysInStage: 28, daysToClose: 0 }))
    expect(r.score).toBe(40_000 * 0.5 * 1.25)
    expect(r.reasons.map((x) => x.code)).toEqual(['weighted', 'rotting', 'closing_soon'])
  })

  it('ranks a small fresh deal above a big one that has rotted far past its limit', () => {
    const small = rankDeal(deal({ valueMinor: 30_000, probability: 60 }))
    const rotten = rankDeal(deal({ valueMinor: 50_000, probability: 60, daysInStage: 70 }))
    expect(small.score).toBeGreaterThan(rotten.score)
  })

  it('is monotonic: more value, probability, freshness or a nearer close never lower the score', () => {
    const days = [0, 5, 14, 15, 20, 40, 56, 100, 1000]
    const closes = [null, -30, 0, 14, 15, 60, 90, 91, 200, 1000]
    for (const d of days) {
      for (const c of closes) {
        const base = rankDeal(deal({ daysInStage: d, daysToClose: c })).score
        expect(
          rankDeal(deal({ daysInStage: d, daysToClose: c, valueMinor: 200_000 })).score,
        ).toBeGreaterThanOrEqual(base)
        expect(
          rankDeal(deal({ daysInStage: d, daysToClose: c, probability: 80 })).score,
        ).toBeGreaterThanOrEqual(base)
        expect(rankDeal(deal({ daysInStage: d + 1, daysToClose: c })).score).toBeLessThanOrEqual(
          base,
        )
        if (c !== null) {
          expect(rankDeal(deal({ daysInStage: d, daysToClose: c + 1 })).score).toBeLessThanOrEqual(
            base,
          )
        }
      }
    }
  })

  it('scores a deal without value as zero whatever else holds', () => {
    expect(rankDeal(deal({ valueMinor: 0, daysToClose: 1 })).score).toBe(0)
  })
})

describe('factors and day counts', () => {
  it('rotFactor is 1 up to the limit and limit/days after it', () => {
    expect(rotFactor(0, 10)).toBe(1)
    expect(rotFactor(10, 10)).toBe(1)
    expect(rotFactor(20, 10)).toBe(0.5)
    expect(rotFactor(20, null)).toBe(1)
  })

  it('closeFactor steps at 14 and 90 days and floors at one half', () => {
    expect(closeFactor(null)).toBe(1)
    expect(closeFactor(-100)).toBe(1.25)
    expect(closeFactor(14)).toBe(1.25)
    expect(closeFactor(15)).toBe(1)
    expect(closeFactor(90)).toBe(1)
    expect(closeFactor(120)).toBe(0.75)
    expect(closeFactor(5000)).toBe(0.5)
  })

  it('counts whole days in stage, never negative', () => {
    const now = new Date('2026-03-10T12:00:00.000Z')
    expect(daysInStage('2026-03-10T11:00:00.000Z', now)).toBe(0)
    expect(daysInStage('2026-03-09T12:00:00.000Z', now)).toBe(1)
    expect(daysInStage('2026-03-09T12:00:01.000Z', now)).toBe(0)
    expect(daysInStage('2026-02-08T12:00:00.000Z', now)).toBe(30)
    expect(daysInStage('2026-03-11T12:00:00.000Z', now)).toBe(0)
  })

  it('counts days to close from today, negative once it has passed', () => {
    expect(daysToClose(null, '2026-03-10')).toBeNull()
    expect(daysToClose('2026-03-10', '2026-03-10')).toBe(0)
    expect(daysToClose('2026-04-09', '2026-03-10')).toBe(30)
    expect(daysToClose('2026-03-01', '2026-03-10')).toBe(-9)
  })

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull()
    expect(median([7])).toBe(7)
    expect(median([9, 1, 5])).toBe(5)
    expect(median([4, 1, 10, 2])).toBe(3)
  })

  it('prefers the pipeline limit to the usual time, and rounds the usual time to whole days', () => {
    expect(rotLimit(10, 3)).toEqual({ days: 10, basis: 'pipeline' })
    expect(rotLimit(null, 6.5)).toEqual({ days: 7, basis: 'usual' })
    expect(rotLimit(null, 0.2)).toEqual({ days: 1, basis: 'usual' })
    expect(rotLimit(null, null)).toBeNull()
  })
})
