/**
 * The team area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import { admin, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T

/** The ids of a person's keys, newest first, as an owner sees them. */
export async function keyIdsOf(store: TestStore, userId: string): Promise<string[]> {
  const team = await json<{ items: { id: string; keys: { id: string }[] | null }[] }>(
    admin(store.owner.key, 'GET', '/team'),
  )
  return team.items.find((u) => u.id === userId)?.keys?.map((k) => k.id) ?? []
}

export async function teamRequests({ store }: AreaContext): Promise<AreaRequests> {
  // Keys of the rep's own to rename and revoke, so the seeded keys keep working for the others.
  const created = async (name: string) =>
    (
      await json<{ key: { id: string } }>(
        admin(store.rep.key, 'POST', `/team/${store.rep.id}/keys`, { name }),
      )
    ).key.id
  const toRename = await created('Docs rename')
  const toRevoke = await created('Docs revoke')
  return {
    listTeam: () => admin(store.rep.key, 'GET', '/team'),
    createTeamMember: () =>
      admin(store.owner.key, 'POST', '/team', {
        name: 'Docs Rep',
        email: 'docs.rep@example.com',
        role: 'rep',
      }),
    createApiKey: () => admin(store.rep.key, 'POST', `/team/${store.rep.id}/keys`, { name: 'CI' }),
    renameApiKey: () => admin(store.rep.key, 'PATCH', `/keys/${toRename}`, { name: 'Laptop' }),
    revokeApiKey: () => admin(store.rep.key, 'POST', `/keys/${toRevoke}/revoke`),
  }
}

export async function teamJsonRoutes({ store }: AreaContext): Promise<JsonRoute[]> {
  const [repKey] = await keyIdsOf(store, store.rep.id)
  const rep = { Authorization: `Bearer ${store.rep.key}` }
  const owner = { Authorization: `Bearer ${store.owner.key}` }
  return [
    {
      name: 'POST team',
      method: 'POST',
      path: '/admin/api/team',
      headers: owner,
      valid: { name: 'Yeni Kişi', email: 'yeni@example.com', role: 'rep' },
    },
    {
      name: 'POST team keys',
      method: 'POST',
      path: `/admin/api/team/${store.rep.id}/keys`,
      headers: rep,
      valid: { name: 'Telefon' },
    },
    {
      name: 'PATCH key',
      method: 'PATCH',
      path: `/admin/api/keys/${repKey}`,
      headers: rep,
      valid: { name: 'Telefon' },
    },
  ]
}
