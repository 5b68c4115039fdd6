/**
 * Pipeline events and what they cause, in the batch of the change: the event row, a webhook
 * message per subscribed endpoint, sequence exits and enrollments on stage changes, the quote's
 * link by e-mail, `quote.expired` once, and the one-click unsubscribe.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  putDeliverySettingsStatement,
  DEFAULT_DELIVERY_SETTINGS,
} from '../../worker/src/db/delivery-settings'
import { enqueueStatement, newMessageId } from '../../worker/src/db/outbox'
import { raiseQuoteExpiries } from '../../worker/src/jobs/quotes'
import { admin, call, captureLead, count, seedStore, type TestStore } from './helpers'

const BASE = 'https://leadline.test'
const json = async (res: Response) => (await res.json()) as any
const now = () => new Date().toISOString()

async function webhook(store: TestStore, events: string[]) {
  const id = `wh_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
  await env.DB.prepare(
    `INSERT INTO webhooks (id, site_id, url, events, secret, status, created_at, updated_at)
     VALUES (?1, ?2, 'https://hooks.example/leadline', ?3, 'whsec_dGVzdA==', 'active', ?4, ?4)`,
  )
    .bind(id, store.siteId, JSON.stringify(events), now())
    .run()
  return id
}

async function sequence(store: TestStore, triggerKey: string, channels = 'email') {
  const id = `sq_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
  await env.DB.prepare(
    `INSERT INTO sequences (id, site_id, name, status, trigger, trigger_key, steps, channels, created_at, updated_at)
     VALUES (?1, ?2, ?3, 'active', '{"on":"manual"}', ?3, '[]', ?4, ?5, ?5)`,
  )
    .bind(id, store.siteId, triggerKey, channels, now())
    .run()
  return id
}

const enrollments = (leadId: string) =>
  env.DB.prepare(
    'SELECT sequence_id, status, exit_reason FROM enrollments WHERE lead_id = ?1 ORDER BY created_at, rowid',
  )
    .bind(leadId)
    .all<{ sequence_id: string; status: string; exit_reason: string | null }>()
    .then((r) => r.results)

const version = async (store: TestStore, leadId: string) =>
  (await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))).lead.version as number

const move = async (store: TestStore, leadId: string, to: string, expectedVersion?: number) =>
  admin(store.rep.key, 'POST', `/leads/${leadId}/move`, {
    to,
    reason: 'talked on the phone',
    expectedVersion: expectedVersion ?? (await version(store, leadId)),
  })

describe('pipeline events', () => {
  it('records lead.created with the capture and queues it for each endpoint subscribed to it', async () => {
    const store = await seedStore()
    const all = await webhook(store, ['*'])
    const created = await webhook(store, ['lead.created'])
    await webhook(store, ['quote.sent'])
    const leadId = await captureLead(store)
    const events = await env.DB.prepare(
      'SELECT id, type, contact_id FROM events WHERE lead_id = ?1',
    )
      .bind(leadId)
      .all<{ id: string; type: string; contact_id: string | null }>()
    expect(events.results.map((e) => e.type)).toEqual(['lead.created'])
    expect(events.results[0]!.contact_id).not.toBeNull()
    const messages = await env.DB.prepare(
      `SELECT webhook_id, payload, status, purpose FROM outbox WHERE lead_id = ?1 AND channel = 'webhook' ORDER BY webhook_id`,
    )
      .bind(leadId)
      .all<{ webhook_id: string; payload: string; status: string; purpose: string }>()
    expect(messages.results.map((m) => m.webhook_id).sort()).toEqual([all, created].sort())
    for (const m of messages.results) {
      expect(m).toMatchObject({ status: 'pending', purpose: 'system' })
      expect(JSON.parse(m.payload)).toMatchObject({
        id: events.results[0]!.id,
        type: 'lead.created',
        siteId: store.siteId,
        data: { leadId, from: null, to: 'lead', event: 'captured' },
      })
    }
  })

  it('enrolls on entering a stage, exits on the next change, and does nothing for a move that lost', async () => {
    const store = await seedStore()
    const nurture = await sequence(store, 'stage:nurturing')
    const other = await sequence(store, 'stage:proposal')
    const hook = await webhook(store, ['lead.stage_changed'])
    const leadId = await captureLead(store)
    const stale = await version(store, leadId)
    expect((await move(store, leadId, 'nurturing', stale)).status).toBe(200)
    expect(await enrollments(leadId)).toEqual([
      { sequence_id: nurture, status: 'active', exit_reason: null },
    ])
    // A second move with the same (now stale) version loses: no event, no exit, no message.
    const before = await count('SELECT count(*) AS n FROM events WHERE lead_id = ?1', leadId)
    expect((await move(store, leadId, 'proposal', stale)).status).toBe(409)
    expect(await count('SELECT count(*) AS n FROM events WHERE lead_id = ?1', leadId)).toBe(before)
    expect((await enrollments(leadId))[0]!.status).toBe('active')
    // The audit row after the move still sees its own change (the batch's changes() chain).
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'moved'",
        store.siteId,
      ),
    ).toBe(1)

    expect((await move(store, leadId, 'meeting')).status).toBe(200)
    expect(await enrollments(leadId)).toEqual([
      { sequence_id: nurture, status: 'exited', exit_reason: 'meeting_booked' },
    ])
    expect((await move(store, leadId, 'proposal')).status).toBe(200)
    expect((await enrollments(leadId)).at(-1)).toEqual({
      sequence_id: other,
      status: 'active',
      exit_reason: null,
    })
    expect(
      await count(
        "SELECT count(*) AS n FROM outbox WHERE webhook_id = ?1 AND json_extract(payload, '$.type') = 'lead.stage_changed'",
        hook,
      ),
    ).toBe(3)
  })

  it('takes a lead out of its sequences when the rep logs a reply', async () => {
    const store = await seedStore()
    await sequence(store, 'stage:nurturing')
    const leadId = await captureLead(store)
    await move(store, leadId, 'nurturing')
    const outbound = await admin(store.rep.key, 'POST', `/leads/${leadId}/activities`, {
      type: 'email',
      body: 'Sent the catalogue',
      direction: 'outbound',
    })
    expect(outbound.status).toBe(201)
    expect((await enrollments(leadId))[0]!.status).toBe('active')
    await admin(store.rep.key, 'POST', `/leads/${leadId}/activities`, {
      type: 'email',
      body: 'They wrote back: interested',
      direction: 'inbound',
    })
    expect((await enrollments(leadId))[0]).toMatchObject({
      status: 'exited',
      exit_reason: 'replied',
    })
  })
})

describe('quote events and links', () => {
  it('e-mails the link of a sent quote when the store has a quote page, and forgets it on revoke', async () => {
    const store = await seedStore()
    await putDeliverySettingsStatement(
      env.DB,
      store.siteId,
      { ...DEFAULT_DELIVERY_SETTINGS, quotePageUrl: 'https://shop.example/teklif/' },
      now(),
    ).run()
    const hook = await webhook(store, ['quote.sent', 'quote.expired'])
    const leadId = await captureLead(store)
    const draft = await json(
      await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, {
        title: 'Toptan nevresim',
        currency: 'TRY',
        validUntil: '2030-01-01',
        sections: { problems: [], solutions: [], timeline: [], faq: [] },
        lines: [
          {
            name: 'Nevresim',
            unit: 'adet',
            quantityMilli: 1000,
            unitPriceMinor: 1000,
            taxRateBps: 2000,
          },
        ],
      }),
    )
    const sent = await json(await admin(store.rep.key, 'POST', `/quotes/${draft.id}/send`))
    const token = String(sent.url).match(/[A-Za-z0-9]{32}$/)![0]
    const link = `https://shop.example/teklif/?leadline_quote=${token}`
    // The link shown to the rep is the store's own quote page, the one the e-mail carries.
    expect(sent.url).toBe(link)
    const row = await env.DB.prepare('SELECT message_link FROM quotes WHERE id = ?1')
      .bind(draft.id)
      .first<{ message_link: string }>()
    expect(row!.message_link).toBe(link)
    const mail = await env.DB.prepare(
      "SELECT recipient, purpose, payload FROM outbox WHERE lead_id = ?1 AND channel = 'email'",
    )
      .bind(leadId)
      .first<{ recipient: string; purpose: string; payload: string }>()
    expect(mail).toMatchObject({ recipient: 'zeynep.kaya@example.com', purpose: 'transactional' })
    expect(JSON.parse(mail!.payload).html).toContain(`href="${link.replace(/&/g, '&amp;')}"`)
    expect(await count('SELECT count(*) AS n FROM outbox WHERE webhook_id = ?1', hook)).toBe(1)

    // Once its date has passed, the clock raises quote.expired once.
    const later = new Date('2030-01-03T00:00:00Z')
    expect(await raiseQuoteExpiries(env.DB, later)).toBeGreaterThanOrEqual(1)
    expect(await raiseQuoteExpiries(env.DB, later)).toBe(0)
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE lead_id = ?1 AND type = 'quote.expired'",
        leadId,
      ),
    ).toBe(1)
    expect(await count('SELECT count(*) AS n FROM outbox WHERE webhook_id = ?1', hook)).toBe(2)

    expect((await admin(store.rep.key, 'POST', `/quotes/${draft.id}/revoke`)).status).toBe(200)
    const revoked = await env.DB.prepare('SELECT message_link FROM quotes WHERE id = ?1')
      .bind(draft.id)
      .first<{ message_link: string | null }>()
    expect(revoked!.message_link).toBeNull()
  })
})

describe('one-click unsubscribe', () => {
  async function commercialEmail(store: TestStore, leadId: string) {
    const id = newMessageId()
    await enqueueStatement(env.DB, {
      id,
      siteId: store.siteId,
      channel: 'email',
      purpose: 'commercial',
      dedupeKey: `test:${id}`,
      recipient: 'zeynep.kaya@example.com',
      leadId,
      payload: { locale: 'tr', subject: 'Merhaba', html: '<p>Merhaba</p>', text: 'Merhaba' },
      sendAt: now(),
      at: now(),
    }).run()
    return id
  }

  it('asks on GET, unsubscribes on POST once, and ends what would send more on that channel', async () => {
    const store = await seedStore()
    const emailSequence = await sequence(store, 'stage:nurturing', 'email')
    const smsSequence = await sequence(store, 'stage:nurturing', 'sms')
    const leadId = await captureLead(store)
    await move(store, leadId, 'nurturing')
    const sent = await commercialEmail(store, leadId)
    const queued = await commercialEmail(store, leadId)
    await env.DB.prepare("UPDATE outbox SET status = 'delivered' WHERE id = ?1").bind(sent).run()

    const page = await call(new Request(`${BASE}/u/${sent}`))
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('<form method="post">')
    expect(html).not.toContain('<script')
    expect(
      await count(
        "SELECT count(*) AS n FROM consents WHERE lead_id = ?1 AND channel = 'email' AND granted = 0",
        leadId,
      ),
    ).toBe(0)

    const oneClick = () =>
      call(
        new Request(`${BASE}/u/${sent}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        }),
      )
    expect((await oneClick()).status).toBe(200)
    expect((await oneClick()).status).toBe(200)
    const withdrawals = await env.DB.prepare(
      "SELECT channel, text_version FROM consents WHERE lead_id = ?1 AND channel = 'email' AND granted = 0",
    )
      .bind(leadId)
      .all()
    expect(withdrawals.results).toEqual([{ channel: 'email', text_version: 'unsubscribe' }])
    const states = Object.fromEntries(
      (await enrollments(leadId)).map((e) => [e.sequence_id, [e.status, e.exit_reason]]),
    )
    expect(states).toEqual({
      [emailSequence]: ['exited', 'unsubscribed'],
      [smsSequence]: ['active', null],
    })
    const status = await env.DB.prepare('SELECT status, last_error FROM outbox WHERE id = ?1')
      .bind(queued)
      .first()
    expect(status).toEqual({ status: 'cancelled', last_error: 'unsubscribed' })
    expect(
      await count(
        "SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'unsubscribed'",
        leadId,
      ),
    ).toBe(1)

    const unknown = await call(new Request(`${BASE}/u/ms_${'x'.repeat(32)}`, { method: 'POST' }))
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('Content-Type')).toMatch(/^text\/html/)
  })
})
