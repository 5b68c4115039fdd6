/**
 * The sequence runner against real stores: steps run in order at their times in the contact's
 * zone, messages are rendered and queued once (also when two runners race), quiet hours and the
 * frequency cap hold sends back, missing addresses and consents skip them, closed leads exit,
 * webhook and enroll steps, and stalled quotes enroll their leads once.
 */
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { runNurture } from '../../worker/src/jobs/nurture'
import { publicUrl } from '../../worker/src/env'
import { WORKER_TEXTS } from '../../worker/src/i18n/messages'
import { SETTINGS, SMS_TEMPLATE, makeSequence, makeTemplate } from './areas/nurture'
import {
  admin,
  captureLead,
  count,
  guardParams,
  seedStore,
  visitor,
  type TestStore,
} from './helpers'

const json = async (res: Response) => (await res.json()) as any
const run = (at: string) => runNurture({ ...env, DB: guardParams(env.DB) }, new Date(at))
const plus = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString()
const DAY = 86_400_000

// Every test's stores: their enrollments end after the test, so a later test's run at a later
// time does not pick them up and its counts are its own.
const stores: TestStore[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) {
    await env.DB.prepare(
      "UPDATE enrollments SET status = 'exited', next_run_at = NULL WHERE site_id = ?1 AND status = 'active'",
    )
      .bind(s.siteId)
      .run()
  }
})

/** A store with delivery settings and a lead owned by the rep, consenting to e-mail and SMS. */
async function setup(
  settings: object = SETTINGS,
  fields: Record<string, string> = {},
  channels = { email: true, sms: true, phone: true },
) {
  const store = await seedStore()
  stores.push(store)
  expect((await admin(store.owner.key, 'PUT', '/messaging/settings', settings)).status).toBe(200)
  const leadId = await captureLead(store, {
    fields: {
      name: 'Zeynep <Kaya>',
      email: 'zeynep@example.com',
      phone: '0532 123 45 67',
      ...fields,
    },
    consent: { version: '2026-01', channels },
  })
  const assigned = await admin(store.rep.key, 'POST', `/leads/${leadId}/assign`, {
    ownerId: store.rep.id,
    expectedVersion: 1,
  })
  expect(assigned.status).toBe(200)
  return { store, leadId }
}

const enroll = async (store: TestStore, sequenceId: string, leadId: string, startAt: string) => {
  const res = await admin(store.rep.key, 'POST', `/sequences/${sequenceId}/enrollments`, {
    leadId,
    startAt,
  })
  expect(res.status).toBe(201)
  return (await json(res)).id as string
}

const enrollment = (id: string) =>
  env.DB.prepare(
    'SELECT status, step, next_run_at, lease_until, exit_reason, enrolled_by FROM enrollments WHERE id = ?1',
  )
    .bind(id)
    .first<Record<string, unknown>>()

const outbox = async (siteId: string) =>
  (
    await env.DB.prepare('SELECT * FROM outbox WHERE site_id = ?1 ORDER BY created_at, channel')
      .bind(siteId)
      .all<Record<string, any>>()
  ).results.map((r): Record<string, any> => ({ ...r, payload: JSON.parse(r.payload) }))

const timeline = async (store: TestStore, leadId: string) =>
  (await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))).timeline as any[]

const sequence = (steps: object[], trigger: object = { on: 'manual' }) => ({
  name: 'Besleme',
  trigger,
  steps,
})

describe('the sequence runner', () => {
  it('sends, waits in the contact’s zone, sends again, makes a task and completes', async () => {
    const { store, leadId } = await setup()
    await env.DB.prepare(
      "UPDATE contacts SET time_zone = 'Europe/Berlin' WHERE id = (SELECT contact_id FROM leads WHERE id = ?1)",
    )
      .bind(leadId)
      .run()
    const [email, sms] = [await makeTemplate(store), await makeTemplate(store, SMS_TEMPLATE)]
    const seq = await makeSequence(
      store,
      sequence([
        { kind: 'send', channel: 'email', templateId: email },
        { kind: 'wait', amount: 2, unit: 'days' },
        { kind: 'send', channel: 'sms', templateId: sms },
        { kind: 'task', title: 'Teklifi sorun', dueInHours: 24 },
      ]),
    )
    // Friday 10:00 in Berlin; daylight saving starts on the Sunday.
    const t0 = '2030-03-29T09:00:00.000Z'
    const e = await enroll(store, seq, leadId, t0)

    expect(await run(plus(t0, -60_000))).toMatchObject({ enrollments: 0, sends: 0 })
    expect(await outbox(store.siteId)).toEqual([])

    expect(await run(t0)).toEqual({
      enrollments: 1,
      sends: 1,
      tasks: 0,
      webhooks: 0,
      completed: 0,
      deferred: 0,
    })
    const [mail] = await outbox(store.siteId)
    expect(mail).toMatchObject({
      channel: 'email',
      purpose: 'commercial',
      status: 'pending',
      recipient: 'zeynep@example.com',
      dedupe_key: `seq:${e}:0`,
      enrollment_id: e,
      lead_id: leadId,
      next_attempt_at: t0,
    })
    expect(mail!.id).toMatch(/^ms_/)
    expect(mail!.payload.locale).toBe('tr')
    expect(mail!.payload.subject).toBe('Zeynep, Test Mağaza size yazıyor')
    expect(mail!.payload.html).not.toContain('<Kaya>')
    expect(mail!.payload.html).toMatch(/Zeynep (&lt;|&#60;)Kaya(&gt;|&#62;)/)
    expect(mail!.payload.html).toContain(`${publicUrl(env)}/u/${mail!.id}`)
    expect(mail!.payload.html).toContain('href="https://shop.example/randevu"')
    expect(mail!.payload.text).toContain(WORKER_TEXTS.tr.emailFooter('Test Mağaza'))
    // Two local days: 47 hours, as the clocks go forward in between.
    const wake = '2030-03-31T08:00:00.000Z'
    expect(await enrollment(e)).toMatchObject({ step: 2, next_run_at: wake, lease_until: null })

    expect(await run(plus(wake, -60_000))).toMatchObject({ enrollments: 0 })
    expect(await outbox(store.siteId)).toHaveLength(1)

    expect(await run(wake)).toMatchObject({ enrollments: 1, sends: 1, tasks: 1, completed: 1 })
    const text = (await outbox(store.siteId)).find((m) => m.channel === 'sms')!
    expect(text).toMatchObject({ recipient: '+905321234567', dedupe_key: `seq:${e}:2` })
    expect(text.payload.text).toBe(
      `Merhaba Zeynep, Mehmet Rep arayacak.\nİptal: ${publicUrl(env)}/u/${text.id}`,
    )
    const task = await env.DB.prepare('SELECT * FROM tasks WHERE site_id = ?1')
      .bind(store.siteId)
      .first()
    expect(task).toMatchObject({
      lead_id: leadId,
      assignee_id: store.rep.id,
      title: 'Teklifi sorun',
      due_at: plus(wake, DAY),
      dedupe_key: `seq:${e}:3`,
    })
    expect(await enrollment(e)).toMatchObject({ status: 'completed', next_run_at: null })
    const created = (await timeline(store, leadId)).filter((a) => a.type === 'task_created')
    expect(created).toHaveLength(1)
    expect(await run(plus(wake, DAY))).toMatchObject({ enrollments: 0 })
  })

  it('queues a step once when two runners race for the same instant', async () => {
    const { store, leadId } = await setup()
    const seq = await makeSequence(
      store,
      sequence([
        { kind: 'send', channel: 'email', templateId: await makeTemplate(store) },
        { kind: 'task', title: 'Arayın' },
      ]),
    )
    const at = '2030-05-06T09:00:00.000Z'
    const e = await enroll(store, seq, leadId, at)
    const [a, b] = await Promise.all([run(at), run(at)])
    expect(a.enrollments + b.enrollments).toBe(1)
    expect(a.sends + b.sends).toBe(1)
    expect(await outbox(store.siteId)).toHaveLength(1)
    expect(await count('SELECT count(*) AS n FROM tasks WHERE site_id = ?1', store.siteId)).toBe(1)
    const events = (await timeline(store, leadId)).filter((a) => a.type === 'task_created')
    expect(events).toHaveLength(1)
    expect(await enrollment(e)).toMatchObject({ status: 'completed' })

    // Run the same step again (as a runner whose update was lost would): nothing new is queued.
    await env.DB.prepare(
      "UPDATE enrollments SET status = 'active', step = 0, next_run_at = ?2 WHERE id = ?1",
    )
      .bind(e, at)
      .run()
    await run(plus(at, 60_000))
    expect(await outbox(store.siteId)).toHaveLength(1)
    expect(await count('SELECT count(*) AS n FROM tasks WHERE site_id = ?1', store.siteId)).toBe(1)
  })

  it('leaves an enrollment another runner holds until its lease runs out', async () => {
    const { store, leadId } = await setup()
    const seq = await makeSequence(store, sequence([{ kind: 'task', title: 'Arayın' }]))
    const at = '2030-05-20T09:00:00.000Z'
    const e = await enroll(store, seq, leadId, at)
    const hold = (until: string) =>
      env.DB.prepare('UPDATE enrollments SET lease_until = ?2 WHERE id = ?1').bind(e, until).run()
    await hold(plus(at, 5 * 60_000))
    expect(await run(at)).toMatchObject({ enrollments: 0 })
    expect(await enrollment(e)).toMatchObject({ status: 'active', step: 0 })
    expect(await run(plus(at, 5 * 60_000))).toMatchObject({ enrollments: 1, tasks: 1 })
    expect(await enrollment(e)).toMatchObject({ status: 'completed', lease_until: null })
  })

  it('holds a send in quiet hours until they end in the contact’s zone', async () => {
    const { store, leadId } = await setup()
    const seq = await makeSequence(
      store,
      sequence([{ kind: 'send', channel: 'email', templateId: await makeTemplate(store) }]),
    )
    // 23:00 in Istanbul (the store's zone; the contact has none of its own).
    const night = '2030-06-10T20:00:00.000Z'
    const e = await enroll(store, seq, leadId, night)
    expect(await run(night)).toMatchObject({ enrollments: 1, sends: 0, deferred: 1 })
    expect(await outbox(store.siteId)).toEqual([])
    expect(await enrollment(e)).toMatchObject({
      status: 'active',
      step: 0,
      next_run_at: '2030-06-11T06:00:00.000Z',
    })
    expect(await run('2030-06-11T06:00:00.000Z')).toMatchObject({ sends: 1, completed: 1 })
    expect(await outbox(store.siteId)).toHaveLength(1)
  })

  it('holds a send over the frequency cap until the oldest counted send leaves the window', async () => {
    const { store, leadId } = await setup({ ...SETTINGS, frequencyCap: { max: 1, days: 7 } })
    const seq = await makeSequence(
      store,
      sequence([
        { kind: 'send', channel: 'email', templateId: await makeTemplate(store) },
        { kind: 'send', channel: 'sms', templateId: await makeTemplate(store, SMS_TEMPLATE) },
      ]),
    )
    const at = '2030-07-01T09:00:00.000Z'
    const e = await enroll(store, seq, leadId, at)
    expect(await run(at)).toMatchObject({ sends: 1, deferred: 1 })
    expect(await enrollment(e)).toMatchObject({ step: 1, next_run_at: plus(at, 7 * DAY) })
    expect(await run(plus(at, 7 * DAY - 60_000))).toMatchObject({ enrollments: 0 })
    expect(await run(plus(at, 7 * DAY))).toMatchObject({ sends: 1, completed: 1 })
    expect((await outbox(store.siteId)).map((m) => m.channel)).toEqual(['email', 'sms'])
  })

  it('skips sends without an address or consent, and ends enrollments of closed leads', async () => {
    const { store, leadId } = await setup(SETTINGS, {}, { email: true, sms: false, phone: true })
    const noPhone = await captureLead(store, {
      fields: { name: 'Telefonsuz', email: 'nophone@example.com' },
      consent: { version: '2026-01', channels: { email: true, sms: true, phone: false } },
    })
    const closing = await captureLead(store, {
      fields: { name: 'Kapanan', email: 'k@example.com' },
    })
    const seq = await makeSequence(
      store,
      sequence([
        { kind: 'send', channel: 'sms', templateId: await makeTemplate(store, SMS_TEMPLATE) },
        { kind: 'task', title: 'Arayın' },
      ]),
    )
    const at = '2030-08-05T09:00:00.000Z'
    await enroll(store, seq, leadId, at)
    await enroll(store, seq, noPhone, at)
    const closed = await enroll(store, seq, closing, at)
    const close = await admin(store.rep.key, 'POST', `/leads/${closing}/close`, {
      outcome: 'won',
      reason: 'imzalandı',
      expectedVersion: 1,
    })
    expect(close.status).toBe(200)
    // Closing a lead ends its enrollments itself; one the runner finds open it ends too.
    await env.DB.prepare(
      "UPDATE enrollments SET status = 'active', ended_at = NULL, next_run_at = ?2 WHERE id = ?1",
    )
      .bind(closed, at)
      .run()

    expect(await run(at)).toMatchObject({ enrollments: 3, sends: 0, tasks: 2 })
    expect(await outbox(store.siteId)).toEqual([])
    const skipped = async (id: string) =>
      (await timeline(store, id))
        .filter((a) => a.type === 'message_skipped')
        .map((a) => a.body.reason)
    expect(await skipped(leadId)).toEqual(['no_consent'])
    expect(await skipped(noPhone)).toEqual(['no_address'])
    expect(await enrollment(closed)).toMatchObject({ status: 'exited', exit_reason: 'closed' })
    expect(await count('SELECT count(*) AS n FROM tasks WHERE lead_id = ?1', closing)).toBe(0)
  })

  it('calls a webhook and continues in another sequence', async () => {
    const { store, leadId } = await setup()
    const hook = `wh_${crypto.randomUUID().replace(/-/g, '')}`
    await env.DB.prepare(
      `INSERT INTO webhooks (id, site_id, url, events, secret, status, created_at, updated_at)
       VALUES (?1, ?2, 'https://hooks.example/leadline', '["*"]', 'whsec_test', 'active', ?3, ?3)`,
    )
      .bind(hook, store.siteId, '2030-01-01T00:00:00.000Z')
      .run()
    const next = await makeSequence(store, sequence([{ kind: 'task', title: 'Devam' }]))
    const seq = await makeSequence(
      store,
      sequence([
        { kind: 'webhook', webhookId: hook },
        { kind: 'enroll', sequenceId: next },
      ]),
    )
    const at = '2030-09-02T09:00:00.000Z'
    const e = await enroll(store, seq, leadId, at)
    expect(await run(at)).toMatchObject({ enrollments: 1, webhooks: 1, completed: 1 })
    const [call] = await outbox(store.siteId)
    expect(call).toMatchObject({
      channel: 'webhook',
      purpose: 'system',
      webhook_id: hook,
      recipient: 'https://hooks.example/leadline',
      dedupe_key: `seq:${e}:0`,
    })
    expect(call!.payload).toMatchObject({
      id: expect.stringMatching(/^ev_/),
      type: 'sequence.step',
      siteId: store.siteId,
      data: { leadId, sequenceId: seq, step: 0 },
    })
    const followed = await env.DB.prepare(
      'SELECT id, status, enrolled_by, next_run_at FROM enrollments WHERE sequence_id = ?1',
    )
      .bind(next)
      .first<Record<string, string>>()
    expect(followed).toMatchObject({ status: 'active', enrolled_by: 'sequence', next_run_at: at })
    expect(await run(at)).toMatchObject({ enrollments: 1, tasks: 1, completed: 1 })
  })

  it('enrolls a lead whose quote was viewed but not answered for the trigger’s days, once', async () => {
    const { store, leadId } = await setup()
    const seq = await makeSequence(
      store,
      sequence([{ kind: 'task', title: 'Teklifi sorun' }], { on: 'quote_stalled', days: 3 }),
    )
    const draft = {
      title: 'Otel tekstili teklifi',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
      sections: { problems: [], solutions: [], timeline: [], faq: [] },
      lines: [
        { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 100, taxRateBps: 2000 },
      ],
    }
    const quote = await json(await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draft))
    const sent = await json(await admin(store.rep.key, 'POST', `/quotes/${quote.id}/send`))
    const token = String(sent.url).match(/[A-Za-z0-9]{32}$/)![0]
    const view = await visitor(store, 'POST', `/v1/quotes/${token}/view`, {
      sections: ['problems'],
    })
    expect(view.status).toBeLessThan(300)
    const viewedAt = await env.DB.prepare('SELECT status, viewed_at FROM quotes WHERE id = ?1')
      .bind(quote.id)
      .first<{ status: string; viewed_at: string }>()
    expect(viewedAt!.status).toBe('viewed')

    const enrolled = () =>
      count('SELECT count(*) AS n FROM enrollments WHERE sequence_id = ?1', seq)
    await run(plus(viewedAt!.viewed_at, 3 * DAY - 60_000))
    expect(await enrolled()).toBe(0)
    const due = plus(viewedAt!.viewed_at, 3 * DAY)
    expect(await run(due)).toMatchObject({ tasks: 1, completed: 1 })
    const row = await env.DB.prepare(
      'SELECT lead_id, enrolled_by, status FROM enrollments WHERE sequence_id = ?1',
    )
      .bind(seq)
      .first()
    expect(row).toEqual({ lead_id: leadId, enrolled_by: 'rule', status: 'completed' })
    await run(plus(due, 10 * DAY))
    expect(await enrolled()).toBe(1)
  })
})
