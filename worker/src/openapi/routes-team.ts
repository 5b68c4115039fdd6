/** Routes of the team: people and their admin keys, documented as data (see routes.ts). */
import * as v from 'valibot'
import {
  ACTIVE_KEYS_MAX,
  ApiKeyCreatedSchema,
  ApiKeyInputSchema,
  ApiKeySchema,
  IdSchema,
  KEY_NAME_MAX,
  MEMBER_NAME_MAX,
  TEAM_MAX,
  TeamMemberCreateSchema,
  TeamMemberSchema,
  TeamSchema,
  UserIdParamsSchema,
} from '../../../contract'
import type { RouteDoc } from './routes'

export const TEAM_SCHEMAS = {
  Team: TeamSchema,
  TeamMember: TeamMemberSchema,
  TeamMemberCreate: TeamMemberCreateSchema,
  ApiKey: ApiKeySchema,
  ApiKeyInput: ApiKeyInputSchema,
  ApiKeyCreated: ApiKeyCreatedSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Admin'
const params = v.object({ id: IdSchema })
const KEY_RULES =
  'Owners manage every key of the store; a rep only their own (403 otherwise). A key of ' +
  'another store answers 404.'

export const TEAM_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/team',
    operationId: 'listTeam',
    summary: "The store's people and their admin keys",
    description:
      'People oldest first, each with their keys newest first (revoked ones too). Owners see ' +
      "everyone's keys; a rep sees the people and only their own keys (`keys: null` for the " +
      'others). Secrets and their hashes are never listed.',
    tag,
    auth: 'admin',
    success: { status: 200, description: 'The team.', schema: TeamSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/team',
    operationId: 'createTeamMember',
    summary: 'Add an owner or a rep to the store (owners)',
    description:
      `A name of at most ${MEMBER_NAME_MAX} characters and an e-mail address no one in the ` +
      'store has (compared without regard to case; 409 otherwise). The person has no key yet: ' +
      `create one with \`POST /admin/api/team/{userId}/keys\`. At most ${TEAM_MAX} people per ` +
      'store (409 beyond).',
    tag,
    auth: 'admin',
    body: TeamMemberCreateSchema,
    success: { status: 201, description: 'The person.', schema: TeamMemberSchema },
    errors: [400, 401, 403, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/team/:userId/keys',
    operationId: 'createApiKey',
    summary: 'Create an admin key for a person; its secret is shown once',
    description:
      `The answer holds \`secret\` (\`sk_…\`) this once, with \`Cache-Control: no-store\`; ` +
      'the store keeps only its SHA-256, so a lost secret cannot be shown again (create ' +
      `another key). A name of at most ${KEY_NAME_MAX} characters; at most ` +
      `${ACTIVE_KEYS_MAX} keys per person that are not revoked (409 beyond). Owners create ` +
      'keys for anyone; a rep only for themselves (403). A person of another store answers 404.',
    tag,
    auth: 'admin',
    params: UserIdParamsSchema,
    body: ApiKeyInputSchema,
    success: { status: 201, description: 'The key and its secret.', schema: ApiKeyCreatedSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'patch',
    path: '/admin/api/keys/:id',
    operationId: 'renameApiKey',
    summary: 'Rename an admin key',
    description: `${KEY_RULES} Revoked keys can be renamed too.`,
    tag,
    auth: 'admin',
    params,
    body: ApiKeyInputSchema,
    success: { status: 200, description: 'The key.', schema: ApiKeySchema },
    errors: [400, 401, 403, 404, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/keys/:id/revoke',
    operationId: 'revokeApiKey',
    summary: 'Revoke an admin key: it stops authenticating at once',
    description:
      `${KEY_RULES} Revoking a revoked key answers 200 with the key unchanged (a retry is ` +
      "not an error). The store's last key of an owner cannot be revoked (409): create " +
      'another owner key first, so the store never locks itself out of its owner settings.',
    tag,
    auth: 'admin',
    params,
    success: { status: 200, description: 'The revoked key.', schema: ApiKeySchema },
    errors: [401, 403, 404, 409, 415, 422, 500, 503],
  },
]
