import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { LeadCreateSchema } from '../../../../contract/lead'
import { outbox, OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, a11y, API, created, fakeApi, field, mount, SITE, siteConfig } from '../../test-helpers'
import './define'

const pageLang = document.documentElement.lang
// The first submit loads the validation chunk, which vite transforms on demand in tests.
const WAIT = { timeout: 5000 }

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

async function fillValid(el: HTMLElement) {
  await userEvent.fill(field(el, 'name'), 'Ayşe Yılmaz')
  await userEvent.fill(field(el, 'email'), 'ayse@example.com')
}

const submit = (el: HTMLElement) => userEvent.click($(el, '[part="submit-button"]'))
const status = (el: HTMLElement) => $(el, '[part="status"]').textContent?.trim()

describe('<leadline-form>', () => {
  it('renders the store fields with Turkish labels by default', async () => {
    fakeApi()
    const el = await mount()
    expect(a11y(field(el, 'name')).label).toBe('Ad Soyad *')
    expect(a11y(field(el, 'email')).label).toBe('E-posta *')
    expect(field(el, 'email').type).toBe('email')
    expect(field(el, 'phone').type).toBe('tel')
    expect(a11y(field<HTMLSelectElement>(el, 'budget')).label).toBe('Bütçe')
    expect([...field<HTMLSelectElement>(el, 'budget').options].map((o) => o.text)).toEqual([
      'Seçiniz…',
      'Düşük',
      'Yüksek',
    ])
    expect(field(el, 'seats').type).toBe('number')
    expect(field(el, 'wholesale').type).toBe('checkbox')
    expect(field(el, 'message').localName).toBe('textarea')
    expect($(el, '[part="consent"]').textContent).toContain(
      'KVKK kapsamında iletişim izni veriyorum.',
    )
    expect($(el, '[part="submit-button"]').textContent?.trim()).toBe('Gönder')
  })

  it('renders English from its lang attribute', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    expect(a11y(field(el, 'name')).label).toBe('Full name *')
    expect($(el, '[part="consent"]').textContent).toContain(
      'I agree to be contacted under KVKK/GDPR.',
    )
    expect($(el, '[part="submit-button"]').textContent?.trim()).toBe('Send')
  })

  it("follows the page's html lang when the element has none", async () => {
    document.documentElement.lang = 'en-GB'
    fakeApi()
    const el = await mount()
    expect(a11y(field(el, 'email')).label).toBe('E-mail *')
  })

  it("falls back to the store's locale", async () => {
    fakeApi(siteConfig({ locale: 'en' }))
    const el = await mount()
    expect(a11y(field(el, 'phone')).label).toBe('Phone')
  })

  it('shows one unticked checkbox per consent channel', async () => {
    fakeApi(siteConfig({ consent: { ...siteConfig().consent, channels: ['email', 'sms'] } }))
    const el = await mount()
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="consent"] input')]
    expect(boxes.map((b) => b.labels?.[0]?.textContent?.trim())).toEqual(['E-posta ile', 'SMS ile'])
    expect(boxes.every((b) => !b.checked && !b.hasAttribute('checked'))).toBe(true)
  })

  it('shows the information notice as linked text, apart from the unticked opt-in per channel', async () => {
    const consent = {
      ...siteConfig().consent,
      notice: { tr: 'Verileriniz KVKK kapsamında işlenir.', en: 'We process your data.' },
      noticeUrl: 'https://shop.example/aydinlatma-metni',
    }
    fakeApi(siteConfig({ consent: { ...consent, channels: ['email', 'sms', 'phone'] } }))
    const el = await mount()
    const notice = $(el, '[part="notice"]')
    expect(notice.textContent).toContain('Verileriniz KVKK kapsamında işlenir.')
    // Shown and linked, never consented to: no box in the notice, and it is not in the opt-in.
    expect(notice.querySelector('input')).toBeNull()
    expect(notice.closest('[part="consent"]')).toBeNull()
    const link = notice.querySelector('a')!
    expect(link.href).toBe('https://shop.example/aydinlatma-metni')
    expect(link.target).toBe('_blank')
    expect(link.rel).toContain('noopener')
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Aydınlatma metni (yeni sekmede açılır)',
    )
    // The commercial message opt-in: its own legend, one unticked box per channel.
    const optIn = $(el, '[part="consent"]')
    expect(optIn.querySelector('legend')!.textContent).toContain('Ticari elektronik ileti')
    const boxes = [...optIn.querySelectorAll<HTMLInputElement>('input')]
    expect(boxes.map((b) => b.labels?.[0]?.textContent?.trim())).toEqual([
      'E-posta ile',
      'SMS ile',
      'Telefonla',
    ])
    expect(boxes.every((b) => !b.checked)).toBe(true)
  })

  it('shows no notice when the store has none', async () => {
    fakeApi()
    const el = await mount()
    expect(el.shadowRoot!.querySelector('[part="notice"]')).toBeNull()
  })

  it('hides the honeypot from people and keyboards', async () => {
    fakeApi()
    const el = await mount()
    const hp = field(el, 'leadline_hp_7q')
    expect(hp.tabIndex).toBe(-1)
    expect(hp.getAttribute('autocomplete')).toBe('off')
    expect(hp.closest('[aria-hidden="true"]')).not.toBeNull()
    expect(hp.getBoundingClientRect().right).toBeLessThan(0)
  })

  it('shows no error on first render, then shows and announces them on submit', async () => {
    const api = fakeApi()
    const el = await mount()
    expect(el.shadowRoot!.querySelector('[part="error"]')).toBeNull()
    expect(a11y(field(el, 'name')).invalid).toBe(false)
    await submit(el)
    await vi.waitUntil(() => a11y(field(el, 'name')).invalid, WAIT)
    expect(a11y(field(el, 'name')).description).toBe('Bu alan zorunludur.')
    expect(a11y(field(el, 'email')).description).toBe('Bu alan zorunludur.')
    expect(a11y(field(el, 'phone')).invalid).toBe(false)
    expect($(el, '[part="status"]').getAttribute('aria-live')).toBe('polite')
    expect(status(el)).toBe('2 alanı düzeltin.')
    expect(el.shadowRoot!.activeElement).toBe(field(el, 'name'))
    expect(api.posts()).toHaveLength(0)
  })

  it('moves focus to the first invalid field, not the first field', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    await userEvent.fill(field(el, 'name'), 'Ayşe')
    await userEvent.fill(field(el, 'email'), 'not-an-address')
    await submit(el)
    await vi.waitUntil(() => el.shadowRoot!.activeElement === field(el, 'email'), WAIT)
    expect(a11y(field(el, 'email')).description).toBe('Enter a valid e-mail address.')
    expect(status(el)).toBe('Please fix 1 field.')
  })

  it('shows an error for a field the visitor left, not for the others', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    await userEvent.click(field(el, 'name'))
    await userEvent.tab()
    await vi.waitUntil(() => a11y(field(el, 'name')).invalid, WAIT)
    expect(el.shadowRoot!.activeElement).toBe(field(el, 'email'))
    expect(a11y(field(el, 'name')).description).toBe('This field is required.')
    expect(a11y(field(el, 'email')).invalid).toBe(false)
  })

  it('is usable with the keyboard alone: type, tab, tick and press Enter', async () => {
    const api = fakeApi()
    const el = await mount()
    await userEvent.click(field(el, 'name'))
    await userEvent.keyboard('Ayşe')
    await userEvent.tab()
    await userEvent.keyboard('ayse@example.com')
    // phone, budget, seats, wholesale, message, then the first consent box
    for (let i = 0; i < 6; i++) await userEvent.tab()
    expect(el.shadowRoot!.activeElement).toBe(field(el, 'consent_email'))
    await userEvent.keyboard(' ')
    // sms, phone, then the button: the honeypot (tabindex -1) is skipped
    for (let i = 0; i < 3; i++) await userEvent.tab()
    expect(el.shadowRoot!.activeElement).toBe($(el, '[part="submit-button"]'))
    await userEvent.keyboard('{Enter}')
    await vi.waitUntil(() => api.posts().length === 1, WAIT)
    expect(api.posts()[0]!.body).toMatchObject({
      fields: { name: 'Ayşe', email: 'ayse@example.com' },
      consent: { channels: { email: true, sms: false, phone: false } },
    })
  })

  it('sends the contract body with an Idempotency-Key', async () => {
    const api = fakeApi()
    const url = new URL(location.href)
    url.searchParams.set('utm_source', 'instagram')
    url.searchParams.set('utm_campaign', 'bahar')
    history.replaceState(history.state, '', url)
    try {
      const el = await mount({ source: 'footer' })
      await fillValid(el)
      await userEvent.fill(field(el, 'phone'), '+90 532 000 00 00')
      await userEvent.selectOptions(field<HTMLSelectElement>(el, 'budget'), 'high')
      await userEvent.fill(field(el, 'seats'), '12')
      await userEvent.click(field(el, 'wholesale'))
      await userEvent.click(field(el, 'consent_sms'))
      await submit(el)
      await vi.waitUntil(() => api.posts().length === 1, WAIT)
    } finally {
      url.searchParams.delete('utm_source')
      url.searchParams.delete('utm_campaign')
      history.replaceState(history.state, '', url)
    }
    const post = api.posts()[0]!
    expect(post.url).toBe(`${API}/v1/leads`)
    expect(post.headers.get('Content-Type')).toBe('application/json')
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(post.body).toEqual({
      siteKey: SITE,
      fields: { name: 'Ayşe Yılmaz', email: 'ayse@example.com', phone: '+90 532 000 00 00' },
      custom: { budget: 'high', seats: 12, wholesale: true },
      consent: { version: '2026-01', channels: { email: false, sms: true, phone: false } },
      context: {
        pageUrl: expect.stringContaining('utm_source=instagram'),
        referrer: document.referrer,
        locale: 'tr',
        utm: { source: 'instagram', campaign: 'bahar', content: 'footer' },
      },
      elapsedMs: expect.any(Number),
    })
    expect(v.safeParse(LeadCreateSchema, post.body).issues).toBeUndefined()
  })

  it('sends nothing when leadline-before-submit is cancelled', async () => {
    const api = fakeApi()
    const el = await mount()
    const submitted = vi.fn()
    el.addEventListener('leadline-before-submit', (e) => e.preventDefault())
    el.addEventListener('leadline-submit', submitted)
    await fillValid(el)
    await submit(el)
    await new Promise((r) => setTimeout(r, 100))
    expect(api.posts()).toHaveLength(0)
    expect(submitted).not.toHaveBeenCalled()
    expect(localStorage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
  })

  it('fires leadline-before-submit with { body } and leadline-submit with { body, idempotencyKey }', async () => {
    const api = fakeApi()
    const el = await mount()
    const before = vi.fn<(e: CustomEvent) => void>()
    const submitted = vi.fn<(e: CustomEvent) => void>()
    // Listened for on the document: both bubble out of the shadow root.
    document.addEventListener('leadline-before-submit', before)
    document.addEventListener('leadline-submit', submitted)
    try {
      await fillValid(el)
      await submit(el)
      await vi.waitUntil(() => api.posts().length === 1, WAIT)
    } finally {
      document.removeEventListener('leadline-before-submit', before)
      document.removeEventListener('leadline-submit', submitted)
    }
    const post = api.posts()[0]!
    expect(before).toHaveBeenCalledOnce()
    expect(before.mock.calls[0]![0].detail).toEqual({ body: post.body })
    expect(submitted).toHaveBeenCalledOnce()
    const event = submitted.mock.calls[0]![0]
    expect(event.target).toBe(el)
    expect(event.detail).toEqual({
      body: post.body,
      idempotencyKey: post.headers.get('Idempotency-Key'),
    })
    expect(event.detail.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('fires leadline-success with the lead id and channels, announces it and clears the form', async () => {
    fakeApi()
    const el = await mount({ lang: 'en' })
    const success = vi.fn()
    document.addEventListener('leadline-success', success)
    try {
      await fillValid(el)
      await submit(el)
      await vi.waitUntil(() => success.mock.calls.length === 1, WAIT)
    } finally {
      document.removeEventListener('leadline-success', success)
    }
    expect(success.mock.calls[0]![0].detail).toEqual({ leadId: 'lead_1', channels: ['sms'] })
    expect(status(el)).toBe('Thank you! We have received your details.')
    expect(field(el, 'email').value).toBe('')
    expect(a11y(field(el, 'email')).invalid).toBe(false)
    expect(localStorage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
  })

  it('maps a 422 answer back onto the fields and fires leadline-error', async () => {
    const api = fakeApi()
    api.api.lead = () =>
      Response.json(
        {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            issues: [{ path: 'fields.phone', message: 'enter a valid phone number' }],
          },
        },
        { status: 422 },
      )
    const el = await mount()
    const failed = vi.fn()
    el.addEventListener('leadline-error', failed)
    await fillValid(el)
    await userEvent.fill(field(el, 'phone'), '+90 000 000')
    await submit(el)
    await vi.waitUntil(() => failed.mock.calls.length === 1, WAIT)
    expect(failed.mock.calls[0]![0].detail).toEqual({
      code: 'validation_failed',
      message: 'Some fields are not valid.',
    })
    await vi.waitUntil(() => a11y(field(el, 'phone')).invalid, WAIT)
    expect(a11y(field(el, 'phone')).description).toBe('Geçerli bir telefon numarası girin.')
    expect(el.shadowRoot!.activeElement).toBe(field(el, 'phone'))
    expect(localStorage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
  })

  it('keeps a submission through a network failure and delivers it with the same key when online', async () => {
    const api = fakeApi()
    api.api.lead = () => Promise.reject(new TypeError('Failed to fetch'))
    const el = await mount()
    const success = vi.fn()
    el.addEventListener('leadline-success', success)
    await fillValid(el)
    await submit(el)
    await vi.waitUntil(() => status(el) === 'Gönderiliyor… bağlantı bekleniyor', WAIT)
    expect($<HTMLButtonElement>(el, '[part="submit-button"]').disabled).toBe(true)
    const stored = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
    const key = api.posts()[0]!.headers.get('Idempotency-Key')
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ key, url: `${API}/v1/leads` })
    expect(JSON.parse(stored[0].body)).toEqual(api.posts()[0]!.body)

    api.api.lead = created
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => success.mock.calls.length === 1, WAIT)
    const posts = api.posts()
    expect(posts.length).toBeGreaterThanOrEqual(2)
    expect(new Set(posts.map((p) => p.headers.get('Idempotency-Key')))).toEqual(new Set([key]))
    expect(posts.at(-1)!.body).toEqual(posts[0]!.body)
    expect(localStorage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
    expect(status(el)).toBe('Teşekkürler! Bilgileriniz bize ulaştı.')
    expect($<HTMLButtonElement>(el, '[part="submit-button"]').disabled).toBe(false)
  })

  it('applies the store theme tokens on the host', async () => {
    fakeApi(siteConfig({ theme: { '--leadline-color-primary': 'rgb(200, 10, 20)' } }))
    const el = await mount()
    expect(el.style.getPropertyValue('--leadline-color-primary')).toBe('rgb(200, 10, 20)')
    expect(getComputedStyle($(el, '[part="submit-button"]')).backgroundColor).toBe(
      'rgb(200, 10, 20)',
    )
  })

  it('reads page tokens through the shadow root and keeps :host to display only', async () => {
    fakeApi()
    const el = await mount()
    el.style.setProperty('--leadline-color-error', 'rgb(1, 2, 3)')
    await submit(el)
    const error = await vi.waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'), WAIT)
    expect(getComputedStyle(error).color).toBe('rgb(1, 2, 3)')
    expect(getComputedStyle(el).display).toBe('block')
  })

  it('says so when the config cannot be loaded', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'not_found', message: 'x' } }, { status: 404 }),
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const el = document.createElement('leadline-form')
    el.setAttribute('site-key', SITE)
    el.setAttribute('api-base', API)
    el.lang = 'en'
    document.body.append(el)
    await vi.waitUntil(
      () => el.shadowRoot?.textContent?.includes('The form could not be loaded.'),
      WAIT,
    )
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})
