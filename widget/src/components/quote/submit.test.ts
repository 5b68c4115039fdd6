/**
 * However `<leadline-quote>`'s accept and decline forms are submitted (page code's
 * `requestSubmit()` or `click()`, twice in a row, with the name an autofill tool filled silently,
 * offline), the decision is handed to the outbox exactly once and nothing escapes into the host
 * page.
 */
import { describe, expect, it, vi } from 'vitest'
import { OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, mountWidget, sampleQuote, stubFetch, type Call } from '../../test-helpers'
import { settle, useSubmitHarness } from '../../test-submit'
import './define'

const WAIT = { timeout: 5000 }
const TOKEN = 'qt_submit1'
const URL_ = `${API}/v1/quotes/${TOKEN}`

const QUOTE = sampleQuote()

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
  stubFetch(api.calls, (call) => {
    const { url } = call
    if (url === URL_ && call.method === 'GET') return Response.json(QUOTE)
    if (url === `${URL_}/view`) return new Response(null, { status: 204 })
    if (url === `${URL_}/accept`) return api.accept(call)
    if (url === `${URL_}/decline`) return api.decline(call)
  })
  return api
}

const mount = () =>
  mountWidget('leadline-quote', { 'api-base': API, token: TOKEN }, 'form[part="accept"]', WAIT)

const form = (el: HTMLElement) => $<HTMLFormElement>(el, 'form[part="accept"]')
const status = (el: HTMLElement) => $(el, '[part="status"]').textContent?.replace(/\s+/g, ' ')

const harness = useSubmitHarness({ now: '2026-12-02T09:00:00Z' })

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
    const handed = await harness.expectSentOnce('/accept', () => api.posts('accept'))
    expect(handed.body).toEqual({ fullName: 'Ayşe Yılmaz', acceptTerms: true, revision: 2 })
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
    await harness.expectSentOnce('/decline', () => api.posts('decline'))
    expect(api.posts('decline')[0]!.body).toEqual({ reason: 'Bütçe yetmiyor' })
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
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]').filter(
      (q: { url: string }) => q.url.endsWith('/accept'),
    )
    expect(queued).toHaveLength(1)

    api.accept = accepted
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => status(el)?.includes('Ayşe Yılmaz'), WAIT)
    harness.expectDeliveredOnce('/accept', () => api.posts('accept'), queued[0].key)
  })
})
