/**
 * What a booking change announces, in its own batch: the pipeline event (webhooks) and the
 * messages to the visitor (confirmation with the invitation, reminders, cancellation). A moved
 * or cancelled meeting's reminders that have not gone out are cancelled first. The messages
 * themselves are pure (booking/notify.ts, booking/invite.ts); this reads what they need and
 * queues them.
 */
import type { BookingSettings, Locale } from '../../../contract'
import { meetingType } from '../booking/calendars'
import { bookingInvite } from '../booking/invite'
import { cancellationMessages, confirmationMessages } from '../booking/notify'
import { bookingSettings } from '../db/calendars'
import { adoptTimeZoneStatement, noticeContact, type NoticeContact } from '../db/contacts'
import { eventStatements } from '../db/events'
import { getDeliverySettings } from '../db/delivery-settings'
import { cancelPendingStatement, enqueueStatement } from '../db/outbox'
import { getSiteById, type SiteRow } from '../db/sites'
import { getUser } from '../db/users'

/** The booking as a notice needs it: its row as it will be after the batch. */
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
  const [site, settings, delivery, rep, who] = await Promise.all([
    opts.site ?? getSiteById(db, b.site_id),
    opts.settings ?? bookingSettings(db, b.site_id),
    getDeliverySettings(db, b.site_id),
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
    statements.push(adoptTimeZoneStatement(db, b.site_id, b.lead_id, b.visitor_tz, event.id))
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
    reminderOffsets: delivery.reminderOffsets,
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
