/**
 * What `<leadline-lead-quotes>` renders for each quote and its invoice, and its two dialogs (the
 * confirmation before a revoke or a cancel, and the link of a sent quote, shown once).
 */
import { html, nothing } from 'lit'
import type { Invoice, Locale } from '../../../contract'
import type { QuotesMessages } from '../i18n/quotes'
import { formatDateTime, formatDay, formatMoney } from '../localize'
import type { AdminQuote } from './draft'
import {
  invoiceActions,
  quoteActions,
  type InvoiceAction,
  type QuoteAction,
  type QuoteDetail,
} from './panel-data'

/** What the confirmation dialog asks about. */
export type Confirming =
  { kind: 'revoke'; quote: AdminQuote } | { kind: 'cancel'; invoice: Invoice }

const money = (locale: Locale, minor: number, currency: string) =>
  formatMoney(locale, minor, currency, { exact: true })

export function renderInvoice(
  texts: QuotesMessages,
  locale: Locale,
  invoice: Invoice,
  onAction: (action: InvoiceAction, invoice: Invoice) => void,
) {
  const t = texts.invoice
  const id = `invoice-${invoice.id}`
  return html`<section class="invoice" aria-labelledby=${id}>
    <h5 id=${id}>${t.heading(invoice.number)}</h5>
    <dl>
      <dt>${texts.quote.status}</dt>
      <dd data-invoice-status>${t.statuses[invoice.status]}</dd>
      <dt>${texts.quote.total}</dt>
      <dd>${money(locale, invoice.totals.totalMinor, invoice.currency)}</dd>
      <dt>${t.issued}</dt>
      <dd>${formatDay(locale, invoice.issueDate)}</dd>
      <dt>${t.due}</dt>
      <dd>${formatDay(locale, invoice.dueDate)}</dd>
      ${
        invoice.paidAt
          ? html`<dt>${t.paidAt}</dt>
              <dd>${formatDateTime(locale, invoice.paidAt)}</dd>`
          : nothing
      }
      ${
        invoice.creditNoteNumber
          ? html`<dt>${t.creditNote}</dt>
              <dd>${invoice.creditNoteNumber}</dd>`
          : nothing
      }
    </dl>
    <div class="actions" role="group" aria-labelledby=${id}>
      ${invoiceActions(invoice).map(
        (a) =>
          html`<button
            type="button"
            class=${a === 'markPaid' ? '' : 'secondary'}
            @click=${() => onAction(a, invoice)}
          >
            ${t[a]}
          </button>`,
      )}
    </div>
  </section>`
}

export function renderQuote(
  texts: QuotesMessages,
  locale: Locale,
  detail: QuoteDetail,
  on: {
    quote: (action: QuoteAction, detail: QuoteDetail) => void
    invoice: (action: InvoiceAction, invoice: Invoice) => void
  },
) {
  const { quote, views, invoice } = detail
  const t = texts.quote
  const id = `quote-${quote.id}`
  return html`<li class="quote" data-quote=${quote.id} tabindex="-1" aria-labelledby=${id}>
    <h4 id=${id}>${quote.title} · ${t.revision(quote.revision)}</h4>
    <dl>
      <dt>${t.status}</dt>
      <dd data-status>${t.statuses[quote.status]}</dd>
      <dt>${t.total}</dt>
      <dd>${money(locale, quote.totals.totalMinor, quote.currency)}</dd>
      <dt>${t.validUntil}</dt>
      <dd>${formatDay(locale, quote.validUntil)}</dd>
      ${
        quote.status === 'draft'
          ? nothing
          : html`<dt>${t.views}</dt>
              <dd>
                ${t.viewsCount(
                  views.count,
                  views.lastAt ? formatDateTime(locale, views.lastAt) : null,
                )}
              </dd>`
      }
    </dl>
    ${
      quote.acceptedAt && quote.acceptedName
        ? html`<p class="meta">
            ${t.accepted(quote.acceptedName, formatDateTime(locale, quote.acceptedAt))}
          </p>`
        : nothing
    }
    ${quote.declinedAt ? html`<p class="meta">${t.declined(quote.declineReason)}</p>` : nothing}
    <div class="actions" role="group" aria-label=${t.actionsOf(quote.title, quote.revision)}>
      ${quoteActions(detail).map(
        (a) =>
          html`<button
            type="button"
            class=${a === 'send' || a === 'issueInvoice' ? '' : 'secondary'}
            @click=${() => on.quote(a, detail)}
          >
            ${t[a]}
          </button>`,
      )}
    </div>
    ${invoice ? renderInvoice(texts, locale, invoice, on.invoice) : nothing}
  </li>`
}

export function renderConfirmDialog(
  texts: QuotesMessages,
  c: Confirming | undefined,
  on: { back: (event?: Event) => void; confirmed: () => void },
) {
  const t = texts.confirm
  const heading =
    c?.kind === 'revoke'
      ? t.revokeHeading(c.quote.title)
      : c
        ? t.cancelHeading(c.invoice.number)
        : ''
  return html`<dialog
    id="confirm-dialog"
    aria-labelledby="confirm-h"
    aria-describedby="confirm-text"
    @cancel=${on.back}
  >
    <h3 id="confirm-h">${heading}</h3>
    <p id="confirm-text">${c?.kind === 'revoke' ? t.revokeText : t.cancelText}</p>
    <div class="actions">
      <button id="confirm-back" type="button" class="secondary" @click=${() => on.back()}>
        ${t.back}
      </button>
      <button type="button" @click=${on.confirmed}>
        ${c?.kind === 'revoke' ? t.revoke : t.cancelInvoice}
      </button>
    </div>
  </dialog>`
}

export function renderLinkDialog(
  texts: QuotesMessages,
  link: string,
  on: { copy: () => void; close: () => void },
) {
  const t = texts.link
  return html`<dialog
    id="link-dialog"
    aria-labelledby="link-h"
    aria-describedby="link-once"
    @close=${on.close}
  >
    <h3 id="link-h">${t.heading}</h3>
    <p id="link-once">${t.once}</p>
    <label for="link">${t.label}</label>
    <input id="link" readonly .value=${link} />
    <div class="actions">
      <button id="copy" type="button" @click=${on.copy}>${t.copy}</button>
      <button type="button" class="secondary" @click=${on.close}>${t.close}</button>
    </div>
  </dialog>`
}
