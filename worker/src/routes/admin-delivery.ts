/**
 * Admin API for delivery: the store's webhook endpoints (owners change them; everyone reads),
 * a signed test delivery, each endpoint's delivery log, and the outbox with its attempts and
 * retries.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  DeliveryLogQuerySchema,
  IdSchema,
  OutboxListQuerySchema,
  WebhookInputSchema,
  WebhookUpdateSchema,
  type WebhookPayload,
} from '../../../contract'
import { allowsLocalWebhookUrls, type AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { auditStatement } from '../db/contacts'
import { getMessage, listMessages, retryStatement } from '../db/outbox-admin'
import {
  cancelOrphansStatement,
  deleteWebhookStatement,
  getWebhook,
  insertWebhookStatement,
  listWebhooks,
  updateWebhookStatement,
  WEBHOOKS_MAX,
} from '../db/webhooks'
import { enqueueStatement, newMessageId } from '../db/outbox'
import { deliverDue, newWebhookSecret, webhookUrlProblem } from '../delivery'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson, validate } from '../middleware/body'

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

const noWebhook = () => new ApiError('not_found', 'No such webhook.')
const noMessage = () => new ApiError('not_found', 'No such message.')

async function findWebhook(c: Context<AppEnv>, id: string) {
  const webhook = await getWebhook(c.env.DB, c.get('auth').siteId, id)
  if (!webhook) throw noWebhook()
  return webhook
}

export const adminDelivery = new Hono<AppEnv>()
  .get('/webhooks', async (c) =>
    c.json({ items: await listWebhooks(c.env.DB, c.get('auth').siteId) }),
  )
  .post('/webhooks', requireJson(), validate('json', WebhookInputSchema), async (c) => {
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
  })
  .get('/webhooks/:id', idParam, async (c) => c.json(await findWebhook(c, c.req.valid('param').id)))
  .patch(
    '/webhooks/:id',
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
  .delete('/webhooks/:id', idParam, noBody(), async (c) => {
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
  })
  .post('/webhooks/:id/test', idParam, noBody(), async (c) => {
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
  })
  .get(
    '/webhooks/:id/deliveries',
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
  .get('/outbox', validate('query', OutboxListQuerySchema), async (c) =>
    c.json(await listMessages(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get('/outbox/:id', idParam, async (c) => {
    const message = await getMessage(c.env.DB, c.get('auth').siteId, c.req.valid('param').id)
    if (!message) throw noMessage()
    return c.json(message)
  })
  .post('/outbox/:id/retry', idParam, noBody(), async (c) => {
    const { siteId } = c.get('auth')
    const { id } = c.req.valid('param')
    const db = c.env.DB
    const retried = await retryStatement(db, siteId, id, new Date().toISOString()).run()
    const detail = await getMessage(db, siteId, id)
    if (!detail) throw noMessage()
    if (retried.meta.changes !== 1) {
      throw new ApiError(
        'conflict',
        `This message is ${detail.message.status}; only failed or cancelled messages can be retried.`,
      )
    }
    return c.json(detail.message)
  })
