/**
 * No growth over SPA navigations: every element, mounted and removed many times, is collected
 * after a real garbage collection (Chromium's, through CDP `HeapProfiler.collectGarbage`), also
 * when removed while its requests are on their way; the listeners it adds to the shared outbox,
 * `document` and `window` go with it; and an element moved in the DOM, or removed and inserted
 * again, keeps working.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { cdp } from 'vitest/browser'
import type { PublicBooking, PublicQuiz, Slot } from '../../contract'
import { outbox } from './internal/api'
import { $, API, SITE, sampleInvoice, sampleQuote, siteConfig } from './test-helpers'
import './components/form/define'
import './components/quiz/define'
import './components/booking/define'
import './components/quote/define'
import './components/invoice/define'

const CYCLES = 200
const WAIT = { timeout: 5000, interval: 2 }
const TOKEN = 'qt_abc123'
const INVOICE = 'https://shop.example.com/invoices/inv_1.json'
const l = (tr: string, en: string) => ({ tr, en })

const QUIZ: PublicQuiz = {
  quizId: 'quiz_1',
  version: 1,
  title: l('Size uygun muyuz?', 'Are we a fit?'),
  questions: [
    { id: 'team', kind: 'yes_no', text: l('Ekibiniz var mı?', 'A team?'), required: true },
  ],
  endings: {
    qualified: { title: l('Harika', 'Great'), body: l('Uygunuz.', 'A fit.'), action: 'none' },
    review: { title: l('Teşekkürler', 'Thanks'), body: l('Döneriz.', 'Soon.'), action: 'none' },
    disqualified: { title: l('Teşekkürler', 'Thanks'), body: l('Değil.', 'No.'), action: 'none' },
  },
}
const BOOKING: PublicBooking = {
  meetingTypes: [{ id: 'demo', name: l('Demo', 'Demo'), durationMin: 30, locationKind: 'video' }],
  storeTimeZone: 'Europe/Istanbul',
}
/** A free half hour two days from now, at 10:00 UTC (in this month or the next). */
function freeSlot(): Slot {
  const day = new Date(Date.now() + 2 * 86_400_000)
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10)
  return { start: new Date(start).toISOString(), end: new Date(start + 1_800_000).toISOString() }
}

const QUOTE = sampleQuote({
  sections: {
    problems: [{ type: 'p', children: [{ text: 'Stok sayımı elle yapılıyor.' }] }],
    solutions: [{ type: 'ul', items: [[{ text: 'Barkodlu sayım' }], [{ text: 'Eğitim' }]] }],
    timeline: [{ type: 'ol', items: [[{ text: 'Kurulum: 1. hafta' }], [{ text: 'Eğitim' }]] }],
    faq: [{ question: 'Destek var mı?', answer: [{ type: 'p', children: [{ text: 'Evet.' }] }] }],
  },
})

/** What the fake API answers (the real one is exercised by test/e2e). */
function answer(url: string, method: string): Response {
  const path = url.startsWith(API) ? url.slice(API.length).split('?')[0] : url
  const sites = `/v1/sites/${SITE}/`
  if (path === sites + 'config') return Response.json(siteConfig())
  if (path === sites + 'quiz') return Response.json(QUIZ)
  if (path === sites + 'booking') return Response.json(BOOKING)
  if (path === sites + 'slots') {
    return Response.json({ type: 'demo', durationMin: 30, slots: [freeSlot()], timeZone: 'UTC' })
  }
  if (path === `/v1/quotes/${TOKEN}` && method === 'GET') return Response.json(QUOTE)
  if (path === INVOICE) return Response.json(sampleInvoice())
  if (path === '/v1/leads') {
    return Response.json({ leadId: 'lead_1', stage: 'lead', channels: [] }, { status: 201 })
  }
  // Quote views and quiz funnel events.
  if (method === 'POST') return new Response(null, { status: 202 })
  return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
}

/**
 * The fake network. It answers at once, or, while `hold` is set, keeps each request on its way
 * as a real network does (what will settle it stays reachable) until `release()` answers them
 * or the request's signal aborts it.
 */
const net = {
  hold: false,
  waiting: new Set<() => void>(),
  aborted: 0,
  /** What was posted, as `url sections-or-nothing`. */
  posts: [] as string[],
  release() {
    for (const settle of [...this.waiting]) settle()
  },
}

function stubNetwork() {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    const method = init.method ?? 'GET'
    if (method === 'POST') {
      const sections = (JSON.parse(String(init.body)) as { sections?: string[] }).sections
      net.posts.push(url.slice(API.length) + (sections ? ' ' + sections.join(',') : ''))
    }
    if (!net.hold) return Promise.resolve(answer(url, method))
    return new Promise<Response>((resolve, reject) => {
      const settle = () => {
        net.waiting.delete(settle)
        resolve(answer(url, method))
      }
      net.waiting.add(settle)
      init.signal?.addEventListener('abort', () => {
        if (!net.waiting.delete(settle)) return
        net.aborted++
        reject(new DOMException('The request was aborted.', 'AbortError'))
      })
    })
  })
}

/**
 * Live listeners on the objects every element shares: the outbox, `document` and `window`,
 * recorded as `addEventListener` and `removeEventListener` reach them (both still run).
 */
const shared = (): EventTarget[] => [outbox(), document, window]
const registered: { target: EventTarget; type: string; fn: unknown; capture: boolean }[] = []
const original = {
  add: EventTarget.prototype.addEventListener,
  remove: EventTarget.prototype.removeEventListener,
}
const captures = (options?: boolean | EventListenerOptions) =>
  typeof options === 'boolean' ? options : options?.capture === true
const index = (target: EventTarget, type: string, fn: unknown, capture: boolean) =>
  registered.findIndex(
    (r) => r.target === target && r.type === type && r.fn === fn && r.capture === capture,
  )

beforeAll(() => {
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    const capture = captures(options)
    if (fn && shared().includes(this) && index(this, type, fn, capture) < 0) {
      registered.push({ target: this, type, fn, capture })
    }
    return original.add.call(this, type, fn, options)
  }
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    const at = index(this, type, fn, captures(options))
    if (at >= 0) registered.splice(at, 1)
    return original.remove.call(this, type, fn, options)
  }
})

afterAll(() => {
  EventTarget.prototype.addEventListener = original.add
  EventTarget.prototype.removeEventListener = original.remove
})

/** Listener counts on the outbox, `document` and `window`, in that order. */
const listeners = () => shared().map((t) => registered.filter((r) => r.target === t).length)

/**
 * The page's CDP session (the playwright provider's; vitest's own type leaves `send` to the
 * provider, whose types would bring Node's timers into the widget's).
 */
const session = () => cdp() as unknown as { send(method: string): Promise<unknown> }

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Full garbage collections in Chromium, between macrotasks (so nothing on the stack holds on). */
async function collectGarbage() {
  for (let i = 0; i < 3; i++) {
    await macrotask()
    await session().send('HeapProfiler.collectGarbage')
  }
}

async function heapUsed(): Promise<number> {
  await collectGarbage()
  const usage = (await session().send('Runtime.getHeapUsage')) as { usedSize: number }
  return usage.usedSize
}

interface Widget {
  tag: string
  attrs: Record<string, string>
  /** Found in the shadow root once the element shows what it loaded. */
  ready: string
  /** What a visitor does before leaving the page (starting timers, lazy chunks, observers). */
  use?: (el: HTMLElement) => Promise<void>
}

/** Types into a field as a person does: focus (which loads the validation chunk), input, blur. */
async function type(el: HTMLElement, name: string, value: string) {
  const input = $<HTMLInputElement>(el, `[name="${name}"]`)
  input.focus()
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
  input.blur()
  await macrotask()
}

const WIDGETS: Widget[] = [
  {
    tag: 'leadline-form',
    attrs: { 'site-key': SITE, 'api-base': API },
    ready: 'form',
    use: (el) => type(el, 'name', 'Ayşe Yılmaz'),
  },
  {
    tag: 'leadline-quiz',
    attrs: { 'site-key': SITE, 'api-base': API },
    ready: 'form',
    // The first question's `shown` event waits in the batch timer when the element goes.
    use: async (el) => $(el, 'input[type="radio"]').click(),
  },
  {
    tag: 'leadline-booking',
    attrs: { 'site-key': SITE, 'api-base': API, 'time-zone': 'Europe/Istanbul' },
    ready: 'td.free',
    use: async (el) => {
      $(el, 'td.free').click()
      await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="slot"]'), WAIT)
    },
  },
  // Its view tracker observes the sections, and its first report waits in a timer.
  { tag: 'leadline-quote', attrs: { 'api-base': API, token: TOKEN }, ready: 'header' },
  {
    tag: 'leadline-invoice',
    attrs: { src: INVOICE, 'store-name': 'Test Mağaza' },
    ready: 'header',
  },
]

function create({ tag, attrs }: Widget): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  return el
}

const shows = (el: HTMLElement, w: Widget) => !!el.shadowRoot?.querySelector(w.ready)

async function mount(w: Widget): Promise<HTMLElement> {
  const el = create(w)
  document.body.append(el)
  await vi.waitUntil(() => shows(el, w), WAIT)
  return el
}

/**
 * One visit: mounts, uses and removes an element; only a weak reference leaves this function
 * (a local of the test's own loop would keep the last element alive).
 */
async function visit(w: Widget): Promise<WeakRef<HTMLElement>> {
  const el = await mount(w)
  await w.use?.(el)
  el.remove()
  return new WeakRef(el)
}

/** Inserts an element and removes it a moment later, its requests still on their way. */
async function leaveWhileLoading(w: Widget): Promise<WeakRef<HTMLElement>> {
  const el = create(w)
  document.body.append(el)
  await macrotask()
  el.remove()
  return new WeakRef(el)
}

/** How many listeners one loaded `w` adds to the outbox, `document` and `window`. */
async function listenersOfOne(w: Widget): Promise<number[]> {
  const before = listeners()
  const el = await mount(w)
  await macrotask()
  const one = listeners().map((n, i) => n - before[i]!)
  el.remove()
  return one
}

const pageLang = document.documentElement.lang

beforeEach(() => {
  document.documentElement.lang = ''
  localStorage.clear()
  net.hold = false
  net.aborted = 0
  net.posts = []
  stubNetwork()
})

afterEach(() => {
  document.body.replaceChildren()
  net.hold = false
  net.release()
  outbox().stop()
  document.documentElement.lang = pageLang
  vi.unstubAllGlobals()
})

describe('no growth over mounts and removals', () => {
  for (const w of WIDGETS) {
    it(`<${w.tag}>: ${CYCLES} mounted, used and removed are collected, with their listeners`, async () => {
      // One first: the chunks it loads lazily and the caches it fills stay, and count as start.
      await visit(w)
      await macrotask()
      const before = listeners()
      const heapBefore = await heapUsed()
      const gone: WeakRef<HTMLElement>[] = []
      for (let i = 0; i < CYCLES; i++) gone.push(await visit(w))
      await macrotask()
      expect(listeners()).toEqual(before)
      const heapAfter = await heapUsed()
      const alive = gone.filter((r) => r.deref() !== undefined).length
      expect(alive, `${alive} of ${CYCLES} removed <${w.tag}> still in memory`).toBe(0)
      // The goal: within 5 % of the start after a garbage collection.
      const growth = `${heapBefore} → ${heapAfter} B`
      expect(heapAfter / heapBefore, `heap of the page ${growth}`).toBeLessThan(1.05)
    }, 90_000)

    it(`<${w.tag}>: removed while its requests are on their way, is collected`, async () => {
      net.hold = true
      const gone: WeakRef<HTMLElement>[] = []
      for (let i = 0; i < 20; i++) gone.push(await leaveWhileLoading(w))
      await macrotask()
      await collectGarbage()
      const alive = gone.filter((r) => r.deref() !== undefined).length
      expect(alive, `${alive} of 20 <${w.tag}> removed while loading still in memory`).toBe(0)
    })
  }
})

describe('moved or inserted again', () => {
  for (const w of WIDGETS) {
    it(`<${w.tag}> moved while loading finishes loading, with one set of listeners`, async () => {
      const perElement = await listenersOfOne(w)
      await macrotask()
      const before = listeners()
      net.hold = true
      const el = create(w)
      document.body.append(el)
      await macrotask()
      const other = document.createElement('div')
      document.body.append(other)
      other.append(el) // a move: disconnected and connected again in one go
      await macrotask()
      expect(net.aborted).toBe(0)
      net.hold = false
      net.release()
      await vi.waitUntil(() => shows(el, w), WAIT)
      await macrotask()
      expect(listeners().map((n, i) => n - before[i]!)).toEqual(perElement)
      el.remove()
      await macrotask()
      expect(listeners()).toEqual(before)
    })

    it(`<${w.tag}> removed while loading and inserted again loads again`, async () => {
      net.hold = true
      const el = create(w)
      document.body.append(el)
      await macrotask()
      el.remove()
      await macrotask()
      // What it asked for with a signal was cut short (the booking's first month of slots has
      // none: it keeps nothing of the element's alive).
      expect(net.aborted).toBeGreaterThan(0)
      net.hold = false
      net.release()
      document.body.append(el)
      await vi.waitUntil(() => shows(el, w), WAIT)
    })
  }

  it('<leadline-form> moved after it rendered still submits and hears the outbox', async () => {
    const el = await mount(WIDGETS[0]!)
    const other = document.createElement('div')
    document.body.append(other)
    other.append(el)
    await type(el, 'name', 'Ayşe Yılmaz')
    await type(el, 'email', 'ayse@example.com')
    const success = new Promise((resolve) => el.addEventListener('leadline-success', resolve))
    $<HTMLFormElement>(el, 'form').requestSubmit()
    await success
    expect(net.posts).toEqual(['/v1/leads'])
  })

  it('<leadline-quote> moved reports the sections seen after the move, not the view again', async () => {
    const el = await mount(WIDGETS[3]!)
    await vi.waitUntil(() => net.posts.length === 1, WAIT) // the view, with what is visible
    expect(net.posts[0]).toMatch(/^\/v1\/quotes\/qt_abc123\/view .*problems/)
    const other = document.createElement('div')
    document.body.append(other)
    other.append(el)
    // Longer than a first report waits (300 ms): a move is not a new view.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(net.posts).toHaveLength(1)
    $(el, '[data-section="faq"]').scrollIntoView()
    await vi.waitUntil(() => net.posts.length === 2, WAIT)
    // Only what was not reported before.
    expect(net.posts[1]).toMatch(/^\/v1\/quotes\/qt_abc123\/view .*faq/)
    expect(net.posts[1]).not.toMatch(/problems/)
  })
})
