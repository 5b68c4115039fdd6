/**
 * The quotes panel of a lead in Chromium with a stubbed admin API: what it shows for quotes and
 * invoices, and the invoice actions (paid, cancelled with a credit note, exported) by keyboard.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Invoice } from '../../../contract'
import { json, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import './lead-quotes'
import { formatMoney } from '../localize'
import { LEAD, detail, invoice, mountPanel, quote } from './test-fixtures'

const ACCEPTED = quote({
  status: 'accepted',
  acceptedName: 'Derya Şen',
  acceptedAt: '2026-03-02T08:00:00Z',
})

/** A lead with one accepted quote and its invoice, which the actions below change. */
function store(first: Invoice = invoice()) {
  let current = first
  const calls = stubApi({
    'GET /admin/api/leads/ld_1/quotes': () => json({ items: [ACCEPTED] }),
    'GET /admin/api/leads/ld_1': () => json(LEAD),
    'GET /admin/api/quotes/qt_1': () =>
      json({
        ...detail(ACCEPTED, current),
        views: { count: 3, lastAt: '2026-03-02T07:00:00Z', sections: [], byReps: 0 },
      }),
    'POST /admin/api/invoices/in_1/paid': () => {
      current = { ...current, status: 'paid', paidAt: '2026-03-03T10:00:00Z' }
      return json(current)
    },
    'POST /admin/api/invoices/in_1/cancel': () => {
      current = { ...current, status: 'cancelled', creditNoteNumber: 'CN-2026-000001' }
      return json(current)
    },
    'GET /admin/api/invoices/in_1/export': () => json({ format: 'leadline.invoice-export.v1' }),
  })
  return calls
}

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST').map((c) => c.path)

async function loaded() {
  const panel = await mountPanel()
  const root = shadow(panel)
  await vi.waitFor(() => expect(root.querySelector('[data-invoice-status]')).toBeTruthy())
  return { panel, root }
}

const button = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!

beforeEach(() => {
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('the quotes panel of a lead', () => {
  it('shows each quote with its state, total, validity and views, and its invoice', async () => {
    store()
    const { root } = await loaded()
    const text = root.querySelector('.quote')!.textContent!
    expect(text).toContain('Havlu teklifi · Revizyon 1')
    expect(root.querySelector('[data-status]')!.textContent).toBe('Kabul edildi')
    expect(text).toContain(formatMoney('tr', ACCEPTED.totals.totalMinor, 'TRY', { exact: true }))
    expect(text).toContain('31 Mar 2026')
    expect(text).toContain('3 kez')
    expect(text).toContain('Derya Şen tarafından')
    expect(root.querySelector('.invoice h5')!.textContent).toBe('Fatura 2026-000007')
    expect(root.querySelector('[data-invoice-status]')!.textContent).toBe('Ödenmedi')
    expect(text).toContain('16 Mar 2026')
  })

  it('says so when a lead has no quote yet', async () => {
    stubApi({
      'GET /admin/api/leads/ld_1/quotes': () => json({ items: [] }),
      'GET /admin/api/leads/ld_1': () => json(LEAD),
    })
    const root = shadow(await mountPanel())
    await vi.waitFor(() => expect(root.textContent).toContain('Bu adayın henüz teklifi yok.'))
  })

  it('says in plain words when the quotes cannot be loaded', async () => {
    stubApi({
      'GET /admin/api/leads/ld_1/quotes': () =>
        json({ error: { code: 'internal', message: 'boom' } }, 500),
      'GET /admin/api/leads/ld_1': () => json(LEAD),
    })
    const root = shadow(await mountPanel())
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert]')!.textContent).toContain('Teklifler yüklenemedi.'),
    )
    expect(root.textContent).not.toContain('boom')
  })

  it('marks an invoice paid, for a rep too, and announces it', async () => {
    const calls = store()
    const panel = await mountPanel(REP_ME)
    const root = shadow(panel)
    await vi.waitFor(() => expect(root.querySelector('[data-invoice-status]')).toBeTruthy())
    button(root, 'Ödendi olarak işaretle').focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('[data-invoice-status]')!.textContent).toBe('Ödendi'),
    )
    expect(posts(calls)).toEqual(['/admin/api/invoices/in_1/paid'])
    await vi.waitFor(() =>
      expect(root.querySelector('#live')!.textContent).toBe(
        '2026-000007 numaralı fatura ödendi olarak işaretlendi.',
      ),
    )
    expect(root.activeElement?.getAttribute('data-quote')).toBe('qt_1')
    expect(button(root, 'Ödendi olarak işaretle')).toBeUndefined()
  })

  it('cancels an invoice with a credit note only once the rep confirms', async () => {
    const calls = store()
    const { root } = await loaded()
    const dialog = root.querySelector<HTMLDialogElement>('#confirm-dialog')!
    await userEvent.click(button(root, 'İptal et (iade faturasıyla)'))
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('2026-000007 numaralı fatura iptal edilsin mi?')
    expect(root.activeElement?.id).toBe('confirm-back')
    await userEvent.keyboard('{Escape}')
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    expect(posts(calls)).toEqual([])

    await userEvent.click(button(root, 'İptal et (iade faturasıyla)'))
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    await userEvent.keyboard('{Tab}{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('[data-invoice-status]')!.textContent).toBe('İptal edildi'),
    )
    expect(posts(calls)).toEqual(['/admin/api/invoices/in_1/cancel'])
    expect(root.querySelector('.invoice')!.textContent).toContain('CN-2026-000001')
  })

  it('downloads the invoice export as a JSON file', async () => {
    store()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob)
      return 'blob:export'
    })
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const { root } = await loaded()
    await userEvent.click(button(root, 'JSON olarak indir'))
    await vi.waitFor(() => expect(blobs).toHaveLength(1))
    expect(JSON.parse(await blobs[0]!.text())).toEqual({ format: 'leadline.invoice-export.v1' })
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe(
      'invoice-2026-000007.json',
    )
  })

  it('issues the invoice of an accepted quote by hand when the store does not on acceptance', async () => {
    let issued: Invoice | null = null
    const calls = stubApi({
      'GET /admin/api/leads/ld_1/quotes': () => json({ items: [ACCEPTED] }),
      'GET /admin/api/leads/ld_1': () => json(LEAD),
      'GET /admin/api/quotes/qt_1': () => json(detail(ACCEPTED, issued)),
      'POST /admin/api/quotes/qt_1/invoice': () => json((issued = invoice()), 201),
    })
    const root = shadow(await mountPanel())
    await vi.waitFor(() => expect(button(root, 'Faturayı kes')).toBeTruthy())
    await userEvent.click(button(root, 'Faturayı kes'))
    await vi.waitFor(() => expect(root.querySelector('[data-invoice-status]')).toBeTruthy())
    expect(posts(calls)).toEqual(['/admin/api/quotes/qt_1/invoice'])
  })
})
