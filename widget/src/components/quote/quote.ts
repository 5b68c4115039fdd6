/**
 * `<leadline-quote>`: the quote a store sent, as its link shows it. Renders the sections, the
 * priced lines and totals, prints as an A4 document, reports which sections were seen, and
 * accepts (full name, ticked terms) or declines the quote through the outbox (one
 * Idempotency-Key, retried until the server answers).
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import type { Locale, PublicQuote } from '../../../../contract'
import { getJson, newKey, outbox, type ApiFailure } from '../../internal/api'
import { define, LeadlineElement } from '../../internal/base'
import { LoadController } from '../../internal/controllers'
import { toLocale } from '../../internal/localize'
import { guard, SubmitGuard } from '../../internal/submit'
import { quoteMessages, type QuoteMessages } from '../../i18n/quote'
import { closedReason, isOpen, renderDecision } from './decision'
import { day } from './format'
import { Decision } from './flow'
import { renderSections, type QuoteSection } from './sections'
import { adoptPageStyles, quoteStyles } from './styles'
import { ViewTracker } from './views'

export interface LeadlineQuoteViewDetail {
  sections: QuoteSection[]
}
export interface LeadlineQuoteAcceptDetail {
  revision: number
  acceptedAt: string
}
export interface LeadlineQuoteDeclineDetail {
  reason: string
}

/**
 * A quote the visitor reads, prints, and accepts or declines.
 *
 * @tag leadline-quote
 * @summary A personalised quote: sections, priced lines and totals, accept and decline.
 *
 * @attr token - The quote link's token; defaults to `?leadline_quote=` in the page URL.
 * @attr site-key - The store's public site key (`pk_…`); defaults to the loader's `data-site`.
 *   Not needed by the quote's requests (the token names the quote); accepted like the others'.
 * @attr api-base - The API origin; defaults to the loader script's origin.
 * @attr lang - `tr` or `en`; defaults to the quote's own locale.
 *
 * @event leadline-quote-view - Sections were seen; `detail.sections` lists the newly seen ones
 *   (empty for the view on load when none is visible yet).
 * @event leadline-quote-accept - The visitor accepted; `detail` has `revision`, `acceptedAt`.
 * @event leadline-quote-decline - The visitor declined; `detail.reason` (may be empty).
 * @event leadline-error - The server refused; `detail` has `code` and `message`.
 *
 * @csspart quote - The element's outer article.
 * @csspart section - Each section (problems, solutions, pricing, timeline, FAQ, notes).
 * @csspart table - The line items table.
 * @csspart totals - The totals table.
 * @csspart accept - The accept (or decline) form.
 * @csspart button - Print, accept, decline buttons and the link to a newer revision.
 * @csspart input - The name, terms and reason inputs.
 * @csspart status - Why the quote can no longer be accepted, and sending states (announced).
 *
 * @cssproperty --leadline-color-primary - Accent colour: buttons, headings' rule, focus rings.
 * @cssproperty --leadline-color-text - Text colour.
 * @cssproperty --leadline-color-error - Colour of errors.
 * @cssproperty --leadline-font-family - Font family.
 * @cssproperty --leadline-radius - Corner radius of buttons and inputs.
 * @cssproperty --leadline-spacing - Gap between parts.
 */
export class LeadlineQuote extends LeadlineElement {
  static override styles = quoteStyles
  static override properties: PropertyDeclarations = {
    token: {},
    rev: { state: true },
  }

  token?: string

  quote: PublicQuote | undefined
  load: 'loading' | 'ready' | 'failed' | 'gone' = 'loading'
  readonly decision = new Decision(this)
  private rev = 0
  private readonly loader = new LoadController(
    this,
    () => this.url,
    (signal) => this.fetchQuote(signal),
  )
  private observed: PublicQuote | undefined
  private tracker: ViewTracker | undefined
  private readonly submits = new SubmitGuard(this, () => this.decision.failed())
  /**
   * Accept, however the form is submitted (a click, Enter, page code): `SubmitGuard` hands over
   * the form read during dispatch, lets one submit through at a time and keeps any error from the
   * host page.
   */
  private readonly onAccept = this.submits.listener((form) => this.decision.accept(form))

  override connectedCallback(): void {
    super.connectedCallback()
    adoptPageStyles()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    // Reports what was seen. Back in the document, the next render has the same tracker observe
    // the sections again: it reports only sections not reported yet, and not the view again.
    this.tracker?.disconnect()
    this.observed = undefined
  }

  changed(): void {
    this.rev++
  }

  /** The element's `lang`, else the quote's locale, else the page's, else Turkish. */
  get locale(): Locale {
    return (
      toLocale(this.lang) ?? this.quote?.locale ?? toLocale(document.documentElement.lang) ?? 'tr'
    )
  }
  get t(): QuoteMessages {
    return quoteMessages(this.locale)
  }
  /** The token: attribute, else `?leadline_quote=` in the page URL. */
  get link(): string | undefined {
    return this.token || new URL(location.href).searchParams.get('leadline_quote') || undefined
  }
  /** `{api}/v1/quotes/{token}`, the quote's resource. */
  get url(): string {
    return `${this.api}/v1/quotes/${encodeURIComponent(this.link ?? '')}`
  }

  /** Loads the quote again, after a refusal that says it changed. */
  reload(): Promise<void> {
    return this.loader.start()
  }

  /** Loads the quote (`loader`); a 404 means the link no longer works. */
  private async fetchQuote(signal: AbortSignal): Promise<void> {
    try {
      if (!this.link) throw { code: 'not_found', message: 'no quote token', status: 404 }
      const quote = await getJson<PublicQuote>(this.url, signal, 'no-cache')
      if (signal.aborted) return
      this.quote = quote
      this.load = 'ready'
      this.decision.resume()
    } catch (e) {
      if (signal.aborted) return
      const failure = e as Partial<ApiFailure>
      const gone = failure.status === 404 || failure.status === 410
      this.load = gone ? 'gone' : 'failed'
      if (gone) this.quote = undefined
      this.emitError({ code: failure.code ?? 'network', message: failure.message ?? String(e) })
    }
    this.changed()
  }

  protected override updated(): void {
    if (!this.quote || this.observed === this.quote) return
    this.observed = this.quote
    this.tracker ??= new ViewTracker((sections) => this.reportView(sections))
    this.tracker.observe(this.renderRoot.querySelectorAll('[data-section]'))
  }

  private reportView(sections: QuoteSection[]): void {
    if (!this.link) return
    void outbox().send(this.url + '/view', { sections }, newKey(), { maxAttempts: 3 })
    this.emit('leadline-quote-view', { sections })
  }

  emitAccepted(q: PublicQuote): void {
    this.emit('leadline-quote-accept', { revision: q.revision, acceptedAt: q.acceptedAt ?? '' })
  }
  emitDeclined(reason: string): void {
    this.emit('leadline-quote-decline', { reason })
  }
  override render() {
    const t = this.t
    const q = this.quote
    const d = this.decision
    if (!q) {
      const text =
        this.load === 'gone'
          ? t.quoteGone
          : this.load === 'failed'
            ? t.quoteLoadFailed
            : t.quoteLoading
      return html`<article part="quote">
        <p part="status" class="status" role="status" aria-live="polite">${text}</p>
      </article>`
    }
    const locale = this.locale
    const closed = closedReason(q, t, locale)
    // No whitespace around it, so `:empty` hides the box while there is nothing to say.
    const status = html`${d.justDecided ? closed : nothing}${d.statusText}`
    return html`<article part="quote" lang=${locale} aria-labelledby="title">
      <header>
        <p class="from">${t.preparedBy(q.storeName, q.repName)}</p>
        <h2 id="title">${q.title}</h2>
        <p class="meta">${t.validUntil(day(q.validUntil, locale))} · ${t.revision(q.revision)}</p>
        <button part="button" type="button" class="print secondary" @click=${() => window.print()}>
          ${t.print}
        </button>
      </header>
      ${closed && !d.justDecided ? html`<div class="banner">${closed}</div>` : nothing}
      ${renderSections(q, t, locale)}
      <div part="status" class="status" role="status" aria-live="polite">${status}</div>
      <p class="error" role="alert">${d.error}</p>
      ${
        isOpen(q)
          ? renderDecision({
              t,
              busy: d.busy,
              declining: d.declining,
              errors: d.errors,
              onAccept: this.onAccept,
              onInput: (e) => d.touched(e),
              onDeclineOpen: () => d.openDecline(true),
              onDeclineConfirm: (reason) => void guard(() => d.decline(reason), d.failed),
              onDeclineKeep: () => d.openDecline(false),
            })
          : nothing
      }
    </article>`
  }
}

/** Registers `<leadline-quote>`; a no-op when it is already defined. */
export function defineQuote(): void {
  define('leadline-quote', LeadlineQuote)
}

declare global {
  interface HTMLElementTagNameMap {
    'leadline-quote': LeadlineQuote
  }
  interface GlobalEventHandlersEventMap {
    'leadline-quote-view': CustomEvent<LeadlineQuoteViewDetail>
    'leadline-quote-accept': CustomEvent<LeadlineQuoteAcceptDetail>
    'leadline-quote-decline': CustomEvent<LeadlineQuoteDeclineDetail>
  }
}
