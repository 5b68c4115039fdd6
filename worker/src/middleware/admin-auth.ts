/** Admin API authentication: `Authorization: Bearer sk_…`, resolved to a user of one store. */
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { authenticate } from '../db/users'
import { ApiError } from '../lib/errors'

const BEARER = /^Bearer (sk_[A-Za-z0-9]{16,128})$/

export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const match = BEARER.exec(c.req.header('Authorization') ?? '')
    const auth = match?.[1] ? await authenticate(c.env.DB, match[1]) : null
    if (!auth) {
      throw new ApiError('unauthorized', 'A valid admin key is required.', undefined, {
        'WWW-Authenticate': 'Bearer realm="leadline-admin"',
      })
    }
    c.set('auth', auth)
    await next()
  }
}

/** Refuses (403) a request whose key is not a store owner's: store settings, keys, webhooks. */
export function requireOwner(c: Context<AppEnv>) {
  if (c.get('auth').role !== 'owner') {
    throw new ApiError('forbidden', 'Only the store owner can do this.')
  }
}
