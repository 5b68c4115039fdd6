import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commands, page, userEvent } from 'vitest/browser'
import type { Invoice } from '../../../../contract'
import { $, XSS, active, all, sampleInvoice, text } from '../../test-helpers'
import type { LeadlineInvoice } from './invoice'
import './define'

const WAIT = { timeout: 5000 }
const pageLang = document.documentElement.lang
const SRC = 'https://shop.example.com/invoices/inv_1.json'

async function mount(
  inv: Invoice | null = sampleInvoice(),
  attrs: Record<string, string> = { 'store-name': 'Test Mağaza' },
): Promise<LeadlineInvoice> {
  const el = document.createElement('leadline-invoice')
  for (const [k, val] of Object.entries(attrs)) el.setAttribute(k, val)
  if (inv) el.invoice = inv
  document.body.append(el)
  await vi.waitUntil(() => el.shadowRoot?.querySelector('header, .status'), WAIT)
  return el
}

beforeEach(() => {
  document.documentElement.lang = ''
})

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.lang = pageLang
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('<leadline-invoice>', () => {
  it('renders number, store, dates, status, lines and totals per KDV rate in Turkish', async () => {
    const el = await mount()
    expect(text(el, 'h2')).toBe('Fatura 2026-000042')
    expect(text(el, '.from')).toBe('Test Mağaza')
    expect(all(el, 'dt')).toEqual(['Düzenleme tarihi', 'Son ödeme tarihi', 'Durum'])
    expect(all(el, 'dd')).toEqual(['2 Aralık 2026', '16 Aralık 2026', 'Ödenmedi'])
    expect(text(el, '[part="status"]')).toBe('Ödenmedi')
    await expect.element(page.getByRole('heading', { level: 2 })).toMatchTextContent('Fatura')
    const table = page.getByRole('table', { name: 'Fatura kalemleri (TRY)' })
    await expect.element(table).toBeVisible()
    expect(all(el, '.lines thead th')).toEqual([
      'Ürün / hizmet',
      'Miktar',
      'Birim',
      'Birim fiyat',
      'İndirim',
      'KDV',
      'Tutar',
    ])
    expect(all(el, '.lines tbody tr:nth-child(2) > *')).toEqual([
      'Lisans',
      '1',
      'adet',
      '₺1.234,56',
      '—',
      '%10',
      '₺1.234,56',
    ])
    await expect.element(page.getByRole('table', { name: 'Toplamlar' })).toBeInTheDocument()
    expect(all(el, '.totals tr')).toEqual([
      'Ara toplam ₺3.734,56',
      'İndirim -₺250,00',
      'İndirimli ara toplam ₺3.484,56',
      'KDV %10 (matrah ₺1.234,56) ₺123,46',
      'KDV %20 (matrah ₺2.250,00) ₺450,00',
      'Genel toplam ₺4.058,02',
    ])
    expect(el.shadowRoot!.querySelector('[part="table"]')).toBe($(el, '.lines'))
    expect(el.shadowRoot!.querySelector('[part="totals"]')).toBe($(el, '.totals'))
    expect($(el, 'article').getAttribute('part')).toBe('invoice')
  })

  it('renders in English with lang="en": TRY 1,234.56, VAT per rate', async () => {
    const el = await mount(sampleInvoice(), { 'store-name': 'Test Store', lang: 'en' })
    expect(text(el, 'h2')).toBe('Invoice 2026-000042')
    expect(all(el, 'dd')).toEqual(['2 December 2026', '16 December 2026', 'Unpaid'])
    await expect.element(page.getByRole('table', { name: 'Invoice items (TRY)' })).toBeVisible()
    expect(all(el, '.lines tbody tr:nth-child(2) > *')).toContain('TRY 1,234.56')
    expect(all(el, '.totals tr')).toContain('VAT 20% on TRY 2,250.00 TRY 450.00')
    expect(all(el, '.totals tr').at(-1)).toBe('Total TRY 4,058.02')
    await expect.element(page.getByRole('button', { name: 'Print' })).toBeVisible()
    expect($(el, 'article').lang).toBe('en')
  })

  it('follows the page language when there is no lang attribute', async () => {
    document.documentElement.lang = 'en-US'
    const el = await mount()
    expect(text(el, 'h2')).toBe('Invoice 2026-000042')
  })

  it('shows a cancelled invoice with its credit note, and a paid one with its day', async () => {
    const el = await mount(
      sampleInvoice({
        status: 'cancelled',
        cancelledAt: '2026-12-05T10:00:00.000Z',
        creditNoteNumber: 'IADE-2026-000007',
      }),
    )
    expect(text(el, '[part="status"]')).toBe(
      'İptal edildi: IADE-2026-000007 numaralı iade faturası ile',
    )
    el.lang = 'en'
    await el.updateComplete
    expect(text(el, '[part="status"]')).toBe('Cancelled by credit note IADE-2026-000007')
    el.invoice = sampleInvoice({ status: 'paid', paidAt: '2026-12-10T12:00:00.000Z' })
    await el.updateComplete
    expect(text(el, '[part="status"]')).toBe('Paid (10 December 2026)')
  })

  it('renders no store text as HTML', async () => {
    const el = await mount(sampleInvoice({ number: XSS }), { 'store-name': 'Mağaza ' + XSS })
    expect(text(el, '.from')).toBe('Mağaza ' + XSS)
    expect(text(el, 'h2')).toBe('Fatura ' + XSS)
    expect(text(el, '.lines .name')).toBe('Kurulum ' + XSS)
    expect(el.shadowRoot!.querySelector('img')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('fetches the invoice from src with a plain GET (no credentials, no Authorization)', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init })
      return Response.json(sampleInvoice({ status: 'paid', paidAt: null }))
    })
    const el = await mount(null, { src: SRC, 'store-name': 'Test Mağaza' })
    await vi.waitUntil(() => el.shadowRoot!.querySelector('h2'), WAIT)
    expect(text(el, '[part="status"]')).toBe('Ödendi')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe(SRC)
    expect(calls[0]!.init.method ?? 'GET').toBe('GET')
    expect(calls[0]!.init.credentials).toBe('omit')
    expect(new Headers(calls[0]!.init.headers).has('authorization')).toBe(false)
  })

  it('fires leadline-error and says so when src fails or answers something else', async () => {
    const errors = vi.fn<(e: CustomEvent<{ code: string; message: string }>) => void>()
    document.addEventListener('leadline-error', errors)
    let answer: () => Response = () =>
      Response.json({ error: { code: 'not_found', message: 'no invoice' } }, { status: 404 })
    vi.stubGlobal('fetch', async () => answer())
    const el = await mount(null, { src: SRC })
    await vi.waitUntil(() => errors.mock.calls.length === 1, WAIT)
    expect(errors.mock.calls[0]![0].detail.code).toBe('not_found')
    expect(text(el, '[part="status"]')).toBe(
      'Fatura yüklenemedi. Lütfen daha sonra tekrar deneyin.',
    )
    expect($(el, '[part="status"]').getAttribute('role')).toBe('status')
    answer = () => Response.json({ hello: 'world' })
    el.src = SRC + '?again'
    await vi.waitUntil(() => errors.mock.calls.length === 2, WAIT)
    expect(errors.mock.calls[1]![0].detail.code).toBe('invalid_invoice')
    el.invoice = { number: 1 } as unknown as Invoice
    await vi.waitUntil(() => errors.mock.calls.length === 3, WAIT)
    expect(errors.mock.calls[2]![0].detail.code).toBe('invalid_invoice')
    expect(el.shadowRoot!.querySelector('table')).toBeNull()
    document.removeEventListener('leadline-error', errors)
  })

  it('reads the invoice from an invoice attribute holding JSON', async () => {
    const el = await mount(null, { invoice: JSON.stringify(sampleInvoice()) })
    expect(text(el, 'h2')).toBe('Fatura 2026-000042')
  })

  it('reaches Print with the keyboard and prints with Enter', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const el = await mount()
    for (let i = 0; i < 10 && !active(el)?.matches('[part="button"]'); i++)
      await userEvent.keyboard('{Tab}')
    expect(active(el)?.textContent?.trim()).toBe('Yazdır')
    await userEvent.keyboard('{Enter}')
    expect(print).toHaveBeenCalledOnce()
  })

  it('prints on A4 with the button hidden by the print styles', async () => {
    const el = await mount()
    const media = el
      .shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print')
    const rules = media.flatMap((m) => [...m.cssRules] as CSSStyleRule[])
    expect(rules.find((r) => r.style.display === 'none')?.selectorText).toMatch(/button/)
    const pageRules = document.adoptedStyleSheets
      .flatMap((s) => [...s.cssRules])
      .filter((r) => r instanceof CSSPageRule)
    expect(pageRules.map((r) => r.style.getPropertyValue('size'))).toEqual(['a4'])
    await page.viewport(794, 1123) // A4 at 96 dpi
    const printed = await commands.printScreenshot('leadline-invoice', 'invoice-print.png')
    expect(printed).toEqual({ print: true, shown: [] })
    expect(getComputedStyle($(el, '.print')).display).not.toBe('none')
  })
})
