/**
 * The sequence engine: from an enrollment's current step and the contact's clock, which actions
 * run now and when the enrollment wakes up next. Pure: `now`, the zone and the contact's recent
 * sends come in; the caller persists the returned position and performs the actions.
 *
 * Rules:
 * 1. Steps run in order from `step`, collecting actions, until a wait, a send that may not go
 *    now, an `enroll` (the contact continues in another sequence, so this one completes) or the
 *    end of the steps.
 * 2. `wait` in minutes or hours is an exact duration; in days it is the same local wall-clock time
 *    N days later in the contact's zone (the first instant after a daylight-saving gap when that
 *    time does not exist). `wait_until` is the first instant strictly after now on one of its ISO
 *    weekdays at its local time. A wall time that happens twice (fall back) is the earlier one.
 * 3. A send is held while the contact's local time is in quiet hours [start, end) (wrapping
 *    midnight when start > end; start == end means none) until the next local `end`, and while
 *    it would exceed the frequency cap until enough counted sends have left the window.
 */
import {
  DAY_MS,
  HOUR_MS,
  type TemplateChannel,
  MINUTE_MS,
  type SequenceStep,
  WEEKDAYS,
} from '../../../contract'
import {
  addDays,
  clockMinutes,
  localClock,
  localDate,
  wallToInstantOrAfterGap,
  weekdayOf,
} from '../booking/time'

export interface EngineContext {
  now: Date
  /** The contact's IANA zone (waits in days, wait_until and quiet hours use it). */
  zone: string
  /** `HH:MM` local times; may wrap midnight (21:00–09:00). */
  quietHours: { start: string; end: string } | null
  /** At most `max` commercial messages in any `days` × 24 hours. */
  frequencyCap: { max: number; days: number }
  /** ISO instants of commercial messages already queued for this contact in the last cap window (any order). */
  recentSends: readonly string[]
}

export type StepAction =
  | { kind: 'send'; step: number; channel: TemplateChannel; templateId: string }
  | { kind: 'task'; step: number; title: string; dueAt: string }
  | { kind: 'webhook'; step: number; webhookId: string }
  | { kind: 'enroll'; step: number; sequenceId: string }

export interface Advance {
  /** To perform now, in order. */
  actions: StepAction[]
  /** The index of the next step to run (the steps' length once completed). */
  nextStep: number
  /** ISO UTC; null when completed. */
  nextRunAt: string | null
  completed: boolean
  /** Why the run stopped before a send, when it did. */
  deferred?: 'quiet_hours' | 'frequency_cap'
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  return WEEKDAYS.indexOf(weekdayOf(date)) + 1
}

/**
 * The same local wall-clock time `days` days after `instant` in `zone`; when that time falls in
 * a spring-forward gap, the first instant after the gap. Seconds and milliseconds are kept.
 *
 * @example
 * // 10:00 in Berlin on the Saturday before spring forward, 2 days later: 10:00 CEST, 47 hours on.
 * addLocalDays(Date.parse('2026-03-28T09:00:00Z'), 2, 'Europe/Berlin') // 2026-03-30T08:00:00Z
 */
export function addLocalDays(instant: number, days: number, zone: string): number {
  const date = addDays(localDate(instant, zone), days)
  // localClock stops at minutes; carry the rest so a wait never ends before its full length.
  const rest = ((instant % MINUTE_MS) + MINUTE_MS) % MINUTE_MS
  return wallToInstantOrAfterGap(date, localClock(instant, zone), zone) + rest
}

/**
 * The first instant strictly after `after` whose local time in `zone` is `clock`, on one of the
 * ISO `weekdays` (every day by default).
 *
 * @example
 * // Mondays and Thursdays at 10:00, asked on a Monday at 09:00: the same Monday at 10:00.
 * nextLocalTime(Date.parse('2026-03-09T06:00:00Z'), '10:00', 'Europe/Istanbul', [1, 4])
 */
export function nextLocalTime(
  after: number,
  clock: string,
  zone: string,
  weekdays: readonly number[] = [1, 2, 3, 4, 5, 6, 7],
): number {
  const today = localDate(after, zone)
  // Today may be too late already; the same weekday a week on never is.
  for (let k = 0; k <= 7; k++) {
    const date = addDays(today, k)
    if (!weekdays.includes(isoWeekday(date))) continue
    const t = wallToInstantOrAfterGap(date, clock, zone)
    if (t > after) return t
  }
  throw new RangeError('wait_until needs at least one weekday from 1 to 7')
}

/** Whether `now` falls in the contact's quiet hours, [start, end) local, wrapping midnight. */
export function inQuietHours(
  now: number,
  quiet: EngineContext['quietHours'],
  zone: string,
): boolean {
  if (quiet === null) return false
  const start = clockMinutes(quiet.start)
  const end = clockMinutes(quiet.end)
  const m = clockMinutes(localClock(now, zone))
  if (start === end) return false
  return start < end ? m >= start && m < end : m >= start || m < end
}

/**
 * When one more send fits the cap, or null when it fits now. Counted: `recent` instants in
 * (now − days, now] plus `pending` sends made at `now`. With n counted and room for max, the
 * (n − max + 1)th oldest must leave, at its instant + the window (the window is open there).
 */
export function capReleaseAt(
  now: number,
  cap: EngineContext['frequencyCap'],
  recent: readonly string[],
  pending = 0,
): number | null {
  if (!(cap.max >= 1) || !(cap.days > 0)) throw new RangeError('a frequency cap allows 1 or more')
  const window = cap.days * DAY_MS
  // Date.parse answers NaN for a malformed instant, which no comparison counts.
  const counted = recent.map(Date.parse).filter((t) => t > now - window && t <= now)
  for (let i = 0; i < pending; i++) counted.push(now)
  if (counted.length < cap.max) return null
  counted.sort((a, b) => a - b)
  const leaving = counted[counted.length - cap.max] as number
  return Math.max(leaving + window, now + 1)
}

/** How long a `wait` step lasts from `now`, as the instant it ends. */
function waitEnd(step: Extract<SequenceStep, { kind: 'wait' }>, now: number, zone: string) {
  if (step.unit === 'days') return addLocalDays(now, step.amount, zone)
  return now + step.amount * (step.unit === 'hours' ? HOUR_MS : MINUTE_MS)
}

/**
 * Runs the steps due at `ctx.now`, from index `step`, by the rules in this module's header. An
 * index that is not a step (past the end, negative, fractional) completes with no actions.
 *
 * @example
 * advance([{ kind: 'send', channel: 'email', templateId: 'tp_1' },
 *   { kind: 'wait', amount: 2, unit: 'days' }], 0, ctx)
 * // { actions: [{ kind: 'send', step: 0, … }], nextStep: 2, nextRunAt: <2 days on>, completed: false }
 */
export function advance(steps: readonly SequenceStep[], step: number, ctx: EngineContext): Advance {
  const now = ctx.now.getTime()
  if (Number.isNaN(now)) throw new RangeError('ctx.now is not a valid date')
  const actions: StepAction[] = []
  const done = (): Advance => ({
    actions,
    nextStep: steps.length,
    nextRunAt: null,
    completed: true,
  })
  const later = (nextStep: number, at: number, deferred?: Advance['deferred']): Advance => ({
    actions,
    nextStep,
    nextRunAt: iso(at),
    completed: false,
    ...(deferred === undefined ? {} : { deferred }),
  })
  if (!Number.isInteger(step) || step < 0) return done()

  let sends = 0
  for (let i = step; i < steps.length; i++) {
    const s = steps[i] as SequenceStep
    switch (s.kind) {
      case 'wait':
        return later(i + 1, waitEnd(s, now, ctx.zone))
      case 'wait_until':
        return later(i + 1, nextLocalTime(now, s.time, ctx.zone, s.weekdays))
      case 'send': {
        const quiet = ctx.quietHours
        if (quiet !== null && inQuietHours(now, quiet, ctx.zone)) {
          return later(i, nextLocalTime(now, quiet.end, ctx.zone), 'quiet_hours')
        }
        const release = capReleaseAt(now, ctx.frequencyCap, ctx.recentSends, sends)
        if (release !== null) return later(i, release, 'frequency_cap')
        actions.push({ kind: 'send', step: i, channel: s.channel, templateId: s.templateId })
        sends++
        break
      }
      case 'task':
        actions.push({
          kind: 'task',
          step: i,
          title: s.title,
          dueAt: iso(now + s.dueInHours * HOUR_MS),
        })
        break
      case 'webhook':
        actions.push({ kind: 'webhook', step: i, webhookId: s.webhookId })
        break
      case 'enroll':
        actions.push({ kind: 'enroll', step: i, sequenceId: s.sequenceId })
        return done()
    }
  }
  return done()
}
