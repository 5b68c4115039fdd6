/**
 * What every Leadline element shares: idempotent registration, typed event dispatch, and where
 * the loader's settings (site key, API base) are found.
 */
import { LitElement } from 'lit'

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

/**
 * Defines a tag once. A second call (the snippet pasted twice, or the npm build next to the
 * script tag) is a no-op rather than the DOMException `customElements.define` would throw.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor)
}

export class LeadlineElement extends LitElement {
  override connectedCallback(): void {
    super.connectedCallback()
    // Back in the document (moved, or inserted again after `release`): render again, which
    // loads again what `release` cut short and re-attaches what the last render observed.
    if (this.hasUpdated) this.requestUpdate()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    // A move (out and back in within one script, as `append` of a connected element does) keeps
    // what the element holds; one still out once the script is done lets go of it.
    queueMicrotask(() => {
      if (!this.isConnected) this.release()
    })
  }

  /**
   * Lets go of what a removed element holds only while it is in the document: requests in
   * flight are aborted (an answer that never comes would keep the element alive), so that an
   * SPA that re-creates its widgets on every navigation does not grow. Listeners on shared
   * objects (the outbox, `document`) go at once in `disconnectedCallback`, and come back in
   * `connectedCallback`; what is released here is loaded again on reconnect.
   */
  protected release(): void {}

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

  /** The API origin: the `api-base` attribute, else the loader's, else this page's origin. */
  protected resolveApi(own: string | undefined): string {
    return (own || window.__leadline?.api || location.origin).replace(/\/+$/, '')
  }

  protected resolveSite(own: string | undefined): string | undefined {
    return own || window.__leadline?.site
  }
}
