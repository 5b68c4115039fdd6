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
import { auditStatement } from '../db/contacts'
import {
  cancelOrphansStatement,
  deleteWebhookStatement,
  insertWebhookStatement,
  listWebhooks,
  updateWebhookStatement,
  WEBHOOKS_MAX,
} from '../db/webhooks'
import { newWebhookSecret, webhookUrlProblem } from '../delivery'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { findWebhook, noWebhook } from './webhook-lookup'
import { webhookDeliveries } from './admin-webhook-deliveries'

const idParam = validate('param', v.object({ id: IdSchema }))

/** A URL the worker will not call (private, internal, plain http; see url-guard.ts) is a 422. */
function checkUrl(c: Context<AppEnv>, url: string) {
  const problem = webhookUrlProblem(url, { allowLocal: allowsLocalWebhookUrls(c.env) })
  if (problem) {
    throw new ApiError('validation_failed', 'The webhook is not valid.', [
      { path: 'url', message: problem },
    ])
  }
}

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
      const { siteId, userId } = c.get('auth')
      const input = c.req.valid('json')
      checkUrl(c, input.url)
      const db = c.env.DB
      const id = newId('wh')
      const secret = newWebhookSecret()
      const at = new Date().toISOString()
      const [insert] = await db.batch([
        insertWebhookStatement(db, siteId, id, input, secret, at),
        auditStatement(
          db,
          siteId,
          userId,
          'webhook.created',
          { type: 'webhook', id },
          { url: input.url },
          at,
          newId('au'),
        ),
      ])
      if (insert?.meta.changes !== 1) {
        throw new ApiError('conflict', `A store has at most ${WEBHOOKS_MAX} webhooks.`)
      }
      // The secret is shown this once; afterwards only the endpoint's other fields are.
      return c.json({ ...(await findWebhook(c, id)), secret }, 201)
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
      const { siteId, userId } = c.get('auth')
      const { id } = c.req.valid('param')
      const update = c.req.valid('json')
      if (Object.keys(update).length === 0) {
        throw new ApiError('validation_failed', 'Send at least one field to change.', [
          { message: 'no field to change' },
        ])
      }
      if (update.url) checkUrl(c, update.url)
      const db = c.env.DB
      const at = new Date().toISOString()
      const [changed] = await db.batch([
        updateWebhookStatement(db, siteId, id, update, at),
        auditStatement(
          db,
          siteId,
          userId,
          'webhook.updated',
          { type: 'webhook', id },
          update,
          at,
          newId('au'),
        ),
      ])
      if (changed?.meta.changes !== 1) throw noWebhook()
      return c.json(await findWebhook(c, id))
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
      const { siteId, userId } = c.get('auth')
      const { id } = c.req.valid('param')
      const db = c.env.DB
      const at = new Date().toISOString()
      const [deleted] = await db.batch([
        deleteWebhookStatement(db, siteId, id),
        auditStatement(
          db,
          siteId,
          userId,
          'webhook.deleted',
          { type: 'webhook', id },
          {},
          at,
          newId('au'),
        ),
        cancelOrphansStatement(db, siteId, id, at),
      ])
      if (deleted?.meta.changes !== 1) throw noWebhook()
      return c.body(null, 204)
    },
  )
  .route('/', webhookDeliveries)
