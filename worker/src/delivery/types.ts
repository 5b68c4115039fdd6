/** What providers are given and what they answer. */
import type { MessagePurpose } from '../db/outbox'

/**
 * How one delivery attempt ended.
 * - `delivered`: accepted (2xx); `providerMessageId` is the provider's id when it gives one.
 * - `retry`: try again later (429, 408, 5xx, a concurrent idempotent request).
 * - `unknown`: no answer (timeout, connection lost): the request may have arrived.
 * - `failed`: refused for good (other 4xx, redirects, bad configuration).
 * - `gone`: a webhook endpoint answered 410 Gone.
 */
export type SendResult =
  | { kind: 'delivered'; status: number | null; providerMessageId: string | null }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number }
  | { kind: 'unknown'; status: number | null; error: string }
  | { kind: 'failed'; status: number | null; error: string }
  | { kind: 'gone'; status: 410; error: string }

/** One outbox message as a provider needs it. */
export interface Outgoing {
  /** The outbox id: the idempotency key, `custom_id`, `webhook-id` and unsubscribe token. */
  id: string
  purpose: MessagePurpose
  recipient: string
  /** The stored JSON payload, as queued. */
  payload: string
  /** The last attempt's answer was lost: ask before sending again where the provider can tell. */
  outcomeUnknown: boolean
}

/** A configured channel: sends one message and never throws for HTTP or network failures. */
export interface Provider {
  send(message: Outgoing, now: Date): Promise<SendResult>
}

export type Fetch = typeof fetch

/** No provider call waits longer than this. */
export const PROVIDER_TIMEOUT_MS = 10_000
