import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { PublicQuiz } from '../../../../contract'
import { QuizEventsSchema, QuizSubmitSchema, type QuizEvents } from '../../../../contract/quiz'
import { outbox } from '../../internal/api'
import { $, API, SITE, siteConfig, type Call } from '../../test-helpers'
import './define'

const WAIT = { timeout: 5000 }
const pageLang = document.documentElement.lang
const l = (tr: string, en: string) => ({ tr, en })
const XSS = '<img src=x onerror="window.__pwned=1">'

function quiz(version = 1, overrides: Partial<PublicQuiz> = {}): PublicQuiz {
  return {
    quizId: 'quiz_1',
    version,
    title: l('Size uygun muyuz?', 'Are we a fit?'),
    questions: [
      {
        id: 'role',
        kind: 'single',
        text: l('Rolünüz nedir?', 'What is your role?'),
        required: true,
        jumps: [{ when: { question: 'role', op: 'eq', value: 'employee' }, to: 'need' }],
        options: [
          { value: 'owner', label: l('İşletme sahibi', 'Owner') },
          { value: 'manager', label: l('Yönetici', 'Manager') },
          { value: 'employee', label: l('Çalışan', 'Employee') },
        ],
      },
      {
        id: 'budget',
        kind: 'number',
        text: l('Aylık bütçeniz?', 'Monthly budget?'),
        required: true,
        number: { min: 0, max: 1_000_000, unit: l('TL', 'TRY'), display: 'input' },
      },
      {
        id: 'team',
        kind: 'yes_no',
        text: l('Ekibiniz var mı?', 'Do you have a team?'),
        required: true,
      },
      {
        id: 'team_size',
        kind: 'number',
        text: l('Ekip kaç kişi?', 'How many people?'),
        required: false,
        showIf: { question: 'team', op: 'eq', value: 'yes' },
        number: { min: 1, max: 50, step: 1, unit: l('kişi', 'people'), display: 'slider' },
      },
      {
        id: 'city',
        kind: 'location',
        text: l('Hangi şehirdesiniz?', 'Which city?'),
        required: true,
        options: [
          { value: 'istanbul', label: l('İstanbul', 'Istanbul') },
          { value: 'ankara', label: l('Ankara', 'Ankara') },
        ],
      },
      {
        id: 'need',
        kind: 'multiple',
        text: l('Neye ihtiyacınız var?', 'What do you need?'),
        required: true,
        options: [
          { value: 'crm', label: l('CRM', 'CRM') },
          { value: 'quote', label: l('Teklif ' + XSS, 'Quotes ' + XSS) },
        ],
      },
      {
        id: 'notes',
        kind: 'text',
        text: l('Eklemek istedikleriniz?', 'Anything else?'),
        required: false,
        maxLength: 200,
      },
    ],
    endings: {
      qualified: {
        title: l('Harika!', 'Great!'),
        body: l('Size uygunuz.', 'We are a fit.'),
        action: 'book_demo',
      },
      review: {
        title: l('Teşekkürler', 'Thanks'),
        body: l('Dönüş yapacağız.', "We'll be in touch."),
        action: 'none',
      },
      disqualified: {
        title: l('Teşekkürler', 'Thank you'),
        body: l('Şu an size uygun değiliz.', 'We are not the right fit for now.'),
        action: 'none',
      },
    },
    ...overrides,
  }
}

type Handler = (call: Call) => Response | Promise<Response>
const submitted =
  (outcome = 'qualified') =>
  () =>
    Response.json({ responseId: 'resp_1', leadId: 'lead_9', outcome }, { status: 201 })

function fakeApi() {
  const api = {
    calls: [] as Call[],
    quiz: quiz(),
    responses: submitted() as Handler,
    revalidated: 0,
    posts: (path: string) => api.calls.filter((c) => c.method === 'POST' && c.url === API + path),
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
    if (url === `${API}/v1/sites/${SITE}/quiz`) {
      // The server sends max-age: a reload after `quiz_version_stale` must revalidate.
      if (init.cache === 'no-cache') api.revalidated++
      return Response.json(api.quiz)
    }
    if (url === `${API}/v1/sites/${SITE}/config`) return Response.json(siteConfig())
    if (url === `${API}/v1/quiz/start`)
      return Response.json({ responseId: 'resp_1' }, { status: 201 })
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
  await vi.waitUntil(() => el.shadowRoot?.querySelector('form, [part="ending"]'), WAIT)
  return el
}

const heading = (el: HTMLElement) => $(el, 'h2').textContent?.replace(/\s+/g, ' ').trim()
const progress = (el: HTMLElement) => $(el, '[role="progressbar"]').getAttribute('aria-valuetext')
const next = (el: HTMLElement) => userEvent.click($(el, '[part="next-button"]'))
const back = (el: HTMLElement) => userEvent.click($(el, '[part="back-button"]'))
const input = (el: HTMLElement, name: string, value?: string) =>
  $<HTMLInputElement>(el, `[name="${name}"]${value ? `[value="${value}"]` : ''}`)
const active = (el: HTMLElement) => el.shadowRoot!.activeElement

async function step(el: HTMLElement, text: string) {
  await vi.waitUntil(() => heading(el)?.startsWith(text), WAIT)
}

/** Answers role, budget, team (and team size), city and need as an owner. */
async function answerAll(el: HTMLElement, team: 'yes' | 'no' = 'no') {
  await userEvent.click(input(el, 'role', 'owner'))
  await next(el)
  await step(el, 'Aylık bütçeniz?')
  await userEvent.fill(input(el, 'budget'), '5000')
  await next(el)
  await step(el, 'Ekibiniz var mı?')
  await userEvent.click(input(el, 'team', team))
  await next(el)
  if (team === 'yes') {
    await step(el, 'Ekip kaç kişi?')
    await next(el)
  }
  await step(el, 'Hangi şehirdesiniz?')
  await userEvent.click(input(el, 'city', 'istanbul'))
  await next(el)
  await step(el, 'Neye ihtiyacınız var?')
  await userEvent.click(input(el, 'need', 'crm'))
  await next(el)
  await step(el, 'Eklemek istedikleriniz?')
}

beforeEach(() => {
  document.documentElement.lang = ''
  localStorage.clear()
})

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.lang = pageLang
  outbox().stop()
  localStorage.clear()
  vi.unstubAllGlobals()
})

describe('<leadline-quiz>', () => {
  it('renders the first question in Turkish by default, as a labelled radio group', async () => {
    fakeApi()
    const el = await mount()
    expect(heading(el)).toBe('Rolünüz nedir?')
    expect($(el, 'fieldset').querySelector('legend')?.textContent?.trim()).toBe('Rolünüz nedir?')
    expect(progress(el)).toBe('Soru 1 / 6')
    expect($(el, '[role="progressbar"]').getAttribute('aria-valuenow')).toBe('1')
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')]
    expect(radios.map((r) => r.labels?.[0]?.textContent?.trim())).toEqual([
      'İşletme sahibi',
      'Yönetici',
      'Çalışan',
    ])
    expect($(el, '[part="next-button"]').textContent?.trim()).toBe('İleri')
    expect($(el, '[part="back-button"]').hidden).toBe(true)
  })

  it('renders English from its lang attribute and yes/no as Yes and No', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    expect(heading(el)).toBe('What is your role?')
    expect(progress(el)).toBe('Question 1 of 6')
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await step(el, 'What do you need?')
    expect($(el, '[part="back-button"]').textContent?.trim()).toBe('Back')
    await back(el)
    await userEvent.click(input(el, 'role', 'owner'))
    await next(el)
    await userEvent.fill(input(el, 'budget'), '10')
    await next(el)
    await step(el, 'Do you have a team?')
    expect(input(el, 'team', 'yes').labels?.[0]?.textContent?.trim()).toBe('Yes')
    expect(input(el, 'team', 'no').labels?.[0]?.textContent?.trim()).toBe('No')
  })

  it('blocks Next on a required question with an announced error, then lets the visitor on', async () => {
    fakeApi()
    const el = await mount()
    await next(el)
    const error = $(el, '[part="error"]')
    await vi.waitUntil(() => error.textContent?.trim() === 'Lütfen bu soruyu yanıtlayın.', WAIT)
    expect(error.getAttribute('aria-live')).toBe('assertive')
    expect($(el, 'fieldset').getAttribute('aria-describedby')).toContain(error.id)
    expect(input(el, 'role', 'owner').getAttribute('aria-invalid')).toBe('true')
    expect(active(el)).toBe(input(el, 'role', 'owner'))
    expect(heading(el)).toBe('Rolünüz nedir?')
    await userEvent.click(input(el, 'role', 'owner'))
    expect(error.textContent?.trim()).toBe('')
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    await userEvent.fill(input(el, 'budget'), '2000000')
    await next(el)
    await vi.waitUntil(() => error.textContent?.includes('0 ile 1.000.000 arasında'), WAIT)
  })

  it('is usable with the keyboard alone: arrows, Space, typing, Tab and Enter', async () => {
    const api = fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    await userEvent.tab()
    expect(active(el)).toBe(input(el, 'role', 'owner'))
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(input(el, 'role', 'employee').checked).toBe(true)
    await userEvent.tab()
    expect(active(el)).toBe($(el, '[part="next-button"]'))
    await userEvent.keyboard('{Enter}')
    await step(el, 'Neye ihtiyacınız var?')
    expect(active(el)).toBe($(el, 'h2'))
    await userEvent.tab()
    await userEvent.keyboard(' ')
    expect(input(el, 'need', 'crm').checked).toBe(true)
    await userEvent.tab() // second checkbox
    await userEvent.tab() // back
    await userEvent.tab() // next
    expect(active(el)).toBe($(el, '[part="next-button"]'))
    await userEvent.keyboard('{Enter}')
    await step(el, 'Eklemek istedikleriniz?')
    await userEvent.tab()
    await userEvent.keyboard('Yakında')
    await userEvent.tab()
    await userEvent.tab()
    expect($(el, '[part="next-button"]').textContent?.trim()).toBe('Gönder')
    await userEvent.keyboard('{Enter}')
    await vi.waitUntil(() => api.posts('/v1/quiz/responses').length === 1, WAIT)
    expect(api.posts('/v1/quiz/responses')[0]!.body).toMatchObject({
      answers: { role: 'employee', need: ['crm'], notes: 'Yakında' },
      leadId: 'lead_1',
    })
  })

  it('follows the branching: a yes shows a question, a choice jumps, progress follows', async () => {
    fakeApi()
    const el = await mount()
    const steps: unknown[] = []
    el.addEventListener('leadline-quiz-step', (e) => steps.push(e.detail))
    await userEvent.click(input(el, 'role', 'owner'))
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    expect(progress(el)).toBe('Soru 2 / 6')
    await userEvent.fill(input(el, 'budget'), '5000')
    await next(el)
    await step(el, 'Ekibiniz var mı?')
    await userEvent.click(input(el, 'team', 'yes'))
    expect(progress(el)).toBe('Soru 3 / 7')
    await next(el)
    await step(el, 'Ekip kaç kişi?')
    const slider = input(el, 'team_size')
    expect(slider.type).toBe('range')
    expect(steps.at(-1)).toEqual({ question: 'team_size', index: 4, total: 7 })
    await back(el)
    await userEvent.click(input(el, 'team', 'no'))
    await next(el)
    await step(el, 'Hangi şehirdesiniz?')
    expect(progress(el)).toBe('Soru 4 / 6')
    // back to the start: an employee jumps straight to the needs
    for (let i = 0; i < 3; i++) await back(el)
    await step(el, 'Rolünüz nedir?')
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await step(el, 'Neye ihtiyacınız var?')
    expect(progress(el)).toBe('Soru 2 / 3')
  })

  it('sends shown and answered funnel events for the questions it shows, once each', async () => {
    const api = fakeApi()
    const el = await mount()
    const sent = () => api.posts('/v1/quiz/events').flatMap((c) => (c.body as QuizEvents).events)
    await userEvent.click(input(el, 'role', 'owner'))
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    await userEvent.fill(input(el, 'budget'), '5000')
    await next(el)
    await step(el, 'Ekibiniz var mı?')
    // Back and on again: a question shown or answered twice is logged once.
    await back(el)
    await step(el, 'Aylık bütçeniz?')
    await next(el)
    await step(el, 'Ekibiniz var mı?')
    await vi.waitUntil(() => sent().length >= 5, { timeout: 8000 })
    // One more batch period: nothing else arrives.
    await new Promise((r) => setTimeout(r, 2500))
    expect(sent()).toEqual([
      { question: 'role', event: 'shown' },
      { question: 'role', event: 'answered' },
      { question: 'budget', event: 'shown' },
      { question: 'budget', event: 'answered' },
      { question: 'team', event: 'shown' },
    ])
    const calls = api.posts('/v1/quiz/events')
    const sessions = new Set(calls.map((c) => (c.body as QuizEvents).sessionId))
    expect(sessions.size).toBe(1)
    for (const call of calls) {
      expect(v.safeParse(QuizEventsSchema, call.body).issues).toBeUndefined()
      expect(call.body).toMatchObject({ siteKey: SITE, quizId: 'quiz_1', version: 1 })
      expect(call.headers.get('Content-Type')).toBe('application/json')
    }
  })

  it('keeps answers on Back, and drops answers of a branch left behind before sending', async () => {
    const api = fakeApi()
    const el = await mount({ 'lead-id': 'lead_1' })
    await answerAll(el, 'yes')
    await back(el)
    await step(el, 'Neye ihtiyacınız var?')
    expect(input(el, 'need', 'crm').checked).toBe(true)
    for (let i = 0; i < 5; i++) await back(el)
    await step(el, 'Rolünüz nedir?')
    expect(input(el, 'role', 'owner').checked).toBe(true)
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    expect(input(el, 'budget').value).toBe('5000')
    await back(el)
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await step(el, 'Neye ihtiyacınız var?')
    await next(el)
    await step(el, 'Eklemek istedikleriniz?')
    await next(el)
    await vi.waitUntil(() => api.posts('/v1/quiz/responses').length === 1, WAIT)
    const body = api.posts('/v1/quiz/responses')[0]!.body
    expect(body).toMatchObject({ answers: { role: 'employee', need: ['crm'] } })
    expect(Object.keys((body as { answers: object }).answers).sort()).toEqual(['need', 'role'])
  })

  it('resumes after a reload at the same step with the same answers', async () => {
    fakeApi()
    let el = await mount()
    await userEvent.click(input(el, 'role', 'owner'))
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    await userEvent.fill(input(el, 'budget'), '7500')
    await next(el)
    await step(el, 'Ekibiniz var mı?')
    el.remove()
    el = await mount()
    await step(el, 'Ekibiniz var mı?')
    expect(progress(el)).toBe('Soru 3 / 6')
    await back(el)
    await step(el, 'Aylık bütçeniz?')
    expect(input(el, 'budget').value).toBe('7500')
  })

  it('discards saved progress from another quiz version', async () => {
    const api = fakeApi()
    let el = await mount()
    await userEvent.click(input(el, 'role', 'owner'))
    await next(el)
    await step(el, 'Aylık bütçeniz?')
    el.remove()
    api.quiz = quiz(2)
    el = await mount()
    expect(heading(el)).toBe('Rolünüz nedir?')
    expect(input(el, 'role', 'owner').checked).toBe(false)
  })

  it('attached to a lead from the form on the page: sends start once and submits with the lead id', async () => {
    const api = fakeApi()
    const el = await mount()
    document.dispatchEvent(
      new CustomEvent('leadline-success', { detail: { leadId: 'lead_form', channels: [] } }),
    )
    const complete = vi.fn()
    el.addEventListener('leadline-quiz-complete', complete)
    await answerAll(el)
    await next(el)
    await vi.waitUntil(() => complete.mock.calls.length === 1, WAIT)
    const starts = api.posts('/v1/quiz/start')
    expect(starts).toHaveLength(1)
    expect(starts[0]!.body).toEqual({
      siteKey: SITE,
      quizId: 'quiz_1',
      version: 1,
      sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
      leadId: 'lead_form',
    })
    expect(starts[0]!.headers.get('Idempotency-Key')).toBeTruthy()
    const post = api.posts('/v1/quiz/responses')[0]!
    expect(post.body).toEqual({
      siteKey: SITE,
      quizId: 'quiz_1',
      version: 1,
      sessionId: (starts[0]!.body as { sessionId: string }).sessionId,
      answers: { role: 'owner', budget: 5000, team: 'no', city: 'istanbul', need: ['crm'] },
      leadId: 'lead_form',
    })
    expect(v.safeParse(QuizSubmitSchema, post.body).issues).toBeUndefined()
    expect(complete.mock.calls[0]![0].detail).toEqual({
      outcome: 'qualified',
      responseId: 'resp_1',
      leadId: 'lead_9',
    })
    expect(localStorage.getItem('leadline:quiz:' + SITE)).toBeNull()
  })

  it('takes the lead of an earlier visit from localStorage', async () => {
    const api = fakeApi()
    localStorage.setItem('leadline:lead:' + SITE, 'lead_old')
    const el = await mount()
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await vi.waitUntil(() => api.posts('/v1/quiz/start').length === 1, WAIT)
    expect(api.posts('/v1/quiz/start')[0]!.body).toMatchObject({ leadId: 'lead_old' })
  })

  it('standalone: asks contact details and consent, and sends no answers before them', async () => {
    const api = fakeApi()
    const el = await mount()
    await answerAll(el)
    await next(el)
    await step(el, 'İletişim bilgileriniz')
    expect(progress(el)).toBe('Soru 6 / 6')
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name^="consent_"]')]
    expect(boxes.map((b) => b.labels?.[0]?.textContent?.trim())).toEqual([
      'E-posta ile',
      'SMS ile',
      'Telefonla',
    ])
    expect(boxes.every((b) => !b.checked)).toBe(true)
    expect(el.shadowRoot!.textContent).toContain('KVKK kapsamında iletişim izni veriyorum.')
    await next(el)
    await vi.waitUntil(() => input(el, 'name').getAttribute('aria-invalid') === 'true', WAIT)
    expect(api.posts('/v1/quiz/responses')).toHaveLength(0)
    expect(api.posts('/v1/quiz/start')).toHaveLength(0)
    await userEvent.fill(input(el, 'name'), 'Ayşe Yılmaz')
    await userEvent.fill(input(el, 'email'), 'ayse@example.com')
    await userEvent.click(input(el, 'consent_email'))
    // only anonymous funnel events so far: no answer has left the device
    for (const c of api.calls.filter((c) => c.method === 'POST')) {
      expect(c.url).toBe(`${API}/v1/quiz/events`)
      expect(JSON.stringify(c.body)).not.toContain('istanbul')
    }
    await next(el)
    await vi.waitUntil(() => api.posts('/v1/quiz/responses').length === 1, WAIT)
    const body = api.posts('/v1/quiz/responses')[0]!.body as Record<string, unknown>
    expect(body.leadId).toBeUndefined()
    expect(body.contact).toMatchObject({
      fields: { name: 'Ayşe Yılmaz', email: 'ayse@example.com' },
      consent: { version: '2026-01', channels: { email: true, sms: false, phone: false } },
    })
    expect(v.safeParse(QuizSubmitSchema, body).issues).toBeUndefined()
    expect(api.posts('/v1/quiz/start')).toHaveLength(0)
    await step(el, 'Harika!')
    expect(localStorage.getItem('leadline:lead:' + SITE)).toBe('lead_9')
  })

  it('survives a flaky network: fails twice, then succeeds with the same Idempotency-Key', async () => {
    const api = fakeApi()
    let failures = 0
    api.responses = () =>
      failures++ < 2 ? Promise.reject(new TypeError('Failed to fetch')) : submitted()()
    const el = await mount({ 'lead-id': 'lead_1' })
    await answerAll(el)
    await next(el)
    const status = $(el, '[part="status"]')
    await vi.waitUntil(() => status.textContent?.includes('bağlantı bekleniyor'), WAIT)
    expect($<HTMLButtonElement>(el, '[part="next-button"]').disabled).toBe(true)
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => failures >= 2, WAIT)
    window.dispatchEvent(new Event('online'))
    await step(el, 'Harika!')
    const posts = api.posts('/v1/quiz/responses')
    expect(posts).toHaveLength(3)
    expect(new Set(posts.map((p) => p.headers.get('Idempotency-Key'))).size).toBe(1)
    expect(new Set(posts.map((p) => JSON.stringify(p.body))).size).toBe(1)
  })

  it('reloads a quiz the store changed meanwhile, keeps the answers that still fit and says so', async () => {
    const api = fakeApi()
    const errors = vi.fn()
    api.responses = (call) =>
      (call.body as { version: number }).version === 1
        ? Response.json(
            { error: { code: 'quiz_version_stale', message: 'The quiz has changed.' } },
            { status: 409 },
          )
        : submitted('review')()
    const el = await mount({ 'lead-id': 'lead_1' })
    el.addEventListener('leadline-error', errors)
    await answerAll(el)
    const v2 = quiz(2)
    v2.questions = v2.questions.filter((q) => q.id !== 'city')
    v2.questions.push({
      id: 'timeline',
      kind: 'yes_no',
      text: l('Bu ay mı?', 'This month?'),
      required: true,
    })
    api.quiz = v2
    await next(el)
    await step(el, 'Bu ay mı?')
    expect(errors.mock.calls[0]![0].detail.code).toBe('quiz_version_stale')
    expect(api.revalidated).toBe(1)
    expect($(el, '[part="status"]').textContent).toContain('Sorular güncellendi')
    await userEvent.click(input(el, 'timeline', 'yes'))
    await next(el)
    await step(el, 'Teşekkürler')
    const last = api.posts('/v1/quiz/responses').at(-1)!.body
    expect(last).toMatchObject({
      version: 2,
      answers: { role: 'owner', budget: 5000, team: 'no', need: ['crm'], timeline: 'yes' },
    })
    expect((last as { answers: object }).answers).not.toHaveProperty('city')
  })

  it('offers to book a demo only when <leadline-booking> is on the page', async () => {
    fakeApi()
    const booking = document.createElement('leadline-booking')
    document.body.append(booking)
    const el = await mount({ 'lead-id': 'lead_1' })
    const book = vi.fn()
    el.addEventListener('leadline-book-demo', book)
    await answerAll(el)
    await next(el)
    await step(el, 'Harika!')
    expect($(el, '[part="ending"]').textContent).toContain('Size uygunuz.')
    const button = $(el, '[part="book-demo-button"]')
    expect(button.textContent?.trim()).toBe('Demo planlayın')
    await userEvent.click(button)
    expect(book).toHaveBeenCalledOnce()
    expect(document.activeElement).toBe(booking)
  })

  it('shows no booking button without <leadline-booking>, and the polite message when disqualified', async () => {
    const api = fakeApi()
    let el = await mount({ 'lead-id': 'lead_1' })
    await answerAll(el)
    await next(el)
    await step(el, 'Harika!')
    expect(el.shadowRoot!.querySelector('[part="book-demo-button"]')).toBeNull()
    el.remove()
    api.responses = submitted('disqualified')
    el = await mount({ 'lead-id': 'lead_1', lang: 'en' })
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await userEvent.click(input(el, 'need', 'quote'))
    await next(el)
    await next(el)
    await step(el, 'Thank you')
    expect($(el, '[part="ending"]').textContent).toContain('We are not the right fit for now.')
    expect(el.shadowRoot!.querySelector('button')).toBeNull()
  })

  it('shows store text as text, never as HTML', async () => {
    fakeApi()
    const el = await mount()
    await userEvent.click(input(el, 'role', 'employee'))
    await next(el)
    await step(el, 'Neye ihtiyacınız var?')
    expect(el.shadowRoot!.querySelector('img')).toBeNull()
    expect(input(el, 'need', 'quote').labels?.[0]?.textContent?.trim()).toBe('Teklif ' + XSS)
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })
})
