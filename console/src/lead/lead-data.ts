/**
 * The lead page's data shaping, apart from the elements: consents per channel, the score
 * breakdown, the timeline in words, the requests the action forms make, and free slots by day.
 */
import * as v from 'valibot'
import {
  CHANNELS,
  ScoreResultSchema,
  type Activity,
  type Channel,
  type ConsentRecord,
  type Contact,
  type Lead,
  type OpenStage,
  type ScoreResult,
  type Slot,
  type Stage,
  type TeamMember,
} from '../../../contract'
import type { LeadPageMessages } from '../i18n/lead-page'

/** How a person is called on the page: name, else company, else e-mail. */
export const displayName = (c: Contact, m: LeadPageMessages) =>
  c.name || c.company || c.email || m.noName

/** Each channel's latest consent record, or null when the person never gave one. */
export function consentByChannel(consents: ConsentRecord[]): Record<Channel, ConsentRecord | null> {
  const latest = Object.fromEntries(CHANNELS.map((ch) => [ch, null])) as Record<
    Channel,
    ConsentRecord | null
  >
  for (const c of consents) {
    const seen = latest[c.channel]
    if (!seen || c.at >= seen.at) latest[c.channel] = c
  }
  return latest
}

/** The score breakdown the worker stored, or null for an unscored lead or an unknown shape. */
export function breakdownOf(lead: Lead): ScoreResult | null {
  const parsed = v.safeParse(ScoreResultSchema, lead.scoreBreakdown)
  return parsed.success ? parsed.output : null
}

/** An owner's name by id: "unassigned" for nobody, "another team member" when unknown. */
export function ownerName(id: string | null, team: TeamMember[], m: LeadPageMessages): string {
  if (id === null) return m.summary.nobody
  return team.find((u) => u.id === id)?.name ?? m.summary.someone
}

export interface TimelineLine {
  id: string
  at: string
  title: string
  detail: string | null
  actor: string
}

const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null)

/** One timeline entry in words (the API's newest-first order is kept). */
export function describeActivity(
  a: Activity,
  m: LeadPageMessages,
  team: TeamMember[],
  when: (iso: string) => string,
): TimelineLine {
  const t = m.timeline
  const b = a.body
  const stage = (s: unknown) => m.stages[s as Stage] ?? String(s)
  const inbound = b.direction === 'inbound'
  let title = t.types[a.type] ?? a.type.replaceAll('_', ' ')
  let detail = str(b.reason)
  switch (a.type) {
    case 'note':
      title = t.note
      detail = str(b.body)
      break
    case 'call':
      title = t.call(inbound, typeof b.durationMinutes === 'number' ? b.durationMinutes : null)
      detail = str(b.body)
      break
    case 'email':
      title = t.email(inbound)
      detail = str(b.body)
      break
    case 'stage_changed':
      title = b.from ? t.stage(stage(b.from), stage(b.to)) : t.created(stage(b.to))
      break
    case 'assigned':
      title = t.assigned(ownerName(str(b.ownerId), team, m))
      break
    case 'meeting_booked':
      if (str(b.start)) title = t.meeting(title, when(b.start as string))
      break
    case 'meeting_rescheduled':
      if (str(b.to)) title = t.meeting(title, when(b.to as string))
      break
    case 'qualification_overridden':
      title = t.qualification(String(b.from ?? '—'), String(b.to))
      break
    case 'scored_from_fields': {
      const total = (b.score as { total?: unknown } | undefined)?.total
      if (typeof total === 'number') title = t.scored(total)
      break
    }
  }
  const actor =
    a.actorType === 'user' && a.actorId
      ? (team.find((u) => u.id === a.actorId)?.name ?? t.by.user)
      : t.by[a.actorType]
  return { id: a.id, at: a.createdAt, title, detail, actor }
}

/** The dialogs' actions; `note` is the inline form. */
export type ActionKind = 'note' | 'call' | 'email' | 'move' | 'won' | 'lost' | 'assign'

export type ActionRequest = { path: string; body: object } | { missing: string }

/**
 * The call an action's form makes, from its named fields; `missing` names the first required
 * field left empty. Every change to the lead carries the version it was read at.
 */
export function actionRequest(
  kind: ActionKind,
  form: Record<string, string>,
  lead: Pick<Lead, 'id' | 'version'>,
): ActionRequest {
  const base = `/leads/${encodeURIComponent(lead.id)}`
  const text = (name: string) => (form[name] ?? '').trim()
  const expectedVersion = lead.version
  switch (kind) {
    case 'note':
    case 'call':
    case 'email': {
      const body = text('body')
      if (!body) return { missing: 'body' }
      const minutes = text('durationMinutes')
      return {
        path: `${base}/activities`,
        body: {
          type: kind,
          body,
          ...(kind === 'note'
            ? {}
            : { direction: form.direction === 'inbound' ? 'inbound' : 'outbound' }),
          ...(kind === 'call' && minutes ? { durationMinutes: Number(minutes) } : {}),
        },
      }
    }
    case 'move': {
      const reason = text('reason')
      if (!reason) return { missing: 'reason' }
      return { path: `${base}/move`, body: { to: form.to as OpenStage, reason, expectedVersion } }
    }
    case 'won':
    case 'lost': {
      const choice = text('lostReason')
      const reason = kind === 'lost' && choice !== 'other' ? choice : text('reason')
      if (!reason)
        return { missing: kind === 'lost' && choice !== 'other' ? 'lostReason' : 'reason' }
      return { path: `${base}/close`, body: { outcome: kind, reason, expectedVersion } }
    }
    case 'assign':
      return {
        path: `${base}/assign`,
        body: { ownerId: form.ownerId ? form.ownerId : null, expectedVersion },
      }
  }
}

export interface SlotDay {
  /** The day in the browser's zone, as the locale writes it. */
  label: string
  slots: { start: string; label: string }[]
}

/** Free slots grouped by day in `timeZone` (the browser's), each with its local time. */
export function slotsByDay(slots: Slot[], locale: string, timeZone?: string): SlotDay[] {
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  })
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone })
  const days: SlotDay[] = []
  for (const s of slots) {
    const label = day.format(new Date(s.start))
    let current = days.at(-1)
    if (current?.label !== label) days.push((current = { label, slots: [] }))
    current.slots.push({ start: s.start, label: time.format(new Date(s.start)) })
  }
  return days
}
