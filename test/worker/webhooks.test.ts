/**
 * Webhooks and the outbox through the admin API, and provider reports through the hooks:
 * owners manage endpoints, URLs the worker must not call are refused in production, test and
 * pipeline deliveries arrive signed, the delivery log and outbox list, detail and retry, and
 * Resend's and Verimor's reports land on the timeline only when authentic.
 */
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { signedHeaders, verify } from '../../worker/src/delivery'
import { deliverDue } from '../../worker/src/jobs/delivery'
import {
  controlFakes,
  createWebhook,
  inspectFakes,
  postHook,
  putSettings,
  queueEmail,
  receiverUrl,
  resetFakes,
  signedResendEvent,
} from './areas/delivery'
import { admin, call, captureLead, count, seedStore, type TestStore } from './helpers'

beforeEach(resetFakes)

/** An admin request with env overrides (e.g. without ALLOW_LOCAL_WEBHOOK_URLS, as deployed). */
function adminIn(
  overrides: { ALLOW_LOCAL_WEBHOOK_URLS?: string },
  key: string,
  method: string,
  path: string,
  body?: unknown,
) {
  return call(
    new Request(`https://leadline.test/admin/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    overrides,
  )
}

const json = async (res: Response) => (await res.json()) as any

async function contactTimeline(store: TestStore, leadId: string) {
  const lead = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))
  const contact = await json(await admin(store.rep.key, 'GET', `/contacts/${lead.contact.id}`))
  return { contactId: lead.contact.id as string, timeline: contact.timeline as any[] }
}

describe('webhook endpoints', () => {
  it('lets owners add, read, change and remove endpoints, showing the secret once', async () => {
    const store = await seedStore()
    const created = await admin(store.owner.key, 'POST', '/webhooks', {
      url: receiverUrl('crud'),
      description: 'CRM',
      events: ['lead.created', 'quote.accepted', 'lead.created'],
    })
    expect(created.status).toBe(201)
    const hook = await json(created)
    expect(hook).toMatchObject({
      url: receiverUrl('crud'),
      description: 'CRM',
      events: ['lead.created', 'quote.accepted'],
      status: 'active',
      disabledReason: null,
    })
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const list = await json(await admin(store.rep.key, 'GET', '/webhooks'))
    expect(list.items.map((w: any) => w.id)).toEqual([hook.id])
    expect(list.items[0].secret).toBeUndefined()
    expect(
      (await json(await admin(store.rep.key, 'GET', `/webhooks/${hook.id}`))).secret,
    ).toBeUndefined()

    const patched = await admin(store.owner.key, 'PATCH', `/webhooks/${hook.id}`, {
      description: null,
      events: ['*'],
      status: 'disabled',
    })
    expect(await json(patched)).toMatchObject({
      description: null,
      events: ['*'],
      status: 'disabled',
      disabledReason: 'Disabled by the owner.',
    })
    await env.DB.prepare('UPDATE webhooks SET gone_count = 2 WHERE id = ?1').bind(hook.id).run()
    await admin(store.owner.key, 'PATCH', `/webhooks/${hook.id}`, { status: 'active' })
    expect(await count('SELECT gone_count AS n FROM webhooks WHERE id = ?1', hook.id)).toBe(0)
    expect((await admin(store.owner.key, 'PATCH', `/webhooks/${hook.id}`, {})).status).toBe(422)

    // Removing it cancels what it had queued.
    const leadId = await captureLead(store)
    const queued = await env.DB.prepare(
      'SELECT id FROM outbox WHERE webhook_id = ?1 AND lead_id = ?2',
    )
      .bind(hook.id, leadId)
      .first<{ id: string }>()
    expect((await admin(store.owner.key, 'DELETE', `/webhooks/${hook.id}`)).status).toBe(204)
    expect((await admin(store.rep.key, 'GET', `/webhooks/${hook.id}`)).status).toBe(404)
    expect((await admin(store.owner.key, 'DELETE', `/webhooks/${hook.id}`)).status).toBe(404)
    expect(
      (await json(await admin(store.rep.key, 'GET', `/outbox/${queued!.id}`))).message,
    ).toMatchObject({
      status: 'cancelled',
      lastError: 'webhook_deleted',
    })
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE target_id = ?1 AND action LIKE 'webhook.%'",
        hook.id,
      ),
    ).toBe(4)
  })

  it('refuses reps every change, and other stores everything', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const hook = await createWebhook(store, 'owners')
    const attempts: [string, string, unknown?][] = [
      ['POST', '/webhooks', { url: receiverUrl('x'), events: ['*'] }],
      ['PATCH', `/webhooks/${hook.id}`, { description: 'x' }],
      ['DELETE', `/webhooks/${hook.id}`],
      ['POST', `/webhooks/${hook.id}/test`],
    ]
    for (const [method, path, body] of attempts) {
      const res = await admin(store.rep.key, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(403)
    }
    for (const [method, path, body] of attempts.slice(1)) {
      expect((await admin(other.owner.key, method, path, body)).status).toBe(404)
    }
    expect((await admin(other.owner.key, 'GET', `/webhooks/${hook.id}/deliveries`)).status).toBe(
      404,
    )
    expect(await count('SELECT count(*) AS n FROM webhooks WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
  })

  it('refuses URLs the worker must not call as deployed, on create and on change', async () => {
    const store = await seedStore()
    // wrangler.toml sets no ALLOW_LOCAL_WEBHOOK_URLS: the guard is on unless a variable says so.
    const prod = { ALLOW_LOCAL_WEBHOOK_URLS: undefined }
    for (const url of [
      'https://10.0.0.1/hook',
      'https://169.254.169.254/latest',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://metadata.google.internal/',
      'http://hooks.example.com/',
      receiverUrl('loopback'),
    ]) {
      const res = await adminIn(prod, store.owner.key, 'POST', '/webhooks', { url, events: ['*'] })
      expect(res.status, url).toBe(422)
      const body = await json(res)
      expect(
        body.error.issues.map((i: any) => i.path),
        url,
      ).toEqual(['url'])
    }
    const ok = await adminIn(prod, store.owner.key, 'POST', '/webhooks', {
      url: 'https://hooks.example.com/leadline',
      events: ['*'],
    })
    expect(ok.status).toBe(201)
    const id = (await json(ok)).id
    const change = await adminIn(prod, store.owner.key, 'PATCH', `/webhooks/${id}`, {
      url: 'https://192.168.1.10/',
    })
    expect(change.status).toBe(422)
    expect(await count('SELECT count(*) AS n FROM webhooks WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
  })
})

describe('deliveries', () => {
  it('sends a signed test delivery that verify() accepts, and refuses a tampered one', async () => {
    const store = await seedStore()
    const hook = await createWebhook(store, 'ping')
    const res = await admin(store.owner.key, 'POST', `/webhooks/${hook.id}/test`)
    expect(res.status).toBe(201)
    const { message, attempts } = await json(res)
    expect(message).toMatchObject({
      channel: 'webhook',
      eventType: 'webhook.test',
      status: 'delivered',
      attempts: 1,
    })
    expect(attempts).toMatchObject([{ attempt: 1, outcome: 'delivered', status: 200 }])
    const received = (await inspectFakes()).webhooks.find((w) => w.name === 'ping')!
    expect(received.id).toBe(message.id)
    expect(received.headers['user-agent']).toBe('Leadline-Webhooks/1')
    expect(JSON.parse(received.body)).toMatchObject({
      type: 'webhook.test',
      siteId: store.siteId,
      data: {},
    })
    const headers = new Headers(received.headers as Record<string, string>)
    const signed = signedHeaders(headers, 'webhook')
    expect(await verify(hook.secret, signed, received.body, new Date())).toBe(true)
    expect(
      await verify(
        hook.secret,
        signed,
        received.body.replace('webhook.test', 'lead.created'),
        new Date(),
      ),
    ).toBe(false)
    const detail = await json(await admin(store.rep.key, 'GET', `/outbox/${message.id}`))
    expect(detail).toEqual({ message, attempts })
  })

  it('answers a failing test delivery with its retry scheduled', async () => {
    const store = await seedStore()
    const hook = await createWebhook(store, 'down')
    await controlFakes({ status: { path: '/hooks/down', code: 503, times: 1 } })
    const { message, attempts } = await json(
      await admin(store.owner.key, 'POST', `/webhooks/${hook.id}/test`),
    )
    expect(message).toMatchObject({ status: 'pending', lastStatus: 503, attempts: 1 })
    expect(attempts).toMatchObject([{ outcome: 'retry', status: 503 }])
  })

  it('posts a captured lead as lead.created with the event id to a subscribed endpoint', async () => {
    const store = await seedStore()
    const hook = await createWebhook(store, 'pipeline', ['lead.created'])
    const other = await createWebhook(store, 'quotes-only', ['quote.accepted'])
    const leadId = await captureLead(store)
    const event = await env.DB.prepare(
      "SELECT id FROM events WHERE site_id = ?1 AND type = 'lead.created' AND lead_id = ?2",
    )
      .bind(store.siteId, leadId)
      .first<{ id: string }>()
    const { results } = await env.DB.prepare('SELECT id FROM outbox WHERE site_id = ?1')
      .bind(store.siteId)
      .all<{ id: string }>()
    await deliverDue(env, new Date(), { ids: results.map((r) => r.id) })
    const fakes = await inspectFakes()
    expect(fakes.webhooks.map((w) => w.name)).toEqual(['pipeline'])
    const payload = JSON.parse(fakes.webhooks[0]!.body)
    expect(payload).toMatchObject({ id: event!.id, type: 'lead.created', siteId: store.siteId })
    expect(payload.data).toMatchObject({ leadId, to: 'lead' })
    expect(fakes.webhooks[0]!.headers['webhook-signature']).toMatch(/^v1,/)

    const log = await json(await admin(store.rep.key, 'GET', `/webhooks/${hook.id}/deliveries`))
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({
      eventId: event!.id,
      eventType: 'lead.created',
      status: 'delivered',
      leadId,
    })
    expect(log.items[0].lastAttempt).toMatchObject({
      attempt: 1,
      outcome: 'delivered',
      status: 200,
    })
    expect(
      (await json(await admin(store.rep.key, 'GET', `/webhooks/${other.id}/deliveries`))).items,
    ).toEqual([])
  })

  it('pages the delivery log and the outbox newest first, with filters', async () => {
    const store = await seedStore()
    const hook = await createWebhook(store, 'pages')
    for (let i = 0; i < 3; i++) await admin(store.owner.key, 'POST', `/webhooks/${hook.id}/test`)
    const first = await json(
      await admin(store.rep.key, 'GET', `/webhooks/${hook.id}/deliveries?limit=2`),
    )
    expect(first.items).toHaveLength(2)
    const second = await json(
      await admin(
        store.rep.key,
        'GET',
        `/webhooks/${hook.id}/deliveries?limit=2&cursor=${first.nextCursor}`,
      ),
    )
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    const all = [...first.items, ...second.items]
    expect(new Set(all.map((m: any) => m.id)).size).toBe(3)
    expect(all.map((m: any) => m.createdAt)).toEqual(
      [...all.map((m: any) => m.createdAt)].sort().reverse(),
    )

    await queueEmail(store, 'x@example.com')
    const webhooks = await json(
      await admin(store.rep.key, 'GET', '/outbox?channel=webhook&status=delivered'),
    )
    expect(webhooks.items).toHaveLength(3)
    const emails = await json(await admin(store.rep.key, 'GET', '/outbox?channel=email'))
    expect(emails.items).toMatchObject([
      { status: 'pending', recipient: 'x@example.com', subject: expect.stringMatching(/^Konu /) },
    ])
    expect(
      (await json(await admin(store.rep.key, 'GET', `/outbox?webhook=${hook.id}`))).items,
    ).toHaveLength(3)
    expect((await admin(store.rep.key, 'GET', '/outbox?status=lost')).status).toBe(422)
    expect((await admin(store.rep.key, 'GET', '/outbox?cursor=garbage')).status).toBe(400)
  })

  it('retries failed and cancelled messages only, within the store', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const failed = await queueEmail(store, 'f@example.com')
    expect(await deliverDue(env, new Date(), { ids: [failed] })).toMatchObject({ failed: 1 }) // no provider
    expect((await admin(other.rep.key, 'POST', `/outbox/${failed}/retry`)).status).toBe(404)
    expect((await admin(other.rep.key, 'GET', `/outbox/${failed}`)).status).toBe(404)
    const retried = await admin(store.rep.key, 'POST', `/outbox/${failed}/retry`)
    expect(retried.status).toBe(200)
    expect(await json(retried)).toMatchObject({ status: 'pending', attempts: 0, lastError: null })
    const again = await admin(store.rep.key, 'POST', `/outbox/${failed}/retry`)
    expect(again.status).toBe(409)
    expect((await json(again)).error.message).toMatch(/pending/)
    await putSettings(store.siteId)
    expect(await deliverDue(env, new Date(), { ids: [failed] })).toMatchObject({ delivered: 1 })
    const detail = await json(await admin(store.rep.key, 'GET', `/outbox/${failed}`))
    expect(detail.attempts.map((a: any) => a.outcome)).toEqual(['failed', 'delivered'])
    expect((await admin(store.rep.key, 'POST', '/outbox/ms_nothing/retry')).status).toBe(404)
  })
})

describe('provider reports', () => {
  async function sentEmail(store: TestStore) {
    await putSettings(store.siteId)
    const leadId = await captureLead(store)
    const id = await queueEmail(store, 'zeynep.kaya@example.com', { leadId })
    await deliverDue(env, new Date(), { ids: [id] })
    const providerId = (await env.DB.prepare(
      'SELECT provider_message_id AS p FROM outbox WHERE id = ?1',
    )
      .bind(id)
      .first<{ p: string }>())!.p
    expect(providerId).toBeTruthy()
    return { leadId, id, providerId }
  }

  it("adds Resend's open to the contact timeline once, even when Resend sends it twice", async () => {
    const store = await seedStore()
    const { leadId, id, providerId } = await sentEmail(store)
    const event = await signedResendEvent(providerId, 'email.opened')
    const path = `/hooks/resend/${store.siteKey}`
    const res = await postHook(path, event.body, event.headers)
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ applied: 1 })
    expect(await json(await postHook(path, event.body, event.headers))).toEqual({ applied: 0 })
    const { timeline } = await contactTimeline(store, leadId)
    const opened = timeline.filter((a) => a.type === 'message_opened')
    expect(opened).toHaveLength(1)
    expect(opened[0].body).toMatchObject({ messageId: id, channel: 'email' })
    const ignored = await signedResendEvent(providerId, 'email.sent')
    expect(await json(await postHook(path, ignored.body, ignored.headers))).toEqual({ applied: 0 })
  })

  it('refuses bad signatures, old timestamps and unknown stores with a bare 401', async () => {
    const store = await seedStore()
    const { providerId } = await sentEmail(store)
    const path = `/hooks/resend/${store.siteKey}`
    const good = await signedResendEvent(providerId)
    const cases = [
      { ...good, body: good.body.replace('email.opened', 'email.clicked') },
      { ...good, headers: { ...good.headers, 'svix-signature': 'v1,AAAA' } },
      await signedResendEvent(providerId, 'email.opened', {
        at: new Date(Date.now() - 10 * 60_000),
      }),
      await signedResendEvent(providerId, 'email.opened', {
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      }),
    ]
    for (const c of cases) {
      const res = await postHook(path, c.body, c.headers)
      expect(res.status).toBe(401)
      expect(await json(res)).toEqual({
        error: { code: 'unauthorized', message: 'The request is not signed for this endpoint.' },
      })
    }
    expect(
      (await postHook(`/hooks/resend/pk_${'Z'.repeat(20)}`, good.body, good.headers)).status,
    ).toBe(401)
    const bare = await seedStore() // no webhook secret configured
    expect((await postHook(`/hooks/resend/${bare.siteKey}`, good.body, good.headers)).status).toBe(
      401,
    )
    expect(
      await count(
        "SELECT count(*) AS n FROM activities WHERE site_id = ?1 AND type LIKE 'message_c%'",
        store.siteId,
      ),
    ).toBe(0)
  })

  it('takes a bounce as a withdrawal of e-mail consent, so commercial mail stops', async () => {
    const store = await seedStore()
    const { leadId, providerId } = await sentEmail(store)
    const event = await signedResendEvent(providerId, 'email.bounced')
    expect(
      await json(await postHook(`/hooks/resend/${store.siteKey}`, event.body, event.headers)),
    ).toEqual({
      applied: 1,
    })
    const { contactId, timeline } = await contactTimeline(store, leadId)
    expect(timeline.some((a) => a.type === 'message_bounced')).toBe(true)
    const latest = await env.DB.prepare(
      "SELECT granted, text_version FROM consents WHERE contact_id = ?1 AND channel = 'email' ORDER BY created_at DESC, rowid DESC",
    )
      .bind(contactId)
      .first()
    expect(latest).toEqual({ granted: 0, text_version: 'bounce' })
    const commercial = await queueEmail(store, 'zeynep.kaya@example.com', {
      leadId,
      purpose: 'commercial',
    })
    await deliverDue(env, new Date(Date.now() + 1000), { ids: [commercial] })
    const skipped = await json(await admin(store.rep.key, 'GET', `/outbox/${commercial}`))
    expect(skipped.message.lastError).toBe('no_consent')
  })

  it("adds Verimor's delivery reports by our message id, behind the store's token", async () => {
    const store = await seedStore()
    await putSettings(store.siteId)
    const leadId = await captureLead(store)
    const id = await queueEmail(store, 'x@example.com', { leadId })
    await env.DB.prepare(
      "UPDATE outbox SET channel = 'sms', recipient = '+905321234567' WHERE id = ?1",
    )
      .bind(id)
      .run()
    const reports = JSON.stringify([
      {
        campaign_id: 9,
        campaign_custom_id: id,
        message_id: 91,
        dest: '905321234567',
        status: 'DELIVERED',
      },
      {
        campaign_id: 9,
        campaign_custom_id: id,
        message_id: 91,
        dest: '905321234567',
        status: 'WAITING',
      },
      { campaign_id: 9, campaign_custom_id: 'ms_elsewhere', status: 'DELIVERED' },
    ])
    const headers = { 'Content-Type': 'application/json' }
    const path = `/hooks/verimor/${store.siteKey}/${env.TEST_VERIMOR_REPORT_TOKEN}`
    expect(await json(await postHook(path, reports, headers))).toEqual({ applied: 1 })
    expect(await json(await postHook(path, reports, headers))).toEqual({ applied: 0 })
    const { timeline } = await contactTimeline(store, leadId)
    expect(timeline.filter((a) => a.type === 'message_delivered')).toHaveLength(1)
    const wrong = await postHook(`/hooks/verimor/${store.siteKey}/not-the-token`, reports, headers)
    expect(wrong.status).toBe(401)
    expect((await postHook(path, '{"not": "an array"}', headers)).status).toBe(422)
    expect((await postHook(path, '[{', headers)).status).toBe(400)
  })
})
