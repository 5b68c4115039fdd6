/** Turning provider answers and network errors into `SendResult`s (pure except `callProvider`). */
import { PROVIDER_TIMEOUT_MS, type Fetch, type SendResult } from './types'

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined
  return Math.max(0, at - now.getTime())
}

export interface ClassifyOptions {
  /** A webhook endpoint: 410 means it is gone. */
  webhook?: boolean
  /** A 409 that means "the same idempotent request is still in flight" (Resend). */
  concurrentConflict?: boolean
  /** What the provider said, for the delivery log. */
  detail?: string
}

/**
 * The result of an HTTP answer: 2xx delivered; 408, 429 and 5xx retried (429 and 503 after
 * their `Retry-After`); a concurrent idempotent request retried; 410 from a webhook gone;
 * anything else (other 4xx, 3xx) failed.
 */
export function classifyStatus(
  status: number,
  headers: Headers,
  now: Date,
  opts: ClassifyOptions = {},
): SendResult {
  const error = `HTTP ${status}${opts.detail ? `: ${opts.detail}` : ''}`.slice(0, 300)
  if (status >= 200 && status < 300) return { kind: 'delivered', status, providerMessageId: null }
  if (status === 410 && opts.webhook) return { kind: 'gone', status: 410, error }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(headers.get('Retry-After'), now)
    return retryAfterMs === undefined
      ? { kind: 'retry', status, error }
      : { kind: 'retry', status, error, retryAfterMs }
  }
  if (status === 408 || status >= 500 || (status === 409 && opts.concurrentConflict)) {
    return { kind: 'retry', status, error }
  }
  return { kind: 'failed', status, error }
}

/** A thrown fetch: the request may or may not have arrived. */
export function classifyError(err: unknown): SendResult {
  const name = err instanceof Error ? err.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'unknown', status: null, error: `timeout after ${PROVIDER_TIMEOUT_MS / 1000} s` }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { kind: 'unknown', status: null, error: `network: ${message}`.slice(0, 300) }
}

/** At most `max` characters of a body, without reading a huge one to its end. */
export async function readSnippet(res: Response, max = 500): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length < max) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // A body cut off midway is still what we got.
  } finally {
    reader.cancel().catch(() => {})
  }
  return text.slice(0, max)
}

/**
 * One provider request with a timeout and no redirects (a redirect could lead a webhook to a
 * private address): the response, or the result of a request that got none.
 */
export async function callProvider(
  fetchFn: Fetch,
  url: string,
  init: RequestInit,
): Promise<{ response: Response } | { result: SendResult }> {
  try {
    const response = await fetchFn(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    })
    return { response }
  } catch (err) {
    return { result: classifyError(err) }
  }
}
