/**
 * `Idempotency-Key` handling, in two steps around a handler's write. `beginIdempotent` looks the
 * key up: a retry with the same body gets the first answer again, a reuse with another body gets
 * 422. `commitIdempotent` writes the handler's statements and the stored answer in one batch, so
 * a write whose answer was lost is found on retry and never stored twice.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { findIdempotencyKey, isIdempotencyConflict, saveIdempotencyKey, type StoredResponse } from '../db/idempotency'
import { ApiError } from '../lib/errors'
import { sha256Hex } from '../lib/ids'

export interface IdempotencyState {
  siteId: string
  key: string
  requestHash: string
}

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/

function replay(c: Context<AppEnv>, stored: StoredResponse, requestHash: string): Response {
  if (stored.request_hash !== requestHash) {
    throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body.')
  }
  c.header('Idempotent-Replayed', 'true')
  return c.body(stored.response, stored.status as 200, { 'Content-Type': 'application/json' })
}

/**
 * Reads the request's `Idempotency-Key` (required unless `required: false`). Returns the stored
 * answer to replay, or the state `commitIdempotent` needs (undefined without a key).
 */
export async function beginIdempotent(
  c: Context<AppEnv>,
  siteId: string,
  options: { required: boolean },
): Promise<Response | IdempotencyState | undefined> {
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) {
    if (options.required) throw new ApiError('bad_request', 'An Idempotency-Key header is required.')
    return undefined
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError('bad_request', 'The Idempotency-Key must be 8 to 255 visible ASCII characters.')
  }
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)
  const stored = await findIdempotencyKey(c.env.DB, siteId, key)
  return stored ? replay(c, stored, requestHash) : { siteId, key, requestHash }
}

/**
 * Runs the statements as one batch together with the stored answer, then answers. When a
 * concurrent request with the same key won the race, answers with its stored response.
 */
export async function commitIdempotent(
  c: Context<AppEnv>,
  idem: IdempotencyState | undefined,
  statements: D1PreparedStatement[],
  status: 200 | 201,
  body: unknown,
  now: string,
): Promise<Response> {
  const db = c.env.DB
  const all = idem
    ? [saveIdempotencyKey(db, idem.siteId, idem.key, idem.requestHash, status, body, now), ...statements]
    : statements
  try {
    await db.batch(all)
  } catch (err) {
    if (idem && isIdempotencyConflict(err)) {
      const stored = await findIdempotencyKey(db, idem.siteId, idem.key)
      if (stored) return replay(c, stored, idem.requestHash)
    }
    throw err
  }
  return c.json(body, status)
}
