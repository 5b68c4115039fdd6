/**
 * The analytics screen in Chromium with a stubbed admin API: bars named and labelled, tooltips on
 * keyboard focus, the tables' numbers, arrow keys between bars, the period in the address, and
 * one part failing without hiding the others.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { FORECAST, FUNNEL, TIME, WIN_RATES } from '../analytics/fixtures'
import '../app'
import type { LeadlineBarChart } from '../charts/bar-chart'
import { json, ME, mountConsole, shadow, stubApi, type Call } from '../test-helpers'
import type { LeadlineAnalytics } from './analytics'
import { DAY_MS } from '../../../contract'

const day = (ago: number) => new Date(Date.now() - ago * DAY_MS).toISOString().slice(0, 10)

const ROUTES = {
  'GET /admin/api/me': () => json(ME),
  'GET /admin/api/analytics/funnel': () => json(FUNNEL),
  'GET /admin/api/analytics/time-in-stage': () => json(TIME),
  'GET /admin/api/analytics/forecast': () => json(FORECAST),
  'GET /admin/api/analytics/win-rates': () => json(WIN_RATES),
}

async function open(path: string, routes: Record<string, (call: Call) => Response> = {}) {
  const calls = stubApi({ ...ROUTES, ...routes })
  const app = await mountConsole(path, true)
  await vi.waitFor(() => expect(shadow(app).querySelector('leadline-analytics')).toBeTruthy())
  const view = shadow(app).querySelector('leadline-analytics') as LeadlineAnalytics
  const root = shadow(view)
  await vi.waitFor(() => expect(root.querySelector('[data-chart="reasons"]')).toBeTruthy())
  return { app, view, root, calls }
}

async function chart(root: ShadowRoot, key: string) {
  const el = root.querySelector(`[data-chart="${key}"]`) as LeadlineBarChart
  await el.updateComplete
  return { el, root: shadow(el) }
}

const names = (chartRoot: ShadowRoot) =>
  [...chartRoot.querySelectorAll('g.bar title')].map((t) => t.textContent)

const focused = (chartRoot: ShadowRoot) =>
  chartRoot.activeElement?.querySelector('title')?.textContent

beforeEach(() => {
  sessionStorage.clear()
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the analytics screen', () => {
  it('names every funnel bar completely and shows its number beside it', async () => {
    const { root } = await open('/admin/analytics')
    const funnel = await chart(root, 'funnel')
    expect(names(funnel.root)).toEqual([
      'Aday: 250 aday, ilk adıma göre %100, sonraki adıma geçmeyen %50',
      'Nitelendirme: 120 aday, ilk adıma göre %48, sonraki adıma geçmeyen %50',
      'Besleme: 60 aday, ilk adıma göre %24, sonraki adıma geçmeyen %50',
      'Görüşme: 30 aday, ilk adıma göre %12, sonraki adıma geçmeyen %50',
      'Teklif: 0 aday, ilk adıma göre %0',
      'Anlaşma: 0 aday, ilk adıma göre %0',
    ])
    const texts = [...funnel.root.querySelectorAll('g.bar text')].map((t) => t.textContent!.trim())
    expect(texts[1]).toBe('120 · %48')
    const svg = funnel.root.querySelector('svg')!
    expect(svg.getAttribute('role')).toBe('group')
    expect(svg.getAttribute('aria-label')).toBe('Aşamalara giren adaylar')
    expect(root.textContent).toContain('Darboğaz: Görüşme.')
    expect(root.textContent).toContain('Genel kazanma oranı %38: 5 kazanılan, 8 kaybedilen.')
  })

  it('is one Tab stop per chart; arrows, Home and End move between bars with their tooltip', async () => {
    const { root } = await open('/admin/analytics')
    const funnel = await chart(root, 'funnel')
    const tabbable = () =>
      [...funnel.root.querySelectorAll('g.bar')].filter((g) => g.getAttribute('tabindex') === '0')
    expect(tabbable()).toHaveLength(1)

    root.querySelector<HTMLSelectElement>('#period')!.focus()
    // Past the period select and the filters (owner, source) to the first bar of the funnel.
    await userEvent.tab()
    await userEvent.tab()
    await userEvent.tab()
    await vi.waitFor(() => expect(focused(funnel.root)).toMatch(/^Aday: 250 aday/))
    await funnel.el.updateComplete
    expect(funnel.root.querySelector('.tooltip')!.textContent).toMatch(/^Aday: 250 aday/)

    await userEvent.keyboard('{ArrowDown}')
    await vi.waitFor(() => expect(focused(funnel.root)).toMatch(/^Nitelendirme: 120 aday/))
    await funnel.el.updateComplete
    expect(funnel.root.querySelector('.tooltip')!.textContent).toBe(
      'Nitelendirme: 120 aday, ilk adıma göre %48, sonraki adıma geçmeyen %50',
    )
    expect(tabbable()).toHaveLength(1)

    await userEvent.keyboard('{End}')
    await vi.waitFor(() => expect(focused(funnel.root)).toMatch(/^Anlaşma/))
    await userEvent.keyboard('{ArrowDown}')
    await vi.waitFor(() => expect(focused(funnel.root)).toMatch(/^Anlaşma/))
    await userEvent.keyboard('{Home}')
    await vi.waitFor(() => expect(focused(funnel.root)).toMatch(/^Aday/))
    await userEvent.keyboard('{Escape}')
    await funnel.el.updateComplete
    expect(funnel.root.querySelector('.tooltip')).toBeNull()

    // Tab leaves the chart for its table's disclosure.
    await userEvent.tab()
    expect(funnel.root.activeElement).toBeNull()
    expect(root.activeElement?.tagName).toBe('SUMMARY')
  })

  it('shows the tooltip on hover', async () => {
    const { root } = await open('/admin/analytics')
    const reasons = await chart(root, 'reasons')
    await userEvent.hover(reasons.root.querySelector('g.bar[data-index="1"] rect')!)
    await vi.waitFor(() =>
      expect(reasons.root.querySelector('.tooltip')?.textContent).toBe(
        'Bütçe yok: 2 kayıp, kayıpların %25',
      ),
    )
  })

  it('has each chart’s numbers in a table with a caption and row and column headers', async () => {
    const { root } = await open('/admin/analytics')
    const table = root.querySelector('[data-part="funnel"] table')!
    expect(table.querySelector('caption')!.textContent!.trim()).toBe('Aşamalara giren adaylar')
    expect(
      [...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col'),
    ).toBe(true)
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()),
    )
    expect(rows[1]).toEqual(['Nitelendirme', '120', '%48', '60', '12', '%50'])
    expect(table.querySelector('tbody th')!.getAttribute('scope')).toBe('row')
    const reasons = [...root.querySelectorAll('[data-part="winRates"] table')][1]!
    expect([...reasons.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual([
      'Fiyat yüksek',
      'Bütçe yok',
      'Zamanlama',
    ])
    const forecast = root.querySelector('[data-part="forecast"] table')!
    expect(forecast.querySelector('tbody tr')!.textContent).toMatch(/Mayıs 2026\s*1\s*₺8\.000/)
  })

  it('keeps the period in the address and asks the API for those days', async () => {
    const { root, calls } = await open('/admin/analytics?days=30')
    const funnelPath = () => calls.filter((c) => c.path.startsWith('/admin/api/analytics/funnel'))
    expect(funnelPath()[0]!.path).toBe(`/admin/api/analytics/funnel?from=${day(29)}&to=${day(0)}`)
    expect(calls.some((c) => c.path === '/admin/api/analytics/forecast')).toBe(true)
    const period = root.querySelector<HTMLSelectElement>('#period')!
    expect(period.value).toBe('30')

    await userEvent.selectOptions(period, '365')
    expect(location.search).toBe('?days=365')
    await vi.waitFor(() =>
      expect(funnelPath().at(-1)!.path).toBe(
        `/admin/api/analytics/funnel?from=${day(364)}&to=${day(0)}`,
      ),
    )
    expect(calls.filter((c) => c.path.startsWith('/admin/api/analytics/forecast'))).toHaveLength(1)

    await userEvent.selectOptions(period, 'custom')
    await vi.waitFor(() => expect(root.querySelector('#from')).toBeTruthy())
    const from = root.querySelector<HTMLInputElement>('#from')!
    const to = root.querySelector<HTMLInputElement>('#to')!
    from.value = '2026-01-10'
    to.value = '2026-01-01'
    await userEvent.click(root.querySelector('form button[type=submit]')!)
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert]')!.textContent).toBe(
        'Başlangıç günü bitiş gününden sonra olamaz.',
      ),
    )
    to.value = '2026-02-10'
    await userEvent.click(root.querySelector('form button[type=submit]')!)
    expect(location.search).toBe('?from=2026-01-10&to=2026-02-10')
    await vi.waitFor(() => expect(calls.at(-1)!.path).toMatch(/from=2026-01-10&to=2026-02-10$/))

    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#filter-owner')!, 'us_1')
    expect(location.search).toBe('?from=2026-01-10&to=2026-02-10&owner=us_1')
    await vi.waitFor(() =>
      expect(funnelPath().at(-1)!.path).toBe(
        '/admin/api/analytics/funnel?from=2026-01-10&to=2026-02-10&owner=us_1',
      ),
    )
    // Only the funnel takes the filters.
    expect(calls.at(-1)!.path).not.toContain('owner')
  })

  it('shows a failed part in plain words with a retry, and every other part', async () => {
    let fail = true
    const { root } = await open('/admin/analytics', {
      'GET /admin/api/analytics/time-in-stage': () =>
        fail ? json({ error: { code: 'unavailable', message: 'Busy.' } }, 503) : json(TIME),
    })
    const time = root.querySelector('[data-part="time"]')!
    await vi.waitFor(() =>
      expect(time.querySelector('[role=alert]')!.textContent).toContain(
        'Yüklenemedi. Hizmet şu an meşgul',
      ),
    )
    expect(root.querySelector('[data-chart="funnel"]')).toBeTruthy()
    expect(root.querySelector('[data-chart="forecast-TRY"]')).toBeTruthy()
    fail = false
    await userEvent.click(time.querySelector('button')!)
    await vi.waitFor(() => expect(time.querySelector('[data-chart="time"]')).toBeTruthy())
    expect(time.querySelector('[role=alert]')).toBeNull()
  })

  it('shows what has arrived while the rest is still loading', async () => {
    let release: () => void = () => {}
    const later = new Promise<Response>((resolve) => (release = () => resolve(json(FORECAST))))
    const { root } = await open('/admin/analytics', {
      // The stub awaits what a route returns, so a pending answer keeps the forecast loading.
      'GET /admin/api/analytics/forecast': () => later as unknown as Response,
    })
    const forecast = root.querySelector('[data-part="forecast"]')!
    expect(forecast.querySelector('[role=status]')!.textContent!.trim()).toBe('Yükleniyor…')
    expect(root.querySelector('[data-chart="funnel"]')).toBeTruthy()
    release()
    await vi.waitFor(() =>
      expect(forecast.querySelector('[data-chart="forecast-TRY"]')).toBeTruthy(),
    )
    expect(forecast.querySelector('[role=status]')!.textContent!.trim()).toBe('')
  })
})
