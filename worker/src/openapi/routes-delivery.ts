/** Routes of the delivery area, documented as data (see routes.ts). */
import * as v from 'valibot'
import {
  DeliveryAttemptSchema,
  DeliveryLogQuerySchema,
  IdSchema,
  OutboxDetailSchema,
  OutboxListQuerySchema,
  OutboxMessageSchema,
  PageSchema,
  ReportsAppliedSchema,
  ResendEventSchema,
  SiteKeySchema,
  VerimorReportsSchema,
  WebhookDeliverySchema,
  WebhookInputSchema,
  WebhookListSchema,
  WebhookPayloadSchema,
  WebhookSchema,
  WebhookUpdateSchema,
} from '../../../contract'
import type { ErrorStatus, RouteDoc } from './routes'

export const OutboxPageSchema = PageSchema(OutboxMessageSchema)
export const WebhookDeliveryPageSchema = PageSchema(WebhookDeliverySchema)

export const DELIVERY_SCHEMAS = {
  Webhook: WebhookSchema,
  WebhookInput: WebhookInputSchema,
  WebhookUpdate: WebhookUpdateSchema,
  WebhookList: WebhookListSchema,
  WebhookPayload: WebhookPayloadSchema,
  OutboxMessage: OutboxMessageSchema,
  OutboxPage: OutboxPageSchema,
  OutboxDetail: OutboxDetailSchema,
  DeliveryAttempt: DeliveryAttemptSchema,
  WebhookDelivery: WebhookDeliverySchema,
  WebhookDeliveryPage: WebhookDeliveryPageSchema,
  ResendEvent: ResendEventSchema,
  VerimorReports: VerimorReportsSchema,
  ReportsApplied: ReportsAppliedSchema,
} satisfies Record<string, v.GenericSchema>

const idParams = v.object({ id: IdSchema })
const READ: ErrorStatus[] = [401, 404, 422, 500, 503]
const OWNER_WRITE: ErrorStatus[] = [400, 401, 403, 404, 413, 415, 422, 500, 503]
const OWNER_NOTE = 'Owners only (403 for reps).'

export const DELIVERY_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/webhooks',
    operationId: 'listWebhooks',
    summary: "The store's webhook endpoints",
    description:
      'Oldest first. Signing secrets are never listed; they are shown once, on creation.',
    tag: 'Delivery',
    auth: 'admin',
    success: { status: 200, description: 'The endpoints.', schema: WebhookListSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/webhooks',
    operationId: 'createWebhook',
    summary: 'Add a webhook endpoint',
    description:
      `${OWNER_NOTE} Pipeline events of the listed types (\`*\` for all) are posted to \`url\` ` +
      'as `WebhookPayload` JSON, signed the Standard Webhooks way (`webhook-id`, ' +
      '`webhook-timestamp`, `webhook-signature: v1,…` = base64 HMAC-SHA256 of ' +
      '`{id}.{timestamp}.{body}` with the secret). The answer holds the `whsec_…` secret, ' +
      'shown only this once. The URL must be https to a public host (no private, loopback, ' +
      'link-local or internal addresses; 422 on `url` otherwise). At most 20 per store (409). ' +
      'Deliveries are retried with backoff for about an hour; an endpoint that answers ' +
      '410 Gone three times in a row is disabled and the owners are e-mailed.',
    tag: 'Delivery',
    auth: 'admin',
    body: WebhookInputSchema,
    success: {
      status: 201,
      description: 'The endpoint, with its secret.',
      schema: WebhookSchema,
    },
    errors: [400, 401, 403, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/webhooks/:id',
    operationId: 'getWebhook',
    summary: 'A webhook endpoint',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The endpoint.', schema: WebhookSchema },
    errors: READ,
  },
  {
    method: 'patch',
    path: '/admin/api/webhooks/:id',
    operationId: 'updateWebhook',
    summary: 'Change a webhook endpoint, or disable or enable it',
    description:
      `${OWNER_NOTE} Send at least one field. Enabling (\`status: "active"\`) or a new URL ` +
      'starts its count of 410 answers afresh.',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    body: WebhookUpdateSchema,
    success: { status: 200, description: 'The endpoint after the change.', schema: WebhookSchema },
    errors: OWNER_WRITE,
  },
  {
    method: 'delete',
    path: '/admin/api/webhooks/:id',
    operationId: 'deleteWebhook',
    summary: 'Remove a webhook endpoint',
    description: `${OWNER_NOTE} Its deliveries that have not gone out are cancelled.`,
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    success: { status: 204, description: 'Removed.' },
    errors: [401, 403, 404, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/webhooks/:id/test',
    operationId: 'testWebhook',
    summary: 'Send a signed test delivery now',
    description:
      `${OWNER_NOTE} Posts \`{ id, type: "webhook.test", createdAt, siteId, data: {} }\` to ` +
      'the endpoint right away (also when it is disabled) and answers with the message and ' +
      'its attempt; a failed test is retried like any delivery.',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    success: {
      status: 201,
      description: 'The test message and its attempts.',
      schema: OutboxDetailSchema,
    },
    errors: [401, 403, 404, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's delivery log",
    description: 'Its messages, newest first, each with how its last attempt went.',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    query: DeliveryLogQuerySchema,
    success: {
      status: 200,
      description: 'A page of deliveries.',
      schema: WebhookDeliveryPageSchema,
    },
    errors: [400, ...READ],
  },
  {
    method: 'get',
    path: '/admin/api/outbox',
    operationId: 'listOutbox',
    summary: 'Queued and sent messages: e-mail, SMS and webhooks',
    description:
      'Newest first. Statuses: `pending` (waiting for its time or a retry), `sending`, ' +
      '`delivered` (the provider accepted it), `failed` (refused, no provider, or given up ' +
      'after 8 attempts), `cancelled` (no consent when it was due, an ended sequence, a ' +
      'removed or disabled endpoint).',
    tag: 'Delivery',
    auth: 'admin',
    query: OutboxListQuerySchema,
    success: { status: 200, description: 'A page of messages.', schema: OutboxPageSchema },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/outbox/:id',
    operationId: 'getOutboxMessage',
    summary: 'A message with every delivery attempt',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The message.', schema: OutboxDetailSchema },
    errors: READ,
  },
  {
    method: 'post',
    path: '/admin/api/outbox/:id/retry',
    operationId: 'retryOutboxMessage',
    summary: 'Send a failed or cancelled message again',
    description:
      'Back to `pending` now with its attempts counted from zero; consent and the rest are ' +
      'checked again when it is sent. Any other status answers 409.',
    tag: 'Delivery',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The message, pending.', schema: OutboxMessageSchema },
    errors: [401, 404, 409, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/hooks/resend/:siteKey',
    operationId: 'receiveResendEvents',
    summary: "Resend's delivery, open, click, bounce and complaint events",
    description:
      "Give Resend this URL for the store's webhook, and name the Worker secret holding its " +
      'signing secret in the messaging settings (`email.webhookSecret`). Requests must carry ' +
      'a valid Svix signature (`svix-id`, `svix-timestamp` within 5 minutes, `svix-signature`); ' +
      'anything else gets 401. Events add `message_delivered`, `message_opened`, ' +
      '`message_clicked`, `message_bounced` or `message_complained` to the timeline; a bounce ' +
      'or complaint withdraws e-mail consent. Other events are acknowledged and ignored.',
    tag: 'Messages',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema }),
    body: ResendEventSchema,
    success: { status: 200, description: 'Acknowledged.', schema: ReportsAppliedSchema },
    errors: [400, 401, 413, 500, 503],
  },
  {
    method: 'post',
    path: '/hooks/verimor/:siteKey/:token',
    operationId: 'receiveVerimorReports',
    summary: "Verimor's SMS delivery reports",
    description:
      "Give Verimor this URL with the token kept in the Worker secret named by the store's " +
      '`sms.reportTokenSecret` (401 otherwise). Each report with our message id ' +
      '(`campaign_custom_id`) adds `message_delivered` or `message_failed` to the timeline; ' +
      'a report sent twice counts once.',
    tag: 'Messages',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema, token: v.pipe(v.string(), v.maxLength(200)) }),
    body: VerimorReportsSchema,
    success: { status: 200, description: 'Acknowledged.', schema: ReportsAppliedSchema },
    errors: [400, 401, 413, 422, 500, 503],
  },
]
