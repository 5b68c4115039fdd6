/**
 * An owner manages the store's webhook endpoints: adds one (its signing secret shown once),
 * changes, disables or enables one, or removes one (its messages not yet sent are cancelled).
 * Each change is one batch whose audit row applies only when the endpoint's row changed.
 */
import type { Webhook, WebhookInput, WebhookUpdate } from '../../../contract'
import { auditStatement } from '../db/contacts'
import {
  cancelOrphansStatement,
  deleteWebhookStatement,
  getWebhook,
  insertWebhookStatement,
  updateWebhookStatement,
  WEBHOOKS_MAX,
} from '../db/webhooks'
import { newWebhookSecret, webhookUrlProblem } from '../delivery'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { runBatch } from './batch'

export interface WebhookDeps {
  db: D1Database
  now: Date
  /** Whether private and local URLs may be called (local development and tests only). */
  allowLocalUrls: boolean
}

/** Who changes the endpoints: an owner of the store (the route checks the role). */
export interface WebhookActor {
  siteId: string
  userId: string
}

const noWebhook = () => new DomainError('not_found', 'No such webhook.')

/** A URL the worker will not call (private, internal, plain http; see url-guard.ts) is a 422. */
function checkUrl(url: string, allowLocal: boolean) {
  const problem = webhookUrlProblem(url, { allowLocal })
  if (problem) {
    throw new DomainError('validation_failed', 'The webhook is not valid.', [
      { path: 'url', message: problem },
    ])
  }
}

/**
 * Adds an endpoint; answers it with its secret, shown this once. 422 for a URL the worker will
 * not call, 409 when the store has `WEBHOOKS_MAX` (nothing written).
 */
export async function createWebhook(
  { db, now, allowLocalUrls }: WebhookDeps,
  input: WebhookInput,
  { siteId, userId }: WebhookActor,
): Promise<Webhook> {
  checkUrl(input.url, allowLocalUrls)
  const id = newId('wh')
  const secret = newWebhookSecret()
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    // The insert writes nothing when the store has the most endpoints it may have.
    change: [insertWebhookStatement(db, siteId, id, input, secret, at)],
    then: [
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
    ],
  })
  if (!matched) throw new DomainError('conflict', `A store has at most ${WEBHOOKS_MAX} webhooks.`)
  // The secret is shown this once; afterwards only the endpoint's other fields are.
  return { ...(await getWebhook(db, siteId, id))!, secret }
}

/**
 * Changes what `update` gives of endpoint `id`; answers it after. 422 for no field or a URL the
 * worker will not call, 404 for an endpoint not of the store.
 */
export async function updateWebhook(
  { db, now, allowLocalUrls }: WebhookDeps,
  id: string,
  update: WebhookUpdate,
  { siteId, userId }: WebhookActor,
): Promise<Webhook> {
  if (Object.keys(update).length === 0) {
    throw new DomainError('validation_failed', 'Send at least one field to change.', [
      { message: 'no field to change' },
    ])
  }
  if (update.url) checkUrl(update.url, allowLocalUrls)
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    change: [updateWebhookStatement(db, siteId, id, update, at)],
    then: [
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
    ],
  })
  if (!matched) throw noWebhook()
  const webhook = await getWebhook(db, siteId, id)
  if (!webhook) throw noWebhook()
  return webhook
}

/** Removes endpoint `id` and cancels its messages not yet sent; 404 when it is not the store's. */
export async function deleteWebhook(
  { db, now }: Pick<WebhookDeps, 'db' | 'now'>,
  id: string,
  { siteId, userId }: WebhookActor,
): Promise<void> {
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    change: [deleteWebhookStatement(db, siteId, id)],
    then: [
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
      // It cancels only the messages of an endpoint that is gone.
      cancelOrphansStatement(db, siteId, id, at),
    ],
  })
  if (!matched) throw noWebhook()
}
