/**
 * The messages a booking sends on its own, through the outbox: the confirmation with the
 * calendar invitation, reminders before the meeting, and the cancellation. They are
 * transactional (the visitor asked for the meeting), so they go without marketing consent;
 * an SMS reminder still needs the contact's SMS consent. Pure: the caller queues the result.
 */
import type { Locale } from '../../../contract'
import type { NewMessage } from '../delivery/types'
import { WORKER_TEXTS, plainText } from '../i18n/messages'

export interface BookingNotice {
  siteId: string
  store: string
  locale: Locale
  leadId: string
  booking: { id: string; sequence: number; start_at: string; visitor_tz: string }
  contact: { name: string | null; email: string | null; phone: string | null }
  smsConsent: boolean
  /** Where the visitor reschedules or cancels (empty for a cancellation). */
  manageUrl: string
  /** The invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) to attach. */
  ics: string
  /** Minutes before the start. */
  reminderOffsets: readonly number[]
  now: Date
}

/** "Salı, 8 Aralık 2026 14:30 (Europe/Istanbul)" in the visitor's zone and language. */
export function formatWhen(startIso: string, zone: string, locale: Locale): string {
  const when = new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(startIso))
  return `${when} (${zone})`
}

const key = (n: BookingNotice, what: string) => `bk:${n.booking.id}:${n.booking.sequence}:${what}`

/** An e-mail about the booking; the confirmation and the cancellation carry the .ics file. */
function email(
  n: BookingNotice,
  what: string,
  content: { subject: string; html: string },
  sendAt: string,
): NewMessage {
  const method = what === 'cancel' ? 'CANCEL' : what === 'confirm' ? 'REQUEST' : null
  return {
    siteId: n.siteId,
    channel: 'email',
    purpose: 'transactional',
    dedupeKey: key(n, what),
    recipient: n.contact.email!,
    leadId: n.leadId,
    payload: {
      locale: n.locale,
      subject: content.subject,
      html: content.html,
      text: plainText(content.html),
      ...(method && {
        attachments: [
          {
            filename: 'invite.ics',
            contentType: `text/calendar; method=${method}`,
            content: base64(n.ics),
          },
        ],
      }),
    },
    sendAt,
    at: n.now.toISOString(),
  }
}

/** The confirmation now, and a reminder per offset that is still ahead. */
export function confirmationMessages(n: BookingNotice): NewMessage[] {
  const t = WORKER_TEXTS[n.locale]
  const name = n.contact.name ?? ''
  const when = formatWhen(n.booking.start_at, n.booking.visitor_tz, n.locale)
  const p = { name, when, manageUrl: n.manageUrl, store: n.store }
  const out: NewMessage[] = []
  const now = n.now.toISOString()
  if (n.contact.email) {
    const html = t.bookingConfirmed.body(p)
    out.push(email(n, 'confirm', { subject: t.bookingConfirmed.subject(n.store), html }, now))
  }
  const start = Date.parse(n.booking.start_at)
  for (const offset of n.reminderOffsets) {
    const sendAt = start - offset * 60_000
    if (sendAt <= n.now.getTime()) continue
    const at = new Date(sendAt).toISOString()
    if (n.contact.email) {
      const content = { subject: t.bookingReminder.subject(when), html: t.bookingReminder.body(p) }
      out.push(email(n, `remind:${offset}:email`, content, at))
    }
    if (n.contact.phone && n.smsConsent) {
      out.push({
        siteId: n.siteId,
        channel: 'sms',
        purpose: 'transactional',
        dedupeKey: key(n, `remind:${offset}:sms`),
        recipient: n.contact.phone,
        leadId: n.leadId,
        payload: { locale: n.locale, text: t.bookingReminder.sms(p) },
        sendAt: at,
        at: now,
      })
    }
  }
  return out
}

/** The cancellation, with the METHOD:CANCEL file that takes the meeting out of calendars. */
export function cancellationMessages(n: BookingNotice): NewMessage[] {
  if (!n.contact.email) return []
  const t = WORKER_TEXTS[n.locale]
  const when = formatWhen(n.booking.start_at, n.booking.visitor_tz, n.locale)
  const html = t.bookingCancelled.body({ name: n.contact.name ?? '', when, store: n.store })
  const subject = t.bookingCancelled.subject(n.store)
  return [email(n, 'cancel', { subject, html }, n.now.toISOString())]
}

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
