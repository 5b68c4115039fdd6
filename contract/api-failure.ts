/**
 * A refused or failed API call as a value, read from the error envelope every error answer
 * carries (`{ "error": { "code", "message", "issues"? } }`, see `ErrorEnvelopeSchema`). The
 * widget's client and the console's both read error answers with `failureOf`, so they agree on
 * what a body without an envelope (a proxy's HTML page, an empty 502) becomes. Types only from
 * `common.ts`: importing this module adds no valibot to the widget's bundle.
 */
import type { ErrorEnvelope } from './common'

/** One refused field of a 422: where (the contract's path, e.g. `lines.0.quantity`) and why. */
export type ErrorIssue = NonNullable<ErrorEnvelope['error']['issues']>[number]

/** Why a call failed: the envelope's code, message and issues, with the HTTP status. */
export interface ApiFailure {
  /** The HTTP status; 0 when no answer came back. */
  status: number
  code: string
  message: string
  /** The fields a 422 refused, when the API named them. */
  issues?: ErrorIssue[]
}

/**
 * The failure an error answer of `status` with the parsed JSON `body` stands for: the envelope's
 * code, message and issues, or `http_<status>` and `fallback` where the body has none.
 * @example failureOf(422, { error: { code: 'validation_failed', message: 'Invalid', issues: [{ path: 'email', message: 'Invalid email' }] } })
 * @example failureOf(502, undefined) // { status: 502, code: 'http_502', message: 'HTTP 502' }
 */
export function failureOf(status: number, body: unknown, fallback = 'HTTP ' + status): ApiFailure {
  const error = (body as { error?: Partial<ApiFailure> } | null | undefined)?.error
  const code = error?.code
  // Kept this small on purpose: it is in every widget's shared chunk.
  return typeof code === 'string'
    ? { message: fallback, ...error, code, status }
    : { code: 'http_' + status, message: fallback, status }
}
