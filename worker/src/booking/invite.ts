/**
 * The calendar invitation of one booking (RFC 5545/5546), as the visitor's .ics link and the
 * confirmation e-mail's attachment both give it. Pure: the caller loads the rows.
 */
import type { MeetingType } from '../../../contract'
import { invite } from './ics'

export interface InviteInput {
  booking: {
    id: string
    sequence: number
    status: string
    start_at: string
    end_at: string
    updated_at: string
  }
  type: MeetingType | undefined
  rep: { name: string; email: string } | null
  contact: { name: string | null; email: string | null } | null
  /** Where the visitor reschedules or cancels; none for a cancelled booking. */
  manageUrl: string | null
}

/**
 * The management link opening one action: `<leadline-booking>` on the store's page opens the
 * reschedule calendar or the cancel form for `?leadline_action=reschedule|cancel`.
 */
export function actionUrl(manageUrl: string, action: 'reschedule' | 'cancel'): string {
  const url = new URL(manageUrl)
  url.searchParams.set('leadline_action', action)
  return url.toString()
}

export function bookingInvite({ booking: b, type, rep, contact, manageUrl }: InviteInput) {
  const cancelled = b.status === 'cancelled'
  const method = cancelled ? ('CANCEL' as const) : ('REQUEST' as const)
  const ics = invite(
    {
      uid: `${b.id}@leadline`,
      sequence: b.sequence,
      dtstamp: Date.parse(b.updated_at),
      start: Date.parse(b.start_at),
      end: Date.parse(b.end_at),
      summary: `${type?.name.tr ?? b.id} — ${rep?.name ?? ''}`,
      description: [
        type?.name.en ?? '',
        type?.location.value ? `${type.location.value}` : '',
        manageUrl ? `Değiştir / Reschedule: ${actionUrl(manageUrl, 'reschedule')}` : '',
        manageUrl ? `İptal / Cancel: ${actionUrl(manageUrl, 'cancel')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      ...(type?.location.kind === 'video' && type.location.value
        ? { url: type.location.value }
        : type?.location.value
          ? { location: type.location.value }
          : {}),
      organizer: { name: rep?.name ?? 'Leadline', email: rep?.email ?? 'noreply@leadline.invalid' },
      attendee: {
        name: contact?.name ?? contact?.email ?? 'Guest',
        email: contact?.email ?? 'guest@leadline.invalid',
      },
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      alarmMinutesBefore: 30,
    },
    method,
  )
  return { ics, method }
}
