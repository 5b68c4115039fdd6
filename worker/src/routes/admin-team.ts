/**
 * Admin API for the team: the store's people (owners add them; everyone sees them) with their
 * admin keys, which admin-keys.ts manages. Every change is audited in the batch that makes it.
 */
import { Hono } from 'hono'
import { TEAM_MAX, TeamMemberCreateSchema, TeamMemberSchema, TeamSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { auditStatement } from '../db/contacts'
import { emailTaken, getMember, insertMemberStatement, listTeam } from '../db/team'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { userKeys } from './admin-keys'

export const adminTeam = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listTeam',
      summary: "The store's people and their admin keys",
      description:
        'People oldest first, each with their keys newest first (revoked ones too). ' +
        "Owners see everyone's keys; a rep sees the people and only their own keys " +
        '(`keys: null` for the others). Secrets and their hashes are never listed.',
      tag: 'Admin',
      success: { status: 200, description: 'The team.', schema: TeamSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => {
      const { siteId, userId, role } = c.get('auth')
      return c.json({ items: await listTeam(c.env.DB, siteId, role === 'owner' ? null : userId) })
    },
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createTeamMember',
      summary: 'Add an owner or a rep to the store (owners)',
      description:
        'A name of at most 100 characters and an e-mail address no one in the store has ' +
        '(compared without regard to case; 409 otherwise). The person has no key yet: ' +
        'create one with `POST /admin/api/team/{userId}/keys`. At most 100 people per ' +
        'store (409 beyond).',
      tag: 'Admin',
      success: { status: 201, description: 'The person.', schema: TeamMemberSchema },
      errors: [...ERRORS.adminJson, 403, 409],
    }),
    requireJson(),
    validate('json', TeamMemberCreateSchema),
    async (c) => {
      requireOwner(c)
      const { siteId, userId } = c.get('auth')
      const input = c.req.valid('json')
      const db = c.env.DB
      const id = newId('us')
      const at = new Date().toISOString()
      const [insert] = await db.batch([
        insertMemberStatement(db, siteId, id, input, at),
        auditStatement(
          db,
          siteId,
          userId,
          'user.created',
          { type: 'user', id },
          { name: input.name, email: input.email, role: input.role },
          at,
          newId('au'),
        ),
      ])
      if (insert?.meta.changes !== 1) {
        throw (await emailTaken(db, siteId, input.email))
          ? new ApiError('conflict', 'Someone in this store already has this e-mail address.')
          : new ApiError('conflict', `A store has at most ${TEAM_MAX} people.`)
      }
      return c.json({ ...(await getMember(db, siteId, id))!, keys: [] }, 201)
    },
  )
  .route('/', userKeys)
