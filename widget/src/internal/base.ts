/**
 * What every Leadline element shares: the `site-key`, `api-base` and `lang` attributes and where
 * the loader's settings (site key, API base) are found when they are unset, the store's theme,
 * typed event dispatch, and registration that is idempotent and says when another version got
 * there first. What several elements do (load per site, hear the outbox, keep a write) is in
 * the reactive controllers of `controllers.ts`.
 */
import { LitElement, type PropertyDeclarations } from 'lit'

/** What the loader publishes on `window.__leadline` for the elements it defines. */
export interface LeadlineGlobal {
  version: string
  /** The store's site key from the script tag's `data-site`. */
  site?: string
  /** The API origin: `data-api`, else the loader script's own origin. */
  api: string
  /**
   * GETs the loader started for the tags it found, by URL, one per element that will make it:
   * `getJson` takes one instead of fetching again.
   */
  early?: Record<string, Promise<Response>[]>
}

/** `leadline-error`, fired by every element when the server refuses what it sent. */
export interface LeadlineErrorDetail {
  code: string
  message: string
}

declare global {
  interface Window {
    __leadline?: LeadlineGlobal
  }
  interface GlobalEventHandlersEventMap {
    'leadline-error': CustomEvent<LeadlineErrorDetail>
  }
}

/** Where `<leadline-form>` leaves the last lead id per site, for a quiz on a later visit. */
export const leadStorageKey = (siteKey: string) => 'leadline:lead:' + siteKey

/** Tags found defined by another class, said once each. */
const taken = new Set<string>()

/**
 * Defines a tag once. A second call (the snippet pasted twice, or the npm build next to the
 * script tag) is a no-op rather than the DOMException `customElements.define` would throw. When
 * another class holds the tag (another Leadline version on the page, or another library's tag
 * of that name) the first definition stays, and the console says so once.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const defined = customElements.get(tag)
  if (!defined) customElements.define(tag, ctor)
  else if (defined !== ctor && !taken.has(tag)) {
    taken.add(tag)
    console.warn(`[leadline] <${tag}> is already defined by another version; the first one stays`)
  }
}

/**
 * The base of every Leadline element.
 *
 * @attr site-key - The store's public site key (`pk_…`); defaults to the loader's `data-site`.
 * @attr api-base - The API origin; defaults to the loader script's origin.
 * @attr lang - `tr` or `en`; each element says what it falls back to.
 */
export class LeadlineElement extends LitElement {
  // Static declarations instead of decorators: the decorator helpers cost bytes in the chunk
  // every visitor downloads. Lit merges them with each element's own.
  static override properties: PropertyDeclarations = {
    siteKey: { attribute: 'site-key' },
    apiBase: { attribute: 'api-base' },
    lang: {},
  }

  // `declare`d and set in the constructor, not class fields: the Node-side tsconfig also
  // compiles this file, without `useDefineForClassFields: false`, and a field defined on the
  // instance would hide Lit's accessor (https://lit.dev/msg/class-field-shadowing).
  declare siteKey?: string
  declare apiBase?: string

  constructor() {
    super()
    this.lang = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Back in the document (moved, or inserted again after a removal): render again, which
    // loads again what the removal cut short (`LoadController`) and re-attaches what the last
    // render observed.
    if (this.hasUpdated) this.requestUpdate()
  }

  /** Fires a bubbling, composed event; returns false when a listener cancelled it. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    type: K,
    detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }),
    )
  }

  /** `leadline-error`: the server refused, or what the element shows could not be loaded. */
  emitError(e: LeadlineErrorDetail): void {
    this.emit('leadline-error', { code: e.code, message: e.message })
  }

  /** Moves focus into the element once the pending render is done. */
  async focusOn(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  /** The API origin: the `api-base` attribute, else the loader's, else this page's origin. */
  get api(): string {
    return (this.apiBase || window.__leadline?.api || location.origin).replace(/\/+$/, '')
  }

  /** The site key: the `site-key` attribute, else the loader's `data-site`. */
  get site(): string | undefined {
    return this.siteKey || window.__leadline?.site
  }

  /** The store's theme tokens on the host's inline style: CSP-safe (no `<style>` element). */
  theme(config: { theme?: Record<string, string> } | undefined): void {
    for (const [name, value] of Object.entries(config?.theme ?? {})) {
      if (name.startsWith('--leadline-')) this.style.setProperty(name, value)
    }
  }
}
