/**
 * What a booking change queues in its own batch: the pipeline event (webhooks) and the messages
 * to the visitor (confirmation with the invitation, reminders, cancellation). A moved or
 * cancelled meeting's reminders that have not gone out are cancelled first.
 */
import type { BookingSettings, Locale } from '../../../contract'
import { bookingInvite } from '../booking/invite'
import { cancellationMessages, confirmationMessages } from '../booking/notify'
import { bookingSettings, meetingType } from '../booking/calendars'
import { eventStatements } from './events'
import { getMessagingSettings } from './messaging-settings'
import { cancelPendingStatement, enqueueStatement } from './outbox'
import { getSiteById, type SiteRow } from './sites'
import { getUser } from './users'

/** The person a booking is for, as the store knows them when it is made. */
export interface NoticeContact {
  name: string | null
  email: string | null
  phone: string | null
  locale: string | null
  smsConsent: boolean
}

export interface NoticeBooking {
  id: string
  site_id: string
  lead_id: string
  rep_id: string
  type: string
  sequence: number
  status: string
  start_at: string
  end_at: string
  updated_at: string
  visitor_tz: string
}

/** The lead's contact, its language and whether its latest SMS consent is a yes. */
export async function noticeContact(
  db: D1Database,
  siteId: string,
  leadId: string,
): Promise<NoticeContact | null> {
  return db
    .prepare(
      `SELECT c.name, c.email, c.phone, l.locale,
              COALESCE((SELECT granted FROM consents s WHERE s.site_id = ?1 AND s.contact_id = c.id AND s.channel = 'sms'
                         ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1), 0) = 1 AS smsConsent
         FROM leads l JOIN contacts c ON c.site_id = l.site_id AND c.id = l.contact_id
        WHERE l.site_id = ?1 AND l.id = ?2`,
    )
    .bind(siteId, leadId)
    .first<NoticeContact>()
}

/**
 * The statements for a booking that was just `created`, `rescheduled` or `cancelled` (its row
 * as it will be after the batch). `contact` is given when the lead is created in the same batch.
 * `record` writes the event; with `afterChange` only when the statement right before it changed
 * a row, so the caller puts it right after the guarded booking update. `rest` must come after
 * it and applies only when the event was written.
 */
export async function bookingNoticeStatements(
  db: D1Database,
  b: NoticeBooking,
  change: 'created' | 'rescheduled' | 'cancelled',
  manageUrl: string | null,
  now: Date,
  opts: {
    afterChange?: boolean
    contact?: NoticeContact
    /** What the caller has read already, so it is not read again. */
    site?: SiteRow
    settings?: BookingSettings
  } = {},
): Promise<{ record: D1PreparedStatement; rest: D1PreparedStatement[] }> {
  const [site, settings, messaging, rep, who] = await Promise.all([
    opts.site ?? getSiteById(db, b.site_id),
    opts.settings ?? bookingSettings(db, b.site_id),
    getMessagingSettings(db, b.site_id),
    getUser(db, b.site_id, b.rep_id),
    opts.contact ? Promise.resolve(opts.contact) : noticeContact(db, b.site_id, b.lead_id),
  ])
  if (!site) throw new Error('a booking of a missing site')
  const at = now.toISOString()
  const event = eventStatements(
    db,
    {
      siteId: b.site_id,
      type: `booking.${change}`,
      leadId: b.lead_id,
      data: {
        bookingId: b.id,
        leadId: b.lead_id,
        repId: b.rep_id,
        start: b.start_at,
        end: b.end_at,
      },
      at,
    },
    { afterChange: opts.afterChange },
  )
  const statements = [...event.effects]
  if (change !== 'created') {
    statements.push(cancelPendingStatement(db, b.site_id, `bk:${b.id}:`, at, event.id))
  }
  if (change !== 'cancelled') {
    // The zone the visitor booked in is theirs: sequence waits and quiet hours use it.
    statements.push(
      db
        .prepare(
          `UPDATE contacts SET time_zone = ?3
            WHERE site_id = ?1 AND id = (SELECT contact_id FROM leads WHERE site_id = ?1 AND id = ?2)
              AND EXISTS (SELECT 1 FROM events WHERE site_id = ?1 AND id = ?4)`,
        )
        .bind(b.site_id, b.lead_id, b.visitor_tz, event.id),
    )
  }
  const result = (rest: D1PreparedStatement[]) => ({ record: event.record, rest })
  if (!who) return result(statements)
  const locale: Locale = who.locale === 'en' || who.locale === 'tr' ? who.locale : site.locale
  const { ics } = bookingInvite({
    booking: b,
    type: meetingType(settings, b.type),
    rep,
    contact: who,
    manageUrl,
  })
  const notice = {
    siteId: b.site_id,
    store: site.name,
    locale,
    leadId: b.lead_id,
    booking: b,
    contact: who,
    smsConsent: who.smsConsent,
    manageUrl: manageUrl ?? '',
    ics,
    reminderOffsets: messaging.reminderOffsets,
    now,
  }
  const messages =
    change === 'cancelled' ? cancellationMessages(notice) : confirmationMessages(notice)
  return result([
    ...statements,
    ...messages.map((m) => enqueueStatement(db, { ...m, ifEvent: event.id })),
  ])
}

/** The statements of a cancellation by the visitor or a rep; `record` goes right after the update. */
export const cancelNotices = (db: D1Database, b: NoticeBooking, at: string) =>
  bookingNoticeStatements(
    db,
    { ...b, status: 'cancelled', sequence: b.sequence + 1, updated_at: at },
    'cancelled',
    null,
    new Date(at),
    { afterChange: true },
  )
