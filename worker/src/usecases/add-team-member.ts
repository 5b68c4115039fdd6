/**
 * An owner adds a person to the store: one batch, the person's row and its audit row. The person
 * has no admin key yet (manage-keys.ts creates one).
 */
import { TEAM_MAX, type TeamMember, type TeamMemberCreate } from '../../../contract'
import { auditStatement } from '../db/contacts'
import { emailTaken, getMember, insertMemberStatement } from '../db/team'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { runBatch, type Deps } from './batch'

/**
 * Adds the person `input` names, for owner `actor` (the route checks the role); answers them,
 * with no keys. 409 for an e-mail address someone in the store has (any case) or a store with
 * `TEAM_MAX` people (nothing written).
 */
export async function addTeamMember(
  { db, now }: Deps,
  input: TeamMemberCreate,
  actor: { siteId: string; userId: string },
): Promise<TeamMember> {
  const { siteId } = actor
  const id = newId('us')
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    // The insert writes nothing when the address is taken or the store is full.
    change: [insertMemberStatement(db, siteId, id, input, at)],
    then: [
      auditStatement(
        db,
        siteId,
        actor.userId,
        'user.created',
        { type: 'user', id },
        { name: input.name, email: input.email, role: input.role },
        at,
        newId('au'),
      ),
    ],
  })
  if (!matched) {
    throw (await emailTaken(db, siteId, input.email))
      ? new DomainError('conflict', 'Someone in this store already has this e-mail address.')
      : new DomainError('conflict', `A store has at most ${TEAM_MAX} people.`)
  }
  return { ...(await getMember(db, siteId, id))!, keys: [] }
}
