/**
 * Admin API for admin keys: a new key for a person (owners for anyone, a rep for themselves),
 * renaming and revoking one. A key's secret is in the answer that creates it and nowhere else.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  ApiKeyCreatedSchema,
  ApiKeyInputSchema,
  ApiKeySchema,
  IdSchema,
  UserIdParamsSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { getApiKey, getMember } from '../db/team'
import { ApiError } from '../lib/errors'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { createKey, renameKey, revokeKey } from '../usecases/manage-keys'

const idParam = validate('param', v.object({ id: IdSchema }))

/** The key of this store, or 404 (another store's too); who may manage it is the use case's. */
async function findKey(c: Context<AppEnv>, id: string) {
  const key = await getApiKey(c.env.DB, c.get('auth').siteId, id)
  if (!key) throw new ApiError('not_found', 'No such key.')
  return key
}

const deps = (c: Context<AppEnv>) => ({ db: c.env.DB, now: new Date() })

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
    const { userId } = c.req.valid('param')
    const { name } = c.req.valid('json')
    if (!(await getMember(c.env.DB, c.get('auth').siteId, userId))) {
      throw new ApiError('not_found', 'No such person.')
    }
    const created = await createKey(deps(c), userId, name, c.get('auth'))
    // The secret is in this answer only: no cache may keep it.
    c.header('Cache-Control', 'no-store')
    return c.json(created, 201)
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
      const key = await findKey(c, c.req.valid('param').id)
      const { name } = c.req.valid('json')
      return c.json(await renameKey(deps(c), key, name, c.get('auth')))
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
      const key = await findKey(c, c.req.valid('param').id)
      return c.json(await revokeKey(deps(c), key, c.get('auth')))
    },
  )
