/**
 * The console's shell in Chromium: the navigation marks the current screen, links open screens
 * in place (the address changes, the page does not reload), back and forward work, the focus
 * moves to the new screen, and an address without a screen says so.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import './app'
import { json, ME, mountConsole, shadow, stubApi } from './test-helpers'

beforeEach(() => {
  sessionStorage.clear()
  document.body.replaceChildren()
  stubApi({
    'GET /admin/api/me': () => json(ME),
    'GET /admin/api/leads': () => json({ items: [], nextCursor: null }),
    'GET /admin/api/deals': () => json({ items: [], nextCursor: null }),
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  history.replaceState(null, '', '/')
})

const current = (app: Element) =>
  shadow(app).querySelector('nav a[aria-current="page"]')?.textContent?.trim()

describe('the console shell', () => {
  it('opens screens from the navigation in place, with back and forward', async () => {
    const app = await mountConsole('/admin/', true)
    await vi.waitFor(() => expect(shadow(app).querySelector('leadline-board')).toBeTruthy())
    expect(current(app)).toBe('Pano')
    const marker = Symbol('same document')
    ;(window as unknown as Record<symbol, boolean>)[marker] = true

    await userEvent.click(shadow(app).querySelector('nav a[href="/admin/settings"]')!)
    await vi.waitFor(() => expect(shadow(app).querySelector('leadline-settings')).toBeTruthy())
    expect(location.pathname).toBe('/admin/settings')
    expect(current(app)).toBe('Ayarlar')
    expect(shadow(app).activeElement?.tagName).toBe('MAIN')
    // No reload happened: the marker set on this window is still there.
    expect((window as unknown as Record<symbol, boolean>)[marker]).toBe(true)

    history.back()
    await vi.waitFor(() => expect(shadow(app).querySelector('leadline-board')).toBeTruthy())
    expect(location.pathname).toBe('/admin/')
    history.forward()
    await vi.waitFor(() => expect(shadow(app).querySelector('leadline-settings')).toBeTruthy())
  })

  it('opens the settings section the address names', async () => {
    const app = await mountConsole('/admin/settings/webhooks', true)
    const settings = await vi.waitFor(() => {
      const el = shadow(app).querySelector('leadline-settings')
      expect(el).toBeTruthy()
      return el!
    })
    await vi.waitFor(() =>
      expect(shadow(settings).querySelector('leadline-settings-webhooks')).toBeTruthy(),
    )
    const section = shadow(settings).querySelector('nav a[aria-current="page"]')
    expect(section?.getAttribute('href')).toBe('/admin/settings/webhooks')
  })

  it('says so when no screen lives at the address, and links back to the board', async () => {
    const app = await mountConsole('/admin/nowhere', true)
    await vi.waitFor(() =>
      expect(shadow(app).querySelector('h2')?.textContent).toBe('Sayfa bulunamadı'),
    )
    expect(current(app)).toBeUndefined()
    await userEvent.click(shadow(app).querySelector('main a')!)
    await vi.waitFor(() => expect(shadow(app).querySelector('leadline-board')).toBeTruthy())
  })
})
