/**
 * `<leadline-lead-quotes lead-id="…">`: a lead's quotes, newest revision first, each with its
 * state, total, validity and views, and the invoice issued from it. Reps and owners alike may
 * write, send, revoke and revise quotes and mark invoices paid or cancel them with a credit
 * note (the admin API lets both). A sent quote's link is shown once, as the API answers it once.
 * Loading never blocks: what is shown stays until the new answer is in.
 *
 * @attr lead-id - the lead whose quotes are shown.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import type { Invoice, Lead } from '../../../contract'
import type { ApiResult } from '../api'
import { define } from '../define'
import { quotesText } from '../i18n/quotes'
import { explain, messages } from '../localize'
import { base } from '../styles'
import { download } from '../files'
import { LatestLoad } from '../latest-load'
import { ConsoleView } from '../view'
import type { AdminQuote } from './draft'
import { exportName, type InvoiceAction, type QuoteAction, type QuoteDetail } from './panel-data'
import { renderConfirmDialog, renderLinkDialog, renderQuote, type Confirming } from './panel-parts'
import './quote-editor'
import type { QuoteSavedDetail } from './quote-editor'
import { panelStyles } from './styles'

/** What the editor is open for: a new quote, a draft, or the next revision of a quote. */
interface Editing {
  quote?: AdminQuote
  from?: AdminQuote
}

export class LeadlineLeadQuotes extends ConsoleView {
  static override styles = [base, panelStyles]
  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    details: { state: true },
    currency: { state: true },
    loading: { state: true },
    error: { state: true },
    editing: { state: true },
    confirming: { state: true },
    link: { state: true },
  }

  leadId = ''
  private details: QuoteDetail[] | undefined
  private currency = 'TRY'
  private loading = false
  private error = ''
  private editing: Editing | undefined
  private confirming: Confirming | undefined
  /** The link of the quote just sent: the API answers it this once. */
  private link = ''
  private readonly latest = new LatestLoad()

  private get t() {
    return quotesText[this.locale]
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.latest.abort()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('leadId')) && this.api && this.leadId) void this.load()
  }

  /** The lead's quotes with their views and invoices (a lead has a handful of quotes). */
  async load(): Promise<void> {
    const api = this.api
    if (!api) return
    const lead = encodeURIComponent(this.leadId)
    await this.latest.run(
      (on) => (this.loading = on),
      async (signal) => {
        const [list, found] = await Promise.all([
          api.call<{ items: AdminQuote[] }>(`/leads/${lead}/quotes`, { signal }),
          api.call<{ lead: Lead }>(`/leads/${lead}`, { signal }),
        ])
        if (found.ok) this.currency = found.value.lead.currency
        if (!list.ok) return this.fail(this.t.loadFailed, list)
        const details = await Promise.all(
          list.value.items.map((q) =>
            api.call<QuoteDetail>(`/quotes/${encodeURIComponent(q.id)}`, { signal }),
          ),
        )
        const failed = details.find((d) => !d.ok)
        if (failed && !failed.ok) return this.fail(this.t.loadFailed, failed)
        this.error = ''
        this.details = details.flatMap((d) => (d.ok ? [d.value] : []))
      },
    )
  }

  private fail(what: string, failure: Extract<ApiResult<unknown>, { ok: false }>) {
    this.error = `${what} ${explain(messages(this.locale), failure)}`
  }

  private announce(text: string) {
    const live = this.renderRoot.querySelector('#live')
    if (!live) return
    live.textContent = ''
    requestAnimationFrame(() => (live.textContent = text))
  }

  private async focusOn(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  /**
   * Runs one action's call: on success announces `done` and reloads; a 409 (someone else was
   * first) reloads and says so; any other failure says why. Focus returns to the quote.
   */
  private async act<T>(
    quoteId: string,
    call: Promise<ApiResult<T>>,
    done: (value: T) => string,
  ): Promise<T | undefined> {
    this.error = ''
    const result = await call
    if (result.ok) this.announce(done(result.value))
    else if (result.status === 409) this.error = this.t.conflict
    else this.fail(this.t.failed, result)
    await this.load()
    await this.focusOn(`[data-quote="${CSS.escape(quoteId)}"]`)
    return result.ok ? result.value : undefined
  }

  private post<T>(path: string) {
    return this.api!.call<T>(path, { method: 'POST' })
  }

  private async send(quote: AdminQuote) {
    const sent = await this.act(
      quote.id,
      this.post<{ quote: AdminQuote; url: string }>(`/quotes/${encodeURIComponent(quote.id)}/send`),
      () => this.t.done.sent(quote.title),
    )
    if (!sent) return
    this.link = sent.url
    await this.updateComplete
    this.renderRoot.querySelector<HTMLDialogElement>('#link-dialog')!.showModal()
    this.renderRoot.querySelector<HTMLElement>('#copy')!.focus()
  }

  private async copyLink() {
    try {
      await navigator.clipboard.writeText(this.link)
      this.announce(this.t.link.copied)
    } catch {
      this.announce(this.t.link.copyFailed)
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.select()
    }
  }

  private closeLink() {
    this.renderRoot.querySelector<HTMLDialogElement>('#link-dialog')?.close()
    this.link = ''
  }

  private onQuoteAction(action: QuoteAction, detail: QuoteDetail) {
    const { quote } = detail
    const id = encodeURIComponent(quote.id)
    switch (action) {
      case 'edit':
        return this.openEditor({ quote })
      case 'revise':
        return this.openEditor({ from: quote })
      case 'send':
        return this.send(quote)
      case 'revoke':
        return this.confirm({ kind: 'revoke', quote })
      case 'issueInvoice':
        return this.act(quote.id, this.post<Invoice>(`/quotes/${id}/invoice`), (i) =>
          this.t.done.issued(i.number),
        )
    }
  }

  private onInvoiceAction(action: InvoiceAction, invoice: Invoice) {
    const id = encodeURIComponent(invoice.id)
    switch (action) {
      case 'markPaid':
        return this.act(invoice.quoteId, this.post<Invoice>(`/invoices/${id}/paid`), (i) =>
          this.t.done.paid(i.number),
        )
      case 'cancel':
        return this.confirm({ kind: 'cancel', invoice })
      case 'export':
        return this.act(
          invoice.quoteId,
          this.api!.file(`/invoices/${id}/export`, exportName(invoice)),
          (file) => {
            download(file)
            return this.t.done.exported(invoice.number)
          },
        )
    }
  }

  private openEditor(editing: Editing) {
    this.editing = editing
    this.link = ''
  }

  private async closeEditor() {
    this.editing = undefined
    await this.focusOn('#new-quote')
  }

  private async onSaved(event: CustomEvent<QuoteSavedDetail>) {
    const { quote, send } = event.detail
    this.editing = undefined
    if (send) return this.send(quote)
    this.announce(this.t.done.saved)
    await this.load()
    await this.focusOn(`[data-quote="${CSS.escape(quote.id)}"]`)
  }

  private async confirm(confirming: Confirming) {
    this.confirming = confirming
    await this.updateComplete
    this.renderRoot.querySelector<HTMLDialogElement>('#confirm-dialog')!.showModal()
    this.renderRoot.querySelector<HTMLElement>('#confirm-back')!.focus()
  }

  private async confirmed() {
    const pending = this.confirming
    this.renderRoot.querySelector<HTMLDialogElement>('#confirm-dialog')?.close()
    this.confirming = undefined
    if (pending?.kind === 'revoke') {
      const { quote } = pending
      await this.act(quote.id, this.post(`/quotes/${encodeURIComponent(quote.id)}/revoke`), () =>
        this.t.done.revoked(quote.title),
      )
    } else if (pending?.kind === 'cancel') {
      const { invoice } = pending
      await this.act(
        invoice.quoteId,
        this.post<Invoice>(`/invoices/${encodeURIComponent(invoice.id)}/cancel`),
        (i) => this.t.done.cancelled(i.number, i.creditNoteNumber ?? ''),
      )
    }
  }

  private async backFromConfirm(event?: Event) {
    event?.preventDefault()
    const pending = this.confirming
    this.renderRoot.querySelector<HTMLDialogElement>('#confirm-dialog')?.close()
    this.confirming = undefined
    if (!pending) return
    const quoteId = pending.kind === 'revoke' ? pending.quote.id : pending.invoice.quoteId
    await this.focusOn(`[data-quote="${CSS.escape(quoteId)}"]`)
  }

  override render() {
    const t = this.t
    const details = this.details
    const editing = this.editing
    return html`<section aria-labelledby="quotes-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="toolbar">
        <h3 id="quotes-h">${t.heading}</h3>
        <button id="new-quote" type="button" @click=${() => this.openEditor({})}>
          ${t.newQuote}
        </button>
        <button type="button" class="secondary" @click=${() => this.load()}>${t.reload}</button>
        <span role="status">${this.loading ? t.loading : ''}</span>
      </div>
      <div role="alert" class="error">${this.error}</div>
      <div class="visually-hidden" id="live" aria-live="polite"></div>
      ${
        editing
          ? keyed(
              editing,
              html`<leadline-quote-editor
                .api=${this.api}
                .me=${this.me}
                .quote=${editing.quote}
                .from=${editing.from}
                locale=${this.locale}
                lead-id=${this.leadId}
                currency=${this.currency}
                @leadline-quote-saved=${this.onSaved}
                @leadline-quote-close=${this.closeEditor}
              ></leadline-quote-editor>`,
            )
          : nothing
      }
      ${details?.length === 0 ? html`<p class="meta">${t.empty}</p>` : nothing}
      ${
        details?.length
          ? html`<ul class="quotes">
              ${details.map((d) =>
                renderQuote(t, this.locale, d, {
                  quote: (a, detail) => void this.onQuoteAction(a, detail),
                  invoice: (a, invoice) => void this.onInvoiceAction(a, invoice),
                }),
              )}
            </ul>`
          : nothing
      }
      ${renderConfirmDialog(t, this.confirming, {
        back: (event) => void this.backFromConfirm(event),
        confirmed: () => void this.confirmed(),
      })}
      ${renderLinkDialog(t, this.link, {
        copy: () => void this.copyLink(),
        close: () => this.closeLink(),
      })}
    </section>`
  }
}

define('leadline-lead-quotes', LeadlineLeadQuotes)
