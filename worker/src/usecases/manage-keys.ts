/**
 * A person manages admin keys: creates one (owners for anyone, a rep for themselves), renames
 * or revokes one. Each change is one batch whose audit row applies only when the key's row
 * changed. A key's secret is in the answer that creates it and nowhere else.
 */
import { ACTIVE_KEYS_MAX, type ApiKey, type ApiKeyCreated } from '../../../contract'
import { auditStatement } from '../db/contacts'
import {
  getApiKey,
  insertKeyStatement,
  newAdminKey,
  renameKeyStatement,
  revokeKeyStatement,
} from '../db/team'
import type { AuthContext } from '../db/users'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { runBatch, type Deps } from './batch'

/** Who manages the keys: a person of the store, with their role. */
export type KeyActor = Pick<AuthContext, 'siteId' | 'userId' | 'role'>

/** Refuses (403) acting on another person's keys unless the actor is an owner. */
export function requireSelfOrOwner({ role, userId }: KeyActor, keyUserId: string) {
  if (role !== 'owner' && userId !== keyUserId) {
    throw new DomainError('forbidden', "Only an owner can manage another person's keys.")
  }
}

/**
 * A new key named `name` for `userId`, a person of the store (the route answers 404 for
 * others); answers the key with its secret. 403 for a rep acting for someone else, 409 when the
 * person has `ACTIVE_KEYS_MAX` keys that are not revoked (nothing written).
 */
export async function createKey(
  { db, now }: Deps,
  userId: string,
  name: string,
  actor: KeyActor,
): Promise<ApiKeyCreated> {
  requireSelfOrOwner(actor, userId)
  const { siteId } = actor
  const { secret, hash, prefix } = await newAdminKey()
  const id = newId('ak')
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    // The insert writes nothing when the person has the most keys they may have.
    change: [insertKeyStatement(db, siteId, { id, userId, hash, prefix, name }, at)],
    then: [
      auditStatement(
        db,
        siteId,
        actor.userId,
        'api_key.created',
        { type: 'api_key', id },
        { userId, name, prefix },
        at,
        newId('au'),
      ),
    ],
  })
  if (!matched) {
    throw new DomainError(
      'conflict',
      `A person has at most ${ACTIVE_KEYS_MAX} keys that are not revoked; revoke one first.`,
    )
  }
  return { key: { id, userId, name, prefix, createdAt: at, revokedAt: null }, secret }
}

/** Renames `key` (of the store; the route found it); answers it renamed. 403 as `createKey`. */
export async function renameKey(
  { db, now }: Deps,
  key: ApiKey,
  name: string,
  actor: KeyActor,
): Promise<ApiKey> {
  requireSelfOrOwner(actor, key.userId)
  const { siteId } = actor
  // Keys are never deleted, so no change means the key already has this name (and no audit row).
  await runBatch(db, {
    change: [renameKeyStatement(db, siteId, key.id, name)],
    then: [
      auditStatement(
        db,
        siteId,
        actor.userId,
        'api_key.renamed',
        { type: 'api_key', id: key.id },
        { from: key.name, to: name },
        now.toISOString(),
        newId('au'),
      ),
    ],
  })
  return (await getApiKey(db, siteId, key.id))!
}

/**
 * Revokes `key` (of the store; the route found it): it stops authenticating at once. Answers
 * the key as it is after; a revoked key unchanged (a retried revocation is not an error). 403 as
 * `createKey`; 409 for the store's last live key of an owner (nothing written).
 */
export async function revokeKey({ db, now }: Deps, key: ApiKey, actor: KeyActor): Promise<ApiKey> {
  requireSelfOrOwner(actor, key.userId)
  if (key.revokedAt) return key
  const { siteId } = actor
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    change: [revokeKeyStatement(db, siteId, key.id, at)],
    then: [
      auditStatement(
        db,
        siteId,
        actor.userId,
        'api_key.revoked',
        { type: 'api_key', id: key.id },
        { userId: key.userId, name: key.name, prefix: key.prefix },
        at,
        newId('au'),
      ),
    ],
  })
  const after = (await getApiKey(db, siteId, key.id))!
  // No change and still live: it is the last owner key. (Revoked in between: answered as is.)
  if (!matched && !after.revokedAt) {
    throw new DomainError(
      'conflict',
      "This is the store's last owner key; create another owner key before revoking it.",
    )
  }
  return after
}
