import { describe, expect, it } from 'vitest'
import { prng } from './generate'
import { atRank, median, medianRank, msToHours, p90, p90Rank, ratio } from './stats'

describe('nearest-rank statistics', () => {
  it('takes the lower median of an even count and the middle of an odd one', () => {
    expect(median([4, 1, 3, 2])).toBe(2)
    expect(median([5, 1, 3])).toBe(3)
    expect(median([])).toBeNull()
  })

  it('takes the value at rank ⌈0.9·n⌉ as the 90th percentile', () => {
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9)
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10)
    expect(p90([7])).toBe(7)
  })

  it('agrees with ⌈p·n⌉ computed in floating point for every n up to 2000', () => {
    for (let n = 1; n <= 2000; n++) {
      expect(medianRank(n)).toBe(Math.ceil(n / 2))
      expect(p90Rank(n)).toBe(Math.ceil((9 * n) / 10))
    }
  })

  it('matches the definition on random samples: at least p of the values are ≤ it', () => {
    const rand = prng(7)
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 50) }, () =>
        Math.floor(rand() * 100),
      )
      for (const [q, fn] of [
        [0.5, median],
        [0.9, p90],
      ] as const) {
        const x = fn(values)!
        expect(values).toContain(x)
        expect(values.filter((v) => v <= x).length).toBeGreaterThanOrEqual(q * values.length)
        expect(values.filter((v) => v < x).length).toBeLessThan(q * values.length)
      }
    }
  })

  it('handles ranks past the end, ratios of nothing, and hours with two decimals', () => {
    expect(atRank([1, 2], 5)).toBe(2)
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(1, 4)).toBe(0.25)
    expect(msToHours(5_400_000)).toBe(1.5)
    expect(msToHours(1_000)).toBe(0)
  })
})
