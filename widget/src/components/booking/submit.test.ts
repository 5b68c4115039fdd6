/**
 * However `<leadline-booking>`'s review step is submitted (page code's `requestSubmit()` or
 * `click()`, twice in a row, with contact fields an autofill tool filled silently, offline), the
 * booking is handed to the outbox exactly once and nothing escapes into the host page.
 */
import { describe, expect, it, vi } from 'vitest'
import type { PublicBooking, PublicBookingView } from '../../../../contract'
import { OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, SITE, mountWidget, siteConfig, stubFetch, type Call } from '../../test-helpers'
import { settle, useSubmitHarness } from '../../test-submit'
import './define'

const WAIT = { timeout: 5000 }
const START = '2026-12-08T11:30:00.000Z'

const BOOKING: PublicBooking = {
  meetingTypes: [
    { id: 'demo', name: { tr: 'Demo', en: 'Demo' }, durationMin: 30, locationKind: 'video' },
  ],
  storeTimeZone: 'Europe/Istanbul',
}

const VIEW: PublicBookingView = {
  bookingId: 'bk_1',
  status: 'confirmed',
  type: 'demo',
  typeName: { tr: 'Demo', en: 'Demo' },
  start: START,
  end: '2026-12-08T12:00:00.000Z',
  timeZone: 'Europe/Istanbul',
  repName: 'Can',
  location: { kind: 'video', value: 'https://meet.example/abc' },
  manageUrl: `${API}/v1/bookings/tok_1`,
  icsUrl: `${API}/v1/bookings/tok_1/ics`,
  sequence: 0,
  manageable: true,
}

const booked = () => Response.json(VIEW, { status: 201 })

function fakeApi() {
  const api = {
    calls: [] as Call[],
    book: booked as (call: Call) => Response | Promise<Response>,
    posts: () => api.calls.filter((c) => c.method === 'POST' && c.url === `${API}/v1/bookings`),
  }
  stubFetch(api.calls, (call) => {
    const path = call.url.slice(API.length).split('?')[0]
    if (path === `/v1/sites/${SITE}/booking`) return Response.json(BOOKING)
    if (path === `/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (path === `/v1/sites/${SITE}/slots`) {
      const slots = [{ start: START, end: VIEW.end }]
      return Response.json({ type: 'demo', durationMin: 30, slots, timeZone: 'UTC' })
    }
    if (path === '/v1/bookings' && call.method === 'POST') return api.book(call)
  })
  return api
}

/** Mounts the booking and picks Dec 8's only time from page code; returns the review form. */
async function mountAtReview(attrs: Record<string, string> = {}) {
  const attributes = { 'site-key': SITE, 'api-base': API, 'time-zone': 'Europe/Istanbul', ...attrs }
  const el = await mountWidget('leadline-booking', attributes, 'td.free', WAIT)
  $(el, 'td[data-day="2026-12-08"]').click()
  await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="slot"]'), WAIT)
  $(el, '[part="slot"]').click()
  const form = await vi.waitUntil(() => el.shadowRoot!.querySelector('form.review'), WAIT)
  return { el, form: form as HTMLFormElement }
}

const confirmed = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="confirmation"]')

const harness = useSubmitHarness({ now: '2026-12-01T09:00:00Z' })

describe('<leadline-booking> submitted any way', () => {
  it("books once when the store's script submits the review twice, with autofilled contact", async () => {
    const api = fakeApi()
    const { el, form } = await mountAtReview()
    // Filled the way an autofill tool or a script does it: no input or change events.
    $<HTMLInputElement>(el, '#c-name').value = 'Ayşe Yılmaz'
    $<HTMLInputElement>(el, '#c-email').value = 'booking@example.com'
    $<HTMLInputElement>(el, '[name="consent_email"]').checked = true
    form.requestSubmit()
    form.requestSubmit()
    await vi.waitUntil(() => confirmed(el), WAIT)
    const handed = await harness.expectSentOnce('/v1/bookings', api.posts)
    expect(handed.body).toMatchObject({
      start: START,
      contact: {
        fields: { name: 'Ayşe Yılmaz', email: 'booking@example.com' },
        consent: { channels: { email: true, sms: false, phone: false } },
      },
    })
  })

  it("books a known lead's meeting once when the store's script clicks Confirm twice", async () => {
    const api = fakeApi()
    // No zone named: the browser's own, shown by its offset and sent by its IANA name.
    const { el, form } = await mountAtReview({ 'lead-id': 'lead_1', 'time-zone': '' })
    expect(form.querySelector('.when')?.textContent).toMatch(/\(Yerel saat, GMT[+-]\d+\)$/)
    const confirm = form.querySelector<HTMLButtonElement>('button[type="submit"]')!
    confirm.click()
    confirm.click()
    await vi.waitUntil(() => confirmed(el), WAIT)
    await harness.expectSentOnce('/v1/bookings', api.posts)
    expect(api.posts()[0]!.body).toMatchObject({
      leadId: 'lead_1',
      start: START,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    })
  })

  it('queues one booking offline and delivers it once back online', async () => {
    const api = fakeApi()
    api.book = () => Promise.reject(new TypeError('Failed to fetch'))
    const { el, form } = await mountAtReview({ 'lead-id': 'lead_1' })
    form.requestSubmit()
    await vi.waitUntil(() => $(el, '[part="status"]').textContent?.includes('bağlantı'), WAIT)
    form.requestSubmit()
    await settle()
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
    expect(queued).toHaveLength(1)

    api.book = booked
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => confirmed(el), WAIT)
    harness.expectDeliveredOnce('/v1/bookings', api.posts, queued[0].key)
  })
})
