/**
 * `<leadline-quote-editor lead-id="…">`: writes a quote for a lead or edits its draft. The
 * sections the source document names (problems, solutions, timeline, FAQ) are textareas with a
 * small markup (see `markup.ts`); line items take numbers as the rep types them in their
 * locale, and the totals beside them come from `contract/pricing.ts`, the module the worker
 * stores them with, so what the rep sees is what the API will answer. Lines and FAQ entries can
 * be copied from the store's library.
 *
 * @event leadline-quote-saved - `{ quote, send }` once the API stored the draft; `send` when the
 *   rep asked to send it too (the panel sends it and shows the link).
 * @event leadline-quote-close - the rep closed the editor without saving.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { FaqItem, Product, QuoteSettings } from '../../../contract'
import { KDV_RATES_BPS } from '../../../contract/quote'
import { define } from '../define'
import { quotesText } from '../i18n/quotes'
import { explain, formatMoney, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'
import {
  emptyFaq,
  emptyForm,
  emptyLine,
  faqFromLibrary,
  formFromQuote,
  lineFromProduct,
  liveTotals,
  problemsFromIssues,
  toDraft,
  type AdminQuote,
  type EditorForm,
  type LineForm,
  type Problems,
} from './draft'
import { field, renderFaq, renderLibrary, renderLine, type EditorHost } from './editor-parts'
import { renderTotals } from './totals'
import { editorStyles } from './styles'

export interface QuoteSavedDetail {
  quote: AdminQuote
  send: boolean
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leadline-quote-saved': CustomEvent<QuoteSavedDetail>
    'leadline-quote-close': CustomEvent<void>
  }
}

export class LeadlineQuoteEditor extends ConsoleView {
  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    currency: {},
    quote: { attribute: false },
    from: { attribute: false },
    form: { state: true },
    problems: { state: true },
    message: { state: true },
    saving: { state: true },
    settings: { state: true },
    products: { state: true },
    faqs: { state: true },
  }

  leadId = ''
  /** The lead's currency, for a new quote. */
  currency = 'TRY'
  /** The draft to edit (saved with `PUT`). */
  quote: AdminQuote | undefined
  /** The quote a new revision starts from (saved with `POST`). */
  from: AdminQuote | undefined
  private form: EditorForm | undefined
  private problems: Problems = {}
  private message = ''
  private saving = false
  private settings: QuoteSettings | undefined
  private products: Product[] = []
  private faqs: FaqItem[] = []

  private get t() {
    return quotesText[this.locale].editor
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.form) {
      const source = this.quote ?? this.from
      this.form = source ? formFromQuote(this.locale, source) : emptyForm(this.currency, new Date())
    }
    if (changed.has('api') && this.api) void this.loadLibrary()
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus()
  }

  /** The store's tax rates and its product and FAQ library; the editor works without them. */
  private async loadLibrary() {
    const api = this.api!
    const [settings, products, faqs] = await Promise.all([
      api.call<QuoteSettings>('/quote-settings'),
      api.call<{ items: Product[] }>('/products'),
      api.call<{ items: FaqItem[] }>('/faqs'),
    ])
    if (settings.ok) this.settings = settings.value
    if (products.ok) this.products = products.value.items
    if (faqs.ok) this.faqs = faqs.value.items
    if (!settings.ok || !products.ok || !faqs.ok) this.message = this.t.libraryFailed
  }

  private get taxRates(): number[] {
    return [...new Set<number>([...KDV_RATES_BPS, ...(this.settings?.taxRatesBps ?? [])])]
  }

  private change(path: string) {
    if (this.problems[path]) {
      const { [path]: _, ...rest } = this.problems
      this.problems = rest
    }
    this.requestUpdate()
  }

  private async focusOn(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  private async addLine(line: LineForm) {
    const form = this.form!
    form.lines = [...form.lines, line]
    this.change('lines')
    await this.focusOn(`#lines-${form.lines.length - 1}-name`)
  }

  private async removeLine(index: number) {
    const form = this.form!
    form.lines = form.lines.filter((_, i) => i !== index)
    this.problems = {}
    this.requestUpdate()
    const next = Math.min(index, form.lines.length - 1)
    await this.focusOn(next >= 0 ? `#lines-${next}-name` : '#add-line')
  }

  private addProduct() {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#product')!
    const product = this.products.find((p) => p.id === select.value)
    if (product) void this.addLine(lineFromProduct(this.locale, product))
  }

  private async addFaq(fromLibrary: boolean) {
    const form = this.form!
    const picked = this.faqs.find(
      (f) => f.id === this.renderRoot.querySelector<HTMLSelectElement>('#library-faq')?.value,
    )
    if (fromLibrary && !picked) return
    form.faq = [...form.faq, picked && fromLibrary ? faqFromLibrary(picked) : emptyFaq()]
    this.requestUpdate()
    await this.focusOn(`#sections-faq-${form.faq.length - 1}-question`)
  }

  private async removeFaq(index: number) {
    const form = this.form!
    form.faq = form.faq.filter((_, i) => i !== index)
    this.problems = {}
    this.requestUpdate()
    const next = Math.min(index, form.faq.length - 1)
    await this.focusOn(next >= 0 ? `#sections-faq-${next}-question` : '#add-faq')
  }

  /** Every field path an error can be shown at, in the API's path terms. */
  private fields(): string[] {
    const form = this.form!
    const top = ['title', 'currency', 'validUntil', 'notes', 'lines', 'sections.faq']
    const sections = ['problems', 'solutions', 'timeline'].map((s) => `sections.${s}`)
    const line = ['name', 'description', 'quantityMilli', 'unit', 'unitPriceMinor', 'discount']
    return [
      ...top,
      ...sections,
      ...form.lines.flatMap((_, i) => [...line, 'taxRateBps'].map((f) => `lines.${i}.${f}`)),
      ...form.faq.flatMap((_, i) => [`sections.faq.${i}.question`, `sections.faq.${i}.answer`]),
    ]
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    if (!api || this.saving) return
    const send = (event.submitter as HTMLElement | null)?.dataset.send === 'true'
    const checked = toDraft(this.locale, this.form!)
    if (!checked.ok) return this.refuse(checked.problems, this.t.fix)
    this.saving = true
    this.message = ''
    const body = JSON.stringify(checked.draft)
    const result = this.quote
      ? await api.call<AdminQuote>(
          `/quotes/${encodeURIComponent(this.quote.id)}?expectedVersion=${this.quote.version}`,
          { method: 'PUT', body },
        )
      : await api.call<AdminQuote>(`/leads/${encodeURIComponent(this.leadId)}/quotes`, {
          method: 'POST',
          body,
        })
    this.saving = false
    if (result.ok) {
      const detail = { quote: result.value, send }
      this.dispatchEvent(
        new CustomEvent('leadline-quote-saved', { detail, bubbles: true, composed: true }),
      )
    } else if (result.status === 409) {
      await this.refuse({}, this.t.conflict)
    } else {
      const why = explain(messages(this.locale), result)
      await this.refuse(
        problemsFromIssues(result.issues ?? [], this.fields()),
        `${this.t.refused} ${why}`,
      )
    }
  }

  /** Shows what is wrong and takes the rep to the first field to fix (else the message). */
  private async refuse(problems: Problems, message: string) {
    this.problems = problems
    this.message = message
    await this.focusOn('[aria-invalid="true"], #message')
  }

  private close() {
    this.dispatchEvent(new CustomEvent('leadline-quote-close', { bubbles: true, composed: true }))
  }

  /** What the editor's parts see of this element. */
  private get host(): EditorHost {
    return {
      t: this.t,
      locale: this.locale,
      form: this.form!,
      problems: this.problems,
      taxRates: this.taxRates,
      products: this.products,
      faqs: this.faqs,
      change: (path) => this.change(path),
      removeLine: (i) => void this.removeLine(i),
      addProduct: () => this.addProduct(),
      addFaq: (fromLibrary) => void this.addFaq(fromLibrary),
      removeFaq: (i) => void this.removeFaq(i),
    }
  }

  override render() {
    const form = this.form
    if (!form) return nothing
    const t = this.t
    const h = this.host
    const live = liveTotals(this.locale, form)
    const money = (minor: number) => formatMoney(this.locale, minor, form.currency, { exact: true })
    const heading = this.quote
      ? t.headingEdit(this.quote.revision)
      : this.from
        ? t.headingRevision(this.from.revision)
        : t.headingNew
    return html`<form novalidate aria-labelledby="editor-h" @submit=${this.save}>
      <h4 id="editor-h">${heading}</h4>
      <div class="row">
        ${field(h, 'title', t.title, form.title, (v) => (form.title = v))}
        ${field(
          h,
          'currency',
          t.currency,
          form.currency,
          (v) => (form.currency = v.toUpperCase()),
          {
            hint: t.currencyHint,
            max: 3,
          },
        )}
        ${field(h, 'validUntil', t.validUntil, form.validUntil, (v) => (form.validUntil = v), {
          type: 'date',
        })}
      </div>
      <fieldset class="group">
        <legend>${t.sections}</legend>
        <p class="hint" id="markup-help">${t.markupHelp}</p>
        ${field(h, 'sections.problems', t.problems, form.problems, (v) => (form.problems = v), {
          multiline: true,
        })}
        ${field(h, 'sections.solutions', t.solutions, form.solutions, (v) => (form.solutions = v), {
          multiline: true,
        })}
        ${field(h, 'sections.timeline', t.timeline, form.timeline, (v) => (form.timeline = v), {
          multiline: true,
        })}
      </fieldset>
      <fieldset class="group" aria-describedby="lines-error">
        <legend>${t.lines}</legend>
        ${repeat(
          form.lines,
          (l) => l.key,
          (l, i) => {
            const totals = live.byLine[i]
            return renderLine(h, l, i, totals ? money(totals.totalMinor) : null)
          },
        )}
        <p class="error" id="lines-error">
          ${this.problems.lines ? t.why[this.problems.lines] : ''}
        </p>
        <div class="library">
          <button
            id="add-line"
            type="button"
            class="secondary"
            @click=${() => this.addLine(emptyLine())}
          >
            ${t.addLine}
          </button>
        </div>
        ${renderLibrary(h)}
      </fieldset>
      ${renderTotals(t, this.locale, live, money)} ${renderFaq(h)}
      ${field(h, 'notes', t.notes, form.notes, (v) => (form.notes = v), { multiline: true })}
      <div role="alert" id="message" class="error" tabindex="-1">${this.message}</div>
      <div class="actions">
        <button type="button" class="secondary" @click=${this.close}>${t.close}</button>
        <button type="submit" ?disabled=${this.saving}>${t.save}</button>
        <button type="submit" data-send="true" ?disabled=${this.saving}>${t.saveAndSend}</button>
        <span role="status">${this.saving ? t.saving : ''}</span>
      </div>
    </form>`
  }
}

define('leadline-quote-editor', LeadlineQuoteEditor)
