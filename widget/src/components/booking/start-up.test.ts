/**
 * What `<leadline-booking>` computes while it starts (dates.ts): no date formatter before its
 * requests are on their way (a page's first one loads the locale and zone data, a long task on a
 * slow phone), few for the first month, none more for re-renders and other months, and the time
 * zone select still offers the same zones in the same order. Formatters are counted by wrapping
 * `Intl.DateTimeFormat` (with and without `new`), not timed.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { PublicBooking, Slot } from '../../../../contract'
import { outbox } from '../../internal/api'
import { $, API, SITE, siteConfig, stubFetch, type Call } from '../../test-helpers'
import './define'

const WAIT = { timeout: 5000 }
const RealFormat = Intl.DateTimeFormat
let built = 0

beforeAll(() => {
  Intl.DateTimeFormat = new Proxy(RealFormat, {
    construct(target, args: ConstructorParameters<typeof RealFormat>) {
      built++
      return new target(...args)
    },
    apply(target, _this, args: ConstructorParameters<typeof RealFormat>) {
      built++
      return target(...args)
    },
  })
  return () => {
    Intl.DateTimeFormat = RealFormat
  }
})

const slot = (start: string): Slot => ({
  start,
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
})

function booking(storeTimeZone = 'Europe/Istanbul'): PublicBooking {
  return {
    meetingTypes: [
      { id: 'demo', name: { tr: 'Demo', en: 'Demo' }, durationMin: 30, locationKind: 'video' },
    ],
    storeTimeZone,
  }
}

/** A fake API that notes how many formatters existed when each request left. */
function fakeApi(config: PublicBooking = booking()) {
  const calls: Call[] = []
  const builtAtRequest: number[] = []
  stubFetch(calls, (call) => {
    builtAtRequest.push(built)
    const path = call.url.slice(API.length).split('?')[0]
    if (path === `/v1/sites/${SITE}/booking`) return Response.json(config)
    if (path === `/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (path === `/v1/sites/${SITE}/slots`) {
      const slots = [
        slot('2026-12-08T11:30:00.000Z'),
        slot('2026-12-10T07:00:00.000Z'),
        slot('2027-01-12T08:00:00.000Z'),
      ]
      return Response.json({ type: 'demo', durationMin: 30, slots, timeZone: 'UTC' })
    }
  })
  return { calls, builtAtRequest }
}

async function mount(attrs: Record<string, string> = {}): Promise<HTMLElement> {
  const el = document.createElement('leadline-booking')
  el.setAttribute('site-key', SITE)
  el.setAttribute('api-base', API)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector('td.free'), WAIT)
  return el
}

const options = (el: HTMLElement) =>
  [...$<HTMLSelectElement>(el, '#zone').options].map((o) => o.value)

beforeEach(() => {
  vi.setSystemTime(new Date('2026-12-01T09:00:00Z'))
  localStorage.clear()
})

afterEach(() => {
  document.body.replaceChildren()
  outbox().stop()
  localStorage.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('<leadline-booking> start-up', () => {
  // First in the file: nothing on this page has built a formatter yet.
  it("shows the month in the browser's zone without building any date formatter", async () => {
    expect(built).toBe(0)
    const api = fakeApi()
    const el = await mount({ lang: 'tr' })
    expect(api.calls.length).toBeGreaterThanOrEqual(3)
    // The page's first formatter loads ICU's data, ~150 ms of one task at 4× CPU: the browser's
    // zone needs none (`Date`'s local getters, the name tables; the old start-up built eight).
    expect(built).toBe(0)
    expect($(el, '#zone-now').textContent).toMatch(/^Saat dilimi: Yerel saat, GMT[+-]\d/)
    expect($(el, '[part="calendar"]').getAttribute('aria-busy')).toBe('false')
    await userEvent.click($(el, 'td[data-day="2026-12-08"]'))
    await vi.waitUntil(() => el.shadowRoot?.querySelector('[part="slot"]'), WAIT)
    expect(built).toBe(0)
  })

  it('draws the loading status, then the calendar once, with its first month of slots', async () => {
    fakeApi()
    const ctor = customElements.get('leadline-booking')!
    const own = ctor.prototype.update
    const drawn: string[] = []
    ctor.prototype.update = function (this: HTMLElement, changed: Map<PropertyKey, unknown>) {
      own.call(this, changed)
      const root = this.shadowRoot!
      drawn.push(
        root.querySelector('td.free')
          ? 'calendar'
          : root.querySelector('table')
            ? 'empty'
            : 'status',
      )
    }
    try {
      await mount()
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      ctor.prototype.update = own
    }
    expect(drawn).toEqual(['status', 'calendar'])
  })

  it('builds no more formatters to re-render, move through the days and change months', async () => {
    fakeApi()
    const el = await mount({ 'time-zone': 'Europe/Istanbul' })
    // Picking a day draws its times: one formatter more, for the clock in this zone.
    const shown = built
    await userEvent.click($(el, 'td[data-day="2026-12-08"]'))
    await vi.waitUntil(() => el.shadowRoot?.querySelector('[part="slot"]'), WAIT)
    expect(built - shown).toBeLessThanOrEqual(1)
    const after = built
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{Enter}{ArrowLeft}')
    await vi.waitUntil(() => $(el, 'td[data-day="2026-12-10"]').ariaSelected === 'true', WAIT)
    await userEvent.keyboard('{PageDown}')
    await vi.waitUntil(() => el.shadowRoot?.querySelector('td[data-day="2027-01-12"].free'), WAIT)
    await userEvent.keyboard('{PageUp}')
    await vi.waitUntil(() => el.shadowRoot?.querySelector('td[data-day="2026-12-08"]'), WAIT)
    expect(built).toBe(after)
  })

  it('offers the same zones in the same order, each one the browser knows', async () => {
    fakeApi(booking('America/Sao_Paulo'))
    const el = await mount({ 'time-zone': 'Asia/Kolkata' })
    const common = [
      'Europe/Istanbul',
      'Europe/London',
      'Europe/Berlin',
      'Europe/Moscow',
      'Asia/Dubai',
      'Asia/Tokyo',
      'Australia/Sydney',
      'America/New_York',
      'America/Chicago',
      'America/Los_Angeles',
      'UTC',
    ]
    // The browser's own zone is '' (named by its offset), the shown one and the fixed list need
    // no check; the store's zone is checked, and offered, once the visitor goes to the select.
    expect(options(el)).toEqual(['', ...new Set(['Asia/Kolkata', ...common])])
    $<HTMLSelectElement>(el, '#zone').focus()
    await vi.waitUntil(() => options(el).includes('America/Sao_Paulo'), WAIT)
    const offered = options(el)
    expect(offered).toEqual(['', ...new Set(['Asia/Kolkata', 'America/Sao_Paulo', ...common])])
    for (const zone of offered.slice(1)) {
      expect(() => new RealFormat('en', { timeZone: zone })).not.toThrow()
    }
    expect($<HTMLSelectElement>(el, '#zone').value).toBe('Asia/Kolkata')
    // Back to the browser's own: its times, with no zone named.
    await userEvent.selectOptions($<HTMLSelectElement>(el, '#zone'), '')
    await vi.waitUntil(() => $(el, '#zone-now').textContent?.includes(', GMT'), WAIT)
    expect($<HTMLSelectElement>(el, '#zone').value).toBe('')
  })

  it('leaves out a store zone the browser does not know, and switches zones', async () => {
    fakeApi(booking('Mars/Olympus_Mons'))
    const el = await mount({ 'time-zone': 'Europe/Istanbul', lang: 'tr' })
    $<HTMLSelectElement>(el, '#zone').focus()
    await new Promise((r) => setTimeout(r, 50))
    expect(options(el)).not.toContain('Mars/Olympus_Mons')
    await userEvent.selectOptions($<HTMLSelectElement>(el, '#zone'), 'Asia/Tokyo')
    await vi.waitUntil(() => $(el, '#zone-now').textContent?.endsWith('Asia/Tokyo'), WAIT)
    // 11:30 UTC is 20:30 in Tokyo, on the same day.
    await userEvent.click($(el, 'td[data-day="2026-12-08"]'))
    await vi.waitUntil(() => el.shadowRoot?.querySelector('[part="slot"]'), WAIT)
    expect($(el, '[part="slot"]').getAttribute('aria-label')).toBe('Salı, 8 Aralık 2026, 20:30')
  })
})
