/**
 * The loader and the real components together: what the loader starts for a tag is what the
 * element takes, so every resource is requested once; a start that failed is made again by the
 * element. A file of its own: the loader skips a tag already defined, and the registry cannot
 * forget one.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PublicBooking } from '../../contract'
import { boot } from './internal/autoloader'
import { API, SITE, sampleQuote, siteConfig, stubFetch, type Call } from './test-helpers'

const WAIT = { timeout: 5000 }
const BOOKING: PublicBooking = {
  meetingTypes: [
    { id: 'demo', name: { tr: 'Demo', en: 'Demo' }, durationMin: 30, locationKind: 'video' },
  ],
  storeTimeZone: 'Europe/Istanbul',
}

const iso = (ms: number) => new Date(ms).toISOString()
/** Requests by URL without its query, in the order they were made. */
const paths = (calls: Call[]) => calls.map((c) => c.url.slice(API.length).split('?')[0])

// One loader for the file, as on a page: a second one would see every tag too.
beforeAll(() => {
  const script = document.createElement('script')
  script.type = 'text/plain'
  script.src = API + '/embed.js'
  script.dataset.site = SITE
  document.head.append(script)
  boot({ script, load: (chunk) => import(`./components/${chunk}/define.ts`), version: 't' })
})

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
})

/** Adds tags as a page or an SPA does, and lets the loader's observer see them. */
async function add(html: string): Promise<HTMLElement[]> {
  const view = document.createElement('div')
  view.innerHTML = html
  document.body.append(view)
  await Promise.resolve()
  return [...view.children] as HTMLElement[]
}

describe('what the loader starts, the element takes', () => {
  it('requests the form’s config and the booking’s settings, config and slots once each', async () => {
    const calls: Call[] = []
    stubFetch(calls, (call) => {
      const [path, query] = call.url.slice(API.length).split('?')
      if (path === `/v1/sites/${SITE}/config`) return Response.json(siteConfig())
      if (path === `/v1/sites/${SITE}/booking`) return Response.json(BOOKING)
      if (path === `/v1/sites/${SITE}/slots`) {
        const type = new URLSearchParams(query).get('type') ?? 'demo'
        // A free slot this month, so the booking stays on it (an empty month moves on).
        const start = Math.ceil(Date.now() / 900_000) * 900_000 + 3_600_000
        const slot = { start: iso(start), end: iso(start + 1_800_000) }
        return Response.json({ type, durationMin: 30, slots: [slot], timeZone: 'UTC' })
      }
    })
    const [form, booking] = await add(
      // In the browser's zone: the loader asks for the browser's month (a zone in another month
      // has the booking ask for its own, as in the last hours of a month in UTC+3).
      '<leadline-form></leadline-form><leadline-booking></leadline-booking>',
    )
    // Started before either element exists: the chunks are still on their way.
    expect(customElements.get('leadline-form')).toBeUndefined()
    expect(paths(calls)).toEqual([
      `/v1/sites/${SITE}/config`,
      `/v1/sites/${SITE}/config`,
      `/v1/sites/${SITE}/booking`,
      `/v1/sites/${SITE}/slots`,
    ])
    await vi.waitUntil(() => form!.shadowRoot?.querySelector('input[name="email"]'), WAIT)
    await vi.waitUntil(() => booking!.shadowRoot?.querySelector('td[data-day]'), WAIT)
    // The month's answer has come and been shown: no "loading" left, and no second request.
    await vi.waitUntil(() => !booking!.shadowRoot!.querySelector('[aria-busy="true"]'), WAIT)
    // Nothing more once they are shown: one config per element (each takes its own, as before),
    // one of everything else.
    expect(paths(calls).sort()).toEqual(
      [
        `/v1/sites/${SITE}/booking`,
        `/v1/sites/${SITE}/config`,
        `/v1/sites/${SITE}/config`,
        `/v1/sites/${SITE}/slots`,
      ].sort(),
    )
    expect(Object.values(window.__leadline!.early!).flat()).toEqual([])
    expect(form!.shadowRoot!.querySelector('form')).not.toBeNull()
  })

  it('asks again itself when what the loader started never reached the server', async () => {
    const calls: Call[] = []
    let lost = 0
    stubFetch(calls, (call) => {
      if (call.url === `${API}/v1/quotes/tok_1`) {
        if (lost++ === 0) throw new TypeError('Failed to fetch')
        return Response.json(sampleQuote())
      }
    })
    const [quote] = await add(`<leadline-quote token="tok_1"></leadline-quote>`)
    await vi.waitUntil(() => quote!.shadowRoot?.querySelector('header'), WAIT)
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET ${API}/v1/quotes/tok_1`,
      `GET ${API}/v1/quotes/tok_1`,
    ])
  })
})
