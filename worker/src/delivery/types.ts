/**
 * What the outbox holds (queued e-mails, SMS and webhook calls) and what providers are given
 * and answer. Types only: storage (db/outbox.ts) writes them, the domain builds them.
 */
import type { Locale, WebhookPayload } from '../../../contract'

/** An e-mail as the outbox keeps it: rendered once, when queued. */
export interface EmailPayload {
  locale: Locale
  subject: string
  html: string
  text: string
  attachments?: { filename: string; contentType: string; content: string }[]
}

/** An SMS as the outbox keeps it; a commercial one already ends with its opt-out line. */
export interface SmsPayload {
  locale: Locale
  text: string
}

export type MessagePurpose = 'commercial' | 'transactional' | 'system'

/** Without `contactId`, the message is for the contact of `leadId`. */
interface Common {
  /** Random by default; pass one when the content must cite it (the unsubscribe link). */
  id?: string
  siteId: string
  purpose: MessagePurpose
  dedupeKey: string
  contactId?: string | null
  leadId?: string | null
  userId?: string | null
  enrollmentId?: string | null
  eventId?: string | null
  /** When to deliver: now, or later (a reminder). */
  sendAt: string
  at: string
  /** Queue only when this event row exists: the change that causes the message applied. */
  ifEvent?: string
}

export type NewMessage =
  | (Common & { channel: 'email'; recipient: string; payload: EmailPayload })
  | (Common & { channel: 'sms'; recipient: string; payload: SmsPayload })
  | (Common & { channel: 'webhook'; recipient: string; webhookId: string; payload: WebhookPayload })

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
