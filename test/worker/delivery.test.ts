/**
 * The outbox dispatcher against the fake providers in workerd with real D1: exactly-once
 * delivery through failures and lost answers, backoff and Retry-After, dead letters, 410s,
 * send-time consent, leases and concurrent runs, missing providers.
 */
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { enqueueStatement, newMessageId } from '../../worker/src/db/outbox'
import { MAX_ATTEMPTS, signedHeaders, verify } from '../../worker/src/delivery'
import { deliverDue } from '../../worker/src/jobs/delivery'
import {
  controlFakes,
  createWebhook,
  inspectFakes,
  PROVIDER_SETTINGS,
  putSettings,
  queueEmail,
  resetFakes,
} from './areas/delivery'
import { admin, captureLead, count, seedStore, type TestStore } from './helpers'

const HOUR = 3_600_000
const half = () => 0.5
const inIds = 'id IN (SELECT value FROM json_each(?1))'

async function queueSms(
  store: TestStore,
  to: string,
  opts: { leadId?: string; purpose?: 'commercial' | 'transactional' } = {},
) {
  const id = newMessageId()
  const at = new Date().toISOString()
  await enqueueStatement(env.DB, {
    id,
    channel: 'sms',
    siteId: store.siteId,
    purpose: opts.purpose ?? 'transactional',
    dedupeKey: `test:${id}`,
    recipient: to,
    leadId: opts.leadId ?? null,
    payload: { locale: 'tr', text: `Randevunuz yarın 10:00 (${id})` },
    sendAt: at,
    at,
  }).run()
  return id
}

async function queueWebhook(store: TestStore, webhookId: string, sendAt = new Date()) {
  const id = newMessageId()
  const at = new Date().toISOString()
  const eventId = `ev_${id}`
  await enqueueStatement(env.DB, {
    id,
    channel: 'webhook',
    siteId: store.siteId,
    purpose: 'system',
    dedupeKey: `test:${id}`,
    recipient: 'ignored: the endpoint row has the URL',
    webhookId,
    eventId,
    payload: { id: eventId, type: 'lead.created', createdAt: at, siteId: store.siteId, data: {} },
    sendAt: sendAt.toISOString(),
    at,
  }).run()
  return id
}

interface Row {
  id: string
  channel: string
  status: string
  attempts: number
  last_status: number | null
  last_error: string | null
  next_attempt_at: string
  provider_message_id: string | null
}

async function rows(ids: string[]): Promise<Map<string, Row>> {
  const { results } = await env.DB.prepare(`SELECT * FROM outbox WHERE ${inIds}`)
    .bind(JSON.stringify(ids))
    .all<Row>()
  return new Map(results.map((r) => [r.id, r]))
}
const row = async (id: string) => (await rows([id])).get(id)!

async function attemptsOf(id: string) {
  const { results } = await env.DB.prepare(
    'SELECT attempt, outcome, status FROM delivery_attempts WHERE message_id = ?1 ORDER BY at, rowid',
  )
    .bind(id)
    .all<{ attempt: number; outcome: string; status: number | null }>()
  return results
}

/** Runs deliveries, 7 hours apart (past any backoff), until none of `ids` is open. */
async function drain(ids: string[], start = new Date(), maxRounds = MAX_ATTEMPTS + 2) {
  let now = start
  for (let round = 1; round <= maxRounds; round++) {
    await deliverDue(env, now, { ids, random: half, limit: 100 })
    const open = await count(
      `SELECT count(*) AS n FROM outbox WHERE ${inIds} AND status IN ('pending', 'sending')`,
      JSON.stringify(ids),
    )
    if (open === 0) return round
    now = new Date(now.getTime() + 7 * HOUR)
  }
  throw new Error(`messages still open after ${maxRounds} rounds`)
}

const timeline = async (leadId: string, type: string) =>
  count('SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = ?2', leadId, type)

async function providerStore() {
  const store = await seedStore()
  await putSettings(store.siteId)
  return store
}

beforeEach(resetFakes)

describe('exactly-once delivery through failures', () => {
  it('delivers 60 messages once each, or dead-letters them, through 20 % failures and 20 % lost answers', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store)
    const hook = await createWebhook(store, 'chaos')
    const email: string[] = []
    const sms: string[] = []
    const webhook: string[] = []
    for (let i = 0; i < 20; i++) {
      email.push(await queueEmail(store, `p${i}@example.com`, { leadId }))
      sms.push(await queueSms(store, `+9053212345${String(i).padStart(2, '0')}`, { leadId }))
      webhook.push(await queueWebhook(store, hook.id))
    }
    const all = [...email, ...sms, ...webhook]
    await controlFakes({ failRate: 0.2, lose: 0.2, seed: 7 })
    await drain(all)
    await controlFakes({ failRate: 0, lose: 0 })

    const state = await rows(all)
    const fakes = await inspectFakes()
    const delivered = all.filter((id) => state.get(id)!.status === 'delivered')
    for (const id of all) {
      const r = state.get(id)!
      expect(['delivered', 'failed'], id).toContain(r.status)
      if (r.status === 'failed') expect(r.attempts).toBe(MAX_ATTEMPTS)
      const attempts = await attemptsOf(id)
      expect(attempts.map((a) => a.attempt)).toEqual(
        Array.from({ length: r.attempts }, (_, i) => i + 1),
      )
      if (r.status === 'delivered') expect(attempts.at(-1)!.outcome).toBe('delivered')
    }
    for (const id of email) {
      const accepted = fakes.emails.filter((e) => e.idempotencyKey === id)
      expect(accepted.length).toBeLessThanOrEqual(1)
      if (state.get(id)!.status === 'delivered') {
        expect(accepted).toHaveLength(1)
        expect(state.get(id)!.provider_message_id).toBe(accepted[0]!.id)
      }
    }
    for (const id of sms) {
      const sent = fakes.sms.filter((s) => s.customId === id)
      expect(sent.map((s) => s.count)).toEqual(sent.length ? [1] : [])
      if (state.get(id)!.status === 'delivered') {
        expect(sent).toHaveLength(1)
        expect(state.get(id)!.provider_message_id).toBe(String(sent[0]!.campaigns[0]))
      }
    }
    const received = new Set(fakes.webhooksById.map((w) => w.id))
    for (const id of webhook) {
      if (state.get(id)!.status === 'delivered') expect(received.has(id), id).toBe(true)
    }
    expect(fakes.webhooksById.every((w) => webhook.includes(w.id!))).toBe(true)
    // The chaos happened: answers were lost and retried, and duplicates were absorbed.
    const outcomes = await count(
      `SELECT count(DISTINCT outcome) AS n FROM delivery_attempts WHERE site_id = ?1 AND outcome IN ('retry', 'unknown')`,
      store.siteId,
    )
    expect(outcomes).toBe(2)
    expect(fakes.requests.filter((r) => r.path === '/emails').length).toBeGreaterThan(
      fakes.emails.length,
    )
    // An SMS whose answer was lost is asked about (by custom_id) before any second send.
    for (const id of sms) {
      const outcomes = (await attemptsOf(id)).map((a) => a.outcome)
      const asked = fakes.requests.filter((r) => r.path === '/v2/status' && r.query.includes(id))
      if (outcomes.slice(0, -1).includes('unknown')) expect(asked.length, id).toBeGreaterThan(0)
      else expect(asked, id).toHaveLength(0)
    }
    for (const w of fakes.webhooks) {
      const signed = signedHeaders(new Headers(w.headers as Record<string, string>), 'webhook')
      const at = new Date(Number(signed.timestamp) * 1000)
      expect(await verify(hook.secret, signed, w.body, at)).toBe(true)
    }
    expect(delivered.length).toBeGreaterThanOrEqual(55)
    const personDelivered = delivered.filter((id) => !webhook.includes(id)).length
    expect(await timeline(leadId, 'message_sent')).toBe(personDelivered)
  })
})

describe('retries', () => {
  it('waits what a 429 Retry-After asks, then delivers', async () => {
    const store = await providerStore()
    const id = await queueEmail(store, 'r@example.com')
    await controlFakes({ status: { path: '/emails', code: 429, times: 1, retryAfter: 120 } })
    const t0 = new Date()
    expect(await deliverDue(env, t0, { ids: [id] })).toMatchObject({ claimed: 1, retried: 1 })
    expect(await row(id)).toMatchObject({
      status: 'pending',
      last_status: 429,
      next_attempt_at: new Date(t0.getTime() + 120_000).toISOString(),
    })
    expect((await deliverDue(env, new Date(t0.getTime() + 119_000), { ids: [id] })).claimed).toBe(0)
    expect(await deliverDue(env, new Date(t0.getTime() + 120_000), { ids: [id] })).toMatchObject({
      delivered: 1,
    })
    expect((await attemptsOf(id)).map((a) => [a.outcome, a.status])).toEqual([
      ['retry', 429],
      ['delivered', 200],
    ])
    expect((await inspectFakes()).emails.filter((e) => e.idempotencyKey === id)).toHaveLength(1)
  })

  it('retries a 500 with growing backoff and sends the SMS once', async () => {
    const store = await providerStore()
    const id = await queueSms(store, '+905321112233')
    await controlFakes({ status: { path: '/v2/send.json', code: 500, times: 2 } })
    const t0 = new Date()
    await deliverDue(env, t0, { ids: [id], random: half })
    expect((await row(id)).next_attempt_at).toBe(new Date(t0.getTime() + 22_500).toISOString())
    const t1 = new Date(t0.getTime() + 22_500)
    await deliverDue(env, t1, { ids: [id], random: half })
    expect((await row(id)).next_attempt_at).toBe(new Date(t1.getTime() + 45_000).toISOString())
    await deliverDue(env, new Date(t1.getTime() + 45_000), { ids: [id], random: half })
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 3 })
    const sent = (await inspectFakes()).sms.find((s) => s.customId === id)!
    expect(sent.count).toBe(1)
    expect(sent.body).toMatchObject({
      custom_id: id,
      is_commercial: false,
      source_addr: 'MAGAZA',
      datacoding: '1',
    })
    expect(sent.body.messages).toEqual([{ msg: expect.stringContaining(id), dest: '905321112233' }])
  })

  it('dead-letters after 8 attempts and raises message.failed to subscribed webhooks', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store)
    const watcher = await createWebhook(store, 'failures', ['message.failed'])
    const id = await queueEmail(store, 'dead@example.com', { leadId })
    await controlFakes({ status: { path: '/emails', code: 503, times: MAX_ATTEMPTS } })
    expect(await drain([id])).toBe(MAX_ATTEMPTS)
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 8, last_status: 503 })
    const outcomes = (await attemptsOf(id)).map((a) => a.outcome)
    expect(outcomes).toEqual([...Array(7).fill('retry'), 'failed'])
    const event = await env.DB.prepare(
      "SELECT id, data FROM events WHERE site_id = ?1 AND type = 'message.failed'",
    )
      .bind(store.siteId)
      .first<{ id: string; data: string }>()
    expect(JSON.parse(event!.data)).toMatchObject({ messageId: id, channel: 'email' })
    expect(await timeline(leadId, 'message_failed')).toBe(1)
    expect(
      await count(
        'SELECT count(*) AS n FROM outbox WHERE webhook_id = ?1 AND event_id = ?2',
        watcher.id,
        event!.id,
      ),
    ).toBe(1)
    expect((await inspectFakes()).emails).toHaveLength(0)
  })

  it('fails a refused e-mail at once', async () => {
    const store = await providerStore()
    const id = await queueEmail(store, 'refused@example.com')
    await controlFakes({ status: { path: '/emails', code: 422, times: 1 } })
    expect(await deliverDue(env, new Date(), { ids: [id] })).toMatchObject({ failed: 1 })
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 422 })
  })
})

describe('endpoints that are gone', () => {
  it('disables an endpoint after three 410s, audits it, tells the owner once, cancels the rest', async () => {
    const store = await providerStore()
    const hook = await createWebhook(store, 'gone', ['lead.created'])
    await controlFakes({ status: { path: '/hooks/gone', code: 410, times: 3 } })
    const ids = [
      await queueWebhook(store, hook.id),
      await queueWebhook(store, hook.id),
      await queueWebhook(store, hook.id),
    ]
    const later = await queueWebhook(store, hook.id, new Date(Date.now() + HOUR))
    expect(await deliverDue(env, new Date(), { ids })).toMatchObject({ claimed: 3, failed: 3 })
    const w = await env.DB.prepare('SELECT * FROM webhooks WHERE id = ?1')
      .bind(hook.id)
      .first<{ status: string; gone_count: number; disabled_reason: string }>()
    expect(w).toMatchObject({ status: 'disabled', gone_count: 3 })
    expect(w!.disabled_reason).toMatch(/410/)
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE target_id = ?1 AND action = 'webhook.disabled'",
        hook.id,
      ),
    ).toBe(1)
    const notices = await env.DB.prepare(
      "SELECT recipient, user_id, purpose, payload FROM outbox WHERE site_id = ?1 AND channel = 'email'",
    )
      .bind(store.siteId)
      .all<{ recipient: string; user_id: string; purpose: string; payload: string }>()
    expect(notices.results).toHaveLength(1)
    expect(notices.results[0]).toMatchObject({
      recipient: 'owner@example.com',
      user_id: store.owner.id,
      purpose: 'system',
    })
    expect(JSON.parse(notices.results[0]!.payload).subject).toBe(
      'Leadline: bir webhook adresi devre dışı bırakıldı',
    )
    expect(await row(later)).toMatchObject({ status: 'cancelled', last_error: 'webhook_disabled' })
    expect(await count('SELECT count(*) AS n FROM events WHERE site_id = ?1', store.siteId)).toBe(0)
  })

  it('starts the count of 410s afresh after a 2xx', async () => {
    const store = await providerStore()
    const hook = await createWebhook(store, 'flaky')
    await controlFakes({ status: { path: '/hooks/flaky', code: 410, times: 2 } })
    // Queued before the clock is read: a message queued a millisecond after `now` is not due.
    const sendOne = async () => {
      const id = await queueWebhook(store, hook.id)
      return deliverDue(env, new Date(), { ids: [id] })
    }
    expect(await sendOne()).toMatchObject({ failed: 1 })
    expect(await sendOne()).toMatchObject({ failed: 1 })
    const goneCount = () => count('SELECT gone_count AS n FROM webhooks WHERE id = ?1', hook.id)
    expect(await goneCount()).toBe(2)
    expect(await sendOne()).toMatchObject({ delivered: 1 })
    expect(await goneCount()).toBe(0)
    expect(
      (await (await admin(store.rep.key, 'GET', `/webhooks/${hook.id}`)).json()) as any,
    ).toMatchObject({
      status: 'active',
    })
  })
})

describe('consent at send time', () => {
  async function consent(
    store: TestStore,
    contactId: string,
    channel: string,
    granted: boolean,
    at: string,
  ) {
    await env.DB.prepare(
      `INSERT INTO consents (id, site_id, contact_id, lead_id, channel, granted, text_version, created_at)
       VALUES (?1, ?2, ?3, NULL, ?4, ?5, 'test', ?6)`,
    )
      .bind(`cs_${newMessageId()}`, store.siteId, contactId, channel, granted ? 1 : 0, at)
      .run()
  }
  async function contactOf(store: TestStore, leadId: string) {
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as any
    return detail.contact.id as string
  }
  async function bareContact(store: TestStore) {
    const id = `ct_${newMessageId()}`
    const at = new Date().toISOString()
    await env.DB.prepare(
      'INSERT INTO contacts (id, site_id, email, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)',
    )
      .bind(id, store.siteId, `${id}@example.com`, at)
      .run()
    return id
  }

  it('sends commercial mail to an opted-in contact, with one-click unsubscribe', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store) // consent: e-mail yes, SMS no
    const id = await queueEmail(store, 'zeynep.kaya@example.com', { leadId, purpose: 'commercial' })
    expect(await deliverDue(env, new Date(), { ids: [id] })).toMatchObject({ delivered: 1 })
    const sent = (await inspectFakes()).emails.find((e) => e.idempotencyKey === id)!
    expect(sent.headers).toEqual({
      'List-Unsubscribe': `<https://leadline.test/u/${id}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(sent.tags).toEqual([{ name: 'message_id', value: id }])
  })

  it('skips commercial SMS without opt-in, but sends a transactional one', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store)
    const commercial = await queueSms(store, '+905321234567', { leadId, purpose: 'commercial' })
    const transactional = await queueSms(store, '+905321234567', { leadId })
    const tally = await deliverDue(env, new Date(), { ids: [commercial, transactional] })
    expect(tally).toMatchObject({ cancelled: 1, delivered: 1 })
    expect(await row(commercial)).toMatchObject({ status: 'cancelled', last_error: 'no_consent' })
    expect((await attemptsOf(commercial)).map((a) => a.outcome)).toEqual(['skipped'])
    expect(await timeline(leadId, 'message_skipped')).toBe(1)
    expect((await inspectFakes()).sms.map((s) => s.customId)).toEqual([transactional])
  })

  it('respects an opt-out recorded after the message was queued', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store)
    const contactId = await contactOf(store, leadId)
    const id = await queueEmail(store, 'zeynep.kaya@example.com', { leadId, purpose: 'commercial' })
    await consent(store, contactId, 'email', false, new Date(Date.now() + 1000).toISOString())
    expect(await deliverDue(env, new Date(), { ids: [id] })).toMatchObject({ cancelled: 1 })
    expect(await row(id)).toMatchObject({ status: 'cancelled', last_error: 'no_consent' })
    expect((await inspectFakes()).requests.filter((r) => r.path === '/emails')).toHaveLength(0)
  })

  it('reads the latest consent by time, then by the order rows were written', async () => {
    const store = await providerStore()
    const none = await bareContact(store)
    const withdrawn = await bareContact(store)
    const regranted = await bareContact(store)
    const at = new Date().toISOString()
    await consent(store, withdrawn, 'email', true, at)
    await consent(store, withdrawn, 'email', false, at)
    await consent(store, regranted, 'email', false, at)
    await consent(store, regranted, 'email', true, at)
    const [a, b, c] = [
      await queueEmail(store, 'a@example.com', { contactId: none, purpose: 'commercial' }),
      await queueEmail(store, 'b@example.com', { contactId: withdrawn, purpose: 'commercial' }),
      await queueEmail(store, 'c@example.com', { contactId: regranted, purpose: 'commercial' }),
    ]
    await deliverDue(env, new Date(), { ids: [a, b, c] })
    const state = await rows([a, b, c])
    expect([a, b, c].map((id) => state.get(id)!.status)).toEqual([
      'cancelled',
      'cancelled',
      'delivered',
    ])
    // A contact without a lead gets the timeline row on the contact.
    expect(
      await count(
        "SELECT count(*) AS n FROM activities WHERE contact_id = ?1 AND lead_id IS NULL AND type = 'message_skipped'",
        none,
      ),
    ).toBe(1)
  })

  it('skips a commercial message of a sequence the lead has left', async () => {
    const store = await providerStore()
    const leadId = await captureLead(store)
    const contactId = await contactOf(store, leadId)
    const at = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO sequences (id, site_id, name, status, trigger, steps, created_at, updated_at)
         VALUES ('sq_left', ?1, 'x', 'active', '{"on":"manual"}', '[]', ?2, ?2)`,
      ).bind(store.siteId, at),
      env.DB.prepare(
        `INSERT INTO enrollments (id, site_id, sequence_id, lead_id, contact_id, status, enrolled_by, created_at, updated_at)
         VALUES (?1, ?2, 'sq_left', ?3, ?4, 'exited', 'user', ?5, ?5)`,
      ).bind(`en_${store.siteId}`, store.siteId, leadId, contactId, at),
    ])
    const id = newMessageId()
    await enqueueStatement(env.DB, {
      id,
      channel: 'email',
      siteId: store.siteId,
      purpose: 'commercial',
      dedupeKey: `test:${id}`,
      recipient: 'zeynep.kaya@example.com',
      leadId,
      enrollmentId: `en_${store.siteId}`,
      payload: { locale: 'tr', subject: 's', html: '<p>x</p>', text: 'x' },
      sendAt: at,
      at,
    }).run()
    await deliverDue(env, new Date(), { ids: [id] })
    expect(await row(id)).toMatchObject({ status: 'cancelled', last_error: 'enrollment_ended' })
  })
})

describe('claims', () => {
  it('takes over a message whose lease ran out, asking Verimor before sending it again', async () => {
    const store = await providerStore()
    const id = await queueSms(store, '+905329998877')
    // A run sent it and died before recording the answer.
    const sent = await fetch(`${env.FAKES_URL}/v2/send.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: env.TEST_VERIMOR_USER,
        password: env.TEST_VERIMOR_PASSWORD,
        source_addr: 'MAGAZA',
        custom_id: id,
        messages: [{ msg: 'x', dest: '905329998877' }],
      }),
    })
    expect(sent.status).toBe(200)
    const t0 = new Date()
    await env.DB.prepare(
      "UPDATE outbox SET status = 'sending', attempts = 1, lease_until = ?2 WHERE id = ?1",
    )
      .bind(id, new Date(t0.getTime() - 1000).toISOString())
      .run()
    expect(await deliverDue(env, t0, { ids: [id] })).toMatchObject({ claimed: 1, delivered: 1 })
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 2 })
    expect((await inspectFakes()).sms.find((s) => s.customId === id)!.count).toBe(1)
  })

  it('leaves a message alone while another run holds its lease', async () => {
    const store = await providerStore()
    const id = await queueEmail(store, 'held@example.com')
    const t0 = new Date()
    await env.DB.prepare(
      "UPDATE outbox SET status = 'sending', attempts = 1, lease_until = ?2 WHERE id = ?1",
    )
      .bind(id, new Date(t0.getTime() + 60_000).toISOString())
      .run()
    expect((await deliverDue(env, t0, { ids: [id] })).claimed).toBe(0)
    expect(await deliverDue(env, new Date(t0.getTime() + 60_000), { ids: [id] })).toMatchObject({
      claimed: 1,
      delivered: 1,
    })
  })

  it('never lets two concurrent runs send one message twice', async () => {
    const store = await providerStore()
    const hook = await createWebhook(store, 'race')
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      ids.push(await queueEmail(store, `race${i}@example.com`))
      ids.push(await queueSms(store, `+9053200000${String(i).padStart(2, '0')}`))
      ids.push(await queueWebhook(store, hook.id))
    }
    const now = new Date()
    const [a, b] = await Promise.all([
      deliverDue(env, now, { ids, concurrency: 3, limit: 15 }),
      deliverDue(env, now, { ids, concurrency: 3, limit: 15 }),
    ])
    expect([a.claimed, b.claimed]).toEqual([15, 15])
    expect(a.delivered + b.delivered).toBe(30)
    const fakes = await inspectFakes()
    const emailCalls = fakes.requests.filter((r) => r.path === '/emails')
    expect(emailCalls).toHaveLength(10)
    expect(new Set(emailCalls.map((r) => r.headers['idempotency-key'])).size).toBe(10)
    expect(fakes.sms.map((s) => s.count)).toEqual(Array(10).fill(1))
    expect(fakes.webhooks).toHaveLength(10)
    expect(new Set(fakes.webhooks.map((w) => w.id)).size).toBe(10)
    expect(
      await count(
        `SELECT count(*) AS n FROM delivery_attempts WHERE message_id IN (SELECT value FROM json_each(?1))`,
        JSON.stringify(ids),
      ),
    ).toBe(30)
  })

  it('does not take messages before their time', async () => {
    const store = await providerStore()
    const id = await queueWebhook(
      store,
      (await createWebhook(store, 'later')).id,
      new Date(Date.now() + HOUR),
    )
    expect((await deliverDue(env, new Date(), { ids: [id] })).claimed).toBe(0)
    expect((await row(id)).status).toBe('pending')
  })
})

describe('missing providers', () => {
  it('fails e-mail at once when the store has no e-mail provider, and says so', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const id = await queueEmail(store, 'nobody@example.com', { leadId })
    expect(await deliverDue(env, new Date(), { ids: [id] })).toMatchObject({ failed: 1 })
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'no_provider',
    })
    expect((await attemptsOf(id)).map((a) => a.outcome)).toEqual(['failed'])
    expect(await timeline(leadId, 'message_failed')).toBe(1)
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE site_id = ?1 AND type = 'message.failed'",
        store.siteId,
      ),
    ).toBe(1)
  })

  it('fails SMS naming the secret that is not set', async () => {
    const store = await seedStore()
    await putSettings(store.siteId, {
      ...PROVIDER_SETTINGS,
      sms: {
        provider: 'verimor',
        header: 'MAGAZA',
        usernameSecret: 'MISSING_VERIMOR_USER',
        passwordSecret: 'TEST_VERIMOR_PASSWORD',
        iysRecipientType: 'BIREYSEL',
      },
    })
    const id = await queueSms(store, '+905321234567')
    await deliverDue(env, new Date(), { ids: [id] })
    expect(await row(id)).toMatchObject({
      status: 'failed',
      last_error: 'provider_secret_missing: MISSING_VERIMOR_USER',
    })
    expect((await inspectFakes()).requests).toHaveLength(0)
  })
})
