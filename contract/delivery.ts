/**
 * Delivery: pipeline events and their webhook payloads, webhook endpoints, the outbox as reps see
 * it with its delivery attempts, and the providers' delivery reports.
 */
import * as v from 'valibot'
import { IdSchema, intFromQuery, text } from './common'
import { SingleLineSchema } from './text'
import { IsoDateTimeSchema } from './dates'

// ------------------------------------------------------------------------------------ events

/** Every pipeline event a webhook can subscribe to. */
export const EVENT_TYPES = [
  'lead.created',
  'lead.stage_changed',
  'quiz.completed',
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'quote.sent',
  'quote.viewed',
  'quote.accepted',
  'quote.declined',
  'quote.expired',
  'invoice.issued',
  'invoice.paid',
  'contact.erased',
  'message.failed',
  /** A sequence's webhook step. */
  'sequence.step',
  /** A test delivery an owner asked for. */
  'webhook.test',
] as const
export const EventTypeSchema = v.picklist(EVENT_TYPES)
export type EventType = v.InferOutput<typeof EventTypeSchema>

/** The body of every webhook delivery. `id` is the event's id: receivers dedupe by it. */
export const WebhookPayloadSchema = v.object({
  id: v.string(),
  type: EventTypeSchema,
  createdAt: IsoDateTimeSchema,
  siteId: v.string(),
  data: v.record(v.string(), v.unknown()),
})
export type WebhookPayload = v.InferOutput<typeof WebhookPayloadSchema>

// ---------------------------------------------------------------------------------- webhooks

/** An https URL (http only for loopback in development; the worker checks the host). */
export const WebhookUrlSchema = v.pipe(
  SingleLineSchema,
  v.trim(),
  v.maxLength(2000),
  v.url(),
  v.check((u) => /^https?:\/\//i.test(u), 'a webhook URL uses http or https'),
)

export const WebhookInputSchema = v.strictObject({
  url: WebhookUrlSchema,
  description: v.optional(text(200)),
  events: v.pipe(
    v.array(v.union([EventTypeSchema, v.literal('*')])),
    v.minLength(1),
    v.maxLength(EVENT_TYPES.length),
  ),
})
export type WebhookInput = v.InferOutput<typeof WebhookInputSchema>

export const WebhookUpdateSchema = v.strictObject({
  url: v.optional(WebhookUrlSchema),
  description: v.optional(v.nullable(text(200))),
  events: v.optional(WebhookInputSchema.entries.events),
  status: v.optional(v.picklist(['active', 'disabled'])),
})
export type WebhookUpdate = v.InferOutput<typeof WebhookUpdateSchema>

export const WebhookSchema = v.object({
  id: v.string(),
  url: v.string(),
  description: v.nullable(v.string()),
  events: v.array(v.string()),
  status: v.picklist(['active', 'disabled']),
  disabledReason: v.nullable(v.string()),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** The signing secret (`whsec_…`): only in the answer that creates the endpoint. */
  secret: v.optional(v.string()),
})
export type Webhook = v.InferOutput<typeof WebhookSchema>

// ------------------------------------------------------------------------------------ outbox

export const MESSAGE_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const

export const OutboxMessageSchema = v.object({
  id: v.string(),
  channel: v.picklist(['webhook', 'email', 'sms']),
  purpose: v.picklist(['commercial', 'transactional', 'system']),
  status: v.picklist(MESSAGE_STATUSES),
  recipient: v.string(),
  subject: v.nullable(v.string()),
  webhookId: v.nullable(v.string()),
  leadId: v.nullable(v.string()),
  contactId: v.nullable(v.string()),
  eventId: v.nullable(v.string()),
  /** A webhook's event type (`lead.created`, `webhook.test`, …); null on other channels. */
  eventType: v.nullable(v.string()),
  enrollmentId: v.nullable(v.string()),
  attempts: v.number(),
  nextAttemptAt: IsoDateTimeSchema,
  lastStatus: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  createdAt: IsoDateTimeSchema,
  deliveredAt: v.nullable(IsoDateTimeSchema),
})
export type OutboxMessage = v.InferOutput<typeof OutboxMessageSchema>

export const DeliveryAttemptSchema = v.object({
  attempt: v.number(),
  outcome: v.picklist(['delivered', 'retry', 'failed', 'skipped', 'unknown']),
  status: v.nullable(v.number()),
  error: v.nullable(v.string()),
  durationMs: v.number(),
  at: IsoDateTimeSchema,
})
export type DeliveryAttempt = v.InferOutput<typeof DeliveryAttemptSchema>

export const OutboxListQuerySchema = v.strictObject({
  status: v.optional(v.picklist(MESSAGE_STATUSES)),
  channel: v.optional(v.picklist(['webhook', 'email', 'sms'])),
  webhook: v.optional(IdSchema),
  contact: v.optional(IdSchema),
  limit: v.optional(intFromQuery(1, 100), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type OutboxListQuery = v.InferOutput<typeof OutboxListQuerySchema>

// ---------------------------------------------------------------------- delivery answers
// The admin delivery API's answers and the provider reports it accepts (worker/src/routes/
// admin-webhooks.ts, admin-outbox.ts and provider-hooks.ts).

export const WebhookListSchema = v.object({ items: v.array(WebhookSchema) })

/** A message and every attempt to deliver it, oldest first. */
export const OutboxDetailSchema = v.object({
  message: OutboxMessageSchema,
  attempts: v.array(DeliveryAttemptSchema),
})
export type OutboxDetail = v.InferOutput<typeof OutboxDetailSchema>

/** A line of an endpoint's delivery log: the message and how its last attempt ended. */
export const WebhookDeliverySchema = v.object({
  ...OutboxMessageSchema.entries,
  lastAttempt: v.nullable(DeliveryAttemptSchema),
})
export type WebhookDelivery = v.InferOutput<typeof WebhookDeliverySchema>

export const DeliveryLogQuerySchema = v.strictObject({
  limit: v.optional(intFromQuery(1, 100), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type DeliveryLogQuery = v.InferOutput<typeof DeliveryLogQuerySchema>

/** A Resend event webhook (signed with Svix); only what the worker reads is described. */
export const ResendEventSchema = v.looseObject({
  type: v.string(),
  created_at: v.optional(v.string()),
  data: v.looseObject({
    email_id: v.optional(v.string()),
    click: v.optional(v.looseObject({ link: v.optional(v.string()) })),
    bounce: v.optional(
      v.looseObject({ type: v.optional(v.string()), message: v.optional(v.string()) }),
    ),
  }),
})
export type ResendEvent = v.InferOutput<typeof ResendEventSchema>

/** Verimor's delivery reports: a JSON array, one entry per message. */
export const VerimorReportsSchema = v.pipe(
  v.array(
    v.looseObject({
      campaign_id: v.optional(v.union([v.string(), v.number()])),
      campaign_custom_id: v.optional(v.nullable(v.string())),
      message_id: v.optional(v.union([v.string(), v.number()])),
      dest: v.optional(v.string()),
      status: v.string(),
      done_at: v.optional(v.nullable(v.string())),
    }),
  ),
  v.maxLength(1000),
)
export type VerimorReports = v.InferOutput<typeof VerimorReportsSchema>

/** How many reports changed something (unknown messages and events are ignored). */
export const ReportsAppliedSchema = v.object({ applied: v.number() })
