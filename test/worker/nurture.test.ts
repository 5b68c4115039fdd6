/**
 * The nurturing admin API through the worker: delivery settings (owners only, secrets by name),
 * templates (checked, previewed, archived unless a sequence sends them), sequences (steps
 * checked against the store, no enroll loops, archiving ends enrollments), enrollments by hand,
 * tasks, and tenant isolation.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { getSequence } from '../../worker/src/db/sequences'
import { WORKER_TEXTS } from '../../worker/src/i18n/messages'
import { publicUrl, type Env } from '../../worker/src/env'
import {
  EMAIL_TEMPLATE,
  SETTINGS,
  SMS_TEMPLATE,
  insertTask,
  makeSequence,
  makeTemplate,
  simpleSequence,
} from './areas/nurture'
import { admin, call, captureLead, count, seedStore, type TestStore } from './helpers'
import { archiveSequence } from '../../worker/src/usecases/archive-sequence'

const json = async (res: Response) => (await res.json()) as any
const rows = (table: string, siteId: string) =>
  count(`SELECT count(*) AS n FROM ${table} WHERE site_id = ?1`, siteId)
const timeline = async (store: TestStore, leadId: string) =>
  (await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))).timeline as any[]
const lead = (store: TestStore, name: string) =>
  captureLead(store, { fields: { name, email: `${name.replace(/\W/g, '')}@example.com` } })
const enroll = (store: TestStore, sequenceId: string, body: object) =>
  admin(store.rep.key, 'POST', `/sequences/${sequenceId}/enrollments`, body)

/** Asserts a 422 and returns its issues' paths. */
async function refused(res: Response) {
  const body = await json(res)
  expect(res.status, JSON.stringify(body)).toBe(422)
  expect(body.error.code).toBe('validation_failed')
  return { message: body.error.message as string, paths: body.error.issues.map((i: any) => i.path) }
}

describe('delivery settings', () => {
  it('starts from the defaults and lets only the owner replace them', async () => {
    const store = await seedStore()
    const start = await json(await admin(store.rep.key, 'GET', '/messaging/settings'))
    expect(start).toMatchObject({ email: null, sms: null, quietHours: { start: '21:00' } })
    const byRep = await admin(store.rep.key, 'PUT', '/messaging/settings', SETTINGS)
    expect(byRep.status).toBe(403)
    expect(await rows('messaging_settings', store.siteId)).toBe(0)
    const byOwner = await admin(store.owner.key, 'PUT', '/messaging/settings', SETTINGS)
    expect(byOwner.status).toBe(200)
    expect(await json(await admin(store.rep.key, 'GET', '/messaging/settings'))).toMatchObject(
      SETTINGS,
    )
  })

  it('refuses secret names the worker does not have, and takes credentials from none', async () => {
    const store = await seedStore()
    const email = { provider: 'resend', from: 'Mağaza <info@shop.example>' }
    const sms = { provider: 'verimor', header: 'MAGAZA', usernameSecret: 'VERIMOR_USER_T' }
    const put = (body: object, overrides: Record<string, string> = {}) =>
      call(
        new Request('https://leadline.test/admin/api/messaging/settings', {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${store.owner.key}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ ...SETTINGS, ...body }),
        }),
        overrides as Partial<Env>,
      )
    const missing = await refused(await put({ email: { ...email, apiKeySecret: 'RESEND_KEY_T' } }))
    expect(missing.paths).toEqual(['email.apiKeySecret'])
    const both = await refused(
      await put({ sms: { ...sms, passwordSecret: 'VERIMOR_PASS_T' } }, { VERIMOR_USER_T: 'u' }),
    )
    expect(both.paths).toEqual(['sms.passwordSecret'])
    const inline = await refused(await put({ email: { ...email, apiKeySecret: 'K', apiKey: 'x' } }))
    expect(inline.paths).toContain('email.apiKey')
    expect(await rows('messaging_settings', store.siteId)).toBe(0)

    const ok = await put(
      { email: { ...email, apiKeySecret: 'RESEND_KEY_T' } },
      { RESEND_KEY_T: 're_1' },
    )
    expect(ok.status).toBe(200)
    const stored = await env.DB.prepare(
      'SELECT settings FROM messaging_settings WHERE site_id = ?1',
    )
      .bind(store.siteId)
      .first<{ settings: string }>()
    expect(stored!.settings).toContain('RESEND_KEY_T')
    expect(stored!.settings).not.toContain('re_1')
  })
})

describe('templates', () => {
  it('creates, lists, reads, changes and archives a template', async () => {
    const store = await seedStore()
    const res = await admin(store.rep.key, 'POST', '/templates', EMAIL_TEMPLATE)
    expect(res.status).toBe(201)
    const t = await json(res)
    expect(t).toMatchObject({ ...EMAIL_TEMPLATE, id: expect.stringMatching(/^tp_/), version: 1 })
    const sms = await json(await admin(store.rep.key, 'POST', '/templates', SMS_TEMPLATE))
    expect(sms.subject).toBeNull()
    const list = await json(await admin(store.rep.key, 'GET', '/templates'))
    expect(list.items.map((x: any) => x.id)).toEqual([t.id, sms.id])

    const changed = await admin(store.rep.key, 'PUT', `/templates/${t.id}`, {
      ...EMAIL_TEMPLATE,
      name: 'İkinci temas',
    })
    expect(await json(changed)).toMatchObject({ name: 'İkinci temas', version: 2 })
    expect(await json(await admin(store.rep.key, 'GET', `/templates/${t.id}`))).toMatchObject({
      version: 2,
      createdAt: t.createdAt,
    })
    expect((await admin(store.rep.key, 'DELETE', `/templates/${t.id}`)).status).toBe(204)
    expect((await admin(store.rep.key, 'GET', `/templates/${t.id}`)).status).toBe(404)
    expect((await admin(store.rep.key, 'PUT', `/templates/${t.id}`, EMAIL_TEMPLATE)).status).toBe(
      404,
    )
    expect((await admin(store.rep.key, 'DELETE', `/templates/${t.id}`)).status).toBe(404)
    const after = await json(await admin(store.rep.key, 'GET', '/templates'))
    expect(after.items.map((x: any) => x.id)).toEqual([sms.id])
  })

  const body = (tr: string) => ({ ...EMAIL_TEMPLATE, body: { ...EMAIL_TEMPLATE.body, tr } })
  it.each([
    ['an unknown variable', body('<p>Fiyat: {{price}}</p>'), 'body.tr'],
    ['a script', body('<p>Merhaba</p><script>alert(1)</script>'), 'body.tr'],
    ['a javascript: link', body('<p><a href="javascript:alert(1)">tık</a></p>'), 'body.tr'],
    ['an event handler', body('<p onclick="alert(1)">Merhaba</p>'), 'body.tr'],
    [
      'an unknown variable in the subject',
      { ...EMAIL_TEMPLATE, subject: { tr: '{{x}}', en: 'Hi' } },
      'subject.tr',
    ],
    [
      'an unknown variable in an SMS',
      { ...SMS_TEMPLATE, body: { tr: '{{kod}}', en: 'x' } },
      'body.tr',
    ],
  ])('refuses %s with 422 and the issue, writing nothing', async (_, input, path) => {
    const store = await seedStore()
    const created = await refused(await admin(store.rep.key, 'POST', '/templates', input))
    expect(created.paths).toContain(path)
    const t = await makeTemplate(store, input.channel === 'sms' ? SMS_TEMPLATE : EMAIL_TEMPLATE)
    const changed = await refused(await admin(store.rep.key, 'PUT', `/templates/${t}`, input))
    expect(changed.paths).toContain(path)
    expect(await rows('message_templates', store.siteId)).toBe(1)
    expect((await json(await admin(store.rep.key, 'GET', `/templates/${t}`))).version).toBe(1)
  })

  it('renders a preview for a lead with its values escaped, and writes nothing', async () => {
    const store = await seedStore()
    await admin(store.owner.key, 'PUT', '/messaging/settings', SETTINGS)
    const leadId = await captureLead(store, {
      fields: { name: 'Ali <b>Veli</b>', email: 'ali@example.com', company: 'Veli & Oğulları' },
    })
    const email = await makeTemplate(store)
    const sms = await makeTemplate(store, SMS_TEMPLATE)
    const before = await Promise.all(
      ['outbox', 'activities', 'events'].map((t) => rows(t, store.siteId)),
    )
    const res = await admin(store.rep.key, 'POST', `/templates/${email}/preview`, { leadId })
    expect(res.status).toBe(200)
    const mail = await json(res)
    expect(mail.subject).toBe('Ali, Test Mağaza size yazıyor')
    expect(mail.html).not.toContain('<b>Veli</b>')
    expect(mail.html).toMatch(/Ali (&lt;|&#60;)b(&gt;|&#62;)Veli/)
    expect(mail.html).toContain('href="https://shop.example/randevu"')
    expect(mail.html).toContain(`${publicUrl(env)}/u/preview`)
    expect(mail.text).toContain(WORKER_TEXTS.tr.emailFooter('Test Mağaza'))
    const english = await json(
      await admin(store.rep.key, 'POST', `/templates/${email}/preview`, { leadId, locale: 'en' }),
    )
    expect(english.html).toContain('Hello')
    const text = await json(
      await admin(store.rep.key, 'POST', `/templates/${sms}/preview`, { leadId }),
    )
    expect(text).toEqual({
      text: `Merhaba Ali, Test Mağaza arayacak.\nİptal: ${publicUrl(env)}/u/preview`,
    })
    const after = await Promise.all(
      ['outbox', 'activities', 'events'].map((t) => rows(t, store.siteId)),
    )
    expect(after).toEqual(before)
    const unknown = await admin(store.rep.key, 'POST', `/templates/${email}/preview`, {
      leadId: 'ld_nope',
    })
    expect(unknown.status).toBe(404)
  })

  it('keeps a template while a live sequence sends it, and its channel too', async () => {
    const store = await seedStore()
    const t = await makeTemplate(store)
    const seq = await makeSequence(store, simpleSequence(t, 'Karşılama serisi'))
    const archive = await admin(store.rep.key, 'DELETE', `/templates/${t}`)
    expect(archive.status).toBe(409)
    expect((await json(archive)).error.message).toContain('Karşılama serisi')
    const toSms = await admin(store.rep.key, 'PUT', `/templates/${t}`, SMS_TEMPLATE)
    expect(toSms.status).toBe(409)
    const rename = await admin(store.rep.key, 'PUT', `/templates/${t}`, {
      ...EMAIL_TEMPLATE,
      name: 'X',
    })
    expect(rename.status).toBe(200)
    await admin(store.rep.key, 'POST', `/sequences/${seq}/archive`)
    expect((await admin(store.rep.key, 'DELETE', `/templates/${t}`)).status).toBe(204)
  })
})

describe('sequences', () => {
  it('stores the trigger key and channels, counts enrollments, and takes changes', async () => {
    const store = await seedStore()
    const [email, sms] = [await makeTemplate(store), await makeTemplate(store, SMS_TEMPLATE)]
    const steps = [
      { kind: 'send', channel: 'email', templateId: email },
      { kind: 'wait', amount: 2, unit: 'days' },
      { kind: 'send', channel: 'sms', templateId: sms },
      { kind: 'task', title: 'Arayın', dueInHours: 4 },
    ]
    const res = await admin(store.rep.key, 'POST', '/sequences', {
      name: 'Besleme',
      trigger: { on: 'stage', stage: 'nurturing' },
      steps,
    })
    expect(res.status).toBe(201)
    const seq = await json(res)
    expect(seq).toMatchObject({ name: 'Besleme', status: 'active', version: 1, steps })
    const stored = () =>
      env.DB.prepare('SELECT trigger_key, channels FROM sequences WHERE id = ?1')
        .bind(seq.id)
        .first()
    expect(await stored()).toEqual({ trigger_key: 'stage:nurturing', channels: 'email,sms' })
    const detail = await json(await admin(store.rep.key, 'GET', `/sequences/${seq.id}`))
    expect(detail.counts).toEqual({ active: 0, completed: 0, exited: 0 })

    for (const [trigger, key] of [
      [{ on: 'quote_stalled', days: 3 }, 'quote_stalled'],
      [{ on: 'meeting_no_show' }, 'event:meeting_no_show'],
      [{ on: 'manual' }, null],
    ] as const) {
      const put = await admin(store.rep.key, 'PUT', `/sequences/${seq.id}`, {
        name: 'Besleme',
        status: 'paused',
        trigger,
        steps: [{ kind: 'task', title: 'Arayın' }],
      })
      expect(put.status).toBe(200)
      expect(await stored()).toEqual({ trigger_key: key, channels: '' })
    }
    const now = await json(await admin(store.rep.key, 'GET', `/sequences/${seq.id}`))
    expect(now).toMatchObject({ version: 4, status: 'paused', trigger: { on: 'manual' } })
    const list = await json(await admin(store.rep.key, 'GET', '/sequences'))
    expect(list.items.map((s: any) => s.id)).toEqual([seq.id])
  })

  it('refuses steps naming what the store does not have, at their paths', async () => {
    const store = await seedStore()
    const sms = await makeTemplate(store, SMS_TEMPLATE)
    const archived = await makeTemplate(store)
    await admin(store.rep.key, 'DELETE', `/templates/${archived}`)
    const cases: [object, string, RegExp][] = [
      [{ kind: 'send', channel: 'email', templateId: sms }, 'steps.1.templateId', /SMS template/],
      [{ kind: 'send', channel: 'email', templateId: archived }, 'steps.1.templateId', /no such/],
      [{ kind: 'send', channel: 'sms', templateId: 'tp_nope' }, 'steps.1.templateId', /no such/],
      [{ kind: 'webhook', webhookId: 'wh_nope' }, 'steps.1.webhookId', /no such webhook/],
      [{ kind: 'enroll', sequenceId: 'sq_nope' }, 'steps.1.sequenceId', /no such sequence/],
    ]
    for (const [step, path, message] of cases) {
      const res = await admin(store.rep.key, 'POST', '/sequences', {
        name: 'Hatalı',
        trigger: { on: 'manual' },
        steps: [{ kind: 'wait', amount: 1, unit: 'hours' }, step],
      })
      const body = await json(res)
      expect(res.status).toBe(422)
      expect(body.error.issues).toEqual([{ path, message: expect.stringMatching(message) }])
    }
    expect(await rows('sequences', store.siteId)).toBe(0)
  })

  it('refuses sequences that would enroll each other in a loop, naming them', async () => {
    const store = await seedStore()
    const task = { kind: 'task', title: 'Arayın' }
    const beta = await makeSequence(store, {
      name: 'Beta',
      trigger: { on: 'manual' },
      steps: [task],
    })
    const alfa = await makeSequence(store, {
      name: 'Alfa',
      trigger: { on: 'manual' },
      steps: [task, { kind: 'enroll', sequenceId: beta }],
    })
    const loop = await admin(store.rep.key, 'PUT', `/sequences/${beta}`, {
      name: 'Beta',
      trigger: { on: 'manual' },
      steps: [{ kind: 'enroll', sequenceId: alfa }],
    })
    const error = await refused(loop)
    expect(error.message).toBe('The sequences would loop: Beta → Alfa → Beta')
    expect(error.paths).toEqual(['steps.0.sequenceId'])
    const self = await admin(store.rep.key, 'POST', '/sequences', {
      name: 'Gama',
      trigger: { on: 'manual' },
      steps: [task, { kind: 'enroll', sequenceId: beta }],
    })
    expect(self.status).toBe(201)
    const gama = (await json(self)).id
    const ownLoop = await refused(
      await admin(store.rep.key, 'PUT', `/sequences/${gama}`, {
        name: 'Gama',
        trigger: { on: 'manual' },
        steps: [{ kind: 'enroll', sequenceId: gama }],
      }),
    )
    expect(ownLoop.message).toBe('The sequences would loop: Gama → Gama')
    expect((await json(await admin(store.rep.key, 'GET', `/sequences/${beta}`))).version).toBe(1)
  })

  it('archives a sequence: its active enrollments exit with sequence_archived', async () => {
    const store = await seedStore()
    const seq = await makeSequence(store, simpleSequence(await makeTemplate(store), 'Kış'))
    const leads = [await lead(store, 'Ece Su'), await lead(store, 'Ada Nur')]
    for (const leadId of leads) expect((await enroll(store, seq, { leadId })).status).toBe(201)
    const res = await admin(store.rep.key, 'POST', `/sequences/${seq}/archive`)
    expect(res.status).toBe(200)
    expect((await json(res)).status).toBe('archived')
    const { results } = await env.DB.prepare(
      'SELECT status, exit_reason, next_run_at FROM enrollments WHERE sequence_id = ?1',
    )
      .bind(seq)
      .all()
    expect(results).toEqual([
      { status: 'exited', exit_reason: 'sequence_archived', next_run_at: null },
      { status: 'exited', exit_reason: 'sequence_archived', next_run_at: null },
    ])
    for (const leadId of leads) {
      const exited = (await timeline(store, leadId)).filter((a) => a.type === 'sequence_exited')
      expect(exited.map((a) => a.body)).toEqual([
        expect.objectContaining({ sequenceId: seq, name: 'Kış', reason: 'sequence_archived' }),
      ])
    }
    const detail = await json(await admin(store.rep.key, 'GET', `/sequences/${seq}`))
    expect(detail.counts).toEqual({ active: 0, completed: 0, exited: 2 })
    expect((await admin(store.rep.key, 'POST', `/sequences/${seq}/archive`)).status).toBe(200)
    expect((await enroll(store, seq, { leadId: leads[0] })).status).toBe(409)
    const put = await admin(store.rep.key, 'PUT', `/sequences/${seq}`, simpleSequence('tp_x'))
    expect(put.status).toBe(409)
  })

  it('writes nothing when another request archived the sequence first', async () => {
    const store = await seedStore()
    const seq = await makeSequence(store, simpleSequence(await makeTemplate(store), 'Yaz'))
    const leadId = await lead(store, 'Deniz Ak')
    expect((await enroll(store, seq, { leadId })).status).toBe(201)
    // Both read the sequence while it was active; the first archives it.
    const read = (await getSequence(env.DB, store.siteId, seq))!
    const by = { siteId: store.siteId, userId: store.rep.id }
    const deps = { db: env.DB, now: new Date() }
    expect(await archiveSequence(deps, read, by)).toEqual({ archived: true })
    const later = { db: env.DB, now: new Date(Date.now() + 1000) }
    expect(await archiveSequence(later, read, by)).toEqual({ archived: false })
    const exited = (await timeline(store, leadId)).filter((a) => a.type === 'sequence_exited')
    expect(exited).toHaveLength(1)
    const after = (await getSequence(env.DB, store.siteId, seq))!
    expect(after.updatedAt).toBe(deps.now.toISOString())
  })
})

describe('enrollments', () => {
  it('enrolls a lead by hand once at a time, and takes it out', async () => {
    const store = await seedStore()
    const seq = await makeSequence(store, simpleSequence(await makeTemplate(store), 'Yaz'))
    const leadId = await lead(store, 'Deniz Ak')
    const before = Date.now()
    const res = await enroll(store, seq, { leadId })
    expect(res.status).toBe(201)
    const e = await json(res)
    expect(e).toMatchObject({
      sequenceId: seq,
      leadId,
      status: 'active',
      step: 0,
      enrolledBy: 'user',
    })
    expect(Date.parse(e.nextRunAt)).toBeGreaterThanOrEqual(before - 1)
    expect(Date.parse(e.nextRunAt)).toBeLessThanOrEqual(Date.now())
    const row = await env.DB.prepare('SELECT actor_id FROM enrollments WHERE id = ?1')
      .bind(e.id)
      .first()
    expect(row).toEqual({ actor_id: store.rep.id })
    const enrolled = (await timeline(store, leadId)).find((a) => a.type === 'sequence_enrolled')
    expect(enrolled).toMatchObject({ actorType: 'user', body: { sequenceId: seq, name: 'Yaz' } })

    expect((await enroll(store, seq, { leadId })).status).toBe(409)
    const ofLead = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}/enrollments`))
    expect(ofLead.items.map((x: any) => x.id)).toEqual([e.id])

    expect((await admin(store.rep.key, 'DELETE', `/enrollments/${e.id}`)).status).toBe(204)
    const ended = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}/enrollments`))
    expect(ended.items[0]).toMatchObject({
      status: 'exited',
      exitReason: 'removed',
      nextRunAt: null,
    })
    const exited = (await timeline(store, leadId)).find((a) => a.type === 'sequence_exited')
    expect(exited).toMatchObject({ actorType: 'user', body: { reason: 'removed', name: 'Yaz' } })
    expect((await admin(store.rep.key, 'DELETE', `/enrollments/${e.id}`)).status).toBe(409)
    expect((await enroll(store, seq, { leadId })).status).toBe(201)
  })

  it('starts later when told, and refuses a start in the past', async () => {
    const store = await seedStore()
    const seq = await makeSequence(store, simpleSequence(await makeTemplate(store)))
    const later = await enroll(store, seq, {
      leadId: await lead(store, 'Ayla Gün'),
      startAt: '2031-05-01T12:00:00+03:00',
    })
    expect((await json(later)).nextRunAt).toBe('2031-05-01T09:00:00.000Z')
    const late = new Date(Date.now() - 2 * 60_000).toISOString()
    const pastLead = await lead(store, 'Eren Tan')
    const past = await refused(await enroll(store, seq, { leadId: pastLead, startAt: late }))
    expect(past.paths).toEqual(['startAt'])
    expect(await count('SELECT count(*) AS n FROM enrollments WHERE lead_id = ?1', pastLead)).toBe(
      0,
    )
    const justNow = new Date(Date.now() - 10_000).toISOString()
    expect((await enroll(store, seq, { leadId: pastLead, startAt: justNow })).status).toBe(201)
  })

  it('refuses a closed lead, a paused or archived sequence, and unknown ids', async () => {
    const store = await seedStore()
    const t = await makeTemplate(store)
    const seq = await makeSequence(store, simpleSequence(t))
    const paused = await makeSequence(store, { ...simpleSequence(t), status: 'paused' })
    const closed = await lead(store, 'Kapalı Kişi')
    const close = await admin(store.rep.key, 'POST', `/leads/${closed}/close`, {
      outcome: 'lost',
      reason: 'bütçe yok',
      expectedVersion: 1,
    })
    expect(close.status).toBe(200)
    expect((await enroll(store, seq, { leadId: closed })).status).toBe(409)
    const open = await lead(store, 'Açık Kişi')
    expect((await enroll(store, paused, { leadId: open })).status).toBe(409)
    expect((await enroll(store, seq, { leadId: 'ld_nope' })).status).toBe(404)
    expect((await enroll(store, 'sq_nope', { leadId: open })).status).toBe(404)
    expect((await admin(store.rep.key, 'DELETE', '/enrollments/en_nope')).status).toBe(404)
    expect(await rows('enrollments', store.siteId)).toBe(0)
  })

  it("pages a sequence's enrollments newest first", async () => {
    const store = await seedStore()
    const seq = await makeSequence(store, simpleSequence(await makeTemplate(store)))
    const ids: string[] = []
    for (const name of ['Bir Kişi', 'İki Kişi', 'Üç Kişi']) {
      ids.push((await json(await enroll(store, seq, { leadId: await lead(store, name) }))).id)
    }
    const first = await json(
      await admin(store.rep.key, 'GET', `/sequences/${seq}/enrollments?limit=2`),
    )
    expect(first.items.map((x: any) => x.id)).toEqual([ids[2], ids[1]])
    const next = `/sequences/${seq}/enrollments?limit=2&cursor=${first.nextCursor}`
    const second = await json(await admin(store.rep.key, 'GET', next))
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null })
    const bad = await admin(store.rep.key, 'GET', `/sequences/${seq}/enrollments?cursor=garbage`)
    expect(bad.status).toBe(400)
  })
})

describe('tasks', () => {
  it('lists tasks by assignee and state, soonest due first, and marks one done once', async () => {
    const store = await seedStore()
    const leadId = await lead(store, 'Görev Sahibi')
    const soon = await insertTask(store, leadId, store.rep.id, '2030-01-01T09:00:00.000Z')
    const later = await insertTask(store, leadId, store.rep.id, '2030-01-02T09:00:00.000Z')
    const owners = await insertTask(store, leadId, store.owner.id, '2030-01-01T08:00:00.000Z')
    const ids = async (key: string, query: string) =>
      (await json(await admin(key, 'GET', `/tasks${query}`))).items.map((t: any) => t.id)
    expect(await ids(store.rep.key, '?assignee=me')).toEqual([soon, later])
    expect(await ids(store.owner.key, `?assignee=${store.rep.id}`)).toEqual([soon, later])
    expect(await ids(store.rep.key, '')).toEqual([owners, soon, later])
    const page = await json(await admin(store.rep.key, 'GET', '/tasks?limit=2'))
    expect(await ids(store.rep.key, `?limit=2&cursor=${page.nextCursor}`)).toEqual([later])

    const done = await admin(store.rep.key, 'POST', `/tasks/${soon}/done`)
    expect(done.status).toBe(200)
    const doneAt = (await json(done)).doneAt
    expect(doneAt).toEqual(expect.any(String))
    const again = await json(await admin(store.rep.key, 'POST', `/tasks/${soon}/done`))
    expect(again.doneAt).toBe(doneAt)
    expect(await ids(store.rep.key, '?assignee=me&open=true')).toEqual([later])
    expect(await ids(store.rep.key, '?open=false')).toEqual([soon])
    expect((await admin(store.rep.key, 'POST', '/tasks/tk_nope/done')).status).toBe(404)
    expect((await admin(store.rep.key, 'GET', '/tasks?open=maybe')).status).toBe(422)
  })
})

describe('tenant isolation', () => {
  it("answers another store's key with 404 for this store's nurturing ids", async () => {
    const store = await seedStore()
    const other = await seedStore()
    const t = await makeTemplate(store)
    const seq = await makeSequence(store, simpleSequence(t))
    const leadId = await lead(store, 'Gizli Kişi')
    const e = (await json(await enroll(store, seq, { leadId }))).id
    const task = await insertTask(store, leadId, store.rep.id, '2030-01-01T09:00:00.000Z')
    const otherLead = await lead(other, 'Başka Kişi')
    const otherSeq = await makeSequence(other, simpleSequence(await makeTemplate(other)))
    const calls: [string, string, unknown?][] = [
      ['GET', `/templates/${t}`],
      ['PUT', `/templates/${t}`, EMAIL_TEMPLATE],
      ['DELETE', `/templates/${t}`],
      ['POST', `/templates/${t}/preview`, { leadId: otherLead }],
      ['GET', `/sequences/${seq}`],
      ['PUT', `/sequences/${seq}`, simpleSequence(t)],
      ['POST', `/sequences/${seq}/archive`],
      ['GET', `/sequences/${seq}/enrollments`],
      ['POST', `/sequences/${seq}/enrollments`, { leadId: otherLead }],
      ['POST', `/sequences/${otherSeq}/enrollments`, { leadId }],
      ['GET', `/leads/${leadId}/enrollments`],
      ['DELETE', `/enrollments/${e}`],
      ['POST', `/tasks/${task}/done`],
    ]
    for (const [method, path, body] of calls) {
      const res = await admin(other.owner.key, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    // Another store's template is no template of this store.
    const foreign = await admin(other.rep.key, 'POST', '/sequences', simpleSequence(t))
    expect((await refused(foreign)).paths).toEqual(['steps.0.templateId'])
    for (const list of ['/templates', '/sequences', '/tasks']) {
      expect(
        (await json(await admin(other.rep.key, 'GET', list))).items.map((x: any) => x.id),
      ).not.toContain(list === '/templates' ? t : list === '/sequences' ? seq : task)
    }
    const mine = await env.DB.prepare('SELECT status, version FROM sequences WHERE id = ?1')
      .bind(seq)
      .first()
    expect(mine).toEqual({ status: 'active', version: 1 })
    expect(
      (await json(await admin(store.rep.key, 'GET', `/leads/${leadId}/enrollments`))).items,
    ).toHaveLength(1)
  })
})
