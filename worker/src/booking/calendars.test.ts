import { describe, expect, it } from 'vitest'
import type { BookingSettings } from '../../../contract'
import { eligibleReps, meetingType } from './calendars'
import { DEFAULT_BOOKING_SETTINGS } from './defaults'

const settings = (s: Partial<BookingSettings>): BookingSettings => ({
  ...DEFAULT_BOOKING_SETTINGS,
  ...s,
})

describe('eligibleReps', () => {
  it.each([
    ['every rep with availability when the list is empty', {}, ['u1', 'u2'], ['u1', 'u2']],
    ['the listed reps that have availability', { reps: ['u2', 'u3'] }, ['u1', 'u2'], ['u2']],
    [
      'only the fixed rep of a fixed assignment',
      { assignment: 'fixed', fixedRep: 'u2', reps: ['u1'] },
      ['u1', 'u2'],
      ['u2'],
    ],
    [
      'nobody when the fixed rep has no availability',
      { assignment: 'fixed', fixedRep: 'u3' },
      ['u1', 'u2'],
      [],
    ],
    ['nobody when no rep has availability', { reps: ['u1'] }, [], []],
  ] as const)('takes %s', (_, s, available, expected) => {
    expect(eligibleReps(settings(s as Partial<BookingSettings>), [...available])).toEqual(expected)
  })
})

describe('meetingType', () => {
  it('finds a meeting type by id, and nothing for an unknown one', () => {
    expect(meetingType(DEFAULT_BOOKING_SETTINGS, 'demo')?.durationMin).toBe(30)
    expect(meetingType(DEFAULT_BOOKING_SETTINGS, 'nope')).toBeUndefined()
  })
})
