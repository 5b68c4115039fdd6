/**
 * Admin API for the team: the store's people (owners add them; everyone sees them) with their
 * admin keys, which admin-keys.ts manages. Every change is audited in the batch that makes it.
 */
import { Hono } from 'hono'
import { TeamMemberCreateSchema, TeamMemberSchema, TeamSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { listTeam } from '../db/team'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { addTeamMember } from '../usecases/add-team-member'
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
      const deps = { db: c.env.DB, now: new Date() }
      return c.json(await addTeamMember(deps, c.req.valid('json'), c.get('auth')), 201)
    },
  )
  .route('/', userKeys)
