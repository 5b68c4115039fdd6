/**
 * The nurture area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import { env } from 'cloudflare:workers'
import { admin, captureLead, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

export const EMAIL_TEMPLATE = {
  name: 'İlk temas',
  channel: 'email',
  subject: { tr: '{{firstName}}, {{store}} size yazıyor', en: '{{firstName}}, from {{store}}' },
  body: {
    tr: '<p>Merhaba {{name}},</p><p><a href="{{bookingLink}}">Görüşme ayarlayın</a></p>',
    en: '<p>Hello {{name}},</p><p><a href="{{bookingLink}}">Book a call</a></p>',
  },
}

export const SMS_TEMPLATE = {
  name: 'SMS hatırlatma',
  channel: 'sms',
  body: {
    tr: 'Merhaba {{firstName}}, {{rep}} arayacak.',
    en: 'Hi {{firstName}}, {{rep}} will call.',
  },
}

export const SETTINGS = {
  email: null,
  sms: null,
  quietHours: { start: '21:00', end: '09:00' },
  frequencyCap: { max: 3, days: 7 },
  bookingUrl: 'https://shop.example/randevu',
  reminderOffsets: [60],
}

const created = async (res: Promise<Response>) => {
  const r = await res
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { id: string }).id
}

/** A template of the store (e-mail unless told), by the admin API; its id. */
export const makeTemplate = (store: TestStore, body: object = EMAIL_TEMPLATE) =>
  created(admin(store.rep.key, 'POST', '/templates', body))

/** A sequence of the store by the admin API; its id. */
export const makeSequence = (store: TestStore, body: object) =>
  created(admin(store.rep.key, 'POST', '/sequences', body))

/** A sequence that sends one e-mail, waits a day and makes a task. */
export const simpleSequence = (templateId: string, name = 'Karşılama') => ({
  name,
  trigger: { on: 'manual' },
  steps: [
    { kind: 'send', channel: 'email', templateId },
    { kind: 'wait', amount: 1, unit: 'days' },
    { kind: 'task', title: 'Arayın' },
  ],
})

/** A task of the store, written directly (sequences make them; there is no create route). */
export async function insertTask(
  store: TestStore,
  leadId: string,
  assigneeId: string,
  dueAt: string,
) {
  const id = `tk_${crypto.randomUUID().replace(/-/g, '')}`
  await env.DB.prepare(
    `INSERT INTO tasks (id, site_id, lead_id, assignee_id, title, due_at, created_at)
     VALUES (?1, ?2, ?3, ?4, 'Arayın', ?5, ?5)`,
  )
    .bind(id, store.siteId, leadId, assigneeId, dueAt)
    .run()
  return id
}

export async function nurtureRequests({ store }: AreaContext): Promise<AreaRequests> {
  // Leads of their own: the shared lead is closed by the core routes before these run.
  const lead = await captureLead(store, { fields: { name: 'Nur Ay', email: 'nur@example.com' } })
  const other = await captureLead(store, { fields: { name: 'Can Er', email: 'can@example.com' } })
  const template = await makeTemplate(store)
  const unused = await makeTemplate(store, SMS_TEMPLATE)
  const sequence = await makeSequence(store, simpleSequence(template))
  const toArchive = await makeSequence(store, simpleSequence(template, 'Eski'))
  const removable = await created(
    admin(store.rep.key, 'POST', `/sequences/${sequence}/enrollments`, { leadId: other }),
  )
  const task = await insertTask(store, lead, store.rep.id, new Date().toISOString())
  return {
    getMessagingSettings: () => admin(store.rep.key, 'GET', '/messaging/settings'),
    putMessagingSettings: () => admin(store.owner.key, 'PUT', '/messaging/settings', SETTINGS),
    listTemplates: () => admin(store.rep.key, 'GET', '/templates'),
    createTemplate: () => admin(store.rep.key, 'POST', '/templates', EMAIL_TEMPLATE),
    getTemplate: () => admin(store.rep.key, 'GET', `/templates/${template}`),
    updateTemplate: () =>
      admin(store.rep.key, 'PUT', `/templates/${template}`, { ...EMAIL_TEMPLATE, name: 'Yeni' }),
    archiveTemplate: () => admin(store.rep.key, 'DELETE', `/templates/${unused}`),
    previewTemplate: () =>
      admin(store.rep.key, 'POST', `/templates/${template}/preview`, { leadId: lead }),
    listTasks: () => admin(store.rep.key, 'GET', '/tasks?assignee=me&open=true'),
    completeTask: () => admin(store.rep.key, 'POST', `/tasks/${task}/done`),
    listSequences: () => admin(store.rep.key, 'GET', '/sequences'),
    createSequence: () => admin(store.rep.key, 'POST', '/sequences', simpleSequence(template)),
    getSequence: () => admin(store.rep.key, 'GET', `/sequences/${sequence}`),
    updateSequence: () =>
      admin(store.rep.key, 'PUT', `/sequences/${sequence}`, simpleSequence(template, 'Yeni ad')),
    archiveSequence: () => admin(store.rep.key, 'POST', `/sequences/${toArchive}/archive`),
    listSequenceEnrollments: () =>
      admin(store.rep.key, 'GET', `/sequences/${sequence}/enrollments`),
    enrollLead: () =>
      admin(store.rep.key, 'POST', `/sequences/${sequence}/enrollments`, { leadId: lead }),
    listLeadEnrollments: () => admin(store.rep.key, 'GET', `/leads/${lead}/enrollments`),
    removeEnrollment: () => admin(store.rep.key, 'DELETE', `/enrollments/${removable}`),
  }
}

export async function nurtureJsonRoutes({ store, leadId }: AreaContext): Promise<JsonRoute[]> {
  const rep = { Authorization: `Bearer ${store.rep.key}` }
  const route = (name: string, method: string, path: string, valid: unknown, owner = false) => ({
    name,
    method,
    path: `/admin/api${path}`,
    headers: owner ? { Authorization: `Bearer ${store.owner.key}` } : rep,
    valid,
  })
  return [
    route('PUT messaging settings', 'PUT', '/messaging/settings', SETTINGS, true),
    route('POST template', 'POST', '/templates', EMAIL_TEMPLATE),
    route('PUT template', 'PUT', '/templates/tp_placeholder', EMAIL_TEMPLATE),
    route('POST template preview', 'POST', '/templates/tp_placeholder/preview', { leadId }),
    route('POST sequence', 'POST', '/sequences', simpleSequence('tp_placeholder')),
    route('PUT sequence', 'PUT', '/sequences/sq_placeholder', simpleSequence('tp_placeholder')),
    route('POST enrollment', 'POST', '/sequences/sq_placeholder/enrollments', { leadId }),
  ]
}
