/** The team admin API: people, their keys, who may manage which, and the store's last owner key. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ACTIVE_KEYS_MAX, TEAM_MAX } from '../../contract'
import { sha256Hex } from '../../worker/src/lib/ids'
import { keyIdsOf } from './areas/team'
import { admin, count, seedStore, type TestStore } from './helpers'

interface Key {
  id: string
  userId: string
  name: string
  prefix: string
  createdAt: string
  revokedAt: string | null
}
interface Member {
  id: string
  name: string
  email: string
  role: string
  createdAt: string
  keys: Key[] | null
}

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T

async function createKey(bearer: string, userId: string, name = 'Laptop') {
  const res = await admin(bearer, 'POST', `/team/${userId}/keys`, { name })
  expect(res.status, await res.clone().text()).toBe(201)
  return json<{ key: Key; secret: string }>(res)
}

const auditActions = async (siteId: string) =>
  (
    await env.DB.prepare(
      `SELECT action, target_id AS targetId FROM audit_log
        WHERE site_id = ?1 AND target_type IN ('user', 'api_key') ORDER BY at, rowid`,
    )
      .bind(siteId)
      .all<{ action: string; targetId: string }>()
  ).results

const keyCount = (store: TestStore) =>
  count('SELECT count(*) AS n FROM api_keys WHERE site_id = ?1', store.siteId)
const userCount = (store: TestStore) =>
  count('SELECT count(*) AS n FROM users WHERE site_id = ?1', store.siteId)

describe('admin keys', () => {
  it('creates a key shown once that authenticates, renames it, and refuses it once revoked', async () => {
    const store = await seedStore()
    const res = await admin(store.owner.key, 'POST', `/team/${store.rep.id}/keys`, {
      name: '  Laptop  ',
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const { key, secret } = await json<{ key: Key; secret: string }>(res)
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/)
    expect(key).toEqual({
      id: expect.stringMatching(/^ak_/),
      userId: store.rep.id,
      name: 'Laptop',
      prefix: secret.slice(0, 7),
      createdAt: expect.any(String),
      revokedAt: null,
    })
    // Only the hash is stored; nothing the API lists carries the secret or the hash.
    const row = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?1')
      .bind(key.id)
      .first<Record<string, unknown>>()
    expect(row?.key_hash).toBe(await sha256Hex(secret))
    expect(Object.values(row!)).not.toContain(secret)
    const listed = await (await admin(store.owner.key, 'GET', '/team')).text()
    expect(listed).toContain(key.id)
    expect(listed).not.toContain(secret.slice(7))
    expect(listed).not.toContain(row!.key_hash)

    const me = await admin(secret, 'GET', '/me')
    expect(me.status).toBe(200)
    expect((await json<{ user: { id: string } }>(me)).user.id).toBe(store.rep.id)

    const renamed = await admin(secret, 'PATCH', `/keys/${key.id}`, { name: 'Phone' })
    expect(renamed.status).toBe(200)
    expect(await json<Key>(renamed)).toEqual({ ...key, name: 'Phone' })

    const revoked = await admin(store.rep.key, 'POST', `/keys/${key.id}/revoke`)
    expect(revoked.status).toBe(200)
    const after = await json<Key>(revoked)
    expect(after).toEqual({ ...key, name: 'Phone', revokedAt: expect.any(String) })
    expect((await admin(secret, 'GET', '/me')).status).toBe(401)
    expect((await admin(secret, 'GET', '/team')).status).toBe(401)

    // Revoking again answers the key unchanged and writes nothing.
    const again = await admin(store.owner.key, 'POST', `/keys/${key.id}/revoke`)
    expect(again.status).toBe(200)
    expect(await json<Key>(again)).toEqual(after)
    expect(await auditActions(store.siteId)).toEqual([
      { action: 'api_key.created', targetId: key.id },
      { action: 'api_key.renamed', targetId: key.id },
      { action: 'api_key.revoked', targetId: key.id },
    ])
    expect((await admin(store.rep.key, 'GET', '/me')).status).toBe(200)
  })

  it('lets a rep see the people and manage only their own keys', async () => {
    const store = await seedStore()
    const [ownerKey] = await keyIdsOf(store, store.owner.id)
    const [repKey] = await keyIdsOf(store, store.rep.id)
    const keys = await keyCount(store)

    const forOwner = await admin(store.rep.key, 'POST', `/team/${store.owner.id}/keys`, {
      name: 'Mine now',
    })
    expect(forOwner.status).toBe(403)
    expect((await admin(store.rep.key, 'PATCH', `/keys/${ownerKey}`, { name: 'x' })).status).toBe(
      403,
    )
    expect((await admin(store.rep.key, 'POST', `/keys/${ownerKey}/revoke`)).status).toBe(403)
    const addPerson = await admin(store.rep.key, 'POST', '/team', {
      name: 'Kim',
      email: 'kim@example.com',
      role: 'owner',
    })
    expect(addPerson.status).toBe(403)
    expect(await keyCount(store)).toBe(keys)
    expect(await auditActions(store.siteId)).toEqual([])
    expect((await admin(store.owner.key, 'GET', '/me')).status).toBe(200)

    const own = await createKey(store.rep.key, store.rep.id, 'Tablet')
    expect((await admin(own.secret, 'GET', '/me')).status).toBe(200)

    const team = await json<{ items: Member[] }>(admin(store.rep.key, 'GET', '/team'))
    expect(team.items.map((m) => [m.id, m.role])).toEqual([
      [store.owner.id, 'owner'],
      [store.rep.id, 'rep'],
    ])
    expect(team.items[0]!.keys).toBeNull()
    expect(team.items[1]!.keys!.map((k) => k.id)).toEqual([own.key.id, repKey])

    // An owner sees every key, and may revoke a rep's.
    const all = await json<{ items: Member[] }>(admin(store.owner.key, 'GET', '/team'))
    expect(all.items[0]!.keys!.map((k) => k.id)).toEqual([ownerKey])
    expect(all.items[1]!.keys!.map((k) => k.id)).toEqual([own.key.id, repKey])
    expect((await admin(store.owner.key, 'POST', `/keys/${own.key.id}/revoke`)).status).toBe(200)
    expect((await admin(own.secret, 'GET', '/me')).status).toBe(401)
  })

  it("never revokes the store's last owner key, so the store cannot lock itself out", async () => {
    const store = await seedStore()
    const [first] = await keyIdsOf(store, store.owner.id)
    const last = await admin(store.owner.key, 'POST', `/keys/${first}/revoke`)
    expect(last.status).toBe(409)
    expect(((await last.json()) as any).error.code).toBe('conflict')
    expect((await admin(store.owner.key, 'GET', '/me')).status).toBe(200)
    expect(await auditActions(store.siteId)).toEqual([])

    // With a second owner key the first can go; then the second is the last.
    const second = await createKey(store.owner.key, store.owner.id, 'Backup')
    expect((await admin(second.secret, 'POST', `/keys/${first}/revoke`)).status).toBe(200)
    expect((await admin(store.owner.key, 'GET', '/me')).status).toBe(401)
    expect((await admin(second.secret, 'POST', `/keys/${second.key.id}/revoke`)).status).toBe(409)

    // Another owner's key counts: the store still has an owner key after this one goes.
    const partner = await json<Member>(
      admin(second.secret, 'POST', '/team', {
        name: 'Ortak',
        email: 'ortak@example.com',
        role: 'owner',
      }),
    )
    const partnerKey = await createKey(second.secret, partner.id, 'Ortak laptop')
    expect((await admin(second.secret, 'POST', `/keys/${second.key.id}/revoke`)).status).toBe(200)
    expect((await admin(partnerKey.secret, 'GET', '/me')).status).toBe(200)
    const lastOfPartner = await admin(
      partnerKey.secret,
      'POST',
      `/keys/${partnerKey.key.id}/revoke`,
    )
    expect(lastOfPartner.status).toBe(409)

    // A rep is no owner: their last key can go.
    const [repKey] = await keyIdsOf(
      { ...store, owner: { id: partner.id, key: partnerKey.secret } },
      store.rep.id,
    )
    expect((await admin(store.rep.key, 'POST', `/keys/${repKey}/revoke`)).status).toBe(200)
    expect((await admin(store.rep.key, 'GET', '/me')).status).toBe(401)
  })

  it('revokes only one of the last two owner keys when both are revoked at once', async () => {
    const store = await seedStore()
    const [first] = await keyIdsOf(store, store.owner.id)
    const second = await createKey(store.owner.key, store.owner.id, 'Backup')
    const answers = await Promise.all([
      admin(store.owner.key, 'POST', `/keys/${first}/revoke`),
      admin(second.secret, 'POST', `/keys/${second.key.id}/revoke`),
    ])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
    expect(
      await count(
        `SELECT count(*) AS n FROM api_keys WHERE site_id = ?1 AND user_id = ?2 AND revoked_at IS NULL`,
        store.siteId,
        store.owner.id,
      ),
    ).toBe(1)
  })

  it(`allows ${ACTIVE_KEYS_MAX} live keys per person`, async () => {
    const store = await seedStore()
    for (let i = 1; i < ACTIVE_KEYS_MAX; i++) await createKey(store.rep.key, store.rep.id, `K${i}`)
    const full = await admin(store.rep.key, 'POST', `/team/${store.rep.id}/keys`, { name: 'More' })
    expect(full.status).toBe(409)
    expect(await keyCount(store)).toBe(ACTIVE_KEYS_MAX + 1)
    const [newest] = await keyIdsOf(store, store.rep.id)
    expect((await admin(store.rep.key, 'POST', `/keys/${newest}/revoke`)).status).toBe(200)
    await createKey(store.rep.key, store.rep.id, 'More')
  })
})

describe('people', () => {
  it('adds a person whose e-mail address no one in the store has', async () => {
    const store = await seedStore()
    const res = await admin(store.owner.key, 'POST', '/team', {
      name: ' Elif Satış ',
      email: 'elif@example.com',
      role: 'rep',
    })
    expect(res.status).toBe(201)
    const elif = await json<Member>(res)
    expect(elif).toEqual({
      id: expect.stringMatching(/^us_/),
      name: 'Elif Satış',
      email: 'elif@example.com',
      role: 'rep',
      createdAt: expect.any(String),
      keys: [],
    })
    expect(await auditActions(store.siteId)).toEqual([
      { action: 'user.created', targetId: elif.id },
    ])
    const users = await userCount(store)
    for (const email of ['elif@example.com', 'Elif@Example.COM', 'rep@example.com']) {
      const taken = await admin(store.owner.key, 'POST', '/team', { name: 'X', email, role: 'rep' })
      expect(taken.status, email).toBe(409)
    }
    expect(await userCount(store)).toBe(users)
    expect(await auditActions(store.siteId)).toHaveLength(1)

    // The person gets a key from an owner and works with it.
    const key = await createKey(store.owner.key, elif.id, 'İlk anahtar')
    const me = await json<{ user: { id: string; role: string } }>(admin(key.secret, 'GET', '/me'))
    expect(me.user).toMatchObject({ id: elif.id, role: 'rep' })

    // Another store may have the same address.
    const other = await seedStore()
    const there = await admin(other.owner.key, 'POST', '/team', {
      name: 'Elif',
      email: 'elif@example.com',
      role: 'owner',
    })
    expect(there.status).toBe(201)
  })

  it(`holds at most ${TEAM_MAX} people per store`, async () => {
    const store = await seedStore()
    const now = new Date().toISOString()
    const fill = Array.from({ length: TEAM_MAX - 3 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO users (id, site_id, name, email, role, created_at) VALUES (?1, ?2, ?3, ?4, 'rep', ?5)`,
      ).bind(`us_fill_${store.siteId}_${i}`, store.siteId, `P${i}`, `p${i}@example.com`, now),
    )
    await env.DB.batch(fill)
    const add = (email: string) =>
      admin(store.owner.key, 'POST', '/team', { name: 'Son', email, role: 'rep' })
    expect((await add('last@example.com')).status).toBe(201)
    const over = await add('over@example.com')
    expect(over.status).toBe(409)
    expect(((await over.json()) as any).error.message).toContain(String(TEAM_MAX))
    expect(await userCount(store)).toBe(TEAM_MAX)
  })
})

describe('bad input', () => {
  it('answers bad names, e-mails, roles and ids with 422 and the field, writing nothing', async () => {
    const store = await seedStore()
    const [repKey] = await keyIdsOf(store, store.rep.id)
    const person = { name: 'Ada', email: 'ada@example.com', role: 'rep' }
    const cases: [string, string, unknown, string][] = [
      ['POST', '/team', { ...person, name: '' }, 'name'],
      ['POST', '/team', { ...person, name: '   ' }, 'name'],
      ['POST', '/team', { ...person, name: 'a'.repeat(101) }, 'name'],
      ['POST', '/team', { ...person, name: 'A\u0000da' }, 'name'],
      ['POST', '/team', { ...person, email: 'not-an-email' }, 'email'],
      ['POST', '/team', { ...person, email: `${'a'.repeat(250)}@x.co` }, 'email'],
      ['POST', '/team', { ...person, role: 'admin' }, 'role'],
      ['POST', '/team', { name: 'Ada', email: 'ada@example.com' }, 'role'],
      ['POST', '/team', { ...person, keyHash: 'x' }, 'keyHash'],
      ['POST', `/team/${store.rep.id}/keys`, { name: '' }, 'name'],
      ['POST', `/team/${store.rep.id}/keys`, { name: 'k'.repeat(61) }, 'name'],
      ['POST', `/team/${store.rep.id}/keys`, { name: 'tab\there' }, 'name'],
      ['POST', `/team/${store.rep.id}/keys`, { name: 42 }, 'name'],
      ['POST', `/team/${store.rep.id}/keys`, {}, 'name'],
      ['POST', `/team/${store.rep.id}/keys`, { name: 'ok', userId: store.owner.id }, 'userId'],
      ['PATCH', `/keys/${repKey}`, { name: 'ş'.repeat(61) }, 'name'],
      ['PATCH', `/keys/${repKey}`, { name: null }, 'name'],
      ['POST', `/team/${encodeURIComponent('bad id')}/keys`, { name: 'ok' }, 'userId'],
      ['PATCH', `/keys/${'a'.repeat(65)}`, { name: 'ok' }, 'id'],
      ['POST', `/keys/${encodeURIComponent("x' OR '1'='1")}/revoke`, undefined, 'id'],
    ]
    const users = await userCount(store)
    const keys = await keyCount(store)
    for (const [method, path, body, field] of cases) {
      const res = await admin(store.owner.key, method, path, body)
      const error = ((await res.json()) as any).error
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(422)
      expect(error.code).toBe('validation_failed')
      expect(
        error.issues.map((i: { path?: string }) => i.path),
        path,
      ).toContain(field)
    }
    for (const [method, path] of [
      ['POST', '/team/us_doesnotexist/keys'],
      ['PATCH', '/keys/ak_doesnotexist'],
      ['POST', '/keys/ak_doesnotexist/revoke'],
    ] as const) {
      const res = await admin(
        store.owner.key,
        method,
        path,
        method === 'PATCH' || path.endsWith('keys') ? { name: 'ok' } : undefined,
      )
      expect(res.status, path).toBe(404)
    }
    expect(await userCount(store)).toBe(users)
    expect(await keyCount(store)).toBe(keys)
    expect(await auditActions(store.siteId)).toEqual([])

    // The longest names are accepted.
    expect(
      (await admin(store.owner.key, 'POST', '/team', { ...person, name: 'a'.repeat(100) })).status,
    ).toBe(201)
    await createKey(store.owner.key, store.rep.id, 'ş'.repeat(60))
  })
})

describe('tenant isolation', () => {
  it("answers 404 for another store's people and keys on every team route, changing nothing", async () => {
    const victim = await seedStore()
    const intruder = await seedStore()
    const victimKey = await createKey(victim.owner.key, victim.rep.id, 'Kurban')
    const shared = { name: 'Ortak', email: 'shared@example.com', role: 'rep' }
    expect((await admin(victim.owner.key, 'POST', '/team', shared)).status).toBe(201)
    const [victimOwnerKey] = await keyIdsOf(victim, victim.owner.id)
    const before = await json<{ items: Member[] }>(admin(victim.owner.key, 'GET', '/team'))
    const victimKeys = await keyCount(victim)

    for (const bearer of [intruder.owner.key, intruder.rep.key]) {
      const attempts: [string, string, unknown?][] = [
        ['POST', `/team/${victim.rep.id}/keys`, { name: 'Benim' }],
        ['POST', `/team/${victim.owner.id}/keys`, { name: 'Benim' }],
        ['PATCH', `/keys/${victimKey.key.id}`, { name: 'Benim' }],
        ['PATCH', `/keys/${victimOwnerKey}`, { name: 'Benim' }],
        ['POST', `/keys/${victimKey.key.id}/revoke`],
        ['POST', `/keys/${victimOwnerKey}/revoke`],
      ]
      for (const [method, path, body] of attempts) {
        const res = await admin(bearer, method, path, body)
        expect(res.status, `${method} ${path}`).toBe(404)
      }
      const seen = await (await admin(bearer, 'GET', '/team')).text()
      for (const id of [victim.owner.id, victim.rep.id, victimKey.key.id, victimOwnerKey!]) {
        expect(seen).not.toContain(id)
      }
    }
    // An e-mail address a person of the victim's store has is free in the intruder's store.
    const fresh = await admin(intruder.owner.key, 'POST', '/team', {
      name: 'Kopya',
      email: 'shared@example.com',
      role: 'rep',
    })
    expect(fresh.status).toBe(201)

    expect(await json<{ items: Member[] }>(admin(victim.owner.key, 'GET', '/team'))).toEqual(before)
    expect(await keyCount(victim)).toBe(victimKeys)
    expect((await admin(victimKey.secret, 'GET', '/me')).status).toBe(200)
    expect(await auditActions(victim.siteId)).toHaveLength(2)
    expect(await auditActions(intruder.siteId)).toEqual([
      { action: 'user.created', targetId: ((await fresh.json()) as Member).id },
    ])
  })
})
