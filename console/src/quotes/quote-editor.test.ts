/**
 * The quote editor in Chromium, driven like a rep: typing numbers in Turkish updates the totals
 * exactly as `contract/pricing.ts` computes them, lines come from the product library, a draft is
 * saved and sent (its link shown once) and the API's 422 lands at the field.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Product } from '../../../contract'
import { quoteTotals } from '../../../contract/pricing'
import { json, shadow, stubApi, type Call } from '../test-helpers'
import './lead-quotes'
import type { LeadlineQuoteEditor } from './quote-editor'
import { formatMoney } from '../localize'
import { LEAD, detail, mountPanel, quote } from './test-fixtures'

const PRODUCT: Product = {
  id: 'pr_1',
  name: 'Logo nakışı',
  description: 'Tek renk',
  unit: 'adet',
  unitPriceMinor: 1_250,
  currency: 'TRY',
  taxRateBps: 1000,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
}

function routes(extra: Record<string, (call: Call) => Response> = {}) {
  return stubApi({
    ...extra,
    'GET /admin/api/leads/ld_1/quotes': () => json({ items: [] }),
    'GET /admin/api/leads/ld_1': () => json(LEAD),
    'GET /admin/api/quote-settings': () => json({ invoiceOnAccept: true, taxRatesBps: [800] }),
    'GET /admin/api/products': () => json({ items: [PRODUCT] }),
    'GET /admin/api/faqs': () => json({ items: [] }),
  })
}

async function openEditor() {
  const panel = await mountPanel()
  await userEvent.click(shadow(panel).querySelector('#new-quote')!)
  await vi.waitFor(() => expect(shadow(panel).querySelector('leadline-quote-editor')).toBeTruthy())
  const editor = shadow(panel).querySelector('leadline-quote-editor') as LeadlineQuoteEditor
  await editor.updateComplete
  const $ = <T extends Element = HTMLInputElement>(s: string) => shadow(editor).querySelector<T>(s)!
  return { panel, editor, $ }
}

const money = (minor: number) => formatMoney('tr', minor, 'TRY', { exact: true })

beforeEach(() => {
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the quote editor', () => {
  it('totals the lines as the rep types, exactly as the shared pricing module does', async () => {
    routes()
    const { editor, $ } = await openEditor()
    expect(shadow(editor).activeElement?.id).toBe('title')
    await userEvent.keyboard('Havlu teklifi')
    await userEvent.type($('#lines-0-name'), 'Kurulum')
    await userEvent.type($('#lines-0-quantityMilli'), '2,5')
    await userEvent.type($('#lines-0-unit'), 'saat')
    await userEvent.type($('#lines-0-unitPriceMinor'), '1.000,00')
    await userEvent.selectOptions($<HTMLSelectElement>('#lines-0-kind'), 'percent')
    await userEvent.type($('#lines-0-discount'), '12,5')
    expect($('[data-total="total"]').textContent).toBe(
      money(
        quoteTotals([
          {
            quantityMilli: 2500,
            unitPriceMinor: 100_000,
            discount: { kind: 'percent', bps: 1250 },
            taxRateBps: 2000,
          },
        ]).totalMinor,
      ),
    )

    await userEvent.click($('#add-line'))
    expect(shadow(editor).activeElement?.id).toBe('lines-1-name')
    await userEvent.keyboard('Eğitim')
    await userEvent.type($('#lines-1-quantityMilli'), '3')
    await userEvent.type($('#lines-1-unit'), 'saat')
    await userEvent.type($('#lines-1-unitPriceMinor'), '333,33')
    await userEvent.selectOptions($<HTMLSelectElement>('#lines-1-kind'), 'amount')
    await userEvent.type($('#lines-1-discount'), '0,99')
    await userEvent.selectOptions($<HTMLSelectElement>('#lines-1-taxRateBps'), '800')

    const expected = quoteTotals([
      {
        quantityMilli: 2500,
        unitPriceMinor: 100_000,
        discount: { kind: 'percent', bps: 1250 },
        taxRateBps: 2000,
      },
      {
        quantityMilli: 3000,
        unitPriceMinor: 33_333,
        discount: { kind: 'amount', minor: 99 },
        taxRateBps: 800,
      },
    ])
    expect($('[data-total="subtotal"]').textContent).toBe(money(expected.subtotalMinor))
    expect($('[data-total="discount"]').textContent).toBe(money(expected.discountMinor))
    expect($('[data-tax="800"]').textContent).toBe(money(expected.taxes[0]!.taxMinor))
    expect($('[data-tax="2000"]').textContent).toBe(money(expected.taxes[1]!.taxMinor))
    expect($('[data-total="total"]').textContent).toBe(money(expected.totalMinor))

    // A number the locale cannot read leaves its line out, and says so, instead of guessing.
    await userEvent.clear($('#lines-1-unitPriceMinor'))
    await userEvent.type($('#lines-1-unitPriceMinor'), '333.33')
    expect($('.totals').textContent).toContain('1 kalem, sayıları düzelene kadar')
    expect($('[data-total="total"]').textContent).toBe(money(expected.lines[0]!.totalMinor))
  })

  it('adds a line from the product library and takes the rep to it', async () => {
    routes()
    const { editor, $ } = await openEditor()
    await vi.waitFor(() => expect($('#product')).toBeTruthy())
    expect($('#product').textContent).toContain('Logo nakışı')
    await userEvent.click($('#product + button'))
    expect(shadow(editor).activeElement?.id).toBe('lines-1-name')
    expect($('#lines-1-name').value).toBe('Logo nakışı')
    expect($('#lines-1-unitPriceMinor').value).toBe('12,50')
    expect($<HTMLSelectElement>('#lines-1-taxRateBps').value).toBe('1000')
    await userEvent.clear($('#lines-1-quantityMilli'))
    await userEvent.type($('#lines-1-quantityMilli'), '800')
    expect($('fieldset.line:nth-of-type(2) .line-total').textContent).toContain(
      money(
        quoteTotals([{ quantityMilli: 800_000, unitPriceMinor: 1250, taxRateBps: 1000 }])
          .totalMinor,
      ),
    )
  })

  it('saves and sends the quote, and shows its link once', async () => {
    const url = 'http://localhost/q/' + 'x'.repeat(32)
    let sent = false
    const calls = stubApi({
      'POST /admin/api/leads/ld_1/quotes': () => json(quote(), 201),
      'POST /admin/api/quotes/qt_1/send': () => {
        sent = true
        return json({ quote: quote({ status: 'sent' }), url })
      },
      'GET /admin/api/leads/ld_1/quotes': () =>
        json({ items: sent ? [quote({ status: 'sent' })] : [] }),
      'GET /admin/api/quotes/qt_1': () => json(detail(quote({ status: 'sent' }))),
      'GET /admin/api/leads/ld_1': () => json(LEAD),
      'GET /admin/api/quote-settings': () => json({ invoiceOnAccept: true, taxRatesBps: [] }),
      'GET /admin/api/products': () => json({ items: [] }),
      'GET /admin/api/faqs': () => json({ items: [] }),
    })
    const { panel, $ } = await openEditor()
    await userEvent.keyboard('Havlu teklifi')
    await userEvent.type($('#sections-problems'), '- Havlular **6 ayda** yıpranıyor')
    await userEvent.type($('#lines-0-name'), 'Otel havlusu')
    await userEvent.type($('#lines-0-quantityMilli'), '800')
    await userEvent.type($('#lines-0-unit'), 'adet')
    await userEvent.type($('#lines-0-unitPriceMinor'), '89,90')
    await userEvent.click($('button[data-send="true"]'))

    const root = shadow(panel)
    const dialog = root.querySelector<HTMLDialogElement>('#link-dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(root.querySelector<HTMLInputElement>('#link')!.value).toBe(url)
    expect(dialog.textContent).toContain('yalnızca şimdi, bir kez gösterilir')
    expect(root.activeElement?.id).toBe('copy')
    const created = calls.find((c) => c.method === 'POST' && c.path.endsWith('/quotes'))!
    expect(created.body).toMatchObject({
      title: 'Havlu teklifi',
      currency: 'TRY',
      sections: {
        problems: [
          {
            type: 'ul',
            items: [
              [{ text: 'Havlular ' }, { text: '6 ayda', bold: true }, { text: ' yıpranıyor' }],
            ],
          },
        ],
      },
      lines: [
        {
          name: 'Otel havlusu',
          unit: 'adet',
          quantityMilli: 800_000,
          unitPriceMinor: 8_990,
          taxRateBps: 2000,
        },
      ],
    })

    await userEvent.keyboard('{Tab}{Enter}')
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    expect(root.querySelector<HTMLInputElement>('#link')!.value).toBe('')
    expect(root.textContent).not.toContain(url)
    await vi.waitFor(() =>
      expect(root.querySelector('[data-status]')!.textContent).toBe('Gönderildi'),
    )
  })

  it('shows what the API refused next to the field, in plain words', async () => {
    routes({
      'POST /admin/api/leads/ld_1/quotes': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'The quote is not valid.',
              issues: [{ path: 'lines.0.taxRateBps', message: 'allowed tax rates are 2000, 1000' }],
            },
          },
          422,
        ),
    })
    const { editor, $ } = await openEditor()
    await userEvent.keyboard('Teklif')
    await userEvent.type($('#lines-0-name'), 'Danışmanlık')
    await userEvent.type($('#lines-0-quantityMilli'), '1')
    await userEvent.type($('#lines-0-unit'), 'saat')
    await userEvent.type($('#lines-0-unitPriceMinor'), '100')
    await userEvent.click($('button[type=submit]:not([data-send])'))

    await vi.waitFor(() => expect($('#message').textContent).toContain('Teklif kaydedilmedi.'))
    expect($('#lines-0-taxRateBps').getAttribute('aria-invalid')).toBe('true')
    expect($('#lines-0-taxRateBps-error').textContent).toContain('Bu değer kabul edilmedi')
    expect(shadow(editor).activeElement?.id).toBe('lines-0-taxRateBps')
  })

  it('points at the fields to fix before anything is sent', async () => {
    const calls = routes()
    const { editor, $ } = await openEditor()
    await userEvent.type($('#lines-0-quantityMilli'), '1.5')
    await userEvent.click($('button[type=submit]:not([data-send])'))
    expect($('#message').textContent).toContain('işaretli alanları düzeltin')
    expect(shadow(editor).activeElement?.id).toBe('title')
    expect($('#title-error').textContent).toBe('Bu alanı doldurun.')
    expect($('#lines-0-quantityMilli-error').textContent).toContain('Geçerli bir sayı yazın')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })
})
