/**
 * The error envelope `{ error: { code, message, issues? } }` and the mapping from thrown errors
 * to it. Nothing from a thrown error's message reaches a client: no SQL, no stack, no internals.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ERROR_STATUS, type ErrorCode } from '../../../contract'

export interface Issue {
  path?: string
  message: string
}

/** An expected failure a handler throws to answer with a given code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
    /** More of the answer beside the envelope, e.g. the free slots of a `slot_taken`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const envelope = (code: ErrorCode, message: string, issues?: Issue[]) => ({
  error: issues ? { code, message, issues } : { code, message },
})

export function errorResponse(c: Context, err: ApiError): Response {
  const res = c.json(
    { ...envelope(err.code, err.message, err.issues), ...err.extra },
    ERROR_STATUS[err.code],
  )
  for (const [k, v] of Object.entries(err.headers ?? {})) res.headers.set(k, v)
  return res
}

/**
 * D1 errors that go away on retry: overload, lost connections, resets, timeouts.
 * https://developers.cloudflare.com/d1/observability/debug-d1/#error-list
 */
const TRANSIENT =
  /network connection lost|overloaded|reset|timed? ?out|timeout|internal error|temporarily unavailable|try again|connection (closed|refused)/i

export const isTransientDbError = (err: unknown): boolean =>
  err instanceof Error &&
  /D1|SQLITE|database|storage/i.test(err.message) &&
  TRANSIENT.test(err.message)

/** Maps anything thrown to an `ApiError`; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  // Hono's validator throws this for a body that is not JSON.
  if (err instanceof HTTPException && err.status === 400) {
    return new ApiError('invalid_json', 'The request body is not valid JSON.')
  }
  if (isTransientDbError(err)) {
    return new ApiError('unavailable', 'The service is busy; please retry shortly.', undefined, {
      'Retry-After': '1',
    })
  }
  return new ApiError('internal', 'Something went wrong on our side.')
}
