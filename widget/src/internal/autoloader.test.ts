import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OUTBOX_STORAGE_KEY } from './api'
import { boot, findScript } from './autoloader'

const WAIT = { timeout: 5000 }

function scriptTag(src: string, data: Record<string, string> = {}) {
  const s = document.createElement('script')
  // text/plain: found by the loader's lookup, never fetched or run by the browser.
  s.type = 'text/plain'
  s.src = src
  for (const [k, v] of Object.entries(data)) s.dataset[k] = v
  document.head.append(s)
  return s
}

const tick = () => new Promise((r) => setTimeout(r, 20))

beforeEach(() => {
  delete window.__leadline
  localStorage.clear()
})

afterEach(() => {
  document.body.replaceChildren()
  document.querySelectorAll('script[type="text/plain"]').forEach((s) => s.remove())
  delete window.__leadline
  localStorage.clear()
})

describe('loader', () => {
  it('loads no chunk when no leadline tag is on the page', async () => {
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    document.body.append(document.createElement('div'), document.createElement('leadline-unknown'))
    await tick()
    expect(load).not.toHaveBeenCalled()
    expect(customElements.get('leadline-form')).toBeUndefined()
  })

  it('loads the form chunk once for a tag present at start', async () => {
    document.body.innerHTML = '<leadline-form></leadline-form><leadline-form></leadline-form>'
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })

  it('picks up a tag an SPA adds later, nested or not', async () => {
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load).not.toHaveBeenCalled()
    const view = document.createElement('section')
    view.append(document.createElement('div'))
    view.firstElementChild!.append(document.createElement('leadline-form'))
    document.body.append(view)
    await vi.waitUntil(() => load.mock.calls.length > 0, WAIT)
    document.body.append(document.createElement('leadline-form'))
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })

  it('is harmless when the snippet is included twice', async () => {
    document.body.innerHTML = '<leadline-form></leadline-form>'
    const first = vi.fn(async () => undefined)
    const second = vi.fn(async () => undefined)
    const a = boot({
      script: scriptTag('https://cdn-a.test/embed.js', { site: 'pk_first0001' }),
      load: first,
      version: '1',
    })
    const b = boot({
      script: scriptTag('https://cdn-b.test/embed.js', { site: 'pk_other0002' }),
      load: second,
      version: '2',
    })
    await tick()
    expect(b).toBe(a)
    expect(window.__leadline).toEqual({
      version: '1',
      api: 'https://cdn-a.test',
      site: 'pk_first0001',
    })
    expect(first).toHaveBeenCalledOnce()
    expect(second).not.toHaveBeenCalled()
  })

  it("takes the API base from its own script's origin, unless data-api overrides it", () => {
    const own = boot({
      script: scriptTag('https://cdn.leadline.test/v3/embed.js', { site: 'pk_store0001' }),
      load: vi.fn(),
      version: 't',
    })
    expect(own).toMatchObject({ api: 'https://cdn.leadline.test', site: 'pk_store0001' })
    delete window.__leadline
    const override = boot({
      script: scriptTag('https://cdn.leadline.test/embed.js', { api: 'https://api.store.test/' }),
      load: vi.fn(),
      version: 't',
    })
    expect(override?.api).toBe('https://api.store.test')
  })

  it('finds its script tag by src when currentScript is unavailable', () => {
    scriptTag('https://x.test/other.js')
    const mine = scriptTag('https://cdn.leadline.test/embed.js?v=3')
    expect(findScript(null)).toBe(mine)
    expect(findScript(scriptTag('https://y.test/z.js'))).not.toBe(mine)
  })

  it('warns once and never throws when a chunk fails to load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      document.body.innerHTML = '<leadline-form></leadline-form>'
      const load = vi.fn(async () => {
        throw new TypeError('Failed to fetch dynamically imported module')
      })
      expect(() => boot({ script: null, load, version: 't' })).not.toThrow()
      await tick()
      document.body.append(document.createElement('leadline-form'))
      await tick()
      // The failed chunk may be asked for again later (the network may be back), but the
      // console hears about it once.
      expect(load.mock.calls.length).toBeGreaterThanOrEqual(1)
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
    }
  })

  it('loads the outbox on a page without a form when submissions are waiting', async () => {
    localStorage.setItem(OUTBOX_STORAGE_KEY, '[{"key":"k"}]')
    const load = vi.fn(async () => undefined)
    boot({ script: null, load, version: 't' })
    await tick()
    expect(load.mock.calls).toEqual([['form', location.origin]])
  })
})
