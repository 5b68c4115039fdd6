/**
 * Whether a queued e-mail or SMS may still go out, decided at send time (pure).
 *
 * Turkey's law 6563 and İYS: a commercial electronic message needs the recipient's prior
 * opt-in, and an opt-out (an unsubscribe writes a `granted = 0` row) must be honoured from then
 * on, so consent is read again right before sending, not only when the message was queued.
 * Transactional messages (booking confirmations and reminders, quote links) and system messages
 * (to the store's own users) need no marketing consent.
 */
import type { MessagePurpose } from './types'

export type SkipReason = 'enrollment_ended' | 'no_consent'

export interface SendFacts {
  channel: 'email' | 'sms'
  purpose: MessagePurpose
  /** The sequence enrollment that queued the message, if any, and its status now. */
  enrollmentId: string | null
  enrollmentStatus: string | null
  /** The contact's latest consent row for the channel (by `created_at`, then insertion). */
  latestConsent: { granted: boolean } | null
}

/**
 * Why the message must not be sent, or null when it may.
 *
 * @example
 * skipReason({ channel: 'email', purpose: 'commercial', enrollmentId: null,
 *   enrollmentStatus: null, latestConsent: { granted: false } }) // 'no_consent'
 */
export function skipReason(f: SendFacts): SkipReason | null {
  if (f.purpose !== 'commercial') return null
  // An exited (or deleted) enrollment stops its messages; a completed one ran to its end, and its
  // last step's message, queued as it completed, still goes.
  const live = f.enrollmentStatus === 'active' || f.enrollmentStatus === 'completed'
  if (f.enrollmentId !== null && !live) return 'enrollment_ended'
  return f.latestConsent?.granted === true ? null : 'no_consent'
}
