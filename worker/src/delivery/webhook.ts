/**
 * Webhook deliveries, signed as Standard Webhooks describes: `webhook-id` (the outbox id, the
 * same on every retry, so receivers dedupe), `webhook-timestamp` and `webhook-signature`.
 */
import { callProvider, classifyStatus, readSnippet } from './classify'
import { sign } from './sign'
import type { Fetch, Outgoing, Provider } from './types'

export interface WebhookConfig {
  url: string
  /** The endpoint's `whsec_…` secret. */
  secret: string
}

export const WEBHOOK_USER_AGENT = 'Leadline-Webhooks/1'

/** The signed request for one delivery at `now`. */
export async function webhookRequest(
  config: WebhookConfig,
  m: Outgoing,
  now: Date,
): Promise<{ url: string; init: RequestInit }> {
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    url: config.url,
    init: {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': WEBHOOK_USER_AGENT,
        'webhook-id': m.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await sign(config.secret, m.id, timestamp, m.payload),
      },
      body: m.payload,
    },
  }
}

/** Posts to one endpoint; `fetchFn` is for tests. */
export function webhookProvider(
  config: WebhookConfig,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Provider {
  return {
    async send(m, now) {
      const { url, init } = await webhookRequest(config, m, now)
      const answer = await callProvider(fetchFn, url, init)
      if ('result' in answer) return answer.result
      const res = answer.response
      const detail = res.ok ? '' : (await readSnippet(res, 200)).trim()
      if (res.ok) await res.body?.cancel()
      return classifyStatus(res.status, res.headers, now, { webhook: true, detail })
    },
  }
}
