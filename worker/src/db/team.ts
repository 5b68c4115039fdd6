/**
 * A store's people and their admin keys in D1. Every query is scoped by site; a key's hash is
 * written here and never read back out.
 */
import {
  ACTIVE_KEYS_MAX,
  TEAM_MAX,
  type ApiKey,
  type Role,
  type TeamMember,
  type TeamMemberCreate,
} from '../../../contract'
import { randomToken, sha256Hex } from '../lib/ids'

interface UserRow {
  id: string
  name: string
  email: string
  role: Role
  created_at: string
}

interface KeyRow {
  id: string
  user_id: string
  name: string
  prefix: string
  created_at: string
  revoked_at: string | null
}

const KEY_COLUMNS = 'id, user_id, name, prefix, created_at, revoked_at'

const keyFromRow = (r: KeyRow): ApiKey => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
})

/**
 * A new admin key: the secret to show once, what is stored of it (its SHA-256) and the prefix
 * that tells it apart in lists. Same shape as the keys `scripts/lib/store.mjs` makes.
 */
export async function newAdminKey() {
  const secret = `sk_${randomToken(40)}`
  return { secret, hash: await sha256Hex(secret), prefix: secret.slice(0, 7) }
}

/**
 * The store's people, oldest first, each with their keys newest first. `keysOf` names the one
 * person whose keys are listed (the others get `keys: null`); `null` lists everyone's.
 */
export async function listTeam(
  db: D1Database,
  siteId: string,
  keysOf: string | null,
): Promise<TeamMember[]> {
  const [users, keys] = await db.batch<UserRow | KeyRow>([
    db
      .prepare(
        `SELECT id, name, email, role, created_at FROM users WHERE site_id = ?1
          ORDER BY created_at, rowid`,
      )
      .bind(siteId),
    db
      .prepare(
        `SELECT ${KEY_COLUMNS} FROM api_keys WHERE site_id = ?1 AND (?2 IS NULL OR user_id = ?2)
          ORDER BY created_at DESC, rowid DESC`,
      )
      .bind(siteId, keysOf),
  ])
  const byUser = new Map<string, ApiKey[]>()
  for (const row of (keys?.results ?? []) as KeyRow[]) {
    const list = byUser.get(row.user_id) ?? []
    list.push(keyFromRow(row))
    byUser.set(row.user_id, list)
  }
  return ((users?.results ?? []) as UserRow[]).map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    createdAt: u.created_at,
    keys: keysOf === null || keysOf === u.id ? (byUser.get(u.id) ?? []) : null,
  }))
}

export async function getMember(db: D1Database, siteId: string, userId: string) {
  const row = await db
    .prepare('SELECT id, name, email, role, created_at FROM users WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, userId)
    .first<UserRow>()
  return row
    ? { id: row.id, name: row.name, email: row.email, role: row.role, createdAt: row.created_at }
    : null
}

export async function getApiKey(db: D1Database, siteId: string, id: string) {
  const row = await db
    .prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<KeyRow>()
  return row ? keyFromRow(row) : null
}

/** Whether someone in the store has this e-mail address, compared without regard to case. */
export const emailTaken = async (db: D1Database, siteId: string, email: string) =>
  (await db
    .prepare('SELECT 1 AS ok FROM users WHERE site_id = ?1 AND lower(email) = lower(?2)')
    .bind(siteId, email)
    .first()) !== null

/**
 * Adds a person, unless the e-mail address is taken in the store (any case) or the store has
 * `TEAM_MAX` people: then nothing is written (0 changes).
 */
export const insertMemberStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  input: TeamMemberCreate,
  at: string,
) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO users (id, site_id, name, email, role, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE site_id = ?2 AND lower(email) = lower(?4))
          AND (SELECT count(*) FROM users WHERE site_id = ?2) < ?7`,
    )
    .bind(id, siteId, input.name, input.email, input.role, at, TEAM_MAX)

/**
 * Stores a new key's hash for a person of the store, unless they already have
 * `ACTIVE_KEYS_MAX` keys that are not revoked: then nothing is written (0 changes).
 */
export const insertKeyStatement = (
  db: D1Database,
  siteId: string,
  key: { id: string; userId: string; hash: string; prefix: string; name: string },
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO api_keys (id, site_id, user_id, key_hash, prefix, name, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
        WHERE EXISTS (SELECT 1 FROM users WHERE site_id = ?2 AND id = ?3)
          AND (SELECT count(*) FROM api_keys
                WHERE site_id = ?2 AND user_id = ?3 AND revoked_at IS NULL) < ?8`,
    )
    .bind(key.id, siteId, key.userId, key.hash, key.prefix, key.name, at, ACTIVE_KEYS_MAX)

/** Renames a key; 0 changes when it does not exist or already has this name. */
export const renameKeyStatement = (db: D1Database, siteId: string, id: string, name: string) =>
  db
    .prepare('UPDATE api_keys SET name = ?3 WHERE site_id = ?1 AND id = ?2 AND name IS NOT ?3')
    .bind(siteId, id, name)

/**
 * Revokes a live key, unless it is the store's last live key of an owner (the store would lock
 * itself out of owner-only settings for good). 0 changes when it was already revoked or is that
 * last key; one statement, so two revocations racing for the last two owner keys cannot both
 * apply.
 */
export const revokeKeyStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare(
      `UPDATE api_keys SET revoked_at = ?3
        WHERE site_id = ?1 AND id = ?2 AND revoked_at IS NULL
          AND (
            (SELECT role FROM users u WHERE u.site_id = ?1 AND u.id = api_keys.user_id) <> 'owner'
            OR EXISTS (
              SELECT 1 FROM api_keys k JOIN users u ON u.site_id = k.site_id AND u.id = k.user_id
               WHERE k.site_id = ?1 AND k.id <> ?2 AND k.revoked_at IS NULL AND u.role = 'owner'
            )
          )`,
    )
    .bind(siteId, id, at)
