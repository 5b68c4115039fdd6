/**
 * The unsubscribe links' part of the route-wide tests: a request per documented route for
 * docs.test.ts (they take no JSON body, so none for bad-input.test.ts).
 */
import { env } from 'cloudflare:workers'
import { enqueueStatement, newMessageId } from '../../../worker/src/db/outbox'
import { call } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

const BASE = 'https://leadline.test'

/** Posts the one-click unsubscribe of message `id` as a mail client does (RFC 8058). */
export const oneClickUnsubscribe = (id: string) =>
  call(
    new Request(`${BASE}/u/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    }),
  )

export async function messagesRequests({ store, leadId }: AreaContext): Promise<AreaRequests> {
  const id = newMessageId()
  const at = new Date().toISOString()
  await enqueueStatement(env.DB, {
    id,
    siteId: store.siteId,
    channel: 'email',
    purpose: 'commercial',
    dedupeKey: `docs:${id}`,
    recipient: 'ayse@example.com',
    leadId,
    payload: { locale: 'tr', subject: 'Merhaba', html: '<p>Merhaba</p>', text: 'Merhaba' },
    sendAt: at,
    at,
  }).run()
  return {
    getUnsubscribePage: () => call(new Request(`${BASE}/u/${id}`)),
    unsubscribe: () => oneClickUnsubscribe(id),
  }
}

export async function messagesJsonRoutes(_ctx: AreaContext): Promise<JsonRoute[]> {
  return []
}
