/**
 * The loader's logic, apart from its script-tag entry so tests can pass their own chunk loader.
 * Watches the page for `leadline-*` tags and imports a component's chunk the first time its tag
 * appears (Shoelace's autoloader does the same), including tags an SPA adds later. At the same
 * moment it preloads the chunks that chunk imports and starts the requests the element will make
 * first (see `prefetch`), so nothing waits for what came before it.
 */
import type { LeadlineGlobal } from './base'

/** The components the loader knows: `leadline-form` is in the chunk `form` (its folder's name). */
const SELECTOR = ['form', 'quiz', 'booking', 'quote', 'invoice'].map((c) => 'leadline-' + c).join()

export interface BootOptions {
  /** The `<script>` that loaded the loader, for `data-site`, `data-api` and its origin. */
  script: HTMLScriptElement | null
  /** Imports a chunk by name: `form`, which also starts the outbox. */
  load: (chunk: string, api: string) => Promise<unknown>
  version: string
  /**
   * The chunks each component's chunk imports, all the way down, those every component imports
   * under `''` (`{ '': ['lit-x.js'], quote: ['quote-common-x.js'] }`, from the chunks build), and
   * the URL they are under: each gets a `<link rel=modulepreload>` when the component's chunk is
   * imported, so they download together instead of one after another.
   */
  deps?: Record<string, string[]>
  base?: string
}

let warned = false
/** One warning per page: the loader must never throw into the host page, nor flood its console. */
export function warn(error: unknown): void {
  if (warned) return
  warned = true
  console.warn('[leadline]', error)
}

/** The script that loaded us: `currentScript`, else the last `<script src="…embed.js">`. */
export const findScript = (current: Element | null): HTMLScriptElement | null =>
  current instanceof HTMLScriptElement
    ? current
    : ([...document.querySelectorAll<HTMLScriptElement>('script[src]')]
        .reverse()
        .find((s) => /\/embed\.js(?:[?#]|$)/.test(s.src)) ?? null)

/**
 * Starts the loader once per page: a second copy of the snippet returns the first copy's state
 * and does nothing else.
 */
export function boot({
  script,
  load,
  version,
  deps = {},
  base = '',
}: BootOptions): LeadlineGlobal | undefined {
  try {
    if (window.__leadline) return window.__leadline
    const trim = (url: string) => url.replace(/\/+$/, '')
    const api = trim(script?.dataset.api || new URL(script?.src || location.href).origin)
    const site = script?.dataset.site
    const early: Record<string, Promise<Response>[]> = {}
    const state: LeadlineGlobal = (window.__leadline = { version, api, site, early })
    const requested = new Set<string>()
    /** Whether `key` is asked for the first time (and marks it asked). */
    const first = (key: string) => requested.size < requested.add(key).size
    const need = (chunk: string) => {
      if (!first(chunk)) return
      for (const file of [...(deps[''] ?? []), ...(deps[chunk] ?? [])]) {
        if (first(file)) {
          const link = { rel: 'modulepreload', href: base + file }
          document.head.append(Object.assign(document.createElement('link'), link))
        }
      }
      load(chunk, api).catch((e: unknown) => {
        requested.delete(chunk)
        warn(e)
      })
    }
    /**
     * Starts a GET an element will make, as it makes it (see `getJson`): one per element, so a
     * form and a booking each have their config at once (the browser's cache lock lets one go to
     * the network when the answer is cacheable, as the config is).
     */
    const get = (url: string, cache?: RequestCache) => {
      const started = fetch(url, { credentials: 'omit', cache })
      // The element takes the failure too; left untaken, it must not reach the page.
      started.catch(() => 0)
      ;(early[url] ??= []).push(started)
    }
    /** What a component's element asks for first, from its attributes as the element reads them. */
    const prefetch = (el: Element, chunk: string) => {
      const attr = (name: string) => el.getAttribute(name)
      const page = new URLSearchParams(location.search)
      const v1 = trim(attr('api-base') || api) + '/v1/'
      const key = attr('site-key') || site
      const sites = v1 + 'sites/' + encodeURIComponent(key!) + '/'
      if (chunk == 'quote') {
        const token = attr('token') || page.get('leadline_quote')
        if (token) get(v1 + 'quotes/' + encodeURIComponent(token), 'no-cache')
      } else if (key && chunk != 'invoice') {
        get(sites + 'config')
        if (chunk == 'quiz') get(sites + 'quiz')
        if (chunk == 'booking') {
          get(sites + 'booking')
          // The first month of the first meeting type in the browser's month (the booking takes
          // it when its own first month is the same), unless a management link opens a booking.
          if (!attr('manage-token') && !page.get('leadline_booking')) {
            // The browser's month as `monthQuery(monthIn())` writes it: its wall clock read as UTC.
            const now = new Date()
            const wall = new Date(+now - now.getTimezoneOffset() * 6e4)
            get(sites + 'slots?month=' + wall.toISOString().slice(0, 7))
          }
        }
      }
    }
    // Each element once: the parser adding a container and then a tag in it reports the tag
    // twice (in the container's walk and as added itself), and a second early GET would be taken
    // by the element's next request (a quote's reload after its acceptance) with stale content.
    const seen = new WeakSet<Element>()
    const found = (el: Element) => {
      const tag = el.localName
      if (el.matches(SELECTOR) && !customElements.get(tag) && !seen.has(el)) {
        seen.add(el)
        need(tag.slice(9))
        prefetch(el, tag.slice(9))
      }
    }
    const visit = (node: Node) => {
      if (node instanceof Element) [node, ...node.querySelectorAll(SELECTOR)].forEach(found)
    }
    document.querySelectorAll(SELECTOR).forEach(found)
    new MutationObserver((records) => {
      try {
        for (const r of records) r.addedNodes.forEach(visit)
      } catch (e) {
        warn(e)
      }
    }).observe(document.documentElement, { childList: true, subtree: true })
    try {
      // Submissions a previous visit could not deliver: send them even on pages without a form.
      if (localStorage.getItem('leadline:outbox:v1')) need('form')
    } catch {
      // Storage blocked: there is no outbox to drain.
    }
    return state
  } catch (e) {
    warn(e)
    return undefined
  }
}
