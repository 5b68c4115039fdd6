/**
 * E-mail through Resend (https://resend.com/docs/api-reference/emails/send-email). The outbox id
 * is the `Idempotency-Key`: a retry after a lost answer gets Resend's first answer again and no
 * second e-mail (Resend keeps keys 24 hours; our retries end well within that).
 */
import type { EmailPayload } from './types'
import { callProvider, classifyStatus, readSnippet } from './classify'
import type { Fetch, Outgoing, Provider } from './types'

export interface ResendConfig {
  apiUrl: string
  apiKey: string
  from: string
  replyTo?: string
  /** The worker's public origin, for the one-click unsubscribe link. */
  publicUrl: string
}

/** The request for one e-mail (pure). Commercial mail carries RFC 8058 one-click unsubscribe. */
export function resendRequest(
  config: ResendConfig,
  m: Outgoing,
): { url: string; init: RequestInit } {
  const p = JSON.parse(m.payload) as EmailPayload
  const body = {
    from: config.from,
    to: [m.recipient],
    subject: p.subject,
    html: p.html,
    text: p.text,
    ...(config.replyTo ? { reply_to: config.replyTo } : {}),
    ...(m.purpose === 'commercial'
      ? {
          headers: {
            'List-Unsubscribe': `<${config.publicUrl}/u/${m.id}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
    ...(p.attachments?.length
      ? {
          attachments: p.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            content_type: a.contentType,
          })),
        }
      : {}),
    tags: [{ name: 'message_id', value: m.id }],
  }
  return {
    url: `${config.apiUrl.replace(/\/+$/, '')}/emails`,
    init: {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${config.apiKey}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': m.id,
      },
      body: JSON.stringify(body),
    },
  }
}

/** A JSON object body, or null. */
function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Sends e-mail through Resend; `fetchFn` is for tests. */
export function resendProvider(
  config: ResendConfig,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Provider {
  return {
    async send(m, now) {
      const { url, init } = resendRequest(config, m)
      const answer = await callProvider(fetchFn, url, init)
      if ('result' in answer) return answer.result
      const res = answer.response
      const text = await readSnippet(res, 2000)
      const body = jsonObject(text)
      if (res.ok) {
        // Accepted even without a readable id; the id only links delivery reports.
        const id = typeof body?.id === 'string' ? body.id : null
        return { kind: 'delivered', status: res.status, providerMessageId: id }
      }
      const name = body
        ? [body.name, body.message].filter((x) => typeof x === 'string').join(': ')
        : text.slice(0, 200)
      return classifyStatus(res.status, res.headers, now, {
        detail: name,
        concurrentConflict: /concurrent/i.test(name),
      })
    },
  }
}
