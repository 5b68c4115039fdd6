import { describe, expect, it } from 'vitest'
import { OPEN_STAGES, STAGES, type Stage } from '../../../contract'
import {
  AUTOMATIC_MOVES,
  DEFAULT_PROBABILITY,
  applyAutomatic,
  applyRep,
  statusOf,
  type AutomaticEvent,
} from '.'

const now = new Date('2026-11-29T10:00:00Z')

/** Every automatic event from every stage: allowed exactly where the table says so. */
const expected: Record<AutomaticEvent, { from: (Stage | null)[]; to: Stage }> = {
  captured: { from: [null], to: 'lead' },
  quiz_started: { from: ['lead'], to: 'qualification' },
  quiz_qualified: { from: ['qualification'], to: 'nurturing' },
  quiz_disqualified: { from: ['qualification'], to: 'lost' },
  meeting_booked: { from: ['lead', 'qualification', 'nurturing'], to: 'meeting' },
  meeting_held: { from: ['meeting'], to: 'proposal' },
  meeting_no_show: { from: ['meeting'], to: 'nurturing' },
  quote_sent: {
    from: ['lead', 'qualification', 'nurturing', 'meeting', 'proposal'],
    to: 'proposal',
  },
  quote_accepted: { from: ['proposal'], to: 'deal' },
  invoice_issued: { from: ['deal'], to: 'won' },
}

describe('automatic moves', () => {
  it('covers every automatic event', () => {
    expect(Object.keys(AUTOMATIC_MOVES).sort()).toEqual(Object.keys(expected).sort())
  })

  const cases = (Object.keys(expected) as AutomaticEvent[]).flatMap((event) =>
    [null, ...STAGES].map((from) => ({
      event,
      from,
      allowed: expected[event].from.includes(from),
    })),
  )

  it.each(cases)('$event from $from: allowed=$allowed', ({ event, from, allowed }) => {
    const result = applyAutomatic(from === null ? null : { stage: from, version: 3 }, event, now)
    expect(result.ok).toBe(allowed)
    if (result.ok) {
      expect(result.plan).toMatchObject({
        from,
        to: expected[event].to,
        event,
        probability: DEFAULT_PROBABILITY[expected[event].to],
        at: '2026-11-29T10:00:00.000Z',
        actor: { type: 'visitor', id: null },
        expectedVersion: from === null ? null : 3,
      })
    } else {
      expect(result.refusal.code).toBe('not_allowed')
    }
  })

  it('closes a disqualified lead as lost with the reason disqualified', () => {
    const result = applyAutomatic({ stage: 'qualification', version: 1 }, 'quiz_disqualified', now)
    expect(result.ok && result.plan).toMatchObject({
      to: 'lost',
      reason: 'disqualified',
      closed: true,
    })
  })
})

describe('rep moves', () => {
  const lead = (stage: Stage) => ({ stage, version: 7 })

  const moves = STAGES.flatMap((from) => OPEN_STAGES.map((to) => ({ from, to })))
  it.each(moves)('moves from $from to $to with a reason', ({ from, to }) => {
    const result = applyRep(lead(from), { kind: 'move', to }, 'customer asked', 'us_1', now)
    if (from === to) {
      expect(result).toEqual({
        ok: false,
        refusal: { code: 'same_stage', message: `the lead is already at ${to}` },
      })
      return
    }
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.plan).toMatchObject({
      from,
      to,
      event: from === 'won' || from === 'lost' ? 'reopened' : 'moved',
      reason: 'customer asked',
      actor: { type: 'user', id: 'us_1' },
      expectedVersion: 7,
      closed: false,
    })
  })

  const closes = STAGES.flatMap((from) =>
    (['won', 'lost'] as const).map((outcome) => ({ from, outcome })),
  )
  it.each(closes)('closes a lead at $from as $outcome', ({ from, outcome }) => {
    const result = applyRep(lead(from), { kind: 'close', outcome }, 'signed', 'us_1', now)
    if (from === outcome) {
      expect(result.ok).toBe(false)
      return
    }
    expect(result.ok && result.plan).toMatchObject({
      to: outcome,
      event: outcome === 'won' ? 'closed_won' : 'closed_lost',
      closed: true,
      reason: 'signed',
      probability: outcome === 'won' ? 100 : 0,
    })
  })

  it('refuses a manual move without a reason', () => {
    const result = applyRep(lead('lead'), { kind: 'move', to: 'meeting' }, '   ', 'us_1', now)
    expect(result).toMatchObject({ ok: false, refusal: { code: 'reason_required' } })
  })
})

describe('stages', () => {
  it('has the default win probabilities of the design', () => {
    expect(OPEN_STAGES.map((s) => DEFAULT_PROBABILITY[s])).toEqual([5, 10, 20, 40, 60, 80])
  })
  it('derives the status from the stage', () => {
    expect(statusOf('meeting')).toBe('open')
    expect(statusOf('won')).toBe('won')
    expect(statusOf('lost')).toBe('lost')
  })
})
