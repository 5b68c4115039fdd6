/**
 * `Idempotency-Key` handling around a handler's write. The stored answer is written in the same
 * batch as the change it answers (`commitIdempotent`), with the key first: a second request
 * with the key fails that batch on the key's primary key and writes nothing. Only then, or when
 * the handler fails in any other way, is the key looked up: a retry with the same body gets the
 * first answer again, a reuse with another body gets 422. So the first request of a key costs
 * no extra read, and a write that committed before its answer was lost is answered correctly.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { findIdempotencyKey, saveIdempotencyKey, type StoredResponse } from '../db/idempotency'
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
    throw new ApiError(
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request body.',
    )
  }
  c.header('Idempotent-Replayed', 'true')
  return c.body(stored.response, stored.status as 200, { 'Content-Type': 'application/json' })
}

/** Reads the request's `Idempotency-Key` (required unless `required: false`). */
async function keyState(
  c: Context<AppEnv>,
  siteId: string,
  required: boolean,
): Promise<IdempotencyState | undefined> {
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) {
    if (required) throw new ApiError('bad_request', 'An Idempotency-Key header is required.')
    return undefined
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(
      'bad_request',
      'The Idempotency-Key must be 8 to 255 visible ASCII characters.',
    )
  }
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)
  return { siteId, key, requestHash }
}

/**
 * Runs `handler` under the request's `Idempotency-Key`. When the handler fails (the key already
 * has an answer, a rate limit, a lost database answer…) and the key has a stored answer, that
 * answer is replayed instead of the failure.
 */
export async function idempotent(
  c: Context<AppEnv>,
  siteId: string,
  options: { required: boolean },
  handler: (idem: IdempotencyState | undefined) => Promise<Response>,
): Promise<Response> {
  const idem = await keyState(c, siteId, options.required)
  try {
    return await handler(idem)
  } catch (err) {
    if (!idem) throw err
    const stored = await findIdempotencyKey(c.env.DB, idem.siteId, idem.key).catch(() => null)
    if (stored) return replay(c, stored, idem.requestHash)
    throw err
  }
}

/** Runs the statements as one batch, with the stored answer first when there is a key. */
export async function commitIdempotent(
  c: Context<AppEnv>,
  idem: IdempotencyState | undefined,
  statements: D1PreparedStatement[],
  status: 200 | 201 | 202,
  body: unknown,
  now: string,
): Promise<Response> {
  const db = c.env.DB
  const save = idem
    ? [saveIdempotencyKey(db, idem.siteId, idem.key, idem.requestHash, status, body, now)]
    : []
  await db.batch([...save, ...statements])
  return c.json(body, status)
}
