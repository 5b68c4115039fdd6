/**
 * CORS for the public API. A response carries an `Access-Control-Allow-Origin` grant only for an
 * origin the store allows; a preflight (which carries no site key) is granted to origins that
 * some store registered, and the real request is then checked against its own store.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { isOriginKnown } from '../db/sites'
import { ApiError } from '../lib/errors'

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key'

async function knownOrigin(c: Context<AppEnv>, origin: string): Promise<boolean> {
  try {
    return await isOriginKnown(c.env.DB, origin)
  } catch {
    return false
  }
}

export function publicCors(): MiddlewareHandler<AppEnv> {
  return async function publicCorsMiddleware(c, next) {
    const origin = c.req.header('Origin')
    c.header('Vary', 'Origin')
    if (c.req.method === 'OPTIONS') {
      if (!origin || !(await knownOrigin(c, origin))) {
        throw new ApiError('forbidden', 'This origin may not call the Leadline API.')
      }
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Methods', 'GET, POST')
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS)
      c.header('Access-Control-Max-Age', '600')
      return c.body(null, 204)
    }
    await next()
    if (!origin) return
    // A resolved site means the origin passed its store's allowlist; errors raised before the
    // site was known stay readable to registered origins so widgets can show them.
    const granted =
      c.get('site') !== undefined || (!c.get('originRefused') && (await knownOrigin(c, origin)))
    if (granted) {
      c.res.headers.set('Access-Control-Allow-Origin', origin)
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed')
    }
  }
}
