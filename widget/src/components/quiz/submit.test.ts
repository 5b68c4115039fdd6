/**
 * However `<leadline-quiz>`'s last step is submitted (page code's `requestSubmit()` or `click()`,
 * twice in a row, with fields an autofill tool filled silently, offline), the answers are handed
 * to the outbox exactly once and nothing escapes into the host page.
 */
import { describe, expect, it, vi } from 'vitest'
import type { PublicQuiz } from '../../../../contract'
import { OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, API, SITE, mountWidget, siteConfig, stubFetch, type Call } from '../../test-helpers'
import { settle, useSubmitHarness } from '../../test-submit'
import './define'

// The contact step's submit may wait for vite to transform the validation chunk.
const WAIT = { timeout: 8000 }
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
  stubFetch(api.calls, (call) => {
    const { url } = call
    if (url === `${API}/v1/sites/${SITE}/quiz`) return Response.json(QUIZ)
    if (url === `${API}/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (url === `${API}/v1/quiz/start`) return Response.json({ responseId: 'r' }, { status: 201 })
    if (url === `${API}/v1/quiz/events`) return new Response(null, { status: 202 })
    if (url === `${API}/v1/quiz/responses`) return api.responses(call)
  })
  return api
}

const mount = (attrs: Record<string, string> = {}) =>
  mountWidget('leadline-quiz', { 'site-key': SITE, 'api-base': API, ...attrs }, 'form', WAIT)

const form = (el: HTMLElement) => $<HTMLFormElement>(el, 'form')
const input = (el: HTMLElement, selector: string) => $<HTMLInputElement>(el, selector)
const heading = (el: HTMLElement) => $(el, 'h2').textContent?.replace(/\s+/g, ' ').trim()

/** Answers the one question from page code and moves to the contact step. */
async function toContact(el: HTMLElement) {
  input(el, '[name="role"][value="owner"]').click()
  form(el).requestSubmit()
  await vi.waitUntil(() => el.shadowRoot!.querySelector('#c-email'), WAIT)
}

const harness = useSubmitHarness()

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
    const handed = await harness.expectSentOnce('/v1/quiz/responses', api.posts)
    expect(handed.body).toMatchObject({
      answers: { role: 'owner' },
      contact: {
        fields: { name: 'Ayşe Yılmaz', email: 'quiz@example.com' },
        consent: { channels: { email: true, sms: false, phone: false } },
      },
    })
  })

  it("sends the answers of a known lead once when the store's script clicks Send twice", async () => {
    const api = fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    input(el, '[name="role"][value="owner"]').click()
    $<HTMLButtonElement>(el, '[part="next-button"]').click()
    $<HTMLButtonElement>(el, '[part="next-button"]').click()
    await vi.waitUntil(() => heading(el) === 'Harika!', WAIT)
    await harness.expectSentOnce('/v1/quiz/responses', api.posts)
    expect(api.posts()[0]!.body).toMatchObject({ leadId: 'lead_1', answers: { role: 'owner' } })
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
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]').filter(
      (q: { url: string }) => q.url.endsWith('/v1/quiz/responses'),
    )
    expect(queued).toHaveLength(1)

    api.responses = scored
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => heading(el) === 'Harika!', WAIT)
    harness.expectDeliveredOnce('/v1/quiz/responses', api.posts, queued[0].key)
  })
})
