import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OUTBOX_STORAGE_KEY } from './api'
import { boot, findScript } from './autoloader'
import { monthIn, monthQuery } from './urls'

const WAIT = { timeout: 5000 }

function scriptTag(src: string, data: Record<string, string> = {}) {
  const s = document.createElement('script')
  // text/plain: found by the loader's lookup, never fetched or run by the browser.
  s.type = 'text/plain'
  s.src = src
  for (const [k, v] of Object.entries(data)) s.dataset[k] = v
  document.head.append(s)
  return s
}

const tick = () => new Promise((r) => setTimeout(r, 20))

/** Every GET the loader starts, with how: the API is another process (test/e2e runs the real one). */
let gets: { url: string; init: RequestInit }[] = []

beforeEach(() => {
  delete window.__leadline
  localStorage.clear()
  gets = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    gets.push({ url, init })
    return Response.json({})
  })
})

afterEach(() => {
  document.body.replaceChildren()
  document.querySelectorAll('script[type="text/plain"]').forEach((s) => s.remove())
  document.querySelectorAll('link[rel="modulepreload"]').forEach((l) => l.remove())
  delete window.__leadline
  localStorage.clear()
  vi.unstubAllGlobals()
})

const never = () => new Promise<never>(() => undefined)
const urls = () => gets.map((g) => g.url)
/**
 * What this page's loader started. Every earlier test's loader still watches the page (nothing
 * stops a MutationObserver from outside), so a tag added later is seen by all of them.
 */
const started = () => Object.keys(window.__leadline?.early ?? {})
const SITES = 'https://api.leadline.test/v1/sites/'
const store = () => scriptTag('https://api.leadline.test/embed.js', { site: 'pk_store0001' })
/** This month in the browser's zone, read with `Intl` (the loader reads it from `Date`). */
function browserMonth(): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date())
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return Date.UTC(n('year'), n('month') - 1)
}

describe('loader', () => {
  it('loads no chunk when no leadline tag is on the page', async () => {
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    document.body.append(document.createElement('div'), document.createElement('leadline-unknown'))
    await tick()
    expect(load).not.toHaveBeenCalled()
    expect(customElements.get('leadline-form')).toBeUndefined()
  })

  it('loads the form chunk once for a tag present at start', async () => {
    document.body.innerHTML = '<leadline-form></leadline-form><leadline-form></leadline-form>'
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })

  it('picks up a tag an SPA adds later, nested or not', async () => {
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load).not.toHaveBeenCalled()
    const view = document.createElement('section')
    view.append(document.createElement('div'))
    view.firstElementChild!.append(document.createElement('leadline-form'))
    document.body.append(view)
    await vi.waitUntil(() => load.mock.calls.length > 0, WAIT)
    document.body.append(document.createElement('leadline-form'))
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })

  it('is harmless when the snippet is included twice', async () => {
    document.body.innerHTML = '<leadline-form></leadline-form>'
    const first = vi.fn(async () => undefined)
    const second = vi.fn(async () => undefined)
    const a = boot({
      script: scriptTag('https://cdn-a.test/embed.js', { site: 'pk_first0001' }),
      load: first,
      version: '1',
    })
    const b = boot({
      script: scriptTag('https://cdn-b.test/embed.js', { site: 'pk_other0002' }),
      load: second,
      version: '2',
    })
    await tick()
    expect(b).toBe(a)
    expect(window.__leadline).toMatchObject({
      version: '1',
      api: 'https://cdn-a.test',
      site: 'pk_first0001',
    })
    expect(first).toHaveBeenCalledOnce()
    expect(second).not.toHaveBeenCalled()
  })

  it("takes the API base from its own script's origin, unless data-api overrides it", () => {
    const own = boot({
      script: scriptTag('https://cdn.leadline.test/v3/embed.js', { site: 'pk_store0001' }),
      load: vi.fn(),
      version: 't',
    })
    expect(own).toMatchObject({ api: 'https://cdn.leadline.test', site: 'pk_store0001' })
    delete window.__leadline
    const override = boot({
      script: scriptTag('https://cdn.leadline.test/embed.js', { api: 'https://api.store.test/' }),
      load: vi.fn(),
      version: 't',
    })
    expect(override?.api).toBe('https://api.store.test')
  })

  it('finds its script tag by src when currentScript is unavailable', () => {
    scriptTag('https://x.test/other.js')
    const mine = scriptTag('https://cdn.leadline.test/embed.js?v=3')
    expect(findScript(null)).toBe(mine)
    expect(findScript(scriptTag('https://y.test/z.js'))).not.toBe(mine)
  })

  it('warns once and never throws when a chunk fails to load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      document.body.innerHTML = '<leadline-form></leadline-form>'
      const load = vi.fn(async () => {
        throw new TypeError('Failed to fetch dynamically imported module')
      })
      expect(() => boot({ script: null, load, version: 't' })).not.toThrow()
      await tick()
      document.body.append(document.createElement('leadline-form'))
      await tick()
      // The failed chunk may be asked for again later (the network may be back), but the
      // console hears about it once.
      expect(load.mock.calls.length).toBeGreaterThanOrEqual(1)
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
    }
  })

  it("preloads every chunk a component's chunk imports, once, alongside the chunk", () => {
    document.body.innerHTML = '<leadline-form></leadline-form><leadline-quote></leadline-quote>'
    const load = vi.fn((_chunk: string) => never())
    // Real modules beside this file stand for the shared chunks (the browser does fetch them).
    const base = location.origin + '/src/internal/'
    boot({
      script: null,
      load,
      version: 't',
      deps: { form: ['urls.ts'], quote: ['urls.ts', 'base.ts'] },
      base,
    })
    // At once, while the component's chunk is still on its way (its import never settles here).
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload]')]
    expect(links.map((l) => l.href)).toEqual([base + 'urls.ts', base + 'base.ts'])
    expect(load.mock.calls.map((c) => c[0])).toEqual(['form', 'quote'])
  })

  it("starts the store's config the moment it sees a form, as the form asks for it", () => {
    document.body.innerHTML =
      '<leadline-form></leadline-form><leadline-form></leadline-form>' +
      '<leadline-form site-key="pk_other0002" api-base="https://eu.leadline.test/"></leadline-form>'
    boot({ script: store(), load: never, version: 't' })
    // One per element: each takes its own.
    expect(urls()).toEqual([
      SITES + 'pk_store0001/config',
      SITES + 'pk_store0001/config',
      'https://eu.leadline.test/v1/sites/pk_other0002/config',
    ])
    expect(gets[0]!.init).toEqual({ credentials: 'omit', cache: undefined })
    expect(Object.entries(window.__leadline!.early!).map(([u, l]) => [u, l.length])).toEqual([
      [SITES + 'pk_store0001/config', 2],
      ['https://eu.leadline.test/v1/sites/pk_other0002/config', 1],
    ])
  })

  it("starts the booking's settings, config and the browser's month of slots at once", () => {
    document.body.innerHTML = '<leadline-booking></leadline-booking>'
    boot({ script: store(), load: never, version: 't' })
    const month = monthQuery(browserMonth())
    expect(month).toMatch(/^month=\d{4}-\d{2}$/)
    // The URL the booking asks its first month with, to the byte: it takes this answer.
    expect(month).toBe(monthQuery(monthIn()))
    expect(urls()).toEqual([
      SITES + 'pk_store0001/config',
      SITES + 'pk_store0001/booking',
      SITES + 'pk_store0001/slots?' + month,
    ])
  })

  it("asks for the browser's month whatever the tag's zone: the booking asks for another itself", () => {
    // Kiritimati (UTC+14) is in the next month for the last 14 hours of a month in UTC; the
    // booking then asks for its own first month, and this answer is left untaken.
    document.body.innerHTML =
      '<leadline-booking time-zone="Pacific/Kiritimati"></leadline-booking>' +
      '<leadline-booking site-key="pk_zone0003" time-zone="Mars/Olympus"></leadline-booking>'
    boot({ script: store(), load: never, version: 't' })
    const month = monthQuery(browserMonth())
    expect(urls()).toEqual([
      SITES + 'pk_store0001/config',
      SITES + 'pk_store0001/booking',
      SITES + 'pk_store0001/slots?' + month,
      SITES + 'pk_zone0003/config',
      SITES + 'pk_zone0003/booking',
      SITES + 'pk_zone0003/slots?' + month,
    ])
  })

  it('leaves out the slots when a management link opens a booking', () => {
    history.replaceState(null, '', '?leadline_booking=tok_page')
    try {
      document.body.innerHTML =
        '<leadline-booking manage-token="abc"></leadline-booking>' +
        '<leadline-booking site-key="pk_zone0003"></leadline-booking>'
      boot({ script: store(), load: never, version: 't' })
      expect(urls()).toEqual([
        SITES + 'pk_store0001/config',
        SITES + 'pk_store0001/booking',
        SITES + 'pk_zone0003/config',
        SITES + 'pk_zone0003/booking',
      ])
    } finally {
      history.replaceState(null, '', location.pathname)
    }
  })

  it('starts the quiz with the config, and the quote its link names, revalidated as it does', () => {
    history.replaceState(null, '', '?leadline_quote=tok_page')
    try {
      document.body.innerHTML =
        '<leadline-quiz></leadline-quiz><leadline-quote></leadline-quote>' +
        '<leadline-quote token="tok_attr"></leadline-quote><leadline-invoice></leadline-invoice>'
      boot({ script: store(), load: never, version: 't' })
      expect(gets).toEqual([
        { url: SITES + 'pk_store0001/config', init: { credentials: 'omit', cache: undefined } },
        { url: SITES + 'pk_store0001/quiz', init: { credentials: 'omit', cache: undefined } },
        {
          url: 'https://api.leadline.test/v1/quotes/tok_page',
          init: { credentials: 'omit', cache: 'no-cache' },
        },
        {
          url: 'https://api.leadline.test/v1/quotes/tok_attr',
          init: { credentials: 'omit', cache: 'no-cache' },
        },
      ])
    } finally {
      history.replaceState(null, '', location.pathname)
    }
  })

  it('starts nothing without a site key', () => {
    document.body.innerHTML = '<leadline-form></leadline-form><leadline-booking></leadline-booking>'
    boot({ script: null, load: never, version: 't' })
    expect(gets).toEqual([])
  })

  it('keeps a failed start from the page and its console: the element takes the failure', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const warn = vi.spyOn(console, 'warn')
    document.body.innerHTML = '<leadline-form></leadline-form>'
    boot({ script: store(), load: never, version: 't' })
    await tick()
    // Left untaken, the rejection reaches no unhandledrejection (browser-setup.ts fails on one).
    expect(started()).toEqual([SITES + 'pk_store0001/config'])
    await expect(window.__leadline!.early![SITES + 'pk_store0001/config']![0]).rejects.toThrow()
    expect(warn).not.toHaveBeenCalled()
  })

  it('starts what a tag an SPA adds later needs as soon as it is added', async () => {
    boot({ script: store(), load: never, version: 't' })
    expect(started()).toEqual([])
    const view = document.createElement('section')
    view.innerHTML = '<div><leadline-form site-key="pk_spa00004"></leadline-form></div>'
    document.body.append(view)
    await vi.waitUntil(() => started().length > 0, WAIT)
    expect(started()).toEqual([SITES + 'pk_spa00004/config'])
  })

  it('starts one request per element when a tag is added into a container added just before', async () => {
    // As the parser does: the container, then the tag inside it, reported in two records that
    // both reach one observer callback (the container's walk finds the tag already inside).
    boot({ script: store(), load: never, version: 't' })
    const box = document.createElement('div')
    document.body.append(box)
    box.append(Object.assign(document.createElement('leadline-quote'), { id: 'q' }))
    box.lastElementChild!.setAttribute('token', 'qt_once')
    await vi.waitUntil(() => started().length > 0, WAIT)
    await tick()
    expect(started()).toEqual(['https://api.leadline.test/v1/quotes/qt_once'])
    expect(window.__leadline!.early!['https://api.leadline.test/v1/quotes/qt_once']).toHaveLength(1)
  })

  it('loads the outbox on a page without a form when submissions are waiting', async () => {
    localStorage.setItem(OUTBOX_STORAGE_KEY, '[{"key":"k"}]')
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })
})
