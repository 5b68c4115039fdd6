import { describe, expect, it } from 'vitest'
import { completionMoves, startMoves } from './qualify'

const now = new Date('2026-11-29T12:00:00Z')
const path = (moves: ReturnType<typeof completionMoves>) => moves.map((m) => `${m.from}>${m.to}`)

describe('quiz moves', () => {
  it('moves a lead to qualification when the quiz starts', () => {
    expect(path(startMoves('lead', now))).toEqual(['lead>qualification'])
  })
  it('does not move a lead that is already past lead when the quiz starts', () => {
    expect(startMoves('qualification', now)).toEqual([])
    expect(startMoves('meeting', now)).toEqual([])
  })
  it.each([
    ['lead', 'qualified', ['lead>qualification', 'qualification>nurturing']],
    ['lead', 'review', ['lead>qualification']],
    ['lead', 'disqualified', ['lead>qualification', 'qualification>lost']],
    ['qualification', 'qualified', ['qualification>nurturing']],
    ['qualification', 'review', []],
    ['qualification', 'disqualified', ['qualification>lost']],
    ['nurturing', 'disqualified', []],
    ['meeting', 'qualified', []],
    ['won', 'disqualified', []],
  ] as const)('moves a lead at %s with outcome %s through %j', (stage, outcome, expected) => {
    expect(path(completionMoves(stage, outcome, now))).toEqual(expected)
  })
  it('closes a disqualified lead with the reason disqualified, guarded by stage only', () => {
    const [, close] = completionMoves('lead', 'disqualified', now)
    expect(close).toMatchObject({
      to: 'lost',
      reason: 'disqualified',
      event: 'quiz_disqualified',
      expectedVersion: null,
    })
  })
})
