import { DomainError } from './lib/errors'

/** Bindings and variables the worker runs with (see wrangler.toml). */
export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  CAPTURE_LIMITER?: RateLimit
  /**
   * The worker's public origin, for links in messages (unsubscribe, quote, booking). Required:
   * without it the routes that make links answer 503 and the cron sends nothing.
   */
  PUBLIC_URL?: string
  /**
   * `"true"` lets webhooks call loopback hosts over plain http (local receivers and fakes). For
   * local development only; unset, only https URLs of public hosts are called.
   */
  ALLOW_LOCAL_WEBHOOK_URLS?: string
  /** Provider base URLs; tests and `npm start` point them at local fakes. */
  RESEND_API_URL?: string
  VERIMOR_API_URL?: string
}

/**
 * A Worker secret or variable by name (delivery settings name the secrets that hold provider
 * credentials). Only strings count.
 */
export function secretOf(env: Env, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * The public origin links in messages start with, without a trailing slash; null when
 * `PUBLIC_URL` is not set to an http(s) origin. There is no default: a guessed origin (such as
 * the local one) would put links nobody can open into real messages.
 */
export function configuredPublicUrl(env: Env): string | null {
  const value = env.PUBLIC_URL?.trim().replace(/\/+$/, '')
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin
  } catch {
    return null
  }
}

let reported = false

/** Logs, once per isolate, why the worker does no work that needs `PUBLIC_URL`. */
export function reportMissingPublicUrl(): void {
  if (reported) return
  reported = true
  console.error(
    "Leadline is not configured: PUBLIC_URL is not set to the worker's public https origin " +
      '(wrangler.toml [vars] or `wrangler secret put PUBLIC_URL`). Routes that put links into ' +
      'messages answer 503 not_configured, and the scheduled run sends no messages (they stay ' +
      'queued) until it is set.',
  )
}

/**
 * The public origin links in messages start with; throws 503 `not_configured` (and logs why,
 * once) when `PUBLIC_URL` is missing, so a route never queues a message with a broken link.
 *
 * @example
 * const link = `${publicUrl(c.env)}/b/${site.public_key}`
 */
export function publicUrl(env: Env): string {
  const url = configuredPublicUrl(env)
  if (url) return url
  reportMissingPublicUrl()
  throw new DomainError(
    'not_configured',
    'This Leadline server is not configured to send links yet.',
  )
}

/** Whether webhooks may call loopback hosts over http: only when a variable says so. */
export const allowsLocalWebhookUrls = (env: Env): boolean => env.ALLOW_LOCAL_WEBHOOK_URLS === 'true'

/** What middleware puts on the context for the handlers after it. */
export interface Vars {
  site: import('./db/sites').SiteRow
  auth: import('./db/users').AuthContext
  /** Set when the request's Origin failed its store's allowlist: no CORS grant at all. */
  originRefused: boolean
}

export type AppEnv = { Bindings: Env; Variables: Vars }
