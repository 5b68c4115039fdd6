/** Pure readings of the delivery API's answers for the webhook screens. */
import type { OutboxMessage, WebhookInput } from '../../../../contract'

export type DeliveryState = 'delivered' | 'retrying' | 'failed' | 'cancelled' | 'pending'

/**
 * Where a message stands: delivered, failed for good, cancelled, waiting to retry (it was tried
 * and will be again) or pending (not tried yet).
 */
export function deliveryState(m: Pick<OutboxMessage, 'status' | 'attempts'>): DeliveryState {
  switch (m.status) {
    case 'delivered':
    case 'failed':
    case 'cancelled':
      return m.status
    default:
      return m.attempts > 0 ? 'retrying' : 'pending'
  }
}

/** Whether the outbox takes a retry of this message (only failed or cancelled ones). */
export const retryable = (m: Pick<OutboxMessage, 'status'>) =>
  m.status === 'failed' || m.status === 'cancelled'

/** The events a webhook takes after ticking `event` on or off; `*` stands for all. */
export function toggledEvents(
  events: readonly WebhookInput['events'][number][],
  event: WebhookInput['events'][number],
  on: boolean,
): WebhookInput['events'] {
  if (event === '*') return on ? ['*'] : []
  const rest = events.filter((e) => e !== event && e !== '*')
  return on ? [...rest, event] : rest
}
