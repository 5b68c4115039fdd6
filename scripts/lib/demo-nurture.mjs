/**
 * The demo store's nurturing, set up through the admin API (so it passes the same checks a
 * store owner's does): delivery settings that send e-mail and SMS to the local fake providers,
 * three templates in Turkish and English, and the sequence qualified leads enter.
 * Does nothing when the store already has templates.
 */
import {
  FAKE_RESEND_KEY,
  FAKE_VERIMOR_PASSWORD,
  FAKE_VERIMOR_USER,
} from '../../test/fakes/providers.mjs'

/**
 * The secret names the demo settings use, with the local fake providers' credentials as their
 * values; `npm start` and the e2e setup pass them to `wrangler dev`.
 */
export const DEMO_SECRETS = {
  RESEND_API_KEY: FAKE_RESEND_KEY,
  VERIMOR_USERNAME: FAKE_VERIMOR_USER,
  VERIMOR_PASSWORD: FAKE_VERIMOR_PASSWORD,
}

const templates = [
  {
    name: 'Hoş geldiniz / Welcome',
    channel: 'email',
    subject: {
      tr: '{{firstName}}, toptan siparişlerinizde size nasıl yardımcı olabiliriz?',
      en: '{{firstName}}, how can we help with your wholesale orders?',
    },
    body: {
      tr:
        '<p>Merhaba {{firstName}},</p><p>{{store}} ile ilgilendiğiniz için teşekkürler. ' +
        'Ben {{rep}}; {{company}} için doğru ürünleri birlikte seçelim.</p>' +
        '<p><a href="{{bookingLink}}">20 dakikalık bir tanışma görüşmesi planlayın</a></p>',
      en:
        '<p>Hello {{firstName}},</p><p>Thank you for your interest in {{store}}. ' +
        "I'm {{rep}}; let's pick the right products for {{company}} together.</p>" +
        '<p><a href="{{bookingLink}}">Book a 20-minute introduction</a></p>',
    },
  },
  {
    name: 'Müşteri hikâyesi / Customer story',
    channel: 'email',
    subject: {
      tr: 'Bir otel zinciri tekstil maliyetini nasıl %18 düşürdü',
      en: 'How a hotel chain cut its textile costs by 18%',
    },
    body: {
      tr:
        '<p>Merhaba {{firstName}},</p><p>Ege’deki bir otel zinciri nevresim ve havlu ' +
        'alımlarını bizimle tek tedarikçide topladı: <b>%18 daha düşük maliyet</b>, iki kat ' +
        'hızlı teslimat.</p><p><a href="{{bookingLink}}">Sizin için de hesaplayalım mı?</a></p>',
      en:
        '<p>Hello {{firstName}},</p><p>A hotel chain on the Aegean brought its bed linen and ' +
        'towel purchasing to one supplier with us: <b>18% lower cost</b>, delivery twice as ' +
        'fast.</p><p><a href="{{bookingLink}}">Shall we work it out for you too?</a></p>',
    },
  },
  {
    name: 'Kısa hatırlatma / Short reminder',
    channel: 'sms',
    body: {
      tr: 'Merhaba {{firstName}}, {{store}} ile demo için uygun saatinizi seçin: {{bookingLink}}',
      en: 'Hello {{firstName}}, pick a time for your {{store}} demo: {{bookingLink}}',
    },
  },
]

/**
 * @param {string} baseUrl the worker, e.g. http://127.0.0.1:8787
 * @param {string} ownerKey an owner's `sk_…` key
 * @param {{ bookingUrl: string, quotePageUrl: string }} pages the store's own pages
 * @param {{ quietHours?: { start: string, end: string } | null }} [options] the demo's quiet
 *   nights by default; tests pass null so that a run at night sends too
 */
export async function seedDemoNurture(baseUrl, ownerKey, pages, options = {}) {
  const api = async (method, path, body) => {
    const res = await fetch(`${baseUrl}/admin/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${ownerKey}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
    return text ? JSON.parse(text) : null
  }
  const existing = await api('GET', '/templates')
  if (existing.items.length > 0) return false
  await api('PUT', '/messaging/settings', {
    email: {
      provider: 'resend',
      from: 'Anadolu Tekstil <satis@anadolutekstil.example>',
      apiKeySecret: 'RESEND_API_KEY',
    },
    sms: {
      provider: 'verimor',
      header: 'ANADOLUTKS',
      usernameSecret: 'VERIMOR_USERNAME',
      passwordSecret: 'VERIMOR_PASSWORD',
    },
    quietHours:
      options.quietHours === undefined ? { start: '21:00', end: '09:00' } : options.quietHours,
    frequencyCap: { max: 3, days: 7 },
    bookingUrl: pages.bookingUrl,
    quotePageUrl: pages.quotePageUrl,
    reminderOffsets: [24 * 60, 60],
  })
  const ids = []
  for (const t of templates) ids.push((await api('POST', '/templates', t)).id)
  await api('POST', '/sequences', {
    name: 'Nitelikli adaylar / Qualified leads',
    trigger: { on: 'stage', stage: 'nurturing' },
    steps: [
      { kind: 'send', channel: 'email', templateId: ids[0] },
      { kind: 'wait', amount: 2, unit: 'days' },
      { kind: 'send', channel: 'email', templateId: ids[1] },
      { kind: 'wait_until', weekdays: [2, 4], time: '10:00' },
      { kind: 'send', channel: 'sms', templateId: ids[2] },
      { kind: 'wait', amount: 1, unit: 'days' },
      { kind: 'task', title: 'Arayın ve demo önerin / Call and offer a demo', dueInHours: 24 },
    ],
  })
  return true
}
