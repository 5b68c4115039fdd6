/**
 * Admin API for the store's webhook endpoints (owners change them; everyone reads). Their test
 * delivery and delivery log are in admin-webhook-deliveries.ts, mounted here; the outbox itself
 * is in admin-outbox.ts.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  IdSchema,
  WebhookInputSchema,
  WebhookListSchema,
  WebhookSchema,
  WebhookUpdateSchema,
} from '../../../contract'
import { allowsLocalWebhookUrls, type AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { listWebhooks } from '../db/webhooks'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { createWebhook, deleteWebhook, updateWebhook } from '../usecases/manage-webhooks'
import { findWebhook } from './webhook-lookup'
import { webhookDeliveries } from './admin-webhook-deliveries'

const idParam = validate('param', v.object({ id: IdSchema }))

const deps = (c: Context<AppEnv>) => ({
  db: c.env.DB,
  now: new Date(),
  allowLocalUrls: allowsLocalWebhookUrls(c.env),
})

export const adminWebhooks = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listWebhooks',
      summary: "The store's webhook endpoints",
      description:
        'Oldest first. Signing secrets are never listed; they are shown once, on ' + 'creation.',
      tag: 'Delivery',
      success: { status: 200, description: 'The endpoints.', schema: WebhookListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listWebhooks(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createWebhook',
      summary: 'Add a webhook endpoint',
      description:
        'Owners only (403 for reps). Pipeline events of the listed types (`*` for all) ' +
        'are posted to `url` as `WebhookPayload` JSON, signed the Standard Webhooks way ' +
        '(`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,…` = base64 ' +
        'HMAC-SHA256 of `{id}.{timestamp}.{body}` with the secret). The answer holds the ' +
        '`whsec_…` secret, shown only this once. The URL must be https to a public host ' +
        '(no private, loopback, link-local or internal addresses; 422 on `url` ' +
        'otherwise). At most 20 per store (409). Deliveries are retried with backoff for ' +
        'about an hour; an endpoint that answers 410 Gone three times in a row is ' +
        'disabled and the owners are e-mailed.',
      tag: 'Delivery',
      success: {
        status: 201,
        description: 'The endpoint, with its secret.',
        schema: WebhookSchema,
      },
      errors: [...ERRORS.adminJson, 403, 409],
    }),
    requireJson(),
    validate('json', WebhookInputSchema),
    async (c) => {
      requireOwner(c)
      return c.json(await createWebhook(deps(c), c.req.valid('json'), c.get('auth')), 201)
    },
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getWebhook',
      summary: 'A webhook endpoint',
      tag: 'Delivery',
      success: { status: 200, description: 'The endpoint.', schema: WebhookSchema },
      errors: ERRORS.adminReadById,
    }),
    idParam,
    async (c) => c.json(await findWebhook(c, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    describeRoute({
      operationId: 'updateWebhook',
      summary: 'Change a webhook endpoint, or disable or enable it',
      description:
        'Owners only (403 for reps). Send at least one field. Enabling (`status: ' +
        '"active"`) or a new URL starts its count of 410 answers afresh.',
      tag: 'Delivery',
      success: {
        status: 200,
        description: 'The endpoint after the change.',
        schema: WebhookSchema,
      },
      errors: [...ERRORS.adminJson, 403, 404],
    }),
    idParam,
    requireJson(),
    validate('json', WebhookUpdateSchema),
    async (c) => {
      requireOwner(c)
      const { id } = c.req.valid('param')
      return c.json(await updateWebhook(deps(c), id, c.req.valid('json'), c.get('auth')))
    },
  )
  .delete(
    '/:id',
    describeRoute({
      operationId: 'deleteWebhook',
      summary: 'Remove a webhook endpoint',
      description:
        'Owners only (403 for reps). Its deliveries that have not gone out are cancelled.',
      tag: 'Delivery',
      success: { status: 204, description: 'Removed.' },
      errors: [...ERRORS.adminAction, 403],
    }),
    idParam,
    noBody(),
    async (c) => {
      requireOwner(c)
      await deleteWebhook(deps(c), c.req.valid('param').id, c.get('auth'))
      return c.body(null, 204)
    },
  )
  .route('/', webhookDeliveries)
