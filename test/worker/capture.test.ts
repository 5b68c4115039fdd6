import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  admin,
  captureLead,
  count,
  leadBody,
  postLead,
  recordRowsRead,
  seedBulkContacts,
  seedStore,
} from './helpers'

describe('POST /v1/leads', () => {
  it('stores a lead at stage lead with its contact, consent and UTM data', async () => {
    const store = await seedStore()
    const res = await postLead(store, leadBody(store))
    expect(res.status).toBe(201)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(store.origin)
    const created = (await res.json()) as { leadId: string; stage: string; channels: string[] }
    expect(created.stage).toBe('lead')
    expect(created.channels).toEqual(['email', 'phone'])

    const detail = await admin(store.rep.key, 'GET', `/leads/${created.leadId}`)
    expect(detail.status).toBe(200)
    const d = (await detail.json()) as any
    expect(d.lead.stage).toBe('lead')
    expect(d.lead.spam).toBe(false)
    expect(d.lead.source.utm).toEqual({ source: 'google', medium: 'cpc', campaign: 'kis-2026' })
    expect(d.contact.email).toBe('zeynep.kaya@example.com')
    expect(d.contact.phone).toBe('+905321234567')
    expect(d.consents.map((c: any) => [c.channel, c.granted, c.textVersion])).toEqual([
      ['email', true, '2026-01'],
      ['sms', false, '2026-01'],
      ['phone', true, '2026-01'],
    ])
    expect(d.stageEvents).toHaveLength(1)
    expect(d.stageEvents[0]).toMatchObject({
      from: null,
      to: 'lead',
      event: 'captured',
      actorType: 'visitor',
    })
    expect(d.timeline.map((a: any) => a.type)).toEqual(['form_submitted'])
  })

  it('attaches a second submission by the same person to the same contact', async () => {
    const store = await seedStore()
    const first = await captureLead(store)
    const second = await captureLead(store, {
      fields: {
        name: 'Zeynep K.',
        email: '  ZEYNEP.KAYA@example.com ',
        company: 'Kaya Tekstil A.Ş.',
      },
    })
    expect(second).not.toBe(first)
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
    expect(
      await count(
        'SELECT count(DISTINCT contact_id) AS n FROM leads WHERE site_id = ?1',
        store.siteId,
      ),
    ).toBe(1)
  })

  it('matches a phone-only submission to the contact with that phone', async () => {
    const store = await seedStore({ settings: { fields: [] } })
    await captureLead(store)
    await captureLead(store, { fields: { name: 'Zeynep', phone: '+90 (532) 123 45 67' } })
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
  })

  it('keeps people of different stores apart even with the same e-mail', async () => {
    const a = await seedStore()
    const b = await seedStore()
    await captureLead(a)
    await captureLead(b)
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', a.siteId)).toBe(1)
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', b.siteId)).toBe(1)
  })

  it('stores suspected spam flagged instead of dropping it', async () => {
    const store = await seedStore()
    const honeypot = await captureLead(store, { leadline_hp_7q: 'http://spam.example' })
    const fast = await captureLead(store, {
      elapsedMs: 300,
      fields: { name: 'Bot', email: 'bot@example.com' },
    })
    const rows = await env.DB.prepare(
      'SELECT id, spam, spam_reason FROM leads WHERE site_id = ?1 ORDER BY created_at',
    )
      .bind(store.siteId)
      .all<{ id: string; spam: number; spam_reason: string }>()
    const byId = Object.fromEntries(rows.results.map((r) => [r.id, r]))
    expect(byId[honeypot]).toMatchObject({ spam: 1, spam_reason: 'honeypot' })
    expect(byId[fast]).toMatchObject({ spam: 1, spam_reason: 'too_fast' })
  })

  it('records no consent for a channel the visitor did not tick, and says so', async () => {
    const store = await seedStore()
    const res = await postLead(
      store,
      leadBody(store, { consent: { version: '2026-01', channels: {} } }),
    )
    expect(res.status).toBe(201)
    expect(((await res.json()) as any).channels).toEqual([])
    expect(
      await count(
        'SELECT count(*) AS n FROM consents WHERE site_id = ?1 AND granted = 1',
        store.siteId,
      ),
    ).toBe(0)
  })

  it('reads a handful of rows per capture, however many contacts the store has', async () => {
    const store = await seedStore({ settings: { fields: [] } })
    await seedBulkContacts(store.siteId, 400)
    const { DB, rowsRead } = recordRowsRead(env.DB)
    const people = [
      { name: 'Yeni Kişi', email: 'yeni@example.com', phone: '0532 999 99 99' },
      { name: 'Bilinen E-posta', email: 'p2@example.com' },
      { name: 'Bilinen Telefon', phone: '0532 000 00 03' },
    ]
    for (const fields of people) {
      const res = await postLead(store, leadBody(store, { fields }), {}, { DB })
      expect(res.status).toBe(201)
    }
    expect(rowsRead).toHaveLength(3)
    // Each contact match is an index search; searching the store's contacts would read 400 rows
    // per match, four matches per capture.
    for (const n of rowsRead) expect(n).toBeLessThan(100)
    const contactOf = async (email: string | null, phone: string) =>
      (await env.DB.prepare(
        `SELECT c.id FROM leads l JOIN contacts c ON c.id = l.contact_id
          WHERE l.site_id = ?1 AND c.phone = ?2 AND c.email IS ?3`,
      )
        .bind(store.siteId, phone, email)
        .first<{ id: string }>())!.id
    expect(await contactOf('p2@example.com', '+905320000002')).toBe('ct_bulk2')
    expect(await contactOf(null, '+905320000003')).toBe('ct_bulk3')
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId)).toBe(
      401,
    )
  })
})
