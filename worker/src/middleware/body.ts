/** Request-body guards shared by every route that takes JSON. */
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { vValidator } from '@hono/valibot-validator'
import type * as v from 'valibot'
import { MAX_BODY_BYTES } from '../../../contract'
import type { AppEnv } from '../env'
import { ApiError, errorResponse, type Issue } from '../lib/errors'

/** Refuses bodies over 64 KB, also when they arrive chunked without a Content-Length. */
export const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(c, new ApiError('payload_too_large', 'The request body is larger than 64 KB.')),
  })

/**
 * Requires `Content-Type: application/json` on requests with a body. This also refuses the
 * `text/plain` POSTs a page can send cross-origin without a CORS preflight.
 */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async function requireJsonMiddleware(c, next) {
    const type = c.req.header('Content-Type') ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError('unsupported_media_type', 'Send the body as application/json.')
    }
    await next()
  }
}

export const issuesOf = (issues: readonly v.BaseIssue<unknown>[]): Issue[] =>
  issues.slice(0, 20).map((i) => {
    const path = i.path?.map((p) => String(p.key)).join('.')
    return path ? { path, message: i.message } : { message: i.message }
  })

/** Validates a part of the request with a contract schema; failures answer 422 with the issues. */
export const validate = <T extends v.GenericSchema, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) =>
  vValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError('validation_failed', 'Some fields are not valid.', issuesOf(result.issues))
    }
  })
