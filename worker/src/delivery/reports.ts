/**
 * Delivery reports from providers: Resend's event webhooks (by `data.email_id`, the id Resend
 * gave the e-mail) and Verimor's report callbacks (by `campaign_custom_id`, our outbox id), as
 * timeline rows. A bounce or a complaint also withdraws e-mail consent. Providers retry their
 * callbacks, so every row's id is derived from the report: a report applied twice adds nothing.
 * Pure mapping; db/provider-reports.ts applies it.
 */
import type { ResendEvent, VerimorReports } from '../../../contract'
import { sha256Hex } from '../lib/ids'

interface Mapped {
  type: string
  body: Record<string, unknown>
  withdraw?: 'bounce' | 'complaint'
}

const RESEND_TYPES: Record<string, { type: string; withdraw?: 'bounce' | 'complaint' }> = {
  'email.delivered': { type: 'message_delivered' },
  'email.opened': { type: 'message_opened' },
  'email.clicked': { type: 'message_clicked' },
  'email.bounced': { type: 'message_bounced', withdraw: 'bounce' },
  'email.complained': { type: 'message_complained', withdraw: 'complaint' },
}

/** The timeline row of a Resend event, or null for events the timeline does not show (pure). */
export function resendActivity(event: ResendEvent, messageId: string): Mapped | null {
  const known = RESEND_TYPES[event.type]
  if (!known) return null
  const body: Record<string, unknown> = { messageId, channel: 'email', event: event.type }
  if (event.data.click?.link) body.link = event.data.click.link
  if (event.data.bounce?.type) body.bounceType = event.data.bounce.type
  if (event.data.bounce?.message) body.detail = event.data.bounce.message
  return known.withdraw ? { ...known, body } : { type: known.type, body }
}

/** Verimor statuses that are not final yet. */
const IN_FLIGHT = new Set(['WAITING', 'SENT', 'ENROUTE', 'ACCEPTED', 'PENDING', 'QUEUED'])

/** The timeline row of one Verimor report, or null while the message is still on its way (pure). */
export function verimorActivity(report: VerimorReports[number], messageId: string): Mapped | null {
  const status = report.status.toUpperCase()
  if (IN_FLIGHT.has(status)) return null
  const body = { messageId, channel: 'sms', status, doneAt: report.done_at ?? null }
  return { type: status === 'DELIVERED' ? 'message_delivered' : 'message_failed', body }
}

/** Whether a Resend event type is one the timeline shows. */
export const isTimelineEvent = (type: string): boolean => Boolean(RESEND_TYPES[type])

/** A row id that is the same for the same report: prefix and 20 hex characters. */
export const reportRowId = async (prefix: string, key: string) =>
  `${prefix}_${(await sha256Hex(key)).slice(0, 20)}`

/** An ISO time from a provider, or `fallback` when it gives none we can read. */
export function isoOr(value: string | undefined, fallback: Date): string {
  const ms = value ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? fallback.toISOString() : new Date(ms).toISOString()
}

/** Whether a token equals the expected one, in time that does not depend on where they differ. */
export async function sameToken(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)])
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
