/**
 * Test helpers for the browser project: a fake Leadline API behind `fetch` (the API is another
 * process; the real one is exercised by test/e2e) and a mounted `<leadline-form>`.
 */
import { vi } from 'vitest'
import type { Invoice, PublicQuote, QuoteLine, QuoteTotals, SiteConfig } from '../../contract'
import type { LeadlineForm } from './components/form/form'

export const SITE = 'pk_testStore2026'
export const API = 'https://api.leadline.test'

export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  const label = (tr: string, en: string) => ({ tr, en })
  return {
    siteKey: SITE,
    name: 'Test Mağaza',
    locale: 'tr',
    currency: 'TRY',
    timeZone: 'Europe/Istanbul',
    fields: [
      {
        name: 'name',
        kind: 'standard',
        type: 'text',
        required: true,
        label: label('Ad Soyad', 'Full name'),
      },
      {
        name: 'email',
        kind: 'standard',
        type: 'email',
        required: true,
        label: label('E-posta', 'E-mail'),
      },
      {
        name: 'phone',
        kind: 'standard',
        type: 'tel',
        required: false,
        label: label('Telefon', 'Phone'),
      },
      {
        name: 'budget',
        kind: 'custom',
        type: 'select',
        required: false,
        label: label('Bütçe', 'Budget'),
        options: [
          { value: 'low', label: label('Düşük', 'Low') },
          { value: 'high', label: label('Yüksek', 'High') },
        ],
      },
      {
        name: 'seats',
        kind: 'custom',
        type: 'number',
        required: false,
        label: label('Kişi sayısı', 'Seats'),
      },
      {
        name: 'wholesale',
        kind: 'custom',
        type: 'checkbox',
        required: false,
        label: label('Toptan', 'Wholesale'),
      },
      {
        name: 'message',
        kind: 'standard',
        type: 'textarea',
        required: false,
        label: label('Mesajınız', 'Your message'),
      },
    ],
    consent: {
      version: '2026-01',
      text: label(
        'KVKK kapsamında iletişim izni veriyorum.',
        'I agree to be contacted under KVKK/GDPR.',
      ),
      channels: ['email', 'sms', 'phone'],
    },
    theme: {},
    spam: { minFillMs: 2000, honeypotField: 'leadline_hp_7q' },
    ...overrides,
  }
}

export interface Call {
  url: string
  method: string
  headers: Headers
  body: unknown
}

export type LeadHandler = (call: Call) => Response | Promise<Response>

export const created = () =>
  Response.json({ leadId: 'lead_1', stage: 'lead', channels: ['sms'] }, { status: 201 })

/**
 * Replaces `fetch` with a fake API that records every call in `calls` and answers with `route`;
 * a request `route` does not answer (undefined) gets 404 `not_found`.
 */
export function stubFetch(
  calls: Call[],
  route: (call: Call, init: RequestInit) => Response | Promise<Response> | undefined,
) {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    return (
      (await route(call, init)) ??
      Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 })
    )
  })
}

/** Replaces `fetch` with a fake API; `lead` answers `POST /v1/leads` (201 by default). */
export function fakeApi(config: SiteConfig = siteConfig()) {
  const api = { calls: [] as Call[], lead: created as LeadHandler }
  stubFetch(api.calls, (call) => {
    if (call.url === `${API}/v1/sites/${SITE}/config`) return Response.json(config)
    if (call.url === `${API}/v1/leads` && call.method === 'POST') return api.lead(call)
  })
  return { ...api, posts: () => api.calls.filter((c) => c.method === 'POST'), api }
}

/**
 * Mounts the widget `tag` with `attrs` (in that order) and waits until `ready` finds an element in
 * its shadow root.
 */
export async function mountWidget(
  tag: string,
  attrs: Record<string, string>,
  ready: string,
  wait = { timeout: 5000 },
): Promise<HTMLElement> {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector(ready), wait)
  return el
}

/** Mounts a form and waits until its fields are rendered. */
export async function mount(attrs: Record<string, string> = {}): Promise<LeadlineForm> {
  const attributes = { 'site-key': SITE, 'api-base': API, ...attrs }
  return (await mountWidget('leadline-form', attributes, 'form')) as LeadlineForm
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector)
  if (!found) throw new Error(`no ${selector} in ${el.localName}`)
  return found
}

export const field = <T extends Element = HTMLInputElement>(el: Element, name: string) =>
  $<T>(el, `[name="${name}"]`)

/** What a screen reader gets for an input: its label, invalid state and description. */
export function a11y(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) {
  const root = input.getRootNode() as ShadowRoot
  const described = input.getAttribute('aria-describedby')
  return {
    label: input.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim(),
    invalid: input.getAttribute('aria-invalid') === 'true',
    description: described ? root.getElementById(described)?.textContent?.trim() : undefined,
  }
}

/** Script that must never run: visitor- and rep-written text carries it in the quote tests. */
export const XSS = '<img src=x onerror="window.__pwned=1">'

/** Two lines of a quote or invoice (one with a percent discount) and their exact totals. */
export const DOCUMENT_LINES = [
  {
    name: 'Kurulum ' + XSS,
    description: 'Yerinde kurulum',
    unit: 'saat',
    quantityMilli: 2500,
    unitPriceMinor: 100000,
    discount: { kind: 'percent', bps: 1000 },
    taxRateBps: 2000,
  },
  {
    name: 'Lisans',
    unit: 'adet',
    quantityMilli: 1000,
    unitPriceMinor: 123456,
    taxRateBps: 1000,
  },
] satisfies QuoteLine[]

export const DOCUMENT_TOTALS = {
  lines: [
    {
      grossMinor: 250000,
      discountMinor: 25000,
      netMinor: 225000,
      taxMinor: 45000,
      totalMinor: 270000,
    },
    {
      grossMinor: 123456,
      discountMinor: 0,
      netMinor: 123456,
      taxMinor: 12346,
      totalMinor: 135802,
    },
  ],
  subtotalMinor: 373456,
  discountMinor: 25000,
  netMinor: 348456,
  taxes: [
    { rateBps: 1000, baseMinor: 123456, taxMinor: 12346 },
    { rateBps: 2000, baseMinor: 225000, taxMinor: 45000 },
  ],
  taxMinor: 57346,
  totalMinor: 405802,
} satisfies QuoteTotals

/** A sent quote of the document lines above (revision 2, open), as the public API serves it. */
export function sampleQuote(overrides: Partial<PublicQuote> = {}): PublicQuote {
  return {
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
    ...overrides,
  }
}

/** An unpaid invoice of the document lines above. */
export function sampleInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    number: '2026-000042',
    quoteId: 'q_1',
    leadId: 'lead_1',
    status: 'unpaid',
    issueDate: '2026-12-02',
    dueDate: '2026-12-16',
    currency: 'TRY',
    lines: DOCUMENT_LINES,
    totals: DOCUMENT_TOTALS,
    paidAt: null,
    cancelledAt: null,
    creditNoteNumber: null,
    createdAt: '2026-12-02T11:30:00.000Z',
    ...overrides,
  }
}

/** Text with white space (and Intl's narrow spaces) collapsed. */
export const norm = (s: string | null | undefined) => s?.replace(/[\s\u00a0\u202f]+/g, ' ').trim()
/** The collapsed text of the element `selector` finds in `el`'s shadow root. */
export const text = (el: HTMLElement, selector: string) => norm($(el, selector).textContent)
/** The collapsed texts of every element `selector` finds in `el`'s shadow root. */
export const all = (el: HTMLElement, selector: string) =>
  [...el.shadowRoot!.querySelectorAll(selector)].map((n) => norm(n.textContent))
/** The element focused inside `el`'s shadow root. */
export const active = (el: HTMLElement) => el.shadowRoot!.activeElement as HTMLElement | null
