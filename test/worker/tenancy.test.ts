/** A key of one store can never read or change another store's data, on any admin route. */
import { describe, expect, it } from 'vitest'
import { admin, captureLead, count, seedStore } from './helpers'

describe('tenant isolation', () => {
  it('hides and protects every lead and contact route from another store', async () => {
    const victim = await seedStore()
    const intruder = await seedStore()
    const leadId = await captureLead(victim)
    const detail = (await (await admin(victim.owner.key, 'GET', `/leads/${leadId}`)).json()) as any
    const contactId = detail.contact.id
    const before = await count(
      'SELECT count(*) AS n FROM activities WHERE site_id = ?1',
      victim.siteId,
    )

    const attempts: [string, string, unknown?][] = [
      ['GET', `/leads/${leadId}`],
      ['POST', `/leads/${leadId}/move`, { to: 'deal', reason: 'x', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/close`, { outcome: 'won', reason: 'x', expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/assign`, { ownerId: intruder.rep.id, expectedVersion: 1 }],
      ['POST', `/leads/${leadId}/activities`, { type: 'note', body: 'x' }],
      ['GET', `/contacts/${contactId}`],
      ['PATCH', `/contacts/${contactId}`, { name: 'x', expectedVersion: 1 }],
    ]
    for (const key of [intruder.owner.key, intruder.rep.key]) {
      for (const [method, path, body] of attempts) {
        const res = await admin(key, method, path, body)
        expect(res.status, `${method} ${path}`).toBe(404)
      }
      const leads = (await (await admin(key, 'GET', '/leads?limit=100')).json()) as any
      expect(leads.items).toEqual([])
      const contacts = (await (await admin(key, 'GET', '/contacts?limit=100')).json()) as any
      expect(contacts.items).toEqual([])
      const search = (await (await admin(key, 'GET', '/leads?q=zeynep')).json()) as any
      expect(search.items).toEqual([])
    }
    const after = (await (await admin(victim.owner.key, 'GET', `/leads/${leadId}`)).json()) as any
    expect(after.lead).toMatchObject({ stage: 'lead', version: 1, ownerId: null })
    expect(
      await count('SELECT count(*) AS n FROM activities WHERE site_id = ?1', victim.siteId),
    ).toBe(before)
    expect(
      await count('SELECT count(*) AS n FROM activities WHERE site_id = ?1', intruder.siteId),
    ).toBe(0)
  })

  it('does not accept one store site key from another store origin', async () => {
    const a = await seedStore()
    const b = await seedStore()
    const { postLead, leadBody } = await import('./helpers')
    const res = await postLead(a, leadBody(a), { origin: b.origin })
    expect(res.status).toBe(403)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(await count('SELECT count(*) AS n FROM leads WHERE site_id = ?1', a.siteId)).toBe(0)
  })
})
