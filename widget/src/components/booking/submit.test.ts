/**
 * However `<leadline-booking>`'s review step is submitted (page code's `requestSubmit()` or
 * `click()`, twice in a row, with contact fields an autofill tool filled silently, offline), the
 * booking is handed to the outbox exactly once and nothing escapes into the host page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PublicBooking, PublicBookingView } from '../../../../contract'
import { outbox, OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, SITE, siteConfig, type Call } from '../../test-helpers'
import { settle, watchHostPage, watchOutbox } from '../../test-submit'
import './define'

const WAIT = { timeout: 5000 }
const pageLang = document.documentElement.lang
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
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    api.calls.push(call)
    const path = url.slice(API.length).split('?')[0]
    if (path === `/v1/sites/${SITE}/booking`) return Response.json(BOOKING)
    if (path === `/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (path === `/v1/sites/${SITE}/slots`) {
      const slots = [{ start: START, end: VIEW.end }]
      return Response.json({ type: 'demo', durationMin: 30, slots, timeZone: 'UTC' })
    }
    if (path === '/v1/bookings' && call.method === 'POST') return api.book(call)
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
  })
  return api
}

/** Mounts the booking and picks Dec 8's only time from page code; returns the review form. */
async function mountAtReview(attrs: Record<string, string> = {}) {
  const el = document.createElement('leadline-booking')
  el.setAttribute('site-key', SITE)
  el.setAttribute('api-base', API)
  el.setAttribute('time-zone', 'Europe/Istanbul')
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector('td.free'), WAIT)
  $(el, 'td[data-day="2026-12-08"]').click()
  await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="slot"]'), WAIT)
  $(el, '[part="slot"]').click()
  const form = await vi.waitUntil(() => el.shadowRoot!.querySelector('form.review'), WAIT)
  return { el, form: form as HTMLFormElement }
}

const confirmed = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="confirmation"]')

let page: ReturnType<typeof watchHostPage>
let box: ReturnType<typeof watchOutbox>

beforeEach(() => {
  vi.setSystemTime(new Date('2026-12-01T09:00:00Z'))
  document.documentElement.lang = ''
  localStorage.clear()
  page = watchHostPage()
  box = watchOutbox()
})

afterEach(() => {
  page.stop()
  box.restore()
  document.body.replaceChildren()
  document.documentElement.lang = pageLang
  outbox().stop()
  localStorage.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

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
    await settle()
    const handed = box.to('/v1/bookings')
    expect(handed).toHaveLength(1)
    expect(handed[0]!.body).toMatchObject({
      start: START,
      contact: {
        fields: { name: 'Ayşe Yılmaz', email: 'booking@example.com' },
        consent: { channels: { email: true, sms: false, phone: false } },
      },
    })
    expect(api.posts().map((p) => p.headers.get('Idempotency-Key'))).toEqual([handed[0]!.key])
    expect(page.escaped).toEqual([])
  })

  it("books a known lead's meeting once when the store's script clicks Confirm twice", async () => {
    const api = fakeApi()
    const { el, form } = await mountAtReview({ 'lead-id': 'lead_1' })
    const confirm = form.querySelector<HTMLButtonElement>('button[type="submit"]')!
    confirm.click()
    confirm.click()
    await vi.waitUntil(() => confirmed(el), WAIT)
    await settle()
    expect(box.to('/v1/bookings')).toHaveLength(1)
    expect(api.posts()).toHaveLength(1)
    expect(api.posts()[0]!.body).toMatchObject({ leadId: 'lead_1', start: START })
    expect(page.escaped).toEqual([])
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
    expect(box.to('/v1/bookings')).toHaveLength(1)
    expect(new Set(api.posts().map((p) => p.headers.get('Idempotency-Key')))).toEqual(
      new Set([queued[0].key]),
    )
    expect(page.escaped).toEqual([])
  })
})
