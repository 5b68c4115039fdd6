/**
 * What a visitor may still do with a booking through its management link. Pure: the caller
 * passes the booking's status and start, and the time now.
 */
import type { Booking } from '../../../contract'

/** Why a management link can no longer change a booking: its status, or its meeting began. */
export type ManageRefusal = Exclude<Booking['status'], 'confirmed'> | 'started'

/**
 * Whether the visitor may still cancel or reschedule: only a confirmed booking whose meeting
 * has not started (`now < start`). At the start instant it is too late.
 */
export function manageRefusal(
  b: { status: Booking['status']; start: number },
  now: number,
): ManageRefusal | null {
  if (b.status !== 'confirmed') return b.status
  return now >= b.start ? 'started' : null
}

export const isManageable = (b: { status: Booking['status']; start: number }, now: number) =>
  manageRefusal(b, now) === null
