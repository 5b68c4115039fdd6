import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, captureLead, count, seedStore } from './helpers'

const json = async (res: Response) => (await res.json()) as any

describe('admin leads', () => {
  it('needs a valid key', async () => {
    const store = await seedStore()
    expect((await admin('sk_' + 'x'.repeat(40), 'GET', '/leads')).status).toBe(401)
    expect((await admin(store.rep.key.slice(0, -1), 'GET', '/leads')).status).toBe(401)
    const res = await admin(store.rep.key, 'GET', '/me')
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({
      user: { role: 'rep', id: store.rep.id },
      site: { siteKey: store.siteKey },
    })
  })

  it('refuses a revoked key', async () => {
    const store = await seedStore()
    await env.DB.prepare(
      "UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00Z' WHERE user_id = ?1",
    )
      .bind(store.rep.id)
      .run()
    expect((await admin(store.rep.key, 'GET', '/leads')).status).toBe(401)
  })

  it('lists with filters, text search and keyset pages', async () => {
    const store = await seedStore()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(
        await captureLead(store, {
          fields: {
            name: `Kişi ${i}`,
            email: `kisi${i}@example.com`,
            company: i === 3 ? 'Özel 50%_Ltd' : 'Acme',
          },
        }),
      )
    }
    const first = await json(
      await admin(store.rep.key, 'GET', '/leads?limit=2&sort=created_at&order=asc'),
    )
    expect(first.items.map((l: any) => l.id)).toEqual(ids.slice(0, 2))
    const second = await json(
      await admin(
        store.rep.key,
        'GET',
        `/leads?limit=2&sort=created_at&order=asc&cursor=${first.nextCursor}`,
      ),
    )
    expect(second.items.map((l: any) => l.id)).toEqual(ids.slice(2, 4))
    const third = await json(
      await admin(
        store.rep.key,
        'GET',
        `/leads?limit=2&sort=created_at&order=asc&cursor=${second.nextCursor}`,
      ),
    )
    expect(third.items.map((l: any) => l.id)).toEqual(ids.slice(4))
    expect(third.nextCursor).toBeNull()

    const desc = await json(await admin(store.rep.key, 'GET', '/leads?limit=100'))
    expect(desc.items.map((l: any) => l.id)).toEqual([...ids].reverse())

    const search = await json(
      await admin(store.rep.key, 'GET', `/leads?q=${encodeURIComponent('50%_')}`),
    )
    expect(search.items.map((l: any) => l.id)).toEqual([ids[3]])
    expect(search.items[0].contact).toMatchObject({ name: 'Kişi 3', company: 'Özel 50%_Ltd' })
    const byEmail = await json(await admin(store.rep.key, 'GET', '/leads?q=KISI1@'))
    expect(byEmail.items.map((l: any) => l.id)).toEqual([ids[1]])

    await admin(store.rep.key, 'POST', `/leads/${ids[0]}/close`, {
      outcome: 'won',
      reason: 'signed',
      expectedVersion: 1,
    })
    await admin(store.rep.key, 'POST', `/leads/${ids[1]}/assign`, {
      ownerId: store.rep.id,
      expectedVersion: 1,
    })
    const won = await json(await admin(store.rep.key, 'GET', '/leads?status=won'))
    expect(won.items.map((l: any) => l.id)).toEqual([ids[0]])
    const open = await json(await admin(store.rep.key, 'GET', '/leads?status=open&limit=100'))
    expect(open.items).toHaveLength(4)
    const atLead = await json(await admin(store.rep.key, 'GET', '/leads?stage=lead&limit=100'))
    expect(atLead.items).toHaveLength(4)
    const mine = await json(await admin(store.rep.key, 'GET', `/leads?owner=${store.rep.id}`))
    expect(mine.items.map((l: any) => l.id)).toEqual([ids[1]])
    const unowned = await json(await admin(store.rep.key, 'GET', '/leads?owner=none&limit=100'))
    expect(unowned.items).toHaveLength(4)
  })

  it('sorts by value and by time in stage through the allowlist', async () => {
    const store = await seedStore()
    const a = await captureLead(store, { fields: { name: 'A', email: 'a@example.com' } })
    const b = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    await env.DB.prepare('UPDATE leads SET value_minor = 500000 WHERE id = ?1').bind(a).run()
    const byValue = await json(await admin(store.rep.key, 'GET', '/leads?sort=value&order=desc'))
    expect(byValue.items.map((l: any) => l.id)).toEqual([a, b])
    const res = await admin(store.rep.key, 'GET', '/leads?sort=contact_id')
    expect(res.status).toBe(422)
  })

  it('moves a lead with a reason and records the event, the timeline and the audit row', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    const res = await admin(store.rep.key, 'POST', `/leads/${id}/move`, {
      to: 'meeting',
      reason: 'called, wants a demo',
      expectedVersion: 1,
    })
    expect(res.status).toBe(200)
    const lead = await json(res)
    expect(lead).toMatchObject({ stage: 'meeting', probability: 40, version: 2, status: 'open' })
    const detail = await json(await admin(store.rep.key, 'GET', `/leads/${id}`))
    expect(
      detail.stageEvents.map((e: any) => [e.from, e.to, e.event, e.reason, e.actorId]),
    ).toEqual([
      [null, 'lead', 'captured', null, null],
      ['lead', 'meeting', 'moved', 'called, wants a demo', store.rep.id],
    ])
    expect(detail.timeline.map((a: any) => a.type)).toEqual(['stage_changed', 'form_submitted'])
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'moved'",
        store.siteId,
      ),
    ).toBe(1)
  })

  it('closes won or lost with a reason and can reopen', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    const lost = await json(
      await admin(store.rep.key, 'POST', `/leads/${id}/close`, {
        outcome: 'lost',
        reason: 'budget',
        expectedVersion: 1,
      }),
    )
    expect(lost).toMatchObject({
      stage: 'lost',
      status: 'lost',
      closeReason: 'budget',
      probability: 0,
    })
    const reopened = await json(
      await admin(store.rep.key, 'POST', `/leads/${id}/move`, {
        to: 'nurturing',
        reason: 'new budget',
        expectedVersion: 2,
      }),
    )
    expect(reopened).toMatchObject({ stage: 'nurturing', status: 'open', closeReason: null })
    const same = await admin(store.rep.key, 'POST', `/leads/${id}/move`, {
      to: 'nurturing',
      reason: 'again',
      expectedVersion: 3,
    })
    expect(same.status).toBe(422)
  })

  it('answers 409 with the current lead when the version is stale, and writes nothing', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    await admin(store.rep.key, 'POST', `/leads/${id}/move`, {
      to: 'qualification',
      reason: 'r',
      expectedVersion: 1,
    })
    const res = await admin(store.owner.key, 'POST', `/leads/${id}/move`, {
      to: 'deal',
      reason: 'r',
      expectedVersion: 1,
    })
    expect(res.status).toBe(409)
    const body = await json(res)
    expect(body.error.code).toBe('conflict')
    expect(body.current).toMatchObject({ id, stage: 'qualification', version: 2 })
    expect(await count('SELECT count(*) AS n FROM stage_events WHERE lead_id = ?1', id)).toBe(2)
  })

  it('lets exactly one of two concurrent moves win', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    const results = await Promise.all([
      admin(store.rep.key, 'POST', `/leads/${id}/move`, {
        to: 'meeting',
        reason: 'rep A',
        expectedVersion: 1,
      }),
      admin(store.owner.key, 'POST', `/leads/${id}/close`, {
        outcome: 'lost',
        reason: 'owner B',
        expectedVersion: 1,
      }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const loser = await json(results.find((r) => r.status === 409)!)
    const winner = await json(results.find((r) => r.status === 200)!)
    expect(loser.current).toMatchObject({ stage: winner.stage, version: 2 })
    expect(await count('SELECT count(*) AS n FROM stage_events WHERE lead_id = ?1', id)).toBe(2)
    expect(
      await count(
        "SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'stage_changed'",
        id,
      ),
    ).toBe(1)
    expect(
      await count('SELECT count(*) AS n FROM audit_log WHERE site_id = ?1', store.siteId),
    ).toBe(1)
  })

  it('assigns an owner of the same store only', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const id = await captureLead(store)
    const bad = await admin(store.owner.key, 'POST', `/leads/${id}/assign`, {
      ownerId: other.rep.id,
      expectedVersion: 1,
    })
    expect(bad.status).toBe(422)
    const ok = await json(
      await admin(store.owner.key, 'POST', `/leads/${id}/assign`, {
        ownerId: store.rep.id,
        expectedVersion: 1,
      }),
    )
    expect(ok).toMatchObject({ ownerId: store.rep.id, version: 2 })
    const cleared = await json(
      await admin(store.owner.key, 'POST', `/leads/${id}/assign`, {
        ownerId: null,
        expectedVersion: 2,
      }),
    )
    expect(cleared.ownerId).toBeNull()
  })

  it('adds notes and logged calls and e-mails to the timeline, once per Idempotency-Key', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    const note = await admin(store.rep.key, 'POST', `/leads/${id}/activities`, {
      type: 'note',
      body: '<b>VIP</b> müşteri',
    })
    expect(note.status).toBe(201)
    await admin(store.rep.key, 'POST', `/leads/${id}/activities`, {
      type: 'call',
      body: 'Aradım',
      direction: 'outbound',
      durationMinutes: 12,
    })
    const detail = await json(await admin(store.rep.key, 'GET', `/leads/${id}`))
    expect(detail.timeline[0]).toMatchObject({
      type: 'call',
      body: { body: 'Aradım', direction: 'outbound', durationMinutes: 12 },
      actorType: 'user',
      actorId: store.rep.id,
    })
    expect(detail.timeline[1]).toMatchObject({ type: 'note', body: { body: '<b>VIP</b> müşteri' } })

    const headers = {
      Authorization: `Bearer ${store.rep.key}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'note-retry-0001',
    }
    const send = () =>
      import('./helpers').then(({ call }) =>
        call(
          new Request(`https://leadline.test/admin/api/leads/${id}/activities`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ type: 'email', body: 'Teklif gönderildi' }),
          }),
        ),
      )
    const [r1, r2] = [await send(), await send()]
    expect(r1.status).toBe(201)
    expect(r2.status).toBe(201)
    expect(r2.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(r2)).toEqual(await json(r1))
    expect(
      await count("SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'email'", id),
    ).toBe(1)
  })

  it('answers 404 for an unknown lead', async () => {
    const store = await seedStore()
    expect((await admin(store.rep.key, 'GET', '/leads/ld_nothere')).status).toBe(404)
    expect(
      (
        await admin(store.rep.key, 'POST', '/leads/ld_nothere/activities', {
          type: 'note',
          body: 'x',
        })
      ).status,
    ).toBe(404)
  })
})
