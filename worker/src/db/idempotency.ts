/** Stored answers for `Idempotency-Key`s, written in the same batch as the change they answer. */
export interface StoredResponse {
  request_hash: string
  status: number
  response: string
}

export const findIdempotencyKey = (db: D1Database, siteId: string, key: string) =>
  db
    .prepare(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE site_id = ?1 AND key = ?2',
    )
    .bind(siteId, key)
    .first<StoredResponse>()

export const saveIdempotencyKey = (
  db: D1Database,
  siteId: string,
  key: string,
  requestHash: string,
  status: number,
  body: unknown,
  now: string,
) =>
  db
    .prepare(
      'INSERT INTO idempotency_keys (site_id, key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(siteId, key, requestHash, status, JSON.stringify(body), now)

/** Deletes stored answers older than `before` (ISO time); returns how many. */
export async function purgeIdempotencyKeys(db: D1Database, before: string): Promise<number> {
  const result = await db
    .prepare('DELETE FROM idempotency_keys WHERE created_at < ?1')
    .bind(before)
    .run()
  return result.meta.changes
}
