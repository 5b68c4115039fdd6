/**
 * However `<leadline-quote>`'s accept and decline forms are submitted (page code's
 * `requestSubmit()` or `click()`, twice in a row, with the name an autofill tool filled silently,
 * offline), the decision is handed to the outbox exactly once and nothing escapes into the host
 * page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PublicQuote } from '../../../../contract'
import { outbox, OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, DOCUMENT_LINES, DOCUMENT_TOTALS, type Call } from '../../test-helpers'
import { settle, watchHostPage, watchOutbox } from '../../test-submit'
import './define'

const WAIT = { timeout: 5000 }
const pageLang = document.documentElement.lang
const TOKEN = 'qt_submit1'
const URL_ = `${API}/v1/quotes/${TOKEN}`

const QUOTE: PublicQuote = {
  status: 'sent',
  title: 'Mağaza otomasyonu teklifi',
  storeName: 'Test Mağaza',
  repName: 'Can Demir',
  currency: 'TRY',
  locale: 'tr',
  validUntil: '2026-12-31',
  sections: { problems: [], solutions: [], timeline: [], faq: [] },
  lines: DOCUMENT_LINES,
  notes: '',
  totals: DOCUMENT_TOTALS,
  revision: 2,
  replacedByUrl: null,
  acceptedAt: null,
  acceptedName: null,
}

type Handler = (call: Call) => Response | Promise<Response>
const accepted: Handler = (call) =>
  Response.json({
    ...QUOTE,
    status: 'accepted',
    acceptedName: (call.body as { fullName: string }).fullName,
    acceptedAt: '2026-12-02T11:30:00.000Z',
  })

function fakeApi() {
  const api = {
    calls: [] as Call[],
    accept: accepted,
    decline: (() => Response.json({ ...QUOTE, status: 'declined' })) as Handler,
    posts: (action: string) =>
      api.calls.filter((c) => c.method === 'POST' && c.url === `${URL_}/${action}`),
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
    if (url === URL_ && call.method === 'GET') return Response.json(QUOTE)
    if (url === `${URL_}/view`) return new Response(null, { status: 204 })
    if (url === `${URL_}/accept`) return api.accept(call)
    if (url === `${URL_}/decline`) return api.decline(call)
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
  })
  return api
}

async function mount(): Promise<HTMLElement> {
  const el = document.createElement('leadline-quote')
  el.setAttribute('api-base', API)
  el.setAttribute('token', TOKEN)
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector('form[part="accept"]'), WAIT)
  return el
}

const form = (el: HTMLElement) => $<HTMLFormElement>(el, 'form[part="accept"]')
const status = (el: HTMLElement) => $(el, '[part="status"]').textContent?.replace(/\s+/g, ' ')

let page: ReturnType<typeof watchHostPage>
let box: ReturnType<typeof watchOutbox>

beforeEach(() => {
  vi.setSystemTime(new Date('2026-12-02T09:00:00Z'))
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

describe('<leadline-quote> decided any way', () => {
  it("accepts once when the store's script submits the form twice, name autofilled", async () => {
    const api = fakeApi()
    const el = await mount()
    // Filled the way an autofill tool or a script does it: no input or change events.
    $<HTMLInputElement>(el, '#name').value = 'Ayşe Yılmaz'
    $<HTMLInputElement>(el, '#terms').checked = true
    form(el).requestSubmit()
    form(el).requestSubmit()
    await vi.waitUntil(() => status(el)?.includes('Ayşe Yılmaz'), WAIT)
    await settle()
    const handed = box.to('/accept')
    expect(handed).toHaveLength(1)
    expect(handed[0]!.body).toEqual({ fullName: 'Ayşe Yılmaz', acceptTerms: true, revision: 2 })
    expect(api.posts('accept').map((p) => p.headers.get('Idempotency-Key'))).toEqual([
      handed[0]!.key,
    ])
    expect(page.escaped).toEqual([])
  })

  it("declines once when the store's script clicks Decline and its confirm twice", async () => {
    const api = fakeApi()
    const el = await mount()
    $<HTMLButtonElement>(el, 'form[part="accept"] button.secondary').click()
    const reason = await vi.waitUntil(() => el.shadowRoot!.querySelector('textarea'), WAIT)
    reason.value = 'Bütçe yetmiyor'
    const confirm = form(el).querySelector<HTMLButtonElement>('button[type="submit"]')!
    confirm.click()
    confirm.click()
    await vi.waitUntil(
      () => api.posts('decline').length === 1 && !el.shadowRoot!.querySelector('form'),
      WAIT,
    )
    await settle()
    expect(box.to('/decline')).toHaveLength(1)
    expect(api.posts('decline')).toHaveLength(1)
    expect(api.posts('decline')[0]!.body).toEqual({ reason: 'Bütçe yetmiyor' })
    expect(page.escaped).toEqual([])
  })

  it('queues one acceptance offline and delivers it once back online', async () => {
    const api = fakeApi()
    api.accept = () => Promise.reject(new TypeError('Failed to fetch'))
    const el = await mount()
    $<HTMLInputElement>(el, '#name').value = 'Ayşe Yılmaz'
    $<HTMLInputElement>(el, '#terms').checked = true
    form(el).requestSubmit()
    await vi.waitUntil(() => status(el)?.includes('bağlantı'), WAIT)
    form(el).requestSubmit()
    await settle()
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
    expect(queued.filter((q: { url: string }) => q.url.endsWith('/accept'))).toHaveLength(1)

    api.accept = accepted
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => status(el)?.includes('Ayşe Yılmaz'), WAIT)
    expect(box.to('/accept')).toHaveLength(1)
    expect(new Set(api.posts('accept').map((p) => p.headers.get('Idempotency-Key'))).size).toBe(1)
    expect(page.escaped).toEqual([])
  })
})
