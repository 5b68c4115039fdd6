/**
 * The loader's logic, apart from its script-tag entry so tests can pass their own chunk loader.
 * Watches the page for `leadline-*` tags and imports a component's chunk the first time its tag
 * appears (Shoelace's autoloader does the same), including tags an SPA adds later.
 */
import type { LeadlineGlobal } from './base'

/** Tags the loader knows, mapped to their chunk (the component folder's name). */
const CHUNKS: Record<string, string> = {
  'leadline-form': 'form',
  'leadline-quiz': 'quiz',
  'leadline-booking': 'booking',
  'leadline-quote': 'quote',
  'leadline-invoice': 'invoice',
}

export interface BootOptions {
  /** The `<script>` that loaded the loader, for `data-site`, `data-api` and its origin. */
  script: HTMLScriptElement | null
  /** Imports a chunk by name: `form`, which also starts the outbox. */
  load: (chunk: string, api: string) => Promise<unknown>
  version: string
}

let warned = false
/** One warning per page: the loader must never throw into the host page, nor flood its console. */
export function warn(error: unknown): void {
  if (warned) return
  warned = true
  console.warn('[leadline]', error)
}

/** The script that loaded us: `currentScript`, else the last `<script src="…embed.js">`. */
export function findScript(current: Element | null): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement) return current
  const all = document.querySelectorAll<HTMLScriptElement>('script[src]')
  for (let i = all.length - 1; i >= 0; i--) {
    const s = all[i]!
    if (/\/embed\.js(?:[?#]|$)/.test(s.src)) return s
  }
  return null
}

/**
 * Starts the loader once per page: a second copy of the snippet returns the first copy's state
 * and does nothing else.
 */
export function boot({ script, load, version }: BootOptions): LeadlineGlobal | undefined {
  try {
    if (window.__leadline) return window.__leadline
    const api = (
      script?.dataset.api || (script?.src ? new URL(script.src).origin : location.origin)
    ).replace(/\/+$/, '')
    const state: LeadlineGlobal = { version, api, site: script?.dataset.site }
    window.__leadline = state
    const requested = new Set<string>()
    const need = (chunk: string) => {
      if (requested.has(chunk)) return
      requested.add(chunk)
      load(chunk, api).catch((e: unknown) => {
        requested.delete(chunk)
        warn(e)
      })
    }
    const scan = (root: ParentNode) => {
      for (const tag in CHUNKS) {
        if (!customElements.get(tag) && root.querySelector(tag)) need(CHUNKS[tag]!)
      }
    }
    const visit = (node: Node) => {
      const tag = (node as Element).localName
      if (tag && CHUNKS[tag] && !customElements.get(tag)) need(CHUNKS[tag])
      if (node.nodeType === 1) scan(node as Element)
    }
    scan(document)
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
