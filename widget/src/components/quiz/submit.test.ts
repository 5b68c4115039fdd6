/**
 * However `<leadline-quiz>`'s last step is submitted (page code's `requestSubmit()` or `click()`,
 * twice in a row, with fields an autofill tool filled silently, offline), the answers are handed
 * to the outbox exactly once and nothing escapes into the host page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PublicQuiz } from '../../../../contract'
import { outbox, OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, SITE, siteConfig, type Call } from '../../test-helpers'
import { settle, watchHostPage, watchOutbox } from '../../test-submit'
import './define'

// The contact step's submit may wait for vite to transform the validation chunk.
const WAIT = { timeout: 8000 }
const pageLang = document.documentElement.lang
const l = (tr: string, en: string) => ({ tr, en })

const QUIZ: PublicQuiz = {
  quizId: 'quiz_1',
  version: 1,
  title: l('Size uygun muyuz?', 'Are we a fit?'),
  questions: [
    {
      id: 'role',
      kind: 'single',
      text: l('Rolünüz nedir?', 'What is your role?'),
      required: true,
      options: [
        { value: 'owner', label: l('İşletme sahibi', 'Owner') },
        { value: 'employee', label: l('Çalışan', 'Employee') },
      ],
    },
  ],
  endings: {
    qualified: { title: l('Harika!', 'Great!'), body: l('Uygunuz.', 'A fit.'), action: 'none' },
    review: { title: l('Teşekkürler', 'Thanks'), body: l('Döneceğiz.', 'Soon.'), action: 'none' },
    disqualified: { title: l('Teşekkürler', 'Thanks'), body: l('Değil.', 'No.'), action: 'none' },
  },
}

const scored = () =>
  Response.json({ responseId: 'resp_1', leadId: 'lead_9', outcome: 'qualified' }, { status: 201 })

function fakeApi() {
  const api = {
    calls: [] as Call[],
    responses: scored as (call: Call) => Response | Promise<Response>,
    posts: () => api.calls.filter((c) => c.url === `${API}/v1/quiz/responses`),
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
    if (url === `${API}/v1/sites/${SITE}/quiz`) return Response.json(QUIZ)
    if (url === `${API}/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (url === `${API}/v1/quiz/start`) return Response.json({ responseId: 'r' }, { status: 201 })
    if (url === `${API}/v1/quiz/events`) return new Response(null, { status: 202 })
    if (url === `${API}/v1/quiz/responses`) return api.responses(call)
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
  })
  return api
}

async function mount(attrs: Record<string, string> = {}): Promise<HTMLElement> {
  const el = document.createElement('leadline-quiz')
  el.setAttribute('site-key', SITE)
  el.setAttribute('api-base', API)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector('form'), WAIT)
  return el
}

const form = (el: HTMLElement) => $<HTMLFormElement>(el, 'form')
const input = (el: HTMLElement, selector: string) => $<HTMLInputElement>(el, selector)
const heading = (el: HTMLElement) => $(el, 'h2').textContent?.replace(/\s+/g, ' ').trim()

/** Answers the one question from page code and moves to the contact step. */
async function toContact(el: HTMLElement) {
  input(el, '[name="role"][value="owner"]').click()
  form(el).requestSubmit()
  await vi.waitUntil(() => el.shadowRoot!.querySelector('#c-email'), WAIT)
}

let page: ReturnType<typeof watchHostPage>
let box: ReturnType<typeof watchOutbox>

beforeEach(() => {
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
})

describe('<leadline-quiz> submitted any way', () => {
  it("sends the contact step once when the store's script submits it twice", async () => {
    const api = fakeApi()
    const el = await mount()
    await toContact(el)
    // Filled the way an autofill tool or a script does it: no input or change events.
    input(el, '#c-name').value = 'Ayşe Yılmaz'
    input(el, '#c-email').value = 'quiz@example.com'
    input(el, '[name="consent_email"]').checked = true
    form(el).requestSubmit()
    form(el).requestSubmit()
    await vi.waitUntil(() => heading(el) === 'Harika!', WAIT)
    await settle()
    const handed = box.to('/v1/quiz/responses')
    expect(handed).toHaveLength(1)
    expect(handed[0]!.body).toMatchObject({
      answers: { role: 'owner' },
      contact: {
        fields: { name: 'Ayşe Yılmaz', email: 'quiz@example.com' },
        consent: { channels: { email: true, sms: false, phone: false } },
      },
    })
    expect(api.posts().map((p) => p.headers.get('Idempotency-Key'))).toEqual([handed[0]!.key])
    expect(page.escaped).toEqual([])
  })

  it("sends the answers of a known lead once when the store's script clicks Send twice", async () => {
    const api = fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    input(el, '[name="role"][value="owner"]').click()
    $<HTMLButtonElement>(el, '[part="next-button"]').click()
    $<HTMLButtonElement>(el, '[part="next-button"]').click()
    await vi.waitUntil(() => heading(el) === 'Harika!', WAIT)
    await settle()
    expect(box.to('/v1/quiz/responses')).toHaveLength(1)
    expect(api.posts()).toHaveLength(1)
    expect(api.posts()[0]!.body).toMatchObject({ leadId: 'lead_1', answers: { role: 'owner' } })
    expect(page.escaped).toEqual([])
  })

  it('queues the contact step once offline and delivers it once back online', async () => {
    const api = fakeApi()
    api.responses = () => Promise.reject(new TypeError('Failed to fetch'))
    const el = await mount()
    await toContact(el)
    input(el, '#c-name').value = 'Ayşe Yılmaz'
    input(el, '#c-email').value = 'quiz-offline@example.com'
    form(el).requestSubmit()
    const status = () => $(el, '[part="status"]').textContent?.trim()
    await vi.waitUntil(() => status() === 'Gönderiliyor… bağlantı bekleniyor', WAIT)
    form(el).requestSubmit()
    await settle()
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
    expect(
      queued.filter((q: { url: string }) => q.url.endsWith('/v1/quiz/responses')),
    ).toHaveLength(1)

    api.responses = scored
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => heading(el) === 'Harika!', WAIT)
    expect(box.to('/v1/quiz/responses')).toHaveLength(1)
    expect(new Set(api.posts().map((p) => p.headers.get('Idempotency-Key'))).size).toBe(1)
    expect(page.escaped).toEqual([])
  })
})
