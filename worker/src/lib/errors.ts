/**
 * Expected failures as values the HTTP layer knows nothing about here: storage (`db/`), domain
 * folders and use cases throw a `DomainError` with one of the contract's error codes; the HTTP
 * layer's one error handler (`middleware/errors.ts`) maps it to the envelope
 * `{ error: { code, message, issues? } }` and the code's status (`ERROR_STATUS`). Nothing from a
 * thrown error's message reaches a client unless it is a `DomainError`: no SQL, no stack.
 */
import type { ErrorCode } from '../../../contract'

export interface Issue {
  path?: string
  message: string
}

/**
 * An expected failure: a code clients can act on, a message a person can read, and optionally
 * the fields at fault (`issues`) and more of the answer (`extra`, e.g. the free slots of a
 * `slot_taken`).
 *
 * @example throw new DomainError('conflict', 'Another pipeline of this store has that name.')
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** More of the answer beside the envelope, e.g. the free slots of a `slot_taken`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/**
 * A `DomainError` raised by the HTTP layer (routes and middleware), which may also set response
 * headers (`WWW-Authenticate`, `Retry-After`). Storage and domain code throw `DomainError`.
 */
export class ApiError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    issues?: Issue[],
    readonly headers?: Record<string, string>,
    extra?: Record<string, unknown>,
  ) {
    super(code, message, issues, extra)
  }
}

/** The error envelope clients read: `{ error: { code, message, issues? } }`. */
export const envelope = (code: ErrorCode, message: string, issues?: Issue[]) => ({
  error: issues ? { code, message, issues } : { code, message },
})

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
