/**
 * The delivery area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts. Also the helpers
 * delivery.test.ts and webhooks.test.ts share: the fake providers and delivery settings.
 */
import { env } from 'cloudflare:workers'
import type { DeliverySettings } from '../../../contract'
import {
  DEFAULT_DELIVERY_SETTINGS,
  putDeliverySettingsStatement,
} from '../../../worker/src/db/delivery-settings'
import { enqueueStatement, newMessageId } from '../../../worker/src/db/outbox'
import { sign } from '../../../worker/src/delivery'
import { deliverDue } from '../../../worker/src/jobs/delivery'
import type { FakeControl, FakeInspection } from '../../fakes/providers.mjs'
import { admin, call, seedStore, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

// ------------------------------------------------------------------------------- helpers

/** What the fake providers of this pool worker received. */
export async function inspectFakes(): Promise<FakeInspection> {
  return (await (await fetch(`${env.FAKES_URL}/_inspect`)).json()) as FakeInspection
}

export async function controlFakes(control: FakeControl) {
  const res = await fetch(`${env.FAKES_URL}/_control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(control),
  })
  if (!res.ok) throw new Error(`fake control answered ${res.status}`)
  await res.arrayBuffer()
}

export async function resetFakes() {
  await (await fetch(`${env.FAKES_URL}/_reset`, { method: 'POST' })).arrayBuffer()
}

/** A receiver URL on the fakes (loopback http: allowed outside production). */
export const receiverUrl = (name: string) => `${env.FAKES_URL}/hooks/${name}`

/** Settings with both providers, naming the TEST_* secrets the worker project binds. */
export const PROVIDER_SETTINGS: DeliverySettings = {
  ...DEFAULT_DELIVERY_SETTINGS,
  email: {
    provider: 'resend',
    from: 'Test Mağaza <shop@example.com>',
    apiKeySecret: 'TEST_RESEND_KEY',
    webhookSecret: 'TEST_RESEND_WEBHOOK_SECRET',
  },
  sms: {
    provider: 'verimor',
    header: 'MAGAZA',
    usernameSecret: 'TEST_VERIMOR_USER',
    passwordSecret: 'TEST_VERIMOR_PASSWORD',
    iysRecipientType: 'BIREYSEL',
    reportTokenSecret: 'TEST_VERIMOR_REPORT_TOKEN',
  },
}

export async function putSettings(siteId: string, settings: DeliverySettings = PROVIDER_SETTINGS) {
  await putDeliverySettingsStatement(env.DB, siteId, settings, new Date().toISOString()).run()
}

/** Creates an endpoint through the admin API as the owner; its row and secret. */
export async function createWebhook(
  store: TestStore,
  name: string,
  events: string[] = ['*'],
): Promise<{ id: string; secret: string; url: string }> {
  const res = await admin(store.owner.key, 'POST', '/webhooks', { url: receiverUrl(name), events })
  if (res.status !== 201) throw new Error(`webhook create: ${res.status} ${await res.text()}`)
  return (await res.json()) as { id: string; secret: string; url: string }
}

/** Queues one transactional e-mail to `to` for `store` (optionally of a lead); its id. */
export async function queueEmail(
  store: TestStore,
  to: string,
  opts: { leadId?: string; contactId?: string; purpose?: 'commercial' | 'transactional' } = {},
) {
  const id = newMessageId()
  const at = new Date().toISOString()
  await enqueueStatement(env.DB, {
    id,
    channel: 'email',
    siteId: store.siteId,
    purpose: opts.purpose ?? 'transactional',
    dedupeKey: `test:${id}`,
    recipient: to,
    leadId: opts.leadId ?? null,
    contactId: opts.contactId ?? null,
    payload: { locale: 'tr', subject: `Konu ${id}`, html: '<p>Merhaba</p>', text: 'Merhaba' },
    sendAt: at,
    at,
  }).run()
  return id
}

/** A Resend event for the provider id of an e-mail, signed as Resend (Svix) signs it. */
export async function signedResendEvent(
  providerId: string,
  type = 'email.opened',
  opts: { svixId?: string; at?: Date; secret?: string } = {},
) {
  const body = JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: providerId, to: ['x@example.com'], subject: 'x' },
  })
  const svixId = opts.svixId ?? `msg_${newMessageId()}`
  const timestamp = Math.floor((opts.at ?? new Date()).getTime() / 1000)
  const signature = await sign(
    opts.secret ?? env.TEST_RESEND_WEBHOOK_SECRET,
    svixId,
    timestamp,
    body,
  )
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'svix-id': svixId,
      'svix-timestamp': String(timestamp),
      'svix-signature': signature,
    },
  }
}

export const postHook = (path: string, body: string, headers: Record<string, string> = {}) =>
  call(new Request(`https://leadline.test${path}`, { method: 'POST', headers, body }))

// ---------------------------------------------------------------------------- route tests

export async function deliveryRequests(_ctx: AreaContext): Promise<AreaRequests> {
  // A store of its own: its owner's writes and deliveries stay out of the shared store.
  const store = await seedStore()
  await putSettings(store.siteId)
  const kept = await createWebhook(store, 'docs')
  const doomed = await createWebhook(store, 'docs-delete')
  const sent = await queueEmail(store, 'docs@example.com')
  const failed = await queueEmail(store, 'docs-failed@example.com')
  await env.DB.prepare(`UPDATE outbox SET status = 'failed', last_error = 'x' WHERE id = ?1`)
    .bind(failed)
    .run()
  return {
    listWebhooks: () => admin(store.rep.key, 'GET', '/webhooks'),
    createWebhook: () =>
      admin(store.owner.key, 'POST', '/webhooks', { url: receiverUrl('docs-new'), events: ['*'] }),
    getWebhook: () => admin(store.rep.key, 'GET', `/webhooks/${kept.id}`),
    updateWebhook: () =>
      admin(store.owner.key, 'PATCH', `/webhooks/${kept.id}`, { description: 'CRM' }),
    deleteWebhook: () => admin(store.owner.key, 'DELETE', `/webhooks/${doomed.id}`),
    testWebhook: () => admin(store.owner.key, 'POST', `/webhooks/${kept.id}/test`),
    listWebhookDeliveries: () => admin(store.rep.key, 'GET', `/webhooks/${kept.id}/deliveries`),
    listOutbox: () => admin(store.rep.key, 'GET', '/outbox?limit=5'),
    getOutboxMessage: () => admin(store.rep.key, 'GET', `/outbox/${sent}`),
    retryOutboxMessage: () => admin(store.rep.key, 'POST', `/outbox/${failed}/retry`),
    receiveResendEvents: async () => {
      await deliverDue(env, new Date(), { ids: [sent] })
      const providerId = (await env.DB.prepare(
        'SELECT provider_message_id AS p FROM outbox WHERE id = ?1',
      )
        .bind(sent)
        .first<{ p: string }>())!.p
      const event = await signedResendEvent(providerId)
      return postHook(`/hooks/resend/${store.siteKey}`, event.body, event.headers)
    },
    receiveVerimorReports: () =>
      postHook(
        `/hooks/verimor/${store.siteKey}/${env.TEST_VERIMOR_REPORT_TOKEN}`,
        JSON.stringify([{ campaign_custom_id: sent, status: 'DELIVERED', dest: '905321234567' }]),
        { 'Content-Type': 'application/json' },
      ),
  }
}

export async function deliveryJsonRoutes(ctx: AreaContext): Promise<JsonRoute[]> {
  const kept = await createWebhook(ctx.store, 'bad-input')
  const auth = { Authorization: `Bearer ${ctx.store.owner.key}` }
  return [
    {
      name: 'POST webhooks',
      method: 'POST',
      path: '/admin/api/webhooks',
      headers: auth,
      valid: { url: receiverUrl('bad-input-2'), events: ['lead.created'] },
    },
    {
      name: 'PATCH webhook',
      method: 'PATCH',
      path: `/admin/api/webhooks/${kept.id}`,
      headers: auth,
      valid: { description: 'CRM', events: ['*'] },
    },
  ]
}
