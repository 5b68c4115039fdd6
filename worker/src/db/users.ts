/** Reps and owners, and the admin keys that authenticate them. */
import type { Role } from '../../../contract'
import { sha256Hex } from '../lib/ids'

export interface AuthContext {
  siteId: string
  userId: string
  role: Role
  name: string
  email: string
}

/** Finds the live key whose hash matches; `null` for unknown or revoked keys. */
export async function authenticate(db: D1Database, key: string): Promise<AuthContext | null> {
  const hash = await sha256Hex(key)
  return db
    .prepare(
      `SELECT u.site_id AS siteId, u.id AS userId, u.role, u.name, u.email
         FROM api_keys k JOIN users u ON u.id = k.user_id AND u.site_id = k.site_id
        WHERE k.key_hash = ?1 AND k.revoked_at IS NULL`,
    )
    .bind(hash)
    .first<AuthContext>()
}

export const userExists = async (db: D1Database, siteId: string, userId: string) =>
  (await db
    .prepare('SELECT 1 AS ok FROM users WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, userId)
    .first()) !== null

export const getUser = (db: D1Database, siteId: string, userId: string) =>
  db
    .prepare('SELECT id, name, email, role FROM users WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, userId)
    .first<{ id: string; name: string; email: string; role: Role }>()
