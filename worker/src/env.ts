/** Bindings and variables the worker runs with (see wrangler.toml). */
export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  CAPTURE_LIMITER?: RateLimit
  ENVIRONMENT?: string
  /** The worker's public origin, for links in messages (unsubscribe, quote, booking). */
  PUBLIC_URL?: string
  /** Provider base URLs; tests and `npm start` point them at local fakes. */
  RESEND_API_URL?: string
  VERIMOR_API_URL?: string
}

/**
 * A Worker secret or variable by name (messaging settings name the secrets that hold provider
 * credentials). Only strings count.
 */
export function secretOf(env: Env, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The public origin links in messages start with, without a trailing slash. */
export const publicUrl = (env: Env): string =>
  (env.PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')

/** What middleware puts on the context for the handlers after it. */
export interface Vars {
  site: import('./db/sites').SiteRow
  auth: import('./db/users').AuthContext
  /** Set when the request's Origin failed its store's allowlist: no CORS grant at all. */
  originRefused: boolean
}

export type AppEnv = { Bindings: Env; Variables: Vars }
