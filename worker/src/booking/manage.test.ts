import { describe, expect, it } from 'vitest'
import { isManageable, manageRefusal, type ManageRefusal } from './manage'

const START = Date.parse('2026-12-08T11:30:00Z')

describe('manageRefusal', () => {
  const cases: [
    string,
    Parameters<typeof manageRefusal>[0]['status'],
    number,
    ManageRefusal | null,
  ][] = [
    ['confirmed, a day ahead', 'confirmed', START - 86_400_000, null],
    ['confirmed, a millisecond ahead', 'confirmed', START - 1, null],
    ['confirmed, at the start instant', 'confirmed', START, 'started'],
    ['confirmed, during the meeting', 'confirmed', START + 15 * 60_000, 'started'],
    ['confirmed, a week after', 'confirmed', START + 7 * 86_400_000, 'started'],
    ['cancelled, still ahead', 'cancelled', START - 86_400_000, 'cancelled'],
    ['held', 'held', START + 3_600_000, 'held'],
    ['no-show', 'no_show', START + 3_600_000, 'no_show'],
    // A status says more than the clock: a cancelled meeting in the past is still `cancelled`.
    ['cancelled, in the past', 'cancelled', START + 3_600_000, 'cancelled'],
  ]
  it.each(cases)('%s', (_, status, now, expected) => {
    expect(manageRefusal({ status, start: START }, now)).toBe(expected)
    expect(isManageable({ status, start: START }, now)).toBe(expected === null)
  })
})
