/**
 * Delivery reports from providers: Resend's event webhooks (by `data.email_id`, the id Resend
 * gave the e-mail) and Verimor's report callbacks (by `campaign_custom_id`, our outbox id), as
 * timeline rows. A bounce or a complaint also withdraws e-mail consent. Providers retry their
 * callbacks, so every row's id is derived from the report: a report applied twice adds nothing.
 */
import type { ResendEvent, VerimorReports } from '../../../contract'
import {
  reportActivitiesStatement,
  reportedMessage,
  withdrawEmailConsentStatement,
} from '../db/provider-reports'
import { exitEnrollmentsStatement } from '../db/events'
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

/** A row id that is the same for the same report: prefix and 20 hex characters. */
const reportRowId = async (prefix: string, key: string) =>
  `${prefix}_${(await sha256Hex(key)).slice(0, 20)}`

/** An ISO time from a provider, or `fallback` when it gives none we can read. */
function isoOr(value: string | undefined, fallback: Date): string {
  const ms = value ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? fallback.toISOString() : new Date(ms).toISOString()
}

/** Applies one verified Resend event; how many rows it added (0 for unknown events or mail). */
export async function applyResendEvent(
  db: D1Database,
  siteId: string,
  event: ResendEvent,
  eventKey: string,
  now: Date,
): Promise<number> {
  const providerId = event.data.email_id
  if (!providerId || !RESEND_TYPES[event.type]) return 0
  const message = await reportedMessage(db, siteId, 'email', providerId)
  if (!message) return 0
  const mapped = resendActivity(event, message.id)!
  const at = isoOr(event.created_at, now)
  const id = await reportRowId('ac', `resend:${eventKey}`)
  const statements = [
    reportActivitiesStatement(
      db,
      siteId,
      'email',
      [{ id, messageId: message.id, type: mapped.type, body: mapped.body }],
      at,
    ),
  ]
  if (mapped.withdraw) {
    const consentId = await reportRowId('cs', `resend:${eventKey}`)
    statements.push(
      withdrawEmailConsentStatement(db, siteId, message.id, consentId, mapped.withdraw, at),
    )
    if (message.lead_id) {
      statements.push(
        exitEnrollmentsStatement(
          db,
          siteId,
          message.lead_id,
          'consent_withdrawn',
          at,
          null,
          'email',
        ),
      )
    }
  }
  const results = await db.batch(statements)
  return results[0]?.meta.changes ?? 0
}

/** Applies Verimor's reports for this store; how many added a timeline row. */
export async function applyVerimorReports(
  db: D1Database,
  siteId: string,
  reports: VerimorReports,
  now: Date,
): Promise<number> {
  const rows: { id: string; messageId: string; type: string; body: Record<string, unknown> }[] = []
  for (const report of reports) {
    const messageId = report.campaign_custom_id
    const mapped = messageId ? verimorActivity(report, messageId) : null
    if (!messageId || !mapped) continue
    const key = `verimor:${messageId}:${report.message_id ?? report.dest ?? ''}:${mapped.body.status}`
    rows.push({ id: await reportRowId('ac', key), messageId, type: mapped.type, body: mapped.body })
  }
  if (rows.length === 0) return 0
  const result = await reportActivitiesStatement(db, siteId, 'sms', rows, now.toISOString()).run()
  return result.meta.changes
}

/** Whether a token equals the expected one, in time that does not depend on where they differ. */
export async function sameToken(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)])
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
