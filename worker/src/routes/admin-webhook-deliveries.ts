/** Admin API for an endpoint's deliveries: a signed test delivery now, and its delivery log. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  DeliveryLogQuerySchema,
  IdSchema,
  OutboxDetailSchema,
  type WebhookPayload,
} from '../../../contract'
import type { AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { enqueueStatement, newMessageId } from '../db/outbox'
import { getMessage, listMessages } from '../db/outbox-admin'
import { deliverDue } from '../jobs/delivery'
import { newId } from '../lib/ids'
import { noBody } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { WebhookDeliveryPageSchema } from '../openapi/schemas'
import { findWebhook } from './webhook-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

/** At `/admin/api/webhooks/:id/test|deliveries` (mounted by admin-webhooks.ts). */
export const webhookDeliveries = new Hono<AppEnv>()
  .post(
    '/:id/test',
    describeRoute({
      operationId: 'testWebhook',
      summary: 'Send a signed test delivery now',
      description:
        'Owners only (403 for reps). Posts `{ id, type: "webhook.test", createdAt, ' +
        'siteId, data: {} }` to the endpoint right away (also when it is disabled) and ' +
        'answers with the message and its attempt; a failed test is retried like any ' +
        'delivery.',
      tag: 'Delivery',
      success: {
        status: 201,
        description: 'The test message and its attempts.',
        schema: OutboxDetailSchema,
      },
      errors: [...ERRORS.adminAction, 403],
    }),
    idParam,
    noBody(),
    async (c) => {
      requireOwner(c)
      const { siteId } = c.get('auth')
      const webhook = await findWebhook(c, c.req.valid('param').id)
      const now = new Date()
      const at = now.toISOString()
      const id = newMessageId()
      const payload: WebhookPayload = {
        id: newId('ev'),
        type: 'webhook.test',
        createdAt: at,
        siteId,
        data: {},
      }
      await enqueueStatement(c.env.DB, {
        id,
        channel: 'webhook',
        siteId,
        purpose: 'system',
        dedupeKey: `webhook-test:${webhook.id}:${id}`,
        recipient: webhook.url,
        webhookId: webhook.id,
        payload,
        sendAt: at,
        at,
      }).run()
      await deliverDue(c.env, now, { ids: [id] })
      return c.json((await getMessage(c.env.DB, siteId, id))!, 201)
    },
  )
  .get(
    '/:id/deliveries',
    describeRoute({
      operationId: 'listWebhookDeliveries',
      summary: "An endpoint's delivery log",
      description: 'Its messages, newest first, each with how its last attempt went.',
      tag: 'Delivery',
      success: {
        status: 200,
        description: 'A page of deliveries.',
        schema: WebhookDeliveryPageSchema,
      },
      errors: [...ERRORS.adminPage, 404],
    }),
    idParam,
    validate('query', DeliveryLogQuerySchema),
    async (c) => {
      const webhook = await findWebhook(c, c.req.valid('param').id)
      const q = c.req.valid('query')
      return c.json(
        await listMessages(c.env.DB, c.get('auth').siteId, { ...q, webhook: webhook.id }, true),
      )
    },
  )
