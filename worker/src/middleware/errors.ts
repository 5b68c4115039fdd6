/**
 * The one place where failures become HTTP answers: the app's `notFound` and `onError`
 * handlers, and `errorResponse` for middleware that answers before a route runs. A
 * `DomainError` keeps its code, message, issues and extra fields; its code decides the status
 * (`ERROR_STATUS`). Anything else becomes a bare 500 (or a 503 for a D1 error that goes away on
 * retry), with the details only in the log.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ERROR_STATUS } from '../../../contract'
import { ApiError, DomainError, envelope, isTransientDbError } from '../lib/errors'

/** The answer to a failure: its envelope and extra fields, its code's status, its headers. */
export function errorResponse(c: Context, err: DomainError): Response {
  const res = c.json(
    { ...envelope(err.code, err.message, err.issues), ...err.extra },
    ERROR_STATUS[err.code],
  )
  const headers = err instanceof ApiError ? err.headers : undefined
  for (const [k, v] of Object.entries(headers ?? {})) res.headers.set(k, v)
  return res
}

/** Maps anything thrown to a `DomainError`; unknown errors become a bare 500. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err
  // Hono's validator throws this for a body that is not JSON.
  if (err instanceof HTTPException && err.status === 400) {
    return new DomainError('invalid_json', 'The request body is not valid JSON.')
  }
  if (isTransientDbError(err)) {
    return new ApiError('unavailable', 'The service is busy; please retry shortly.', undefined, {
      'Retry-After': '1',
    })
  }
  return new DomainError('internal', 'Something went wrong on our side.')
}

/** The app's not-found handler: a route nobody declared. */
export const notFound: NotFoundHandler = (c) =>
  errorResponse(c, new DomainError('not_found', 'No such route.'))

/** The app's error handler: logs what is not the client's doing, answers with the envelope. */
export const onError: ErrorHandler = (err, c) => {
  const failure = toDomainError(err)
  if (failure.code === 'internal' || failure.code === 'unavailable') {
    console.error(`${c.req.method} ${c.req.path} failed:`, err)
  }
  return errorResponse(c, failure)
}
