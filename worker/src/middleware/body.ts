/** Request-body guards shared by every route that takes JSON. */
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import { vValidator } from '@hono/valibot-validator'
import type * as v from 'valibot'
import { MAX_BODY_BYTES } from '../../../contract'
import type { AppEnv } from '../env'
import { ApiError, type Issue } from '../lib/errors'
import { errorResponse } from './errors'

/**
 * How much of an oversized chunked body is read and dropped before the 413. Answering after
 * reading part of a chunked body leaves the rest of it on the connection: under `wrangler dev`
 * the request after it then fails (503 "Your worker restarted mid-request", a reset, a hang;
 * cloudflare/workerd#1741). Cancelling the stream does not help; reading it to its end does (a
 * body the worker never touched the runtime skips by itself). Past this much the stream is
 * cancelled: a client that sends more still gets its 413, and may lose the connection.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024

/** Reads the rest of a body and drops it, up to `DRAIN_MAX_BYTES` in all; then cancels. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number) {
  while (read <= DRAIN_MAX_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    read += value.byteLength
  }
  await reader.cancel()
}

/**
 * Reads a body to its end with a counting reader: its bytes, or `null` when there are more than
 * `maxBytes` (only `maxBytes` are ever kept; the rest is drained).
 */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await drain(reader, size)
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

export interface LimitBodyOptions {
  /** The largest body taken, in bytes (default `MAX_BODY_BYTES`, 64 KB). */
  maxBytes?: number
  /** The 413 answer's message. */
  message?: string
}

/**
 * Refuses bodies over `maxBytes` with 413 `payload_too_large`. A declared Content-Length is
 * checked before anything is read (the runtime skips the rest of a body of known length); a
 * chunked body is read here, at most `maxBytes` of it kept, and handed on as bytes, or drained
 * before the 413 (see `DRAIN_MAX_BYTES`).
 */
export function limitBody({
  maxBytes = MAX_BODY_BYTES,
  message = 'The request body is larger than 64 KB.',
}: LimitBodyOptions = {}): MiddlewareHandler<AppEnv> {
  return async function limitBodyMiddleware(c, next) {
    const request = c.req.raw
    if (!request.body) return next()
    const tooLarge = () => errorResponse(c, new ApiError('payload_too_large', message))
    const declared = request.headers.get('Content-Length')
    if (declared !== null && !request.headers.has('Transfer-Encoding')) {
      return Number(declared) > maxBytes ? tooLarge() : next()
    }
    const bytes = await readAtMost(request.body, maxBytes)
    if (!bytes) return tooLarge()
    c.req.raw = new Request(request, { body: bytes })
    await next()
  }
}

/** Whether `bytes` are well-formed UTF-8 (no stray bytes, no encoded surrogates). */
function isUtf8(bytes: ArrayBuffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * Requires `Content-Type: application/json` on requests with a body. This also refuses the
 * `text/plain` POSTs a page can send cross-origin without a CORS preflight.
 *
 * The body must be UTF-8 (RFC 8259 §8.1): bytes that are not (a stray `0xff`, a surrogate
 * encoded as `ED A0 80`) answer 400 `invalid_json` instead of being read as U+FFFD and stored
 * altered. A lone surrogate written as the JSON escape `"\ud800"` is well-formed UTF-8; it
 * reaches the contract's text schemas, which refuse it with 422 naming the field.
 */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async function requireJsonMiddleware(c, next) {
    const type = c.req.header('Content-Type') ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError('unsupported_media_type', 'Send the body as application/json.')
    }
    if (!isUtf8(await c.req.arrayBuffer())) {
      throw new ApiError('invalid_json', 'The request body is not valid UTF-8.')
    }
    await next()
  }
}

/**
 * For routes that take no body (actions like `…/send` or `…/revoke`, and deletes): a request
 * whose body has one byte or more is refused with 415 `unsupported_media_type`, whatever its
 * Content-Type, so a client that meant to send something learns that nothing would read it.
 * No body, or an empty one (`Content-Length: 0`), passes. Run it after `limitBody()`.
 *
 * @example app.post('/quotes/:id/send', idParam, noBody(), handler)
 */
export function noBody(): MiddlewareHandler<AppEnv> {
  return async function noBodyMiddleware(c, next) {
    if (c.req.raw.body && (await c.req.arrayBuffer()).byteLength > 0) {
      throw new ApiError('unsupported_media_type', 'This route takes no request body; send none.')
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
