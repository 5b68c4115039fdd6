import { describe, expect, it } from 'vitest'
import { admin, captureLead, seedStore } from './helpers'

const json = async (res: Response) => (await res.json()) as any

describe('admin contacts', () => {
  it('lists contacts newest first with search and keyset pages', async () => {
    const store = await seedStore()
    for (let i = 0; i < 3; i++) {
      await captureLead(store, {
        fields: {
          name: `Ali ${i}`,
          email: `ali${i}@example.com`,
          company: i === 1 ? 'Şimşek A.Ş.' : 'Acme',
        },
      })
    }
    const page1 = await json(await admin(store.rep.key, 'GET', '/contacts?limit=2'))
    expect(page1.items.map((c: any) => c.name)).toEqual(['Ali 2', 'Ali 1'])
    const page2 = await json(
      await admin(store.rep.key, 'GET', `/contacts?limit=2&cursor=${page1.nextCursor}`),
    )
    expect(page2.items.map((c: any) => c.name)).toEqual(['Ali 0'])
    expect(page2.nextCursor).toBeNull()
    const found = await json(
      await admin(store.rep.key, 'GET', `/contacts?q=${encodeURIComponent('şimşek')}`),
    )
    expect(found.items.map((c: any) => c.name)).toEqual(['Ali 1'])
  })

  it('shows a contact with all their leads, consents and activities', async () => {
    const store = await seedStore()
    const first = await captureLead(store)
    const second = await captureLead(store, {
      consent: { version: '2026-01', channels: { sms: true } },
    })
    const lead = await json(await admin(store.rep.key, 'GET', `/leads/${first}`))
    const res = await admin(store.rep.key, 'GET', `/contacts/${lead.contact.id}`)
    expect(res.status).toBe(200)
    const detail = await json(res)
    expect(detail.leads.map((l: any) => l.id).sort()).toEqual([first, second].sort())
    expect(detail.consents).toHaveLength(6)
    expect(
      detail.consents
        .filter((c: any) => c.leadId === second && c.granted)
        .map((c: any) => c.channel),
    ).toEqual(['sms'])
    expect(detail.timeline.map((a: any) => a.type)).toEqual(['form_submitted', 'form_submitted'])
  })

  it('updates a contact guarded by its version, normalising e-mail and phone', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const { contact } = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))
    const res = await admin(store.rep.key, 'PATCH', `/contacts/${contact.id}`, {
      email: ' Yeni@Example.com ',
      phone: '0212 555 12 34',
      company: 'Kaya Holding',
      ownerId: store.rep.id,
      expectedVersion: contact.version,
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({
      email: 'yeni@example.com',
      phone: '+902125551234',
      company: 'Kaya Holding',
      ownerId: store.rep.id,
      version: contact.version + 1,
    })
    const stale = await admin(store.rep.key, 'PATCH', `/contacts/${contact.id}`, {
      name: 'X',
      expectedVersion: contact.version,
    })
    expect(stale.status).toBe(409)
    expect((await json(stale)).current.company).toBe('Kaya Holding')
  })

  it('refuses an e-mail that another contact already has', async () => {
    const store = await seedStore()
    await captureLead(store, { fields: { name: 'A', email: 'a@example.com' } })
    const b = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    const { contact } = await json(await admin(store.rep.key, 'GET', `/leads/${b}`))
    const res = await admin(store.rep.key, 'PATCH', `/contacts/${contact.id}`, {
      email: 'A@example.com',
      expectedVersion: contact.version,
    })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('conflict')
  })
})
