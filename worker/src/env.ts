/** Bindings and variables the worker runs with (see wrangler.toml). */
export interface Env {
  DB: D1Database
  ASSETS?: Fetcher
  CAPTURE_LIMITER?: RateLimit
  ENVIRONMENT?: string
}

/** What middleware puts on the context for the handlers after it. */
export interface Vars {
  site: import('./db/sites').SiteRow
  auth: import('./db/users').AuthContext
  /** Set when the request's Origin failed its store's allowlist: no CORS grant at all. */
  originRefused: boolean
}

export type AppEnv = { Bindings: Env; Variables: Vars }
