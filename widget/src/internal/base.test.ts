import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { siteConfig } from '../test-helpers'
import { define, LeadlineElement } from './base'

let warn: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  warn.mockRestore()
  document.body.replaceChildren()
  delete window.__leadline
})

describe('define', () => {
  it('defines a tag once, and a second call with the same class is silent', () => {
    class Once extends LeadlineElement {}
    define('base-test-same', Once)
    expect(() => define('base-test-same', Once)).not.toThrow()
    expect(customElements.get('base-test-same')).toBe(Once)
    expect(warn).not.toHaveBeenCalled()
  })

  it('keeps the first class when another version defines the tag, and says so once', () => {
    class First extends LeadlineElement {}
    class Second extends LeadlineElement {}
    define('base-test-other', First)
    expect(() => define('base-test-other', Second)).not.toThrow()
    define('base-test-other', Second)
    expect(customElements.get('base-test-other')).toBe(First)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0])).toMatch(/<base-test-other>.*another version.*first/)
  })
})

describe('LeadlineElement', () => {
  class Probe extends LeadlineElement {
    static override properties = { extra: {} }
    extra?: string
  }
  define('base-test-probe', Probe)

  it('gives every element site-key, api-base and lang beside its own attributes', async () => {
    document.body.innerHTML =
      '<base-test-probe site-key="pk_a" api-base="https://api.example.com/" lang="en" extra="x">'
    const el = document.querySelector<Probe>('base-test-probe')!
    await el.updateComplete
    expect([el.siteKey, el.apiBase, el.lang, el.extra]).toEqual([
      'pk_a',
      'https://api.example.com/',
      'en',
      'x',
    ])
    expect([el.site, el.api]).toEqual(['pk_a', 'https://api.example.com'])
  })

  it("falls back to the loader's site and API, then to this page's origin", () => {
    const el = document.createElement('base-test-probe') as Probe
    expect([el.site, el.api]).toEqual([undefined, location.origin])
    window.__leadline = { version: 'test', site: 'pk_loader', api: 'https://cdn.example.com' }
    expect([el.site, el.api]).toEqual(['pk_loader', 'https://cdn.example.com'])
  })

  it("puts the store's --leadline- tokens on the host and nothing else", () => {
    const el = document.createElement('base-test-probe') as Probe
    el.theme(siteConfig({ theme: { '--leadline-color-primary': '#123456', color: 'red' } }))
    expect(el.style.getPropertyValue('--leadline-color-primary')).toBe('#123456')
    expect(el.style.getPropertyValue('color')).toBe('')
  })
})
