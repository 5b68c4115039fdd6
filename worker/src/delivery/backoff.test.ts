import { describe, expect, it } from 'vitest'
import { BASE_DELAY_MS, MAX_DELAY_MS, backoffMs, retryDelayMs } from './backoff'

describe('backoffMs', () => {
  it('waits between half and all of 30 s on the first retry', () => {
    expect(backoffMs(1, () => 0)).toBe(BASE_DELAY_MS / 2)
    expect(backoffMs(1, () => 0.5)).toBe(22_500)
    expect(backoffMs(1, () => 0.999_999)).toBeLessThan(BASE_DELAY_MS)
    expect(backoffMs(1, () => 0.999_999)).toBeGreaterThan(29_000)
  })

  it('doubles its range with every attempt', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = BASE_DELAY_MS * 2 ** (attempt - 1)
      expect(backoffMs(attempt, () => 0)).toBe(ceiling / 2)
      expect(backoffMs(attempt + 1, () => 0)).toBe(backoffMs(attempt, () => 0) * 2)
    }
  })

  it('never waits longer than 6 hours, however many attempts failed', () => {
    for (const attempt of [11, 12, 20, 100, 10_000]) {
      expect(backoffMs(attempt, () => 0.999_999)).toBeLessThan(MAX_DELAY_MS)
      expect(backoffMs(attempt, () => 0)).toBe(MAX_DELAY_MS / 2)
    }
  })

  it('stays within [half, full) of the ceiling for any random value, even out of range', () => {
    for (const r of [-1, 0, 0.25, 0.75, 1, 2, Number.NaN]) {
      const ms = backoffMs(4, () => r)
      expect(ms).toBeGreaterThanOrEqual(120_000)
      expect(ms).toBeLessThan(240_000)
    }
  })
})

describe('retryDelayMs', () => {
  it("takes the provider's Retry-After over the backoff", () => {
    expect(retryDelayMs(1, () => 0, 120_000)).toBe(120_000)
    expect(retryDelayMs(5, () => 0.9, 0)).toBe(0)
  })

  it('caps a Retry-After at 6 hours and falls back to the backoff without one', () => {
    expect(retryDelayMs(1, () => 0, 7 * 24 * 3_600_000)).toBe(MAX_DELAY_MS)
    expect(retryDelayMs(2, () => 0)).toBe(30_000)
  })
})
