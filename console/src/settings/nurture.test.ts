/**
 * Delivery settings, templates and sequences in Chromium against a stubbed admin API: edits
 * reach the request bodies, reps read the settings only, a template's 422 shows at its field,
 * the preview is shown as text, and an enroll loop is named.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { DeliverySettings, Sequence, Template } from '../../../contract'
import { json, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { mountSection } from './editor-kit/mount.test-helper'
import './nurture'

const SETTINGS: DeliverySettings = {
  email: { provider: 'resend', from: 'Demo <satis@demo.example>', apiKeySecret: 'RESEND_API_KEY' },
  sms: null,
  quietHours: { start: '21:00', end: '09:00' },
  frequencyCap: { max: 3, days: 7 },
  bookingUrl: 'https://demo.example/randevu',
  quotePageUrl: null,
  reminderOffsets: [1440, 60],
}

const TEMPLATE: Template = {
  id: 'tp_1',
  name: 'Hoş geldiniz',
  channel: 'email',
  subject: { tr: 'Merhaba {{firstName}}', en: 'Hello {{firstName}}' },
  body: { tr: '<p>Merhaba</p>', en: '<p>Hello</p>' },
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

const sequence = (id: string, name: string, extra: Partial<Sequence> = {}): Sequence => ({
  id,
  name,
  status: 'active',
  trigger: { on: 'stage', stage: 'nurturing' },
  steps: [{ kind: 'send', channel: 'email', templateId: 'tp_1' }],
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})

const LEAD = {
  id: 'ld_1',
  contact: { name: 'Ayşe Yılmaz', email: 'ayse@example.com', company: null },
}

function routes(extra: Record<string, (call: Call) => Response> = {}) {
  return stubApi({
    ...extra,
    'GET /admin/api/messaging/settings': () => json(SETTINGS),
    'GET /admin/api/templates': () => json({ items: [TEMPLATE] }),
    'GET /admin/api/sequences/sq_a/enrollments': () =>
      json({
        items: [
          {
            id: 'en_1',
            sequenceId: 'sq_a',
            leadId: 'ld_1',
            contactId: 'ct_1',
            status: 'exited',
            step: 0,
            nextRunAt: null,
            exitReason: 'meeting_booked',
            enrolledBy: 'rule',
            createdAt: '2026-01-02T00:00:00.000Z',
            endedAt: '2026-01-03T00:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    'GET /admin/api/sequences': () =>
      json({ items: [sequence('sq_a', 'Besleme'), sequence('sq_b', 'Yeniden kazan')] }),
    'GET /admin/api/webhooks': () => json({ items: [] }),
    'GET /admin/api/leads': () => json({ items: [LEAD], nextCursor: null }),
  })
}

async function mount(me = ME) {
  const { root } = await mountSection('leadline-settings-nurture', me, 'leadline-sequences')
  const part = (tag: string) => shadow(root.querySelector(tag))
  await vi.waitFor(() =>
    expect(part('leadline-delivery-settings').querySelector('form')).toBeTruthy(),
  )
  await vi.waitFor(() => expect(part('leadline-templates').querySelector('li')).toBeTruthy())
  await vi.waitFor(() => expect(part('leadline-sequences').querySelector('li')).toBeTruthy())
  return {
    settings: part('leadline-delivery-settings'),
    templates: part('leadline-templates'),
    sequences: part('leadline-sequences'),
  }
}

const status = (root: ShadowRoot) => root.querySelector('[role="status"]')!.textContent!
const alert = (root: ShadowRoot) => root.querySelector('[role="alert"]')!.textContent!

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the delivery settings', () => {
  it('saves quiet hours, the frequency cap and reminder times', async () => {
    const calls = routes({ 'PUT /admin/api/messaging/settings': (c) => json(c.body) })
    const { settings } = await mount()
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#quiet-start')!, '20:30')
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#cap-max')!, '2')
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#reminders')!, '120')
    await userEvent.click(settings.querySelector('button[type=submit]')!)
    await vi.waitFor(() => expect(status(settings)).toContain('kaydedildi'))
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      ...SETTINGS,
      quietHours: { start: '20:30', end: '09:00' },
      frequencyCap: { max: 2, days: 7 },
      reminderOffsets: [120],
    })
  })

  it('shows reps the settings read-only and lets them write templates', async () => {
    routes()
    const { settings, templates } = await mount(REP_ME)
    expect(settings.querySelector('form fieldset')!.hasAttribute('disabled')).toBe(true)
    expect(settings.textContent).toContain('yalnızca mağaza sahipleri değiştirebilir')
    expect(templates.querySelector<HTMLButtonElement>('#tp-new')!.disabled).toBe(false)
  })
})

describe('the templates', () => {
  it('creates a template and shows the API’s refusal at the body it names', async () => {
    let posts = 0
    const calls = routes({
      'POST /admin/api/templates': (c) =>
        ++posts === 1
          ? json(
              {
                error: {
                  code: 'validation_failed',
                  message: 'The template is not valid.',
                  issues: [{ path: 'body.tr', message: '<script> is not allowed (at 1:1)' }],
                },
              },
              422,
            )
          : json({ ...TEMPLATE, ...(c.body as object), id: 'tp_2' }, 201),
    })
    const { templates } = await mount()
    await userEvent.click(templates.querySelector('#tp-new')!)
    await vi.waitFor(() => expect(templates.activeElement?.id).toBe('tp-name'))
    await userEvent.keyboard('Teklif hatırlatma')
    await userEvent.fill(templates.querySelector<HTMLInputElement>('#tp-subject-tr')!, 'Teklifiniz')
    await userEvent.fill(templates.querySelector<HTMLInputElement>('#tp-subject-en')!, 'Your quote')
    await userEvent.fill(
      templates.querySelector<HTMLTextAreaElement>('#tp-body-tr')!,
      '<script>x</script>',
    )
    await userEvent.fill(
      templates.querySelector<HTMLTextAreaElement>('#tp-body-en')!,
      '<p>Hi {{name}}</p>',
    )
    await userEvent.click(templates.querySelector('form button[type=submit]')!)

    await vi.waitFor(() =>
      expect(alert(templates)).toContain('Metin, Türkçe: <script> is not allowed'),
    )
    expect(templates.querySelector('#tp-body-tr')!.getAttribute('aria-invalid')).toBe('true')
    await userEvent.fill(
      templates.querySelector<HTMLTextAreaElement>('#tp-body-tr')!,
      '<p>Merhaba {{name}}</p>',
    )
    await userEvent.click(templates.querySelector('form button[type=submit]')!)
    await vi.waitFor(() => expect(status(templates)).toContain('“Teklif hatırlatma” kaydedildi'))
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({
      name: 'Teklif hatırlatma',
      channel: 'email',
      subject: { tr: 'Teklifiniz', en: 'Your quote' },
      body: { tr: '<p>Merhaba {{name}}</p>', en: '<p>Hi {{name}}</p>' },
    })
  })

  it('previews a template for a lead as text, never as HTML', async () => {
    const calls = routes({
      'POST /admin/api/templates/tp_1/preview': () =>
        json({
          subject: 'Merhaba Ayşe',
          html: '<p>Merhaba <b>Ayşe</b></p><img src=x onerror=alert(1)>',
          text: 'Merhaba Ayşe\n\nAbonelikten çık: https://leadline.test/u/preview',
        }),
    })
    const { templates } = await mount()
    await userEvent.click(templates.querySelector('[data-templates] button')!)
    await vi.waitFor(() =>
      expect(templates.querySelector<HTMLSelectElement>('#tp-pv-lead')!.value).toBe('ld_1'),
    )
    await userEvent.selectOptions(
      templates.querySelector<HTMLSelectElement>('#tp-pv-locale')!,
      'en',
    )
    await userEvent.click(templates.querySelector('[aria-labelledby="tp-pv-h"] > button')!)
    await vi.waitFor(() => expect(templates.querySelector('[data-preview] pre')).toBeTruthy())
    expect(calls.find((c) => c.path.endsWith('/preview'))!.body).toEqual({
      leadId: 'ld_1',
      locale: 'en',
    })
    expect(templates.querySelector('[data-preview]')!.textContent).toContain('Merhaba Ayşe')
    expect(templates.querySelector('[data-preview] pre')!.textContent).toContain('Abonelikten çık')
    expect(templates.querySelector('[data-preview] b, [data-preview] img, iframe')).toBeNull()
  })
})

describe('the sequences', () => {
  it('shows an enroll loop the API refuses, naming it', async () => {
    const message = 'The sequences would loop: Besleme → Yeniden kazan → Besleme'
    const calls = routes({
      'PUT /admin/api/sequences/sq_a': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message,
              issues: [{ path: 'steps.1.sequenceId', message }],
            },
          },
          422,
        ),
    })
    const { sequences } = await mount()
    await userEvent.click(sequences.querySelector('[data-sequences] button')!)
    await vi.waitFor(() => expect(sequences.querySelector('#sq-name')).toBeTruthy())
    await vi.waitFor(() => expect(sequences.textContent).toContain('randevu aldı'))
    await userEvent.click(sequences.querySelector('#sq-add-step')!)
    await userEvent.selectOptions(
      sequences.querySelector<HTMLSelectElement>('#st1-kind')!,
      'enroll',
    )
    await userEvent.selectOptions(
      sequences.querySelector<HTMLSelectElement>('#st1-sequence')!,
      'sq_b',
    )
    await userEvent.click(sequences.querySelector('form button[type=submit]')!)

    await vi.waitFor(() => expect(alert(sequences)).toContain('Besleme → Yeniden kazan → Besleme'))
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      name: 'Besleme',
      status: 'active',
      trigger: { on: 'stage', stage: 'nurturing' },
      steps: [
        { kind: 'send', channel: 'email', templateId: 'tp_1' },
        { kind: 'enroll', sequenceId: 'sq_b' },
      ],
    })
  })

  it('archives a sequence only after the confirmation', async () => {
    const calls = routes({
      'POST /admin/api/sequences/sq_a/archive': () =>
        json(sequence('sq_a', 'Besleme', { status: 'archived' })),
    })
    const { sequences } = await mount()
    await userEvent.click(sequences.querySelector('[data-sequences] button')!)
    await vi.waitFor(() => expect(sequences.querySelector('#sq-name')).toBeTruthy())
    await userEvent.click(sequences.querySelector('#sq-archive')!)
    await vi.waitFor(() => expect(sequences.activeElement?.id).toBe('sq-archive-yes'))
    expect(calls.some((c) => c.path.endsWith('/archive'))).toBe(false)
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(status(sequences)).toContain('“Besleme” arşivlendi'))
    expect(sequences.activeElement?.id).toBe('sq-new')
  })
})
