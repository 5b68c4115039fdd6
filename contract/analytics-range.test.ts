import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RANGE_DAYS,
  MAX_RANGE_DAYS,
  rangeDays,
  rangeFault,
  rangeStart,
} from './analytics-range'

describe('analytics ranges', () => {
  it('counts both ends of a range', () => {
    expect(rangeDays('2026-01-01', '2026-01-01')).toBe(1)
    expect(rangeDays('2026-01-01', '2026-01-31')).toBe(31)
    expect(rangeDays('2028-02-01', '2028-03-01')).toBe(30)
  })

  it('starts the default range 89 days before its last day', () => {
    expect(rangeStart('2026-03-31')).toBe('2026-01-01')
    expect(rangeDays(rangeStart('2026-03-31'), '2026-03-31')).toBe(DEFAULT_RANGE_DAYS)
    expect(rangeStart('2026-03-01', 1)).toBe('2026-03-01')
  })

  it('accepts two years and a leap day, and refuses one day more or a reversed range', () => {
    expect(MAX_RANGE_DAYS).toBe(731)
    expect(rangeFault('2024-01-01', '2025-12-31')).toBeNull()
    expect(rangeFault('2024-01-01', '2026-01-01')).toBe('tooLong')
    expect(rangeFault('2026-01-02', '2026-01-01')).toBe('order')
    expect(rangeFault('2026-01-01', '2026-01-01')).toBeNull()
  })
})
