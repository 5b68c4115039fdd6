/**
 * Admin API for admin keys: a new key for a person (owners for anyone, a rep for themselves),
 * renaming and revoking one. A key's secret is in the answer that creates it and nowhere else.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  ACTIVE_KEYS_MAX,
  ApiKeyCreatedSchema,
  ApiKeyInputSchema,
  ApiKeySchema,
  IdSchema,
  UserIdParamsSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { auditStatement } from '../db/contacts'
import {
  getApiKey,
  getMember,
  insertKeyStatement,
  newAdminKey,
  renameKeyStatement,
  revokeKeyStatement,
} from '../db/team'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

const idParam = validate('param', v.object({ id: IdSchema }))

/** Refuses (403) acting on another person's keys unless the caller is an owner. */
function requireSelfOrOwner(c: Context<AppEnv>, userId: string) {
  const auth = c.get('auth')
  if (auth.role !== 'owner' && auth.userId !== userId) {
    throw new ApiError('forbidden', "Only an owner can manage another person's keys.")
  }
}

/** The key of this store, if the caller may manage it: 404 for none (or another store's), 403. */
async function findKey(c: Context<AppEnv>, id: string) {
  const key = await getApiKey(c.env.DB, c.get('auth').siteId, id)
  if (!key) throw new ApiError('not_found', 'No such key.')
  requireSelfOrOwner(c, key.userId)
  return key
}

/** A new key for a person, at `/admin/api/team/:userId/keys` (mounted by admin-team.ts). */
export const userKeys = new Hono<AppEnv>().post(
  '/:userId/keys',
  describeRoute({
    operationId: 'createApiKey',
    summary: 'Create an admin key for a person; its secret is shown once',
    description:
      'The answer holds `secret` (`sk_…`) this once, with `Cache-Control: no-store`; ' +
      'the store keeps only its SHA-256, so a lost secret cannot be shown again ' +
      '(create another key). A name of at most 60 characters; at most 10 keys per ' +
      'person that are not revoked (409 beyond). Owners create keys for anyone; a rep ' +
      'only for themselves (403). A person of another store answers 404.',
    tag: 'Admin',
    success: { status: 201, description: 'The key and its secret.', schema: ApiKeyCreatedSchema },
    errors: [...ERRORS.adminJson, 403, 404, 409],
  }),
  validate('param', UserIdParamsSchema),
  requireJson(),
  validate('json', ApiKeyInputSchema),
  async (c) => {
    const { siteId, userId: actorId } = c.get('auth')
    const { userId } = c.req.valid('param')
    const { name } = c.req.valid('json')
    const db = c.env.DB
    if (!(await getMember(db, siteId, userId))) throw new ApiError('not_found', 'No such person.')
    requireSelfOrOwner(c, userId)
    const { secret, hash, prefix } = await newAdminKey()
    const id = newId('ak')
    const at = new Date().toISOString()
    const [insert] = await db.batch([
      insertKeyStatement(db, siteId, { id, userId, hash, prefix, name }, at),
      auditStatement(
        db,
        siteId,
        actorId,
        'api_key.created',
        { type: 'api_key', id },
        { userId, name, prefix },
        at,
        newId('au'),
      ),
    ])
    if (insert?.meta.changes !== 1) {
      throw new ApiError(
        'conflict',
        `A person has at most ${ACTIVE_KEYS_MAX} keys that are not revoked; revoke one first.`,
      )
    }
    // The secret is in this answer only: no cache may keep it.
    c.header('Cache-Control', 'no-store')
    return c.json(
      { key: { id, userId, name, prefix, createdAt: at, revokedAt: null }, secret },
      201,
    )
  },
)

/** Integration API keys, at `/admin/api/keys`. */
export const adminKeys = new Hono<AppEnv>()
  .patch(
    '/:id',
    describeRoute({
      operationId: 'renameApiKey',
      summary: 'Rename an admin key',
      description:
        'Owners manage every key of the store; a rep only their own (403 otherwise). A ' +
        'key of another store answers 404. Revoked keys can be renamed too.',
      tag: 'Admin',
      success: { status: 200, description: 'The key.', schema: ApiKeySchema },
      errors: [...ERRORS.adminJson, 403, 404],
    }),
    idParam,
    requireJson(),
    validate('json', ApiKeyInputSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const { id } = c.req.valid('param')
      const { name } = c.req.valid('json')
      const db = c.env.DB
      const key = await findKey(c, id)
      // Keys are never deleted, so no change means the key already has this name.
      await db.batch([
        renameKeyStatement(db, siteId, id, name),
        auditStatement(
          db,
          siteId,
          userId,
          'api_key.renamed',
          { type: 'api_key', id },
          { from: key.name, to: name },
          new Date().toISOString(),
          newId('au'),
        ),
      ])
      return c.json((await getApiKey(db, siteId, id))!)
    },
  )
  .post(
    '/:id/revoke',
    describeRoute({
      operationId: 'revokeApiKey',
      summary: 'Revoke an admin key: it stops authenticating at once',
      description:
        'Owners manage every key of the store; a rep only their own (403 otherwise). A ' +
        'key of another store answers 404. Revoking a revoked key answers 200 with the ' +
        "key unchanged (a retry is not an error). The store's last key of an owner " +
        'cannot be revoked (409): create another owner key first, so the store never ' +
        'locks itself out of its owner settings.',
      tag: 'Admin',
      success: { status: 200, description: 'The revoked key.', schema: ApiKeySchema },
      errors: [...ERRORS.adminAction, 403, 409],
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const { id } = c.req.valid('param')
      const db = c.env.DB
      const key = await findKey(c, id)
      // Revoking again answers the key as it is: a retried revocation is not an error.
      if (key.revokedAt) return c.json(key)
      const at = new Date().toISOString()
      const [revoke] = await db.batch([
        revokeKeyStatement(db, siteId, id, at),
        auditStatement(
          db,
          siteId,
          userId,
          'api_key.revoked',
          { type: 'api_key', id },
          { userId: key.userId, name: key.name, prefix: key.prefix },
          at,
          newId('au'),
        ),
      ])
      const now = (await getApiKey(db, siteId, id))!
      if (revoke?.meta.changes !== 1 && !now.revokedAt) {
        throw new ApiError(
          'conflict',
          "This is the store's last owner key; create another owner key before revoking it.",
        )
      }
      return c.json(now)
    },
  )
