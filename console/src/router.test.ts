/** The console's addresses: every screen's path reads as that screen, and nothing else does. */
import { describe, expect, it } from 'vitest'
import { inAppPath, parseRoute, SETTINGS_SECTIONS, type Route } from './router'

describe('the console addresses', () => {
  const screens: [string, Route][] = [
    ['/admin/', { view: 'board' }],
    ['/admin/leads', { view: 'leads' }],
    ['/admin/leads/ld_01HZX', { view: 'lead', id: 'ld_01HZX' }],
    ['/admin/contacts', { view: 'contacts' }],
    ['/admin/contacts/ct_9', { view: 'contact', id: 'ct_9' }],
    ['/admin/deals', { view: 'deals' }],
    ['/admin/analytics', { view: 'analytics' }],
    ...SETTINGS_SECTIONS.map((section): [string, Route] => [
      `/admin/settings/${section}`,
      { view: 'settings', section },
    ]),
  ]

  it.each(screens)('reads %s as its screen', (path, route) => {
    expect(parseRoute(path)).toEqual(route)
  })

  it.each([
    ['/admin', { view: 'board' }],
    ['/admin/pipeline', { view: 'board' }],
    ['/admin/settings', { view: 'settings', section: 'store' }],
    ['/admin/settings/messaging', { view: 'settings', section: 'nurture' }],
    ['/admin/leads/', { view: 'leads' }],
  ])('reads %s as a screen', (path, route) => {
    expect(parseRoute(path)).toEqual(route)
  })

  it.each([
    '/admin/nope',
    '/admin/leads/ld_1/extra',
    '/admin/leads/bad%20id',
    '/admin/settings/billing',
    '/admin/analytics/funnel',
    `/admin/leads/${'x'.repeat(65)}`,
  ])('has no screen at %s', (path) => {
    expect(parseRoute(path)).toEqual({ view: 'missing' })
  })
})

describe('which link clicks the console opens in place', () => {
  /** Clicks a link and returns what `inAppPath` said; the browser's navigation is stopped. */
  function click(attrs: Record<string, string>, init: MouseEventInit = {}): string | null {
    const a = document.createElement('a')
    for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v)
    document.body.append(a)
    let seen: string | null = 'not clicked'
    a.addEventListener('click', (e) => {
      seen = inAppPath(e)
      e.preventDefault()
    })
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }))
    a.remove()
    return seen
  }

  it('opens console paths in place, with their query', () => {
    expect(click({ href: '/admin/leads?stage=lead' })).toBe('/admin/leads?stage=lead')
    expect(click({ href: '/admin' })).toBe('/admin')
  })

  it.each([
    ['a modifier key', { href: '/admin/deals' }, { ctrlKey: true }],
    ['the middle button', { href: '/admin/deals' }, { button: 1 }],
    ['a target', { href: '/admin/deals', target: '_blank' }, {}],
    ['a download', { href: '/admin/deals', download: '' }, {}],
    ['another site', { href: 'https://example.com/admin/deals' }, {}],
    ['the API', { href: '/admin/api/contacts/export' }, {}],
    ['a page outside the console', { href: '/docs' }, {}],
  ])('leaves %s to the browser', (_, attrs, init) => {
    expect(click(attrs, init)).toBeNull()
  })
})
