/**
 * The console's addresses. Every screen has a path under `/admin/` (the worker answers the console
 * page for all of them), so a screen can be bookmarked, reloaded and opened in a new tab. Moving
 * between screens uses the History API; `navigate` and the browser's back and forward end in
 * the same `leadline-route` event the shell listens to.
 */

export type SettingsSection =
  'store' | 'form' | 'theme' | 'team' | 'quiz' | 'booking' | 'nurture' | 'webhooks'

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  'store',
  'form',
  'theme',
  'team',
  'quiz',
  'booking',
  'nurture',
  'webhooks',
]

export type Route =
  | { view: 'board' }
  | { view: 'leads' }
  | { view: 'lead'; id: string }
  | { view: 'contacts' }
  | { view: 'contact'; id: string }
  | { view: 'deals' }
  | { view: 'analytics' }
  | { view: 'settings'; section: SettingsSection }
  | { view: 'missing' }

export const ROOT = '/admin'

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The screen a path names; `missing` for a path no screen has. */
export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(ROOT) ? pathname.slice(ROOT.length) : pathname
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent)
  const [first, second, ...more] = parts
  if (more.length) return { view: 'missing' }
  switch (first) {
    case undefined:
    case 'pipeline':
      return second === undefined ? { view: 'board' } : { view: 'missing' }
    case 'leads':
      if (second === undefined) return { view: 'leads' }
      return ID.test(second) ? { view: 'lead', id: second } : { view: 'missing' }
    case 'contacts':
      if (second === undefined) return { view: 'contacts' }
      return ID.test(second) ? { view: 'contact', id: second } : { view: 'missing' }
    case 'deals':
    case 'analytics':
      return second === undefined ? { view: first } : { view: 'missing' }
    case 'settings': {
      if (second === undefined) return { view: 'settings', section: 'store' }
      // The nurture section's old address, kept so bookmarks made before the rename still open it.
      if (second === 'messaging') return { view: 'settings', section: 'nurture' }
      const section = SETTINGS_SECTIONS.find((s) => s === second)
      return section ? { view: 'settings', section } : { view: 'missing' }
    }
    default:
      return { view: 'missing' }
  }
}

declare global {
  interface WindowEventMap {
    'leadline-route': CustomEvent<{ path: string }>
  }
}

/** Goes to a path of the console (with its query string), as a new history entry. */
export function navigate(path: string): void {
  history.pushState(null, '', path)
  window.dispatchEvent(new CustomEvent('leadline-route', { detail: { path } }))
}

/**
 * The console path a click on a link should open in place, or null when the browser should
 * handle it (another site, a modifier key for a new tab, `target`, `download`).
 */
export function inAppPath(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null
  const anchor = event
    .composedPath()
    .find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement)
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return null
  const url = new URL(anchor.href, location.href)
  if (url.origin !== location.origin) return null
  if (url.pathname !== ROOT && !url.pathname.startsWith(`${ROOT}/`)) return null
  if (url.pathname.startsWith(`${ROOT}/api/`)) return null
  return url.pathname + url.search + url.hash
}
