/** Admin API for the outbox: queued and sent messages, their delivery attempts, and retries. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  IdSchema,
  OutboxDetailSchema,
  OutboxListQuerySchema,
  OutboxMessageSchema,
} from '../../../contract'
import { getMessage, listMessages, retryStatement } from '../db/outbox-admin'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { noBody } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { OutboxPageSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))
const noMessage = () => new ApiError('not_found', 'No such message.')

/** The outbox and its delivery log, at `/admin/api/outbox`. */
export const adminOutbox = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listOutbox',
      summary: 'Queued and sent messages: e-mail, SMS and webhooks',
      description:
        'Newest first. Statuses: `pending` (waiting for its time or a retry), `sending`, ' +
        '`delivered` (the provider accepted it), `failed` (refused, no provider, or ' +
        'given up after 8 attempts), `cancelled` (no consent when it was due, an ended ' +
        'sequence, a removed or disabled endpoint).',
      tag: 'Delivery',
      success: { status: 200, description: 'A page of messages.', schema: OutboxPageSchema },
      errors: ERRORS.adminPage,
    }),
    validate('query', OutboxListQuerySchema),
    async (c) => c.json(await listMessages(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getOutboxMessage',
      summary: 'A message with every delivery attempt',
      tag: 'Delivery',
      success: { status: 200, description: 'The message.', schema: OutboxDetailSchema },
      errors: ERRORS.adminReadById,
    }),
    idParam,
    async (c) => {
      const message = await getMessage(c.env.DB, c.get('auth').siteId, c.req.valid('param').id)
      if (!message) throw noMessage()
      return c.json(message)
    },
  )
  .post(
    '/:id/retry',
    describeRoute({
      operationId: 'retryOutboxMessage',
      summary: 'Send a failed or cancelled message again',
      description:
        'Back to `pending` now with its attempts counted from zero; consent and the rest ' +
        'are checked again when it is sent. Any other status answers 409.',
      tag: 'Delivery',
      success: { status: 200, description: 'The message, pending.', schema: OutboxMessageSchema },
      errors: [...ERRORS.adminAction, 409],
    }),
    idParam,
    noBody(),
    async (c) => {
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
    },
  )
