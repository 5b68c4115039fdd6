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
import { renderTotals } from './totals'
import { editorStyles } from './styles'
import { formatRate } from './money'

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

interface FieldOptions {
  hint?: string
  multiline?: boolean
  type?: string
  inputmode?: string
  max?: number
}

const idOf = (path: string) => path.replaceAll('.', '-')

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

  private field(
    path: string,
    label: string,
    value: string,
    set: (value: string) => void,
    o: FieldOptions = {},
  ) {
    const id = idOf(path)
    const problem = this.problems[path]
    const describedBy = o.hint ? `${id}-hint ${id}-error` : `${id}-error`
    const input = (e: Event) => {
      set((e.target as HTMLInputElement).value)
      this.change(path)
    }
    return html`<div class="field ${o.multiline ? 'wide' : ''}">
      <label for=${id}>${label}</label>
      ${o.multiline
        ? html`<textarea
            id=${id}
            rows="4"
            maxlength=${o.max ?? 5000}
            .value=${value}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${input}
          ></textarea>`
        : html`<input
            id=${id}
            type=${o.type ?? 'text'}
            inputmode=${o.inputmode ?? nothing}
            maxlength=${o.type === 'date' ? nothing : (o.max ?? 200)}
            .value=${value}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${input}
          />`}
      ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
      <p class="error" id="${id}-error">${problem ? this.t.why[problem] : ''}</p>
    </div>`
  }

  private rateLabel(bps: number) {
    const rate = formatRate(this.locale, bps)
    return (KDV_RATES_BPS as readonly number[]).includes(bps)
      ? this.t.kdv(rate)
      : this.t.ownRate(rate)
  }

  private renderLine(line: LineForm, i: number, total: string | null) {
    const t = this.t
    const p = `lines.${i}`
    const decimal = { inputmode: 'decimal' }
    return html`<fieldset class="line">
      <legend>${t.lineN(i + 1)}</legend>
      ${this.field(`${p}.name`, t.name, line.name, (v) => (line.name = v))}
      ${this.field(
        `${p}.quantityMilli`,
        t.quantity,
        line.quantity,
        (v) => (line.quantity = v),
        decimal,
      )}
      ${this.field(`${p}.unit`, t.unit, line.unit, (v) => (line.unit = v), {
        hint: t.unitHint,
        max: 20,
      })}
      ${this.field(`${p}.unitPriceMinor`, t.price, line.price, (v) => (line.price = v), decimal)}
      <div class="field">
        <label for="lines-${i}-kind">${t.discountKind}</label>
        <select
          id="lines-${i}-kind"
          .value=${line.discountKind}
          @change=${(e: Event) => {
            line.discountKind = (e.target as HTMLSelectElement).value as LineForm['discountKind']
            this.change(`${p}.discount`)
          }}
        >
          ${(['none', 'percent', 'amount'] as const).map(
            (k) =>
              html`<option value=${k} ?selected=${line.discountKind === k}>
                ${t.discountKinds[k]}
              </option>`,
          )}
        </select>
      </div>
      ${line.discountKind === 'none'
        ? nothing
        : this.field(
            `${p}.discount`,
            t.discount,
            line.discount,
            (v) => (line.discount = v),
            decimal,
          )}
      <div class="field">
        <label for="lines-${i}-taxRateBps">${t.tax}</label>
        <select
          id="lines-${i}-taxRateBps"
          aria-invalid=${this.problems[`${p}.taxRateBps`] ? 'true' : 'false'}
          aria-describedby="lines-${i}-taxRateBps-error"
          @change=${(e: Event) => {
            line.taxRateBps = Number((e.target as HTMLSelectElement).value)
            this.change(`${p}.taxRateBps`)
          }}
        >
          ${this.taxRates.map(
            (bps) =>
              html`<option value=${bps} ?selected=${line.taxRateBps === bps}>
                ${this.rateLabel(bps)}
              </option>`,
          )}
        </select>
        <p class="error" id="lines-${i}-taxRateBps-error">
          ${this.problems[`${p}.taxRateBps`] ? t.why.invalid : ''}
        </p>
      </div>
      ${this.field(
        `${p}.description`,
        t.description,
        line.description,
        (v) => (line.description = v),
        {
          multiline: true,
          max: 2000,
        },
      )}
      <p class="line-total">${t.lineTotal}: <strong>${total ?? t.notCounted}</strong></p>
      <button type="button" class="secondary" @click=${() => this.removeLine(i)}>
        ${t.removeLine(i + 1)}
      </button>
    </fieldset>`
  }

  private renderLibrary() {
    const t = this.t
    const products = this.products.filter((p) => p.currency === this.form!.currency)
    return html`<div class="library">
      ${products.length
        ? html`<label for="product">${t.product}</label>
            <select id="product">
              ${products.map(
                (p) =>
                  html`<option value=${p.id}>
                    ${p.name} ·
                    ${formatMoney(this.locale, p.unitPriceMinor, p.currency, {
                      exact: true,
                    })}/${p.unit}
                  </option>`,
              )}
            </select>
            <button type="button" class="secondary" @click=${this.addProduct}>
              ${t.addProduct}
            </button>`
        : html`<p class="hint">${t.noProducts(this.form!.currency)}</p>`}
    </div>`
  }

  private renderFaq() {
    const t = this.t
    const form = this.form!
    return html`<fieldset class="group" aria-describedby="sections-faq-error">
      <legend>${t.faq}</legend>
      <p class="error" id="sections-faq-error">
        ${this.problems['sections.faq'] ? t.why[this.problems['sections.faq']] : ''}
      </p>
      ${form.faq.length === 0 ? html`<p class="hint">${t.noFaq}</p>` : nothing}
      ${repeat(
        form.faq,
        (f) => f.key,
        (f, i) =>
          html`<fieldset class="faq">
            <legend>${t.faqN(i + 1)}</legend>
            ${this.field(
              `sections.faq.${i}.question`,
              t.question,
              f.question,
              (v) => (f.question = v),
              {
                max: 500,
              },
            )}
            ${this.field(`sections.faq.${i}.answer`, t.answer, f.answer, (v) => (f.answer = v), {
              multiline: true,
              hint: t.markupHelp,
            })}
            <button type="button" class="secondary" @click=${() => this.removeFaq(i)}>
              ${t.removeFaq(i + 1)}
            </button>
          </fieldset>`,
      )}
      <div class="library">
        <button id="add-faq" type="button" class="secondary" @click=${() => this.addFaq(false)}>
          ${t.addFaq}
        </button>
        ${this.faqs.length
          ? html`<label for="library-faq">${t.faqLibrary}</label>
              <select id="library-faq">
                ${this.faqs.map((f) => html`<option value=${f.id}>${f.question}</option>`)}
              </select>
              <button type="button" class="secondary" @click=${() => this.addFaq(true)}>
                ${t.addFaqFromLibrary}
              </button>`
          : nothing}
      </div>
    </fieldset>`
  }

  override render() {
    const form = this.form
    if (!form) return nothing
    const t = this.t
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
        ${this.field('title', t.title, form.title, (v) => (form.title = v))}
        ${this.field(
          'currency',
          t.currency,
          form.currency,
          (v) => (form.currency = v.toUpperCase()),
          {
            hint: t.currencyHint,
            max: 3,
          },
        )}
        ${this.field('validUntil', t.validUntil, form.validUntil, (v) => (form.validUntil = v), {
          type: 'date',
        })}
      </div>
      <fieldset class="group">
        <legend>${t.sections}</legend>
        <p class="hint" id="markup-help">${t.markupHelp}</p>
        ${this.field('sections.problems', t.problems, form.problems, (v) => (form.problems = v), {
          multiline: true,
        })}
        ${this.field(
          'sections.solutions',
          t.solutions,
          form.solutions,
          (v) => (form.solutions = v),
          {
            multiline: true,
          },
        )}
        ${this.field('sections.timeline', t.timeline, form.timeline, (v) => (form.timeline = v), {
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
            return this.renderLine(l, i, totals ? money(totals.totalMinor) : null)
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
        ${this.renderLibrary()}
      </fieldset>
      ${renderTotals(t, this.locale, live, money)} ${this.renderFaq()}
      ${this.field('notes', t.notes, form.notes, (v) => (form.notes = v), { multiline: true })}
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
