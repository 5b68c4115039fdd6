import { describe, expect, it } from 'vitest'
import type { Availability, BookingSettings } from '../../../contract'
import { assignmentOrder, cellsOf } from './assign'

const availability = (before: number, after: number) =>
  ({ bufferBeforeMin: before, bufferAfterMin: after }) as Availability
const settings = (
  assignment: BookingSettings['assignment'],
  fixedRep?: string,
): BookingSettings => ({
  meetingTypes: [],
  reps: [],
  assignment,
  fixedRep,
})
const at = (iso: string) => Date.parse(iso)

describe('cellsOf', () => {
  it('covers a meeting in 5-minute cells', () => {
    const cells = cellsOf(
      at('2026-12-08T09:00:00Z'),
      at('2026-12-08T09:30:00Z'),
      availability(0, 0),
    )
    expect(cells).toHaveLength(6)
    expect(cells[0]! * 5 * 60_000).toBe(at('2026-12-08T09:00:00Z'))
  })
  it('lets back-to-back meetings without buffers share no cell', () => {
    const a = cellsOf(at('2026-12-08T09:00:00Z'), at('2026-12-08T09:30:00Z'), availability(0, 0))
    const b = cellsOf(at('2026-12-08T09:30:00Z'), at('2026-12-08T10:00:00Z'), availability(0, 0))
    expect(a.filter((c) => b.includes(c))).toEqual([])
  })
  it('makes meetings closer than the buffers share a cell', () => {
    const a = cellsOf(at('2026-12-08T09:00:00Z'), at('2026-12-08T09:30:00Z'), availability(10, 10))
    const tooClose = cellsOf(
      at('2026-12-08T09:45:00Z'),
      at('2026-12-08T10:15:00Z'),
      availability(10, 10),
    )
    const farEnough = cellsOf(
      at('2026-12-08T09:50:00Z'),
      at('2026-12-08T10:20:00Z'),
      availability(10, 10),
    )
    expect(a.some((c) => tooClose.includes(c))).toBe(true)
    expect(a.some((c) => farEnough.includes(c))).toBe(false)
  })
})

describe('assignmentOrder', () => {
  const load = new Map([
    ['us_a', { recent: 3, lastAssignedAt: '2026-12-01T09:00:00Z' }],
    ['us_b', { recent: 1, lastAssignedAt: '2026-12-02T09:00:00Z' }],
    ['us_c', { recent: 1, lastAssignedAt: '2026-11-20T09:00:00Z' }],
  ])
  it('puts the least loaded rep first, then the one waiting longest', () => {
    expect(assignmentOrder(settings('round_robin'), ['us_a', 'us_b', 'us_c'], load, null)).toEqual([
      'us_c',
      'us_b',
      'us_a',
    ])
  })
  it('gives a new rep without meetings the next booking', () => {
    expect(assignmentOrder(settings('round_robin'), ['us_a', 'us_new'], load, null)[0]).toBe(
      'us_new',
    )
  })
  it("tries the lead's owner first when free", () => {
    expect(assignmentOrder(settings('owner_first'), ['us_a', 'us_b'], load, 'us_a')).toEqual([
      'us_a',
      'us_b',
    ])
  })
  it("falls back to round-robin when the lead's owner is not free", () => {
    expect(assignmentOrder(settings('owner_first'), ['us_b', 'us_c'], load, 'us_a')).toEqual([
      'us_c',
      'us_b',
    ])
  })
  it('only ever gives a fixed assignment to the fixed rep', () => {
    expect(assignmentOrder(settings('fixed', 'us_b'), ['us_a', 'us_b'], load, 'us_a')).toEqual([
      'us_b',
    ])
    expect(assignmentOrder(settings('fixed', 'us_b'), ['us_a'], load, null)).toEqual([])
  })
})
