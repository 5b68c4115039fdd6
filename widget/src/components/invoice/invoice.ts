/**
 * `<leadline-invoice>`: an invoice issued from an accepted quote, for reading and printing. Same
 * family as `<leadline-quote>`: the same lines and totals tables, formatting and A4 print layout
 * (imported from the quote's modules, which the two chunks share). It only reads: the invoice is
 * given as the `invoice` property, or fetched from the `src` URL (a plain GET, no credentials).
 */
import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Invoice, Locale } from '../../../../contract'
import { getJson, type ApiFailure } from '../../internal/api'
import { define, LeadlineElement } from '../../internal/base'
import { LoadController } from '../../internal/controllers'
import { toLocale } from '../../internal/localize'
import { invoiceMessages } from '../../i18n/invoice'
import { quoteMessages } from '../../i18n/quote'
import { day, tag } from '../quote/format'
import { renderLines } from '../quote/lines'
import { adoptPageStyles, quoteStyles } from '../quote/styles'

/** Enough of `InvoiceSchema` to render without throwing (valibot stays out of this chunk). */
export function isInvoice(x: unknown): x is Invoice {
  const i = x as Invoice | null
  return (
    !!i &&
    typeof i.number === 'string' &&
    ['unpaid', 'paid', 'cancelled'].includes(i.status) &&
    typeof i.issueDate === 'string' &&
    typeof i.dueDate === 'string' &&
    typeof i.currency === 'string' &&
    Array.isArray(i.lines) &&
    !!i.totals &&
    Array.isArray(i.totals.lines) &&
    Array.isArray(i.totals.taxes)
  )
}

/** `invoice="{…}"` as JSON; unreadable JSON becomes `{}`, which `isInvoice` refuses. */
const jsonAttribute = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined
    try {
      return JSON.parse(value) as unknown
    } catch {
      return {}
    }
  },
}

/**
 * An invoice the visitor reads and prints.
 *
 * @tag leadline-invoice
 * @summary An invoice: number, status, dates, seller, priced lines and totals per KDV rate, print.
 *
 * @attr src - A URL answering the invoice as JSON (the contract's `InvoiceSchema`), fetched with
 *   a plain GET without credentials; used when the `invoice` property is not set.
 * @attr store-name - The seller's name shown above the title (rendered as text).
 * @attr lang - `tr` or `en`; defaults to the page's `lang`, else Turkish.
 * @prop {Invoice | undefined} invoice - The invoice to show; also readable from an `invoice`
 *   attribute holding JSON.
 *
 * @event leadline-error - The invoice could not be loaded or is not an invoice; `detail` has
 *   `code` and `message`.
 *
 * @csspart invoice - The element's outer article.
 * @csspart table - The line items table.
 * @csspart totals - The totals table.
 * @csspart button - The print button.
 * @csspart status - The invoice's status (unpaid, paid, cancelled with its credit note), and the
 *   loading and failure messages (announced).
 *
 * @cssproperty --leadline-color-primary - Accent colour: the print button, the header's rule.
 * @cssproperty --leadline-color-text - Text colour.
 * @cssproperty --leadline-color-error - Colour of a cancelled invoice's status (the form's error colour).
 * @cssproperty --leadline-font-family - Font family.
 * @cssproperty --leadline-radius - Corner radius of the button.
 * @cssproperty --leadline-spacing - Gap between parts.
 */
export class LeadlineInvoice extends LeadlineElement {
  static override styles = [
    quoteStyles,
    css`
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 24px;
        margin: 4px 0 8px;
      }
      dt {
        font-size: 0.85em;
        opacity: 0.8;
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    invoice: { converter: jsonAttribute },
    src: {},
    storeName: { attribute: 'store-name' },
    doc: { state: true },
    load: { state: true },
  }

  invoice?: Invoice
  src?: string
  storeName?: string

  /** What is shown: the valid `invoice` property, else what `src` answered. */
  private doc: Invoice | undefined
  private load: 'loading' | 'ready' | 'failed' = 'loading'

  constructor() {
    super()
    // `src`, while no `invoice` is given: a given one stops a fetch on its way.
    new LoadController(
      this,
      () => (this.invoice != null ? '' : (this.src ?? '')),
      (signal) => this.fetchInvoice(signal),
    )
  }

  override connectedCallback(): void {
    super.connectedCallback()
    adoptPageStyles()
  }

  /** The element's `lang`, else the page's, else Turkish. */
  get locale(): Locale {
    return toLocale(this.lang) ?? toLocale(document.documentElement.lang) ?? 'tr'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('invoice')) return
    const given = this.invoice
    if (given == null) this.doc = undefined
    else if (isInvoice(given)) this.show(given)
    else this.fail('invalid_invoice', 'the invoice property is not an invoice')
  }

  private show(doc: Invoice): void {
    this.doc = doc
    this.load = 'ready'
  }

  private fail(code: string, message: string): void {
    this.doc = undefined
    this.load = 'failed'
    this.emitError({ code, message })
  }

  private async fetchInvoice(signal: AbortSignal): Promise<void> {
    const src = this.src
    if (this.invoice != null) return
    if (!src) return void (this.doc = undefined)
    this.load = 'loading'
    try {
      const doc = await getJson<unknown>(src, signal, 'no-cache')
      if (signal.aborted) return
      if (isInvoice(doc)) this.show(doc)
      else this.fail('invalid_invoice', 'the answer is not an invoice')
    } catch (e) {
      if (signal.aborted) return
      const failure = e as Partial<ApiFailure>
      this.fail(failure.code ?? 'network', failure.message ?? String(e))
    }
  }

  override render() {
    const locale = this.locale
    const t = invoiceMessages(locale)
    const inv = this.doc
    if (!inv) {
      return html`<article part="invoice">
        <p part="status" class="status" role="status" aria-live="polite">
          ${this.load === 'failed' ? t.invoiceLoadFailed : t.invoiceLoading}
        </p>
      </article>`
    }
    const q = quoteMessages(locale)
    const status =
      inv.status === 'paid'
        ? t.paid(
            inv.paidAt
              ? new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long' }).format(
                  new Date(inv.paidAt),
                )
              : undefined,
          )
        : inv.status === 'cancelled'
          ? inv.creditNoteNumber
            ? t.creditNote(inv.creditNoteNumber)
            : t.cancelled
          : t.unpaid
    return html`<article part="invoice" lang=${locale} aria-labelledby="title">
      <header>
        ${this.storeName ? html`<p class="from">${this.storeName}</p>` : nothing}
        <h2 id="title">${t.invoice(inv.number)}</h2>
        <dl>
          <div>
            <dt>${t.issueDate}</dt>
            <dd>${day(inv.issueDate, locale)}</dd>
          </div>
          <div>
            <dt>${t.dueDate}</dt>
            <dd>${day(inv.dueDate, locale)}</dd>
          </div>
          <div>
            <dt>${t.status}</dt>
            <dd part="status" class=${inv.status === 'cancelled' ? 'error' : inv.status}>
              ${status}
            </dd>
          </div>
        </dl>
        <button part="button" type="button" class="print secondary" @click=${() => window.print()}>
          ${q.print}
        </button>
      </header>
      ${renderLines(inv, { ...q, itemsCaption: t.itemsCaption }, locale)}
    </article>`
  }
}

/** Registers `<leadline-invoice>`; a no-op when it is already defined. */
export function defineInvoice(): void {
  define('leadline-invoice', LeadlineInvoice)
}

declare global {
  interface HTMLElementTagNameMap {
    'leadline-invoice': LeadlineInvoice
  }
}
