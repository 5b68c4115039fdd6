/**
 * The widgets' accessibility audit: every screen a visitor can reach, in Turkish and English,
 * checked by axe-core in Chromium (the console's audit, test/e2e/axe.ts, through the `axe`
 * command): no serious or critical violation, and axe must have looked inside the widget's
 * shadow root. Screens with their errors shown are audited too: an error is where a label, a
 * description or an ARIA state most often goes wrong. On each screen the ids must be unique in
 * their shadow root and every id reference must resolve there, each `pattern` attribute must
 * compile as the browser compiles it, and (browser-setup.ts) nothing may log an error.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commands, userEvent } from 'vitest/browser'
import type { PublicBooking, PublicBookingView, PublicQuiz, Slot } from '../../contract'
import { outbox } from './internal/api'
import type { PublicQuestion } from './internal/quiz-progress'
import { $, API, SITE, sampleInvoice, sampleQuote, siteConfig } from './test-helpers'
import './components/booking/define'
import './components/form/define'
import './components/invoice/define'
import './components/quiz/define'
import './components/quote/define'

const WAIT = { timeout: 5000 }
const LANGS = ['tr', 'en'] as const
const l = (tr: string, en: string) => ({ tr, en })

// ------------------------------------------------------------------------------ fixtures

const slot = (start: string): Slot => ({
  start: new Date(start).toISOString(),
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
})

const BOOKING: PublicBooking = {
  meetingTypes: [
    { id: 'demo', name: l('Demo', 'Demo'), durationMin: 30, locationKind: 'video' },
    { id: 'intro', name: l('Tanışma', 'Intro'), durationMin: 15, locationKind: 'phone' },
  ],
  storeTimeZone: 'Europe/Istanbul',
}

const BOOKED: PublicBookingView = {
  bookingId: 'bk_1',
  status: 'confirmed',
  type: 'demo',
  typeName: l('Demo', 'Demo'),
  start: '2026-12-08T11:30:00.000Z',
  end: '2026-12-08T12:00:00.000Z',
  timeZone: 'Europe/Istanbul',
  repName: 'Can Demir',
  location: { kind: 'video', value: 'https://meet.example/abc' },
  manageUrl: `${API}/v1/bookings/tok_1`,
  icsUrl: `${API}/v1/bookings/tok_1/ics`,
  sequence: 0,
  manageable: true,
}

const OPTIONS = [l('İstanbul', 'Istanbul'), l('Ankara', 'Ankara'), l('İzmir', 'Izmir')]
const option = (label: { tr: string; en: string }, i: number) => ({ value: 'o' + i, label })

/** One question of each kind the quiz draws, each with the answer that passes it. */
const QUESTIONS: { name: string; q: PublicQuestion; answer: (el: HTMLElement) => Promise<void> }[] =
  [
    {
      name: 'a single-choice question',
      q: { id: 'q', kind: 'single', text: l('Rolünüz?', 'Your role?'), required: true },
      answer: (el) => userEvent.click($(el, '[value="o0"]')),
    },
    {
      name: 'a yes/no question',
      q: { id: 'q', kind: 'yes_no', text: l('Ekibiniz var mı?', 'A team?'), required: true },
      answer: (el) => userEvent.click($(el, '[value="yes"]')),
    },
    {
      name: 'a multiple-choice question',
      q: {
        id: 'q',
        kind: 'multiple',
        text: l('Neler lazım?', 'What do you need?'),
        required: true,
      },
      answer: (el) => userEvent.click($(el, '[value="o1"]')),
    },
    {
      name: 'a location question with a few places',
      q: { id: 'q', kind: 'location', text: l('Şehriniz?', 'Your city?'), required: true },
      answer: (el) => userEvent.click($(el, '[value="o2"]')),
    },
    {
      name: 'a location question with many places (a select)',
      q: {
        id: 'q',
        kind: 'location',
        text: l('Şehriniz?', 'Your city?'),
        required: true,
        options: Array.from({ length: 8 }, (_, i) => option(l(`Şehir ${i}`, `City ${i}`), i)),
      },
      answer: (el) => userEvent.selectOptions($<HTMLSelectElement>(el, 'select'), 'o3'),
    },
    {
      name: 'a number question',
      q: {
        id: 'q',
        kind: 'number',
        text: l('Aylık bütçeniz?', 'Monthly budget?'),
        help: l('Yaklaşık bir tutar yeterli.', 'A rough figure will do.'),
        required: true,
        number: { min: 0, max: 100_000, unit: l('TL', 'TRY'), display: 'input' },
      },
      answer: (el) => userEvent.fill($(el, 'input'), '5000'),
    },
    {
      name: 'a slider question',
      q: {
        id: 'q',
        kind: 'number',
        text: l('Ekip kaç kişi?', 'How many people?'),
        required: true,
        number: { min: 1, max: 50, step: 1, unit: l('kişi', 'people'), display: 'slider' },
      },
      answer: async () => undefined,
    },
    {
      name: 'a text question',
      q: { id: 'q', kind: 'text', text: l('Notunuz?', 'Your note?'), required: true },
      answer: (el) => userEvent.fill($(el, 'textarea'), 'Merhaba'),
    },
  ]

function quiz(q: PublicQuestion): PublicQuiz {
  const choices = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'location'
  return {
    quizId: 'quiz_1',
    version: 1,
    title: l('Size uygun muyuz?', 'Are we a fit?'),
    questions: [choices && !q.options ? { ...q, options: OPTIONS.map(option) } : q],
    endings: {
      qualified: {
        title: l('Harika!', 'Great!'),
        body: l('Size uygunuz.', 'We are a fit.'),
        action: 'book_demo',
      },
      review: { title: l('Teşekkürler', 'Thanks'), body: l('Döneceğiz.', 'Soon.'), action: 'none' },
      disqualified: { title: l('Teşekkürler', 'Thanks'), body: l('—', '—'), action: 'none' },
    },
  }
}

const QUOTE = sampleQuote({
  sections: {
    problems: [
      { type: 'p', children: [{ text: 'Stok elle sayılıyor. ' }, { text: 'Her ay.', bold: true }] },
    ],
    solutions: [
      {
        type: 'ul',
        items: [
          [{ text: 'Barkodlu sayım' }],
          [{ text: 'Belgeler', href: 'https://docs.example.com/kurulum' }],
          [{ text: 'Bize yazın', href: 'mailto:satis@example.com' }],
        ],
      },
    ],
    timeline: [{ type: 'ol', items: [[{ text: 'Kurulum: 1. hafta' }], [{ text: 'Eğitim' }]] }],
    faq: [{ question: 'Destek var mı?', answer: [{ type: 'p', children: [{ text: 'Evet.' }] }] }],
  },
  notes: 'Fiyatlara KDV dahil değildir.',
})

// ------------------------------------------------------------------------------ the API

/** The public API every widget talks to, answering as a store with everything set up would. */
function fakeApi(served: { quiz?: PublicQuiz } = {}) {
  let quote = QUOTE
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    const path = url.pathname
    const post = init.method === 'POST'
    const site = `/v1/sites/${SITE}/`
    if (path === site + 'config') return Response.json(siteConfig())
    if (path === site + 'quiz' && served.quiz) return Response.json(served.quiz)
    if (path === site + 'booking') return Response.json(BOOKING)
    if (path === site + 'slots') {
      const slots = [slot('2026-12-08T11:30:00Z'), slot('2026-12-08T13:00:00Z')]
      return Response.json({ type: 'demo', durationMin: 30, slots, timeZone: 'UTC' })
    }
    if (path === '/v1/leads' && post)
      return Response.json({ leadId: 'lead_1', stage: 'lead', channels: [] }, { status: 201 })
    if (path === '/v1/quiz/start') return Response.json({ responseId: 'resp_1' }, { status: 201 })
    if (path === '/v1/quiz/events') return new Response(null, { status: 202 })
    if (path === '/v1/quiz/responses') {
      const body = { responseId: 'resp_1', leadId: 'lead_1', outcome: 'qualified' }
      return Response.json(body, { status: 201 })
    }
    if (path === '/v1/bookings' && post) return Response.json(BOOKED, { status: 201 })
    if (path === '/v1/bookings/tok_1') return Response.json(BOOKED)
    if (path === '/v1/quotes/qt_1') return Response.json(quote)
    if (path === '/v1/quotes/qt_1/view') return new Response(null, { status: 204 })
    if (path === '/v1/quotes/qt_1/accept') {
      const name = (JSON.parse(String(init.body)) as { fullName: string }).fullName
      quote = {
        ...quote,
        status: 'accepted',
        acceptedName: name,
        acceptedAt: '2026-12-02T11:30:00Z',
      }
      return Response.json(quote)
    }
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
  })
}

// ------------------------------------------------------------------------------ helpers

async function mount(tag: string, attrs: Record<string, string>, ready: string) {
  const el = document.createElement(tag)
  el.setAttribute('site-key', SITE)
  el.setAttribute('api-base', API)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.body.append(el)
  await until(el, ready)
  return el
}

/** Waits until `selector` matches in the element's shadow root. */
const until = (el: HTMLElement, selector: string) =>
  vi.waitUntil(() => el.shadowRoot?.querySelector(selector), WAIT)

/** The shadow roots on the page, nested ones too. */
const shadowRoots = (root: Document | ShadowRoot = document): ShadowRoot[] =>
  [...root.querySelectorAll('*')].flatMap((el) =>
    el.shadowRoot ? [el.shadowRoot, ...shadowRoots(el.shadowRoot)] : [],
  )

/** The elements with a `pattern` attribute on the page and in its shadow roots. */
const patterned = () =>
  [document, ...shadowRoots()].flatMap((root) => [...root.querySelectorAll('[pattern]')])

const IDREFS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns']

/**
 * The ids a shadow root holds twice, and the references (`for`, `aria-describedby`…) to ids it
 * does not hold: ids are scoped to their root, so a reference never reaches the page's.
 */
function idProblems(root: ShadowRoot): string[] {
  const ids = [...root.querySelectorAll('[id]')].map((el) => el.id)
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `#${id} twice`)
  const dangling = IDREFS.flatMap((attr) =>
    [...root.querySelectorAll(`[${attr}]`)].flatMap((el) =>
      el
        .getAttribute(attr)!
        .split(/\s+/)
        .filter((id) => id && !root.getElementById(id))
        .map((id) => `${el.localName}[${attr}] names a missing #${id}`),
    ),
  )
  return [...twice, ...dangling]
}

/**
 * Audits the page as it is (`seen` is an element inside the shadow root axe must reach), and
 * compiles each `pattern` on it as browsers do, with the `v` flag: one that does not compile is
 * never checked (https://html.spec.whatwg.org/multipage/input.html#the-pattern-attribute).
 */
async function audit(screen: string, lang: string, seen: string) {
  for (const root of shadowRoots()) {
    expect(idProblems(root), `${screen} (${lang}): ids in ${root.host.localName}`).toEqual([])
  }
  for (const el of patterned()) {
    const pattern = el.getAttribute('pattern')!
    expect(() => new RegExp(`^(?:${pattern})$`, 'v'), `#${el.id}'s pattern`).not.toThrow()
  }
  await commands.axe(`${screen} (${lang})`, seen)
}

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

// ------------------------------------------------------------------------------ the audits

describe.each(LANGS)('the widgets audited by axe in %s', (lang) => {
  it('the lead form: empty, with its errors shown, and sent', async () => {
    fakeApi()
    const el = await mount('leadline-form', { lang }, 'form')
    await audit('the lead form', lang, '#f-name')
    await userEvent.click($(el, '[part="submit-button"]'))
    await until(el, '[aria-invalid="true"]')
    await audit('the lead form with errors', lang, '#f-name')
    await userEvent.fill($(el, '#f-name'), 'Ayşe Yılmaz')
    await userEvent.fill($(el, '#f-email'), 'ayse@example.com')
    await userEvent.click($(el, '[part="submit-button"]'))
    await vi.waitUntil(() => $(el, '[part="status"]').textContent?.trim(), WAIT)
    await audit('the sent lead form', lang, '#f-name')
  })

  for (const { name, q, answer } of QUESTIONS) {
    it(`the quiz: ${name}, unanswered with its error, and answered`, async () => {
      fakeApi({ quiz: quiz(q) })
      const el = await mount('leadline-quiz', { lang, 'lead-id': 'lead_1' }, 'fieldset')
      await audit(`the quiz, ${name}`, lang, '#qh')
      // Required is said on the inputs, where their roles allow it (not on the fieldset): a
      // slider always has a value, and no role says "tick at least one" of checkboxes.
      const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name="q"]')]
      const says = q.kind !== 'multiple' && q.number?.display !== 'slider'
      expect(inputs.map((i) => i.required)).toEqual(inputs.map(() => says))
      if (q.kind !== 'number' || q.number?.display !== 'slider') {
        await userEvent.click($(el, '[part="next-button"]'))
        await vi.waitUntil(() => $(el, '#err').textContent?.trim(), WAIT)
        await audit(`the quiz, ${name}, unanswered`, lang, '#qh')
      }
      await answer(el)
      await audit(`the quiz, ${name}, answered`, lang, '#qh')
    })
  }

  it('the quiz: the contact step, with its errors shown, and the result', async () => {
    fakeApi({ quiz: quiz(QUESTIONS[1]!.q) })
    const el = await mount('leadline-quiz', { lang }, 'fieldset')
    await userEvent.click($(el, '[value="yes"]'))
    await userEvent.click($(el, '[part="next-button"]'))
    await until(el, '#c-email')
    await audit('the quiz contact step', lang, '#c-name')
    await userEvent.click($(el, '[part="next-button"]'))
    await until(el, '#ce-name')
    await audit('the quiz contact step with errors', lang, '#c-name')
    await userEvent.fill($(el, '#c-name'), 'Ayşe Yılmaz')
    await userEvent.fill($(el, '#c-email'), 'ayse@example.com')
    await userEvent.click($(el, '[part="next-button"]'))
    await until(el, '[part="ending"]')
    await audit('the quiz result', lang, 'h2')
  })

  it('the quiz result with the book-demo button', async () => {
    fakeApi({ quiz: quiz(QUESTIONS[1]!.q) })
    const booking = document.createElement('leadline-booking')
    booking.setAttribute('site-key', SITE)
    booking.setAttribute('api-base', API)
    document.body.append(booking)
    const el = await mount('leadline-quiz', { lang, 'lead-id': 'lead_1' }, 'fieldset')
    await userEvent.click($(el, '[value="yes"]'))
    await userEvent.click($(el, '[part="next-button"]'))
    await until(el, '[part="book-demo-button"]')
    booking.remove()
    await audit('the quiz result with the book-demo button', lang, 'button')
  })

  it('the booking: calendar, slot list, details with errors, confirmation', async () => {
    fakeApi()
    const attrs = { lang, 'time-zone': 'Europe/Istanbul' }
    const el = await mount('leadline-booking', attrs, 'td.free')
    await audit('the booking calendar', lang, 'table')
    await userEvent.click($(el, 'td[data-day="2026-12-08"]'))
    await until(el, '[part="slot"]')
    await audit('the booking slot list', lang, 'table')
    await userEvent.click($(el, '[part="slot"]'))
    await until(el, '#c-phone')
    await audit('the booking details', lang, '#c-name')
    await userEvent.fill($(el, '#c-phone'), 'not a phone')
    await userEvent.click($(el, '.review button[type="submit"]'))
    await until(el, '#ce-phone')
    await audit('the booking details with errors', lang, '#c-name')
    await userEvent.fill($(el, '#c-name'), 'Ayşe Yılmaz')
    await userEvent.fill($(el, '#c-email'), 'ayse@example.com')
    await userEvent.fill($(el, '#c-phone'), '+90 (555) 123-45-67')
    await userEvent.click($(el, '.review button[type="submit"]'))
    await until(el, '[part="confirmation"]')
    await audit('the booking confirmation', lang, 'h2')
  })

  it('the booking management view and its cancel form', async () => {
    fakeApi()
    const attrs = { lang, 'time-zone': 'Europe/Istanbul', 'manage-token': 'tok_1' }
    const el = await mount('leadline-booking', attrs, '[part="confirmation"]')
    await audit('the booking management view', lang, 'h2')
    await userEvent.click(el.shadowRoot!.querySelectorAll<HTMLElement>('.links a')[2]!)
    await until(el, '#reason')
    await audit('the booking cancel form', lang, '#reason')
  })

  it('the quote: open, its decline form, its accept errors, and accepted', async () => {
    fakeApi()
    const el = await mount('leadline-quote', { lang, token: 'qt_1' }, 'header')
    await audit('the quote', lang, '#title')
    await userEvent.click($(el, '.decide .secondary'))
    await until(el, '#reason')
    await audit('the quote decline form', lang, '#title')
    await userEvent.click($(el, '.decide .secondary'))
    await until(el, '#name')
    await userEvent.click($(el, '.decide button[type="submit"]'))
    await until(el, '#name[aria-invalid="true"]')
    await audit('the quote with accept errors', lang, '#title')
    await userEvent.fill($(el, '#name'), 'Ayşe Yılmaz')
    await userEvent.click($(el, '#terms'))
    await userEvent.click($(el, '.decide button[type="submit"]'))
    await vi.waitUntil(() => !el.shadowRoot!.querySelector('.decide'), WAIT)
    await audit('the accepted quote', lang, '#title')
  })

  it('the invoice', async () => {
    const el = document.createElement('leadline-invoice')
    el.setAttribute('lang', lang)
    el.setAttribute('store-name', 'Test Mağaza')
    el.invoice = sampleInvoice()
    document.body.append(el)
    await until(el, 'header')
    await audit('the invoice', lang, '#title')
  })
})
