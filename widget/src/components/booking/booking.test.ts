import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { PublicBooking, PublicBookingView, Slot } from '../../../../contract'
import { BookingCreateSchema } from '../../../../contract/booking'
import { outbox } from '../../internal/api'
import { $, API, SITE, siteConfig, type Call } from '../../test-helpers'
import './define'

const WAIT = { timeout: 5000 }
const pageLang = document.documentElement.lang
const XSS = '<img src=x onerror="window.__pwned=1">'
const slot = (start: string, min = 30): Slot => ({
  start: new Date(start).toISOString(),
  end: new Date(Date.parse(start) + min * 60_000).toISOString(),
})

const BOOKING: PublicBooking = {
  meetingTypes: [
    { id: 'demo', name: { tr: 'Demo', en: 'Demo' }, durationMin: 30, locationKind: 'video' },
    { id: 'intro', name: { tr: 'Tanışma', en: 'Intro' }, durationMin: 15, locationKind: 'phone' },
  ],
  storeTimeZone: 'Europe/Istanbul',
}

function view(overrides: Partial<PublicBookingView> = {}): PublicBookingView {
  return {
    bookingId: 'bk_1',
    status: 'confirmed',
    type: 'demo',
    typeName: { tr: 'Demo ' + XSS, en: 'Demo ' + XSS },
    start: '2026-12-08T11:30:00.000Z',
    end: '2026-12-08T12:00:00.000Z',
    timeZone: 'Europe/Istanbul',
    repName: 'Can ' + XSS,
    location: { kind: 'video', value: 'https://meet.example/abc ' + XSS },
    manageUrl: `${API}/v1/bookings/tok_1`,
    icsUrl: `${API}/v1/bookings/tok_1/ics`,
    sequence: 0,
    manageable: true,
    ...overrides,
  }
}

type Handler = (call: Call) => Response | Promise<Response>

function fakeApi() {
  const api = {
    calls: [] as Call[],
    slots: [
      slot('2026-12-08T11:30:00Z'),
      slot('2026-12-08T13:00:00Z'),
      slot('2026-12-10T07:00:00Z'),
      slot('2027-01-12T08:00:00Z'),
    ],
    book: (() => Response.json(view(), { status: 201 })) as Handler,
    /** Answers a cancel instead of the default (the view, cancelled). */
    cancel: undefined as Handler | undefined,
    views: { tok_1: view() } as Record<string, PublicBookingView>,
    posts: (path: string) => api.calls.filter((c) => c.method === 'POST' && c.url === API + path),
    slotQueries: () =>
      api.calls
        .filter((c) => c.url.includes('/slots?'))
        .map((c) => Object.fromEntries(new URL(c.url).searchParams)),
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
    const path = url.slice(API.length).split('?')[0]!
    const q = new URL(url).searchParams
    if (path === `/v1/sites/${SITE}/booking`) return Response.json(BOOKING)
    if (path === `/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (path === `/v1/sites/${SITE}/slots`) {
      // `month=YYYY-MM`: the month's days in any zone, as the server reads it (14 h either side).
      const [y, m] = (q.get('month') ?? '').split('-').map(Number)
      const [from, to] = q.has('month')
        ? [Date.UTC(y!, m! - 1) - 504e5, Date.UTC(y!, m!) + 504e5]
        : [Date.parse(q.get('from')!), Date.parse(q.get('to')!)]
      const slots = api.slots.filter((s) => Date.parse(s.start) >= from && Date.parse(s.start) < to)
      // Without a type, the store's first (the server's default).
      const type = q.get('type') ?? BOOKING.meetingTypes[0]!.id
      return Response.json({ type, durationMin: 30, slots, timeZone: 'UTC' })
    }
    if (path === '/v1/bookings' && call.method === 'POST') return api.book(call)
    const m = path.match(/^\/v1\/bookings\/(\w+)(?:\/(cancel|reschedule))?$/)
    const current = m && api.views[m[1]!]
    if (m && !current) {
      return Response.json({ error: { code: 'not_found', message: 'gone' } }, { status: 404 })
    }
    if (current && !m[2]) return Response.json(current)
    if (current && m[2] === 'cancel')
      return api.cancel?.(call) ?? Response.json({ ...current, status: 'cancelled' })
    if (current && m[2] === 'reschedule') {
      const start = (call.body as { start: string }).start
      const moved = view({ ...slot(start), manageUrl: `${API}/v1/bookings/tok_2`, sequence: 1 })
      delete api.views[m[1]!]
      api.views.tok_2 = moved
      return Response.json(moved)
    }
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
  })
  return api
}

async function mount(attrs: Record<string, string> = {}): Promise<HTMLElement> {
  const el = document.createElement('leadline-booking')
  el.setAttribute('site-key', SITE)
  el.setAttribute('api-base', API)
  el.setAttribute('time-zone', 'Europe/Istanbul')
  for (const [k, val] of Object.entries(attrs)) el.setAttribute(k, val)
  document.body.append(el)
  await vi.waitUntil(
    () => el.shadowRoot?.querySelector('td.free, [part="confirmation"], .error:not(:empty)'),
    WAIT,
  )
  return el
}

const cell = (el: HTMLElement, iso: string) => $(el, `td[data-day="${iso}"]`)
const active = (el: HTMLElement) => el.shadowRoot!.activeElement as HTMLElement | null
const slotNames = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('[part="slot"]')].map((b) => b.getAttribute('aria-label'))
const text = (el: HTMLElement, selector: string) =>
  $(el, selector).textContent?.replace(/\s+/g, ' ').trim()

async function pickZone(el: HTMLElement, zone: string) {
  await userEvent.selectOptions($<HTMLSelectElement>(el, '#zone'), zone)
  await vi.waitUntil(() => text(el, '#zone-now')?.endsWith(zone), WAIT)
}

/** Clicks Dec 8, then its 14:30 (Istanbul) slot; waits for the review step. */
async function pickSlot(el: HTMLElement) {
  await userEvent.click(cell(el, '2026-12-08'))
  await vi.waitUntil(() => slotNames(el).length, WAIT)
  await userEvent.click($(el, '[part="slot"]'))
  await vi.waitUntil(() => el.shadowRoot!.querySelector('.review'), WAIT)
}

beforeEach(() => {
  vi.setSystemTime(new Date('2026-12-01T09:00:00Z'))
  document.documentElement.lang = ''
  localStorage.clear()
})

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.lang = pageLang
  outbox().stop()
  localStorage.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  history.replaceState(null, '', location.pathname)
})

describe('<leadline-booking>', () => {
  it('names every day and time in full in Turkish, with weekday headers and the zone', async () => {
    fakeApi()
    const el = await mount()
    expect(text(el, '#month')).toBe('Aralık 2026')
    expect($(el, 'table').getAttribute('role')).toBe('grid')
    const heads = [...el.shadowRoot!.querySelectorAll('th')]
    expect(heads.map((h) => h.getAttribute('aria-label'))).toEqual([
      'Pazartesi',
      'Salı',
      'Çarşamba',
      'Perşembe',
      'Cuma',
      'Cumartesi',
      'Pazar',
    ])
    expect(heads[0]!.textContent?.trim()).toBe('Pzt')
    await expect
      .element(page.getByRole('gridcell', { name: 'Salı, 8 Aralık 2026', exact: true }))
      .toBeVisible()
    const empty = cell(el, '2026-12-09')
    expect(empty.getAttribute('aria-label')).toBe('Çarşamba, 9 Aralık 2026, boş saat yok')
    expect(empty.getAttribute('aria-disabled')).toBe('true')
    expect(cell(el, '2026-12-08').getAttribute('aria-disabled')).toBeNull()
    expect(cell(el, '2026-12-01').getAttribute('aria-current')).toBe('date')
    expect(text(el, '#zone-now')).toBe('Saat dilimi: Europe/Istanbul')
    await userEvent.click(cell(el, '2026-12-08'))
    await vi.waitUntil(() => slotNames(el).length, WAIT)
    expect(slotNames(el)).toEqual(['Salı, 8 Aralık 2026, 14:30', 'Salı, 8 Aralık 2026, 16:00'])
    await expect
      .element(page.getByRole('button', { name: 'Salı, 8 Aralık 2026, 14:30' }))
      .toBeVisible()
    expect(cell(el, '2026-12-08').getAttribute('aria-selected')).toBe('true')
  })

  it('names them in English from its lang attribute', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    expect(text(el, '#month')).toBe('December 2026')
    expect(cell(el, '2026-12-08').getAttribute('aria-label')).toBe('Tuesday, 8 December 2026')
    expect(cell(el, '2026-12-09').getAttribute('aria-label')).toBe(
      'Wednesday, 9 December 2026, no free times',
    )
    expect($(el, 'th').getAttribute('aria-label')).toBe('Monday')
    expect(text(el, '#zone-now')).toBe('Time zone: Europe/Istanbul')
    await userEvent.click(cell(el, '2026-12-08'))
    await vi.waitUntil(() => slotNames(el).length, WAIT)
    expect(slotNames(el)[0]).toBe('Tuesday, 8 December 2026, 14:30')
  })

  it('books with the keyboard alone: Tab into the grid, arrows, Home/End, PageDown, Enter', async () => {
    const api = fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    const booked = vi.fn()
    el.addEventListener('leadline-booked', booked)
    for (let i = 0; i < 10 && active(el)?.localName !== 'td'; i++) await userEvent.tab()
    expect(active(el)).toBe(cell(el, '2026-12-08'))
    expect(el.shadowRoot!.querySelectorAll('td[tabindex="0"]')).toHaveLength(1)
    await userEvent.keyboard('{ArrowRight}')
    expect(active(el)).toBe(cell(el, '2026-12-09'))
    await userEvent.keyboard('{ArrowDown}')
    expect(active(el)).toBe(cell(el, '2026-12-16'))
    await userEvent.keyboard('{Home}')
    expect(active(el)).toBe(cell(el, '2026-12-14'))
    await userEvent.keyboard('{End}')
    expect(active(el)).toBe(cell(el, '2026-12-20'))
    await userEvent.keyboard('{PageDown}')
    await vi.waitUntil(() => text(el, '#month') === 'Ocak 2027', WAIT)
    await vi.waitUntil(() => active(el) === cell(el, '2027-01-20'), WAIT)
    expect(api.slotQueries().at(-1)).toMatchObject({ type: 'demo' })
    await userEvent.keyboard('{PageUp}')
    await vi.waitUntil(() => active(el) === cell(el, '2026-12-20'), WAIT)
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowRight}{ArrowRight}')
    expect(active(el)).toBe(cell(el, '2026-12-08'))
    await userEvent.keyboard('{Enter}')
    await vi.waitUntil(() => slotNames(el).length === 2, WAIT)
    await userEvent.tab()
    expect(active(el)?.getAttribute('aria-label')).toBe('Salı, 8 Aralık 2026, 14:30')
    await userEvent.keyboard('{Enter}')
    await vi.waitUntil(() => active(el)?.id === 'review', WAIT)
    expect(text(el, '.when')).toBe('Salı, 8 Aralık 2026, 14:30 (Europe/Istanbul)')
    await userEvent.tab()
    expect(active(el)?.textContent?.trim()).toBe('Randevuyu onayla')
    await userEvent.keyboard('{Enter}')
    await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), WAIT)
    expect(text(el, 'h2')).toBe('Randevunuz onaylandı')
    expect(active(el)).toBe($(el, 'h2'))
    expect(booked.mock.calls[0]![0].detail).toEqual({
      bookingId: 'bk_1',
      start: '2026-12-08T11:30:00.000Z',
      end: '2026-12-08T12:00:00.000Z',
    })
  })

  it('shows the same instant at the local time of the zone the visitor switches to', async () => {
    fakeApi()
    const el = await mount()
    await userEvent.click(cell(el, '2026-12-08'))
    await vi.waitUntil(() => slotNames(el).length, WAIT)
    expect(slotNames(el)[0]).toBe('Salı, 8 Aralık 2026, 14:30')
    await pickZone(el, 'America/New_York')
    expect(text(el, '#zone-now')).toBe('Saat dilimi: America/New_York')
    expect(slotNames(el)).toEqual(['Salı, 8 Aralık 2026, 06:30', 'Salı, 8 Aralık 2026, 08:00'])
    await pickZone(el, 'Asia/Tokyo')
    expect(slotNames(el)[0]).toBe('Salı, 8 Aralık 2026, 20:30')
  })

  it('follows daylight saving in New York and moves a late slot to the day it falls on', async () => {
    vi.setSystemTime(new Date('2027-03-01T09:00:00Z'))
    const api = fakeApi()
    // New York leaves EST (UTC-5) for EDT (UTC-4) on Sunday 14 March 2027; Istanbul stays UTC+3.
    api.slots = [
      slot('2027-03-12T14:30:00Z'),
      slot('2027-03-15T02:30:00Z'),
      slot('2027-03-15T14:30:00Z'),
    ]
    const el = await mount({ lang: 'en' })
    await pickZone(el, 'America/New_York')
    const times = async (iso: string) => {
      await userEvent.click(cell(el, iso))
      await vi.waitUntil(() => slotNames(el).length, WAIT)
      return slotNames(el)
    }
    expect(await times('2027-03-12')).toEqual(['Friday, 12 March 2027, 09:30'])
    expect(await times('2027-03-14')).toEqual(['Sunday, 14 March 2027, 22:30'])
    expect(await times('2027-03-15')).toEqual(['Monday, 15 March 2027, 10:30'])
    await pickZone(el, 'Europe/Istanbul')
    expect(cell(el, '2027-03-14').getAttribute('aria-disabled')).toBe('true')
    expect(await times('2027-03-15')).toEqual([
      'Monday, 15 March 2027, 05:30',
      'Monday, 15 March 2027, 17:30',
    ])
  })

  it('sends the right JSON with an Idempotency-Key and survives a flaky network with the same key', async () => {
    const api = fakeApi()
    localStorage.setItem('leadline:lead:' + SITE, 'lead_7')
    let failures = 0
    api.book = () =>
      failures++ < 2
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Response.json(view(), { status: 201 })
    const el = await mount()
    await pickSlot(el)
    await pickZone(el, 'America/New_York')
    expect(text(el, '.when')).toBe('Salı, 8 Aralık 2026, 06:30 (America/New_York)')
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => text(el, '[part="status"]')?.includes('bağlantı bekleniyor'), WAIT)
    expect($<HTMLButtonElement>(el, '.review [part="button"]').disabled).toBe(true)
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => failures >= 2, WAIT)
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), WAIT)
    const posts = api.posts('/v1/bookings')
    expect(posts).toHaveLength(3)
    expect(new Set(posts.map((p) => p.headers.get('Idempotency-Key'))).size).toBe(1)
    expect(posts[0]!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(posts.map((p) => JSON.stringify(p.body))).size).toBe(1)
    expect(posts[0]!.body).toEqual({
      siteKey: SITE,
      type: 'demo',
      start: '2026-12-08T11:30:00.000Z',
      timeZone: 'America/New_York',
      leadId: 'lead_7',
      pageUrl: location.href.split('#')[0],
    })
    expect(v.safeParse(BookingCreateSchema, posts[0]!.body).issues).toBeUndefined()
    expect(localStorage.getItem('leadline:booking:' + SITE)).toBeNull()
  })

  it('offers the nearest free times when the slot was just taken', async () => {
    const api = fakeApi()
    const errors = vi.fn()
    api.book = (call) => {
      if ((call.body as { start: string }).start !== '2026-12-08T11:30:00.000Z') {
        return Response.json(view({ start: '2026-12-08T13:00:00.000Z' }), { status: 201 })
      }
      api.slots = api.slots.filter((s) => s.start !== '2026-12-08T11:30:00.000Z')
      return Response.json(
        { error: { code: 'slot_taken', message: 'taken' }, slots: api.slots.slice(0, 2) },
        { status: 409 },
      )
    }
    const el = await mount({ 'lead-id': 'lead_1' })
    el.addEventListener('leadline-error', errors)
    await pickSlot(el)
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => slotNames(el).length === 3, WAIT)
    expect(text(el, '.taken')).toBe('Bu saat az önce doldu. En yakın boş saatler:')
    expect(slotNames(el)).toEqual([
      'Salı, 8 Aralık 2026, 16:00',
      'Perşembe, 10 Aralık 2026, 10:00',
      'Salı, 12 Ocak 2027, 11:00',
    ])
    expect(errors.mock.calls[0]![0].detail.code).toBe('slot_taken')
    await userEvent.click($(el, '[part="slot"]'))
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), WAIT)
    expect(api.posts('/v1/bookings').at(-1)!.body).toMatchObject({
      start: '2026-12-08T13:00:00.000Z',
    })
    expect(
      new Set(api.posts('/v1/bookings').map((p) => p.headers.get('Idempotency-Key'))).size,
    ).toBe(2)
  })

  it('standalone: asks for contact details and unticked consent before booking', async () => {
    const api = fakeApi()
    const el = await mount()
    await pickSlot(el)
    const consent = el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name^="consent_"]')
    expect([...consent].map((c) => c.checked)).toEqual([false, false, false])
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => active(el)?.id === 'c-name', WAIT)
    expect(text(el, '#ce-name')).toBe('Bu alan zorunludur.')
    expect(api.posts('/v1/bookings')).toHaveLength(0)
    await userEvent.fill($(el, '#c-name'), 'Ayşe Yılmaz')
    await userEvent.fill($(el, '#c-email'), 'ayse@example.com')
    await userEvent.click($(el, '[name="consent_email"]'))
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), WAIT)
    const body = api.posts('/v1/bookings')[0]!.body as Record<string, unknown>
    expect(body.leadId).toBeUndefined()
    expect(body.contact).toMatchObject({
      fields: { name: 'Ayşe Yılmaz', email: 'ayse@example.com' },
      consent: { version: '2026-01', channels: { email: true, sms: false, phone: false } },
      context: { locale: 'tr' },
    })
    expect(v.safeParse(BookingCreateSchema, body).issues).toBeUndefined()
  })

  it('confirms with the rep, the place as text, and calendar, reschedule and cancel links', async () => {
    fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    await pickSlot(el)
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), WAIT)
    const box = $(el, '[part="confirmation"]')
    expect(box.textContent).toContain('Salı, 8 Aralık 2026, 14:30–15:00')
    expect(box.textContent).toContain('Görüşmeyi yapacak: Can ' + XSS)
    expect(box.textContent).toContain('https://meet.example/abc ' + XSS)
    const links = [...box.querySelectorAll('a')]
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Takvime ekle',
      'Saati değiştir',
      'Randevuyu iptal et',
    ])
    expect(links[0]!.href).toBe(`${API}/v1/bookings/tok_1/ics`)
    expect(new URL(links[1]!.href).searchParams.get('leadline_booking')).toBe('tok_1')
    expect(el.shadowRoot!.querySelector('img')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('manages a booking from its link: cancels with a reason', async () => {
    const api = fakeApi()
    history.replaceState(null, '', '?leadline_booking=tok_1')
    const el = await mount({ lang: 'en' })
    const cancelled = vi.fn()
    el.addEventListener('leadline-cancelled', cancelled)
    expect(text(el, 'h2')).toBe('Your meeting')
    await userEvent.click(page.getByRole('link', { name: 'Cancel meeting' }))
    await vi.waitUntil(() => active(el)?.id === 'reason', WAIT)
    await userEvent.keyboard('Plans changed')
    await userEvent.click(page.getByRole('button', { name: 'Cancel it' }))
    await vi.waitUntil(() => text(el, 'h2') === 'Your meeting has been cancelled', WAIT)
    expect(api.posts('/v1/bookings/tok_1/cancel')[0]!.body).toEqual({ reason: 'Plans changed' })
    expect(cancelled.mock.calls[0]![0].detail).toEqual({ bookingId: 'bk_1' })
    expect(el.shadowRoot!.querySelector('a')).toBeNull()
  })

  it('reschedules from the manage-token attribute; the old link then says it no longer works', async () => {
    const api = fakeApi()
    let el = await mount({ 'manage-token': 'tok_1' })
    await userEvent.click(page.getByRole('link', { name: 'Saati değiştir' }))
    await vi.waitUntil(() => text(el, 'h2') === 'Yeni bir saat seçin', WAIT)
    await vi.waitUntil(() => el.shadowRoot!.querySelector('td.free'), WAIT)
    await userEvent.click(cell(el, '2026-12-10'))
    await vi.waitUntil(() => slotNames(el).length, WAIT)
    await userEvent.click($(el, '[part="slot"]'))
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => text(el, 'h2') === 'Randevunuzun saati değiştirildi', WAIT)
    expect(api.posts('/v1/bookings/tok_1/reschedule')[0]!.body).toEqual({
      start: '2026-12-10T07:00:00.000Z',
      timeZone: 'Europe/Istanbul',
    })
    expect($(el, '[part="confirmation"]').textContent).toContain('Perşembe, 10 Aralık 2026, 10:00')
    const links = [...el.shadowRoot!.querySelectorAll('a')]
    expect(new URL(links[2]!.href).searchParams.get('leadline_booking')).toBe('tok_2')
    el.remove()
    el = await mount({ 'manage-token': 'tok_1' })
    await vi.waitUntil(() => text(el, '[part="error"]')?.includes('artık geçerli değil'), WAIT)
  })

  it('reschedules from ?leadline_booking=, puts the new token in the URL and stays confirmed', async () => {
    const api = fakeApi()
    history.replaceState(null, '', '?leadline_booking=tok_1')
    const el = await mount()
    await userEvent.click(page.getByRole('link', { name: 'Saati değiştir' }))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('td.free'), WAIT)
    await userEvent.click(cell(el, '2026-12-10'))
    await vi.waitUntil(() => slotNames(el).length, WAIT)
    await userEvent.click($(el, '[part="slot"]'))
    await userEvent.click($(el, '.review [part="button"]'))
    await vi.waitUntil(() => text(el, 'h2') === 'Randevunuzun saati değiştirildi', WAIT)
    expect(new URL(location.href).searchParams.get('leadline_booking')).toBe('tok_2')
    // The new token names the booking on screen: it is not loaded again over the confirmation.
    await new Promise((r) => setTimeout(r, 300))
    expect(text(el, 'h2')).toBe('Randevunuzun saati değiştirildi')
    expect(api.calls.filter((c) => c.url.includes('/v1/bookings/tok_2'))).toEqual([])
  })

  it('fires leadline-slot-select with the chosen slot when a time is picked', async () => {
    fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    const selected = vi.fn<(e: CustomEvent) => void>()
    // Listened for on the document: it bubbles out of the shadow root.
    document.addEventListener('leadline-slot-select', selected)
    try {
      await pickSlot(el)
    } finally {
      document.removeEventListener('leadline-slot-select', selected)
    }
    expect(selected).toHaveBeenCalledOnce()
    const event = selected.mock.calls[0]![0]
    expect(event.target).toBe(el)
    expect(event.detail).toEqual(slot('2026-12-08T11:30:00Z'))
  })

  it('shows why a meeting that has started can no longer be changed, instead of the actions', async () => {
    const api = fakeApi()
    api.views.tok_1 = view({ manageable: false })
    // Even from the invite's cancel link: no form opens.
    history.replaceState(null, '', '?leadline_booking=tok_1&leadline_action=cancel')
    const el = await mount({ lang: 'en' })
    const box = $(el, '[part="confirmation"]')
    expect(text(el, 'h2')).toBe('Your meeting')
    expect(text(el, '.closed')).toBe(
      'This meeting has already started, so it can no longer be rescheduled or cancelled.',
    )
    expect(box.querySelectorAll('a, button, form, textarea')).toHaveLength(0)
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([])
  })

  it('shows the reason when the meeting started while the page was open (409 booking_started)', async () => {
    const api = fakeApi()
    api.cancel = () =>
      Response.json(
        { error: { code: 'booking_started', message: 'This meeting has already started.' } },
        { status: 409 },
      )
    const el = await mount({ 'manage-token': 'tok_1' })
    const errors = vi.fn()
    el.addEventListener('leadline-error', errors)
    await userEvent.click(page.getByRole('link', { name: 'Randevuyu iptal et' }))
    await vi.waitUntil(() => active(el)?.id === 'reason', WAIT)
    await userEvent.click(page.getByRole('button', { name: 'İptal et' }))
    await vi.waitUntil(() => el.shadowRoot!.querySelector('.closed'), WAIT)
    expect(api.posts('/v1/bookings/tok_1/cancel')).toHaveLength(1)
    expect(text(el, '.closed')).toMatch(/başladı/)
    expect($(el, '[part="confirmation"]').querySelectorAll('a, form')).toHaveLength(0)
    expect(errors.mock.calls[0]![0].detail.code).toBe('booking_started')
  })

  it('opens the reschedule calendar or the cancel form from the invite links (?leadline_action=)', async () => {
    fakeApi()
    history.replaceState(null, '', '?leadline_booking=tok_1&leadline_action=reschedule')
    let el = await mount()
    await vi.waitUntil(() => text(el, 'h2') === 'Yeni bir saat seçin', WAIT)
    // Taken out of the address, so a reload shows the booking again.
    expect(new URL(location.href).searchParams.has('leadline_action')).toBe(false)
    expect(new URL(location.href).searchParams.get('leadline_booking')).toBe('tok_1')
    el.remove()
    history.replaceState(null, '', '?leadline_booking=tok_1&leadline_action=cancel')
    el = await mount()
    await vi.waitUntil(() => active(el)?.id === 'reason', WAIT)
    expect(text(el, 'h2')).toBe('Randevunuz')
    expect(new URL(location.href).searchParams.has('leadline_action')).toBe(false)
  })

  it('offers a meeting type picker and asks for the chosen type', async () => {
    const api = fakeApi()
    const el = await mount()
    const select = $<HTMLSelectElement>(el, '[part="type"]')
    expect([...select.options].map((o) => o.textContent?.trim())).toEqual([
      'Demo (30 dk)',
      'Tanışma (15 dk)',
    ])
    await userEvent.selectOptions(select, 'intro')
    await vi.waitUntil(() => api.slotQueries().some((q) => q.type === 'intro'), WAIT)
    const q = api.slotQueries().find((x) => x.type === 'intro')!
    expect(q.month).toMatch(/^\d{4}-\d{2}$/)
  })
})
