/**
 * The webhook settings in Chromium against a stubbed admin API: creating one shows its secret
 * once, a test delivery's outcome and the delivery log, deleting after a confirmation, a failed
 * message sent again, reps reading only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { OutboxDetail, Webhook, WebhookDelivery } from '../../../contract'
import { json, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { mountSection } from './editor-kit/mount.test-helper'
import { deliveryState, toggledEvents } from './webhooks/outcome'
import './webhooks'

const HOOK: Webhook = {
  id: 'wh_1',
  url: 'https://crm.example/hooks/leadline',
  description: 'CRM',
  events: ['lead.created'],
  status: 'active',
  disabledReason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

const delivery = (extra: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'ob_1',
  channel: 'webhook',
  purpose: 'system',
  status: 'delivered',
  recipient: HOOK.url,
  subject: null,
  webhookId: HOOK.id,
  leadId: null,
  contactId: null,
  eventId: 'ev_1',
  eventType: 'lead.created',
  enrollmentId: null,
  attempts: 1,
  nextAttemptAt: '2026-01-02T10:00:00.000Z',
  lastStatus: 200,
  lastError: null,
  createdAt: '2026-01-02T10:00:00.000Z',
  deliveredAt: '2026-01-02T10:00:01.000Z',
  lastAttempt: null,
  ...extra,
})

function routes(extra: Record<string, (call: Call) => Response> = {}) {
  return stubApi({
    ...extra,
    'GET /admin/api/webhooks/wh_1/deliveries': () =>
      json({
        items: [
          delivery(),
          delivery({
            id: 'ob_0',
            eventId: null,
            eventType: 'webhook.test',
            status: 'failed',
            attempts: 8,
            lastStatus: 500,
            lastError: 'HTTP 500',
            deliveredAt: null,
          }),
        ],
        nextCursor: null,
      }),
    'GET /admin/api/webhooks': () => json({ items: [HOOK] }),
  })
}

const mount = async (me = ME) =>
  (await mountSection('leadline-settings-webhooks', me, '[data-webhooks]')).root

const status = (root: ShadowRoot) => root.querySelector('[role="status"]')!.textContent!

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the webhook settings', () => {
  it('creates a webhook for chosen events and shows its secret once', async () => {
    const calls = routes({
      'POST /admin/api/webhooks': (c) =>
        json({ ...HOOK, id: 'wh_2', ...(c.body as object), secret: 'whsec_c2VjcmV0' }, 201),
    })
    const root = await mount()
    await userEvent.click(root.querySelector('#wh-new')!)
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('wh-url'))
    await userEvent.keyboard('https://hooks.example/in')
    await userEvent.click(root.querySelector('#ev-all')!)
    await userEvent.click(root.querySelector('#ev-0')!)
    await userEvent.click(root.querySelector('#ev-2')!)
    await userEvent.click(root.querySelector('form button[type=submit]')!)

    await vi.waitFor(() => expect(root.activeElement?.id).toBe('wh-secret'))
    expect(root.querySelector<HTMLInputElement>('#wh-secret')!.value).toBe('whsec_c2VjcmV0')
    expect(status(root)).toContain('yalnızca şimdi')
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      url: 'https://hooks.example/in',
      events: ['lead.created', 'quiz.completed'],
    })
    await userEvent.click(root.querySelector('.once button')!)
    expect(root.querySelector('#wh-secret')).toBeNull()
  })

  it('sends a test delivery, shows its outcome and the delivery log, and retries a failure', async () => {
    const detail: OutboxDetail = {
      message: delivery({
        id: 'ob_2',
        status: 'pending',
        attempts: 1,
        lastStatus: 503,
        lastError: 'HTTP 503',
      }),
      attempts: [],
    }
    const calls = routes({
      'POST /admin/api/webhooks/wh_1/test': () => json(detail, 201),
      'POST /admin/api/outbox/ob_0/retry': () => json(delivery({ id: 'ob_0', status: 'pending' })),
    })
    const root = await mount()
    await userEvent.click(root.querySelector('[data-webhook="wh_1"] button:nth-of-type(2)')!)
    await vi.waitFor(() =>
      expect(root.querySelector('[data-test]')?.textContent).toBe(
        'Deneme: yeniden denenecek, yanıt kodu 503 (HTTP 503).',
      ),
    )
    const log = shadow(root.querySelector('leadline-webhook-log'))
    await vi.waitFor(() => expect(log.querySelectorAll('[data-delivery]')).toHaveLength(2))
    // An event's delivery names its event; only the test delivery is called one.
    const event = log.querySelector('[data-delivery="ob_1"]')!
    expect(event.textContent).toContain('lead.created')
    expect(event.textContent).not.toContain('Deneme gönderimi')
    const failed = log.querySelector('[data-delivery="ob_0"]')!
    expect(failed.textContent).toContain('Deneme gönderimi')
    expect(failed.textContent).toContain('başarısız')
    expect(failed.textContent).toContain('500')
    await userEvent.click(failed.querySelector('button')!)
    await vi.waitFor(() =>
      expect(log.querySelector('[role="status"]')!.textContent).toContain('yeniden sıraya'),
    )
    expect(calls.some((c) => c.path === '/admin/api/outbox/ob_0/retry')).toBe(true)
  })

  it('deletes a webhook only after the confirmation', async () => {
    const calls = routes({
      'DELETE /admin/api/webhooks/wh_1': () => new Response(null, { status: 204 }),
    })
    const root = await mount()
    await userEvent.click(root.querySelector('[data-webhook="wh_1"] button.danger')!)
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('wh-delete-yes'))
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(status(root)).toContain('silindi'))
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/admin/api/webhooks/wh_1')).toBe(
      true,
    )
  })

  it('shows reps the webhooks and their logs without changing them', async () => {
    routes()
    const root = await mount(REP_ME)
    expect(root.textContent).toContain('yalnızca mağaza sahipleri değiştirebilir')
    expect(root.querySelector('#wh-new')).toBeNull()
    expect(root.querySelectorAll('[data-webhook="wh_1"] button')).toHaveLength(1)
    await userEvent.click(root.querySelector('[data-webhook="wh_1"] button')!)
    const log = shadow(root.querySelector('leadline-webhook-log'))
    await vi.waitFor(() => expect(log.querySelectorAll('[data-delivery]')).toHaveLength(2))
  })
})

describe('reading deliveries', () => {
  it('tells a message waiting to retry from one not tried yet', () => {
    expect(deliveryState({ status: 'pending', attempts: 0 })).toBe('pending')
    expect(deliveryState({ status: 'pending', attempts: 2 })).toBe('retrying')
    expect(deliveryState({ status: 'sending', attempts: 1 })).toBe('retrying')
    expect(deliveryState({ status: 'failed', attempts: 8 })).toBe('failed')
  })

  it('treats all events as one choice apart from the others', () => {
    expect(toggledEvents(['*'], 'lead.created', true)).toEqual(['lead.created'])
    expect(toggledEvents(['lead.created'], '*', true)).toEqual(['*'])
    expect(toggledEvents(['lead.created', 'quote.sent'], 'lead.created', false)).toEqual([
      'quote.sent',
    ])
  })
})
