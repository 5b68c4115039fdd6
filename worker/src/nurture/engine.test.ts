import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS, MINUTE_MS, type SequenceStep } from '../../../contract'
import { localClock, localDate, weekdayOf } from '../booking/time'
import { advance, capReleaseAt, type EngineContext, type StepAction } from './engine'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

/** Istanbul is UTC+3 all year; 2026-06-10 is a Wednesday. */
const NOW = '2026-06-10T09:00:00.000Z'

function ctx(over: Partial<EngineContext> = {}): EngineContext {
  return {
    now: new Date(NOW),
    zone: 'Europe/Istanbul',
    quietHours: null,
    frequencyCap: { max: 10, days: 7 },
    recentSends: [],
    ...over,
  }
}

/** `Wed 2026-06-10 12:00`: what the contact's clock shows. */
const wall = (ms: number, zone = 'Europe/Istanbul') =>
  `${weekdayOf(localDate(ms, zone))} ${localDate(ms, zone)} ${localClock(ms, zone)}`

const email = (templateId: string): SequenceStep => ({ kind: 'send', channel: 'email', templateId })
const sms = (templateId: string): SequenceStep => ({ kind: 'send', channel: 'sms', templateId })
const task = (title: string, dueInHours = 24): SequenceStep => ({ kind: 'task', title, dueInHours })
const wait = (amount: number, unit: 'minutes' | 'hours' | 'days'): SequenceStep => ({
  kind: 'wait',
  amount,
  unit,
})
const waitUntil = (weekdays: number[], time: string): SequenceStep => ({
  kind: 'wait_until',
  weekdays,
  time,
})

describe('advance: each step kind', () => {
  const tail = wait(1, 'hours')
  it.each<[string, SequenceStep, StepAction]>([
    ['send', email('tp_1'), { kind: 'send', step: 0, channel: 'email', templateId: 'tp_1' }],
    ['send sms', sms('tp_2'), { kind: 'send', step: 0, channel: 'sms', templateId: 'tp_2' }],
    [
      'task',
      task('Call', 48),
      { kind: 'task', step: 0, title: 'Call', dueAt: iso(at(NOW) + 2 * DAY_MS) },
    ],
    ['task due now', task('Call', 0), { kind: 'task', step: 0, title: 'Call', dueAt: NOW }],
    [
      'webhook',
      { kind: 'webhook', webhookId: 'wh_1' },
      { kind: 'webhook', step: 0, webhookId: 'wh_1' },
    ],
  ])('runs a %s step and goes on to the next', (_, step, action) => {
    expect(advance([step, tail], 0, ctx())).toEqual({
      actions: [action],
      nextStep: 2,
      nextRunAt: iso(at(NOW) + HOUR_MS),
      completed: false,
    })
  })

  it('collects an enroll step and completes without running the rest', () => {
    const steps: SequenceStep[] = [task('A'), { kind: 'enroll', sequenceId: 'sq_2' }, email('tp_1')]
    expect(advance(steps, 0, ctx())).toEqual({
      actions: [
        { kind: 'task', step: 0, title: 'A', dueAt: iso(at(NOW) + DAY_MS) },
        { kind: 'enroll', step: 1, sequenceId: 'sq_2' },
      ],
      nextStep: 3,
      nextRunAt: null,
      completed: true,
    })
  })

  it.each<[SequenceStep, number]>([
    [wait(90, 'minutes'), 90 * MINUTE_MS],
    [wait(5, 'hours'), 5 * HOUR_MS],
    [wait(3, 'days'), 3 * DAY_MS],
  ])('stops at %j until it has passed', (step, ms) => {
    expect(advance([email('tp_1'), step, email('tp_2')], 0, ctx())).toMatchObject({
      actions: [{ kind: 'send', step: 0 }],
      nextStep: 2,
      nextRunAt: iso(at(NOW) + ms),
      completed: false,
    })
  })

  it('starts at the given step and completes at the end of the steps', () => {
    const steps = [email('tp_1'), wait(1, 'days'), sms('tp_2'), task('Call')]
    const result = advance(steps, 2, ctx())
    expect(result.actions.map((a) => [a.kind, a.step])).toEqual([
      ['send', 2],
      ['task', 3],
    ])
    expect(result).toMatchObject({ nextStep: 4, nextRunAt: null, completed: true })
  })

  it('completes when the last step was a wait', () => {
    expect(advance([wait(1, 'days')], 1, ctx())).toEqual({
      actions: [],
      nextStep: 1,
      nextRunAt: null,
      completed: true,
    })
  })

  it.each([2, 7, -1, 0.5, NaN])('completes with no actions for the bad step index %s', (step) => {
    expect(advance([email('tp_1'), task('Call')], step, ctx())).toEqual({
      actions: [],
      nextStep: 2,
      nextRunAt: null,
      completed: true,
    })
  })
})

describe('advance: waits in days keep the local wall-clock time', () => {
  it.each([
    // Berlin springs forward on 29 March 2026 and falls back on 25 October.
    ['Europe/Berlin', '2026-03-28T09:00:00Z', 2, '2026-03-30T08:00:00.000Z', 47],
    ['Europe/Berlin', '2026-10-24T08:00:00Z', 2, '2026-10-26T09:00:00.000Z', 49],
    // New York: 8 March and 1 November 2026.
    ['America/New_York', '2026-03-07T15:00:00Z', 1, '2026-03-08T14:00:00.000Z', 23],
    ['America/New_York', '2026-10-31T14:00:00Z', 1, '2026-11-01T15:00:00.000Z', 25],
    // Istanbul has no daylight saving time: days are 24 hours.
    ['Europe/Istanbul', '2026-03-28T07:00:00Z', 2, '2026-03-30T07:00:00.000Z', 48],
  ])('in %s from %s, %i days on is %s (%i hours)', (zone, from, days, expected, hours) => {
    const result = advance([wait(days, 'days')], 0, ctx({ zone, now: new Date(from) }))
    expect(result.nextRunAt).toBe(expected)
    expect(localClock(at(expected), zone)).toBe(localClock(at(from), zone))
    expect((at(expected) - at(from)) / HOUR_MS).toBe(hours)
  })

  it('moves a wait ending in the spring-forward gap to the first instant after it', () => {
    // Saturday 02:30 CET; Sunday 02:30 does not exist in Berlin, 03:00 CEST comes instead.
    const result = advance(
      [wait(1, 'days')],
      0,
      ctx({ zone: 'Europe/Berlin', now: new Date('2026-03-28T01:30:00Z') }),
    )
    expect(result.nextRunAt).toBe('2026-03-29T01:00:00.000Z')
    expect(wall(at(result.nextRunAt!), 'Europe/Berlin')).toBe('sun 2026-03-29 03:00')
  })

  it('ends a wait on a repeated wall time at its earlier instant', () => {
    const result = advance(
      [wait(1, 'days')],
      0,
      ctx({ zone: 'Europe/Berlin', now: new Date('2026-10-24T00:30:00Z') }),
    )
    expect(result.nextRunAt).toBe('2026-10-25T00:30:00.000Z') // 02:30 CEST, not CET
  })

  it('keeps the seconds of now', () => {
    const now = new Date('2026-06-10T09:00:30.250Z')
    expect(advance([wait(1, 'days')], 0, ctx({ now })).nextRunAt).toBe('2026-06-11T09:00:30.250Z')
  })
})

describe('advance: wait_until', () => {
  // Istanbul; Monday 9 March 2026.
  it.each([
    ['a later time the same day', '2026-03-09T06:00:00Z', [1, 4], '10:00', 'mon 2026-03-09 10:00'],
    [
      'the next listed day once the time has passed',
      '2026-03-09T08:00:00Z',
      [1, 4],
      '10:00',
      'thu 2026-03-12 10:00',
    ],
    ['not the very same instant', '2026-03-09T07:00:00Z', [1, 4], '10:00', 'thu 2026-03-12 10:00'],
    [
      'next week when only today is listed',
      '2026-03-09T08:00:00Z',
      [1],
      '10:00',
      'mon 2026-03-16 10:00',
    ],
    ['across the weekend', '2026-03-13T09:00:00Z', [4, 1], '10:00', 'mon 2026-03-16 10:00'],
    [
      'the next morning when every day is listed',
      '2026-03-09T06:00:00Z',
      [1, 2, 3, 4, 5, 6, 7],
      '08:00',
      'tue 2026-03-10 08:00',
    ],
    ['Sunday as 7', '2026-03-09T06:00:00Z', [7], '18:30', 'sun 2026-03-15 18:30'],
  ])('picks %s', (_, from, weekdays, time, expected) => {
    const result = advance(
      [waitUntil(weekdays, time), email('tp_1')],
      0,
      ctx({ now: new Date(from) }),
    )
    expect(result).toMatchObject({ actions: [], nextStep: 1, completed: false })
    expect(wall(at(result.nextRunAt!))).toBe(expected)
  })

  it('keeps the local time across a daylight-saving change', () => {
    // Friday 6 March 12:00 EST; Monday 9 March 09:00 is EDT (13:00Z, not 14:00Z).
    const now = new Date('2026-03-06T17:00:00Z')
    const result = advance([waitUntil([1], '09:00')], 0, ctx({ zone: 'America/New_York', now }))
    expect(result.nextRunAt).toBe('2026-03-09T13:00:00.000Z')
  })

  it('takes the first instant after the gap for a time that does not exist that day', () => {
    const now = new Date('2026-03-28T11:00:00Z')
    const result = advance([waitUntil([7], '02:30')], 0, ctx({ zone: 'Europe/Berlin', now }))
    expect(result.nextRunAt).toBe('2026-03-29T01:00:00.000Z') // 03:00 CEST
  })

  it('refuses a wait_until without weekdays', () => {
    expect(() => advance([waitUntil([], '10:00')], 0, ctx())).toThrow(RangeError)
  })
})

describe('advance: quiet hours', () => {
  const night = { start: '21:00', end: '09:00' }
  const lunch = { start: '12:00', end: '14:00' }
  // Istanbul local times on Wednesday 10 June 2026 (UTC+3).
  const local = (clock: string) => new Date(`2026-06-10T${clock}:00+03:00`)

  it.each([
    ['22:30', night, 'thu 2026-06-11 09:00'],
    ['21:00', night, 'thu 2026-06-11 09:00'],
    ['00:00', night, 'wed 2026-06-10 09:00'],
    ['08:59', night, 'wed 2026-06-10 09:00'],
    ['12:00', lunch, 'wed 2026-06-10 14:00'],
    ['13:59', lunch, 'wed 2026-06-10 14:00'],
  ])('holds a send at %s in %j until %s', (clock, quietHours, expected) => {
    const result = advance([email('tp_1')], 0, ctx({ now: local(clock), quietHours }))
    expect(result).toMatchObject({
      actions: [],
      nextStep: 0,
      completed: false,
      deferred: 'quiet_hours',
    })
    expect(wall(at(result.nextRunAt!))).toBe(expected)
  })

  it.each([
    ['09:00', night],
    ['20:59', night],
    ['11:59', lunch],
    ['14:00', lunch],
    ['03:00', { start: '09:00', end: '09:00' }],
    ['03:00', null],
  ])('sends at %s with quiet hours %j', (clock, quietHours) => {
    const result = advance([email('tp_1')], 0, ctx({ now: local(clock), quietHours }))
    expect(result).toMatchObject({ actions: [{ kind: 'send' }], completed: true })
    expect(result.deferred).toBeUndefined()
  })

  it('keeps the actions before the held send and runs non-sends in quiet hours', () => {
    const steps = [task('Call'), { kind: 'webhook', webhookId: 'wh_1' } as const, sms('tp_1')]
    const result = advance(steps, 0, ctx({ now: local('23:00'), quietHours: night }))
    expect(result.actions.map((a) => a.kind)).toEqual(['task', 'webhook'])
    expect(result).toMatchObject({ nextStep: 2, deferred: 'quiet_hours' })
  })

  it('ends quiet hours at the local end time across a daylight-saving change', () => {
    // Saturday 7 March 23:00 EST; clocks spring forward at 02:00; 08:00 EDT is 8 real hours on.
    const now = new Date('2026-03-08T04:00:00Z')
    const quietHours = { start: '22:00', end: '08:00' }
    const result = advance([email('tp_1')], 0, ctx({ zone: 'America/New_York', now, quietHours }))
    expect(result.nextRunAt).toBe('2026-03-08T12:00:00.000Z')
  })

  it('sends a held message when run again at nextRunAt', () => {
    const first = advance(
      [email('tp_1'), wait(1, 'days')],
      0,
      ctx({ now: local('22:00'), quietHours: night }),
    )
    expect(first.deferred).toBe('quiet_hours')
    const again = advance(
      [email('tp_1'), wait(1, 'days')],
      first.nextStep,
      ctx({ now: new Date(first.nextRunAt!), quietHours: night }),
    )
    expect(again.actions).toEqual([{ kind: 'send', step: 0, channel: 'email', templateId: 'tp_1' }])
    expect(again.deferred).toBeUndefined()
  })
})

describe('advance: frequency cap', () => {
  const now = at(NOW)
  const ago = (ms: number) => iso(now - ms)
  const cap = { max: 2, days: 7 }

  it('holds a send until the oldest counted send leaves the window', () => {
    const result = advance(
      [email('tp_1')],
      0,
      ctx({ frequencyCap: cap, recentSends: [ago(DAY_MS), ago(3 * DAY_MS)] }),
    )
    expect(result).toEqual({
      actions: [],
      nextStep: 0,
      nextRunAt: iso(now + 4 * DAY_MS),
      completed: false,
      deferred: 'frequency_cap',
    })
  })

  it('counts only sends in (now − days, now]', () => {
    const recentSends = [
      ago(7 * DAY_MS),
      ago(8 * DAY_MS),
      iso(now + HOUR_MS),
      'not a date',
      ago(DAY_MS),
    ]
    expect(
      advance([email('tp_1')], 0, ctx({ frequencyCap: cap, recentSends })).actions,
    ).toHaveLength(1)
    const inside = advance(
      [email('tp_1')],
      0,
      ctx({ frequencyCap: { max: 1, days: 7 }, recentSends: [ago(7 * DAY_MS - 1)] }),
    )
    expect(inside).toMatchObject({ deferred: 'frequency_cap', nextRunAt: iso(now + 1) })
  })

  it('counts the sends made earlier in the same run', () => {
    const steps = [email('tp_1'), task('Call'), sms('tp_2'), email('tp_3')]
    const result = advance(steps, 0, ctx({ frequencyCap: cap }))
    expect(result.actions.map((a) => [a.kind, a.step])).toEqual([
      ['send', 0],
      ['task', 1],
      ['send', 2],
    ])
    expect(result).toMatchObject({
      nextStep: 3,
      deferred: 'frequency_cap',
      nextRunAt: iso(now + 7 * DAY_MS),
    })
  })

  it('counts recent and same-run sends together, the oldest leaving first', () => {
    const result = advance(
      [sms('tp_1'), sms('tp_2')],
      0,
      ctx({ frequencyCap: cap, recentSends: [ago(2 * DAY_MS)] }),
    )
    expect(result.actions).toHaveLength(1)
    expect(result).toMatchObject({ nextStep: 1, nextRunAt: iso(now + 5 * DAY_MS) })
  })

  it('waits for as many sends to leave as a lowered cap needs, in any order', () => {
    const recentSends = [ago(DAY_MS), ago(6 * DAY_MS), ago(3 * DAY_MS)]
    expect(capReleaseAt(now, cap, recentSends)).toBe(now + 4 * DAY_MS) // 3 counted, 2 must leave
    expect(capReleaseAt(now, { max: 3, days: 7 }, recentSends)).toBe(now + DAY_MS)
    expect(capReleaseAt(now, { max: 4, days: 7 }, recentSends)).toBeNull()
  })

  it('checks quiet hours before the cap', () => {
    const result = advance(
      [email('tp_1')],
      0,
      ctx({
        now: new Date('2026-06-10T23:00:00+03:00'),
        quietHours: { start: '21:00', end: '09:00' },
        frequencyCap: { max: 1, days: 1 },
        recentSends: ['2026-06-10T20:00:00.000Z'],
      }),
    )
    expect(result.deferred).toBe('quiet_hours')
  })

  it('sends a capped message when run again at nextRunAt', () => {
    const recentSends = [ago(DAY_MS), ago(3 * DAY_MS)]
    const first = advance([email('tp_1')], 0, ctx({ frequencyCap: cap, recentSends }))
    const again = advance(
      [email('tp_1')],
      first.nextStep,
      ctx({ now: new Date(first.nextRunAt!), frequencyCap: cap, recentSends }),
    )
    expect(again).toMatchObject({ actions: [{ kind: 'send', step: 0 }], completed: true })
  })
})

describe('advance: a month of a real sequence', () => {
  const steps: SequenceStep[] = [
    email('tp_welcome'),
    wait(2, 'days'),
    sms('tp_nudge'),
    waitUntil([1, 4], '10:00'),
    task('Call the lead'),
    wait(7, 'days'),
    email('tp_case_study'),
    sms('tp_last_call'),
  ]
  const zone = 'Europe/Istanbul'
  const quietHours = { start: '21:00', end: '09:00' }
  const frequencyCap = { max: 2, days: 7 }
  // A newsletter queued late on Monday night, before the enrollment.
  const prior = '2026-03-02T20:40:00.000Z' // 23:40 local
  const start = new Date('2026-03-06T19:30:00Z') // Friday 22:30 local
  const end = at('2026-04-06T00:00:00Z')

  function simulate() {
    const sends = [prior]
    const runs: string[] = []
    const actions: [string, string][] = []
    let step = 0
    let now = start.getTime()
    while (now < end && runs.length < 100) {
      const r = advance(steps, step, {
        now: new Date(now),
        zone,
        quietHours,
        frequencyCap,
        recentSends: sends,
      })
      runs.push(`${wall(now)} ${r.deferred ?? (r.completed ? 'completed' : 'ran')}`)
      for (const a of r.actions) {
        if (a.kind === 'send') sends.push(iso(now))
        const what =
          a.kind === 'send'
            ? `${a.channel} ${a.templateId}`
            : a.kind === 'task'
              ? `task ${a.title}, due ${wall(at(a.dueAt))}`
              : a.kind
        actions.push([what, wall(now)])
      }
      if (r.nextRunAt === null) break
      step = r.nextStep
      now = at(r.nextRunAt)
    }
    return { runs, actions, sends }
  }

  it('runs each step at the right local time', () => {
    const { runs, actions } = simulate()
    expect(actions).toEqual([
      ['email tp_welcome', 'sat 2026-03-07 09:00'],
      ['sms tp_nudge', 'tue 2026-03-10 09:00'],
      ['task Call the lead, due fri 2026-03-13 10:00', 'thu 2026-03-12 10:00'],
      ['email tp_case_study', 'thu 2026-03-19 10:00'],
      ['sms tp_last_call', 'thu 2026-03-19 10:00'],
    ])
    expect(runs).toEqual([
      'fri 2026-03-06 22:30 quiet_hours',
      'sat 2026-03-07 09:00 ran',
      'mon 2026-03-09 09:00 frequency_cap', // the newsletter and the welcome are in the window
      'mon 2026-03-09 23:40 quiet_hours', // the newsletter left the window at night
      'tue 2026-03-10 09:00 ran',
      'thu 2026-03-12 10:00 ran',
      'thu 2026-03-19 10:00 completed',
    ])
  })

  it('never sends in quiet hours nor more than twice in any 7 days', () => {
    const { sends } = simulate()
    for (const s of sends.slice(1)) {
      const clock = localClock(at(s), zone)
      expect(clock >= '09:00' && clock < '21:00').toBe(true)
    }
    for (const s of sends) {
      const inWindow = sends.filter((t) => at(t) > at(s) - 7 * DAY_MS && at(t) <= at(s))
      expect(inWindow.length).toBeLessThanOrEqual(2)
    }
  })
})
