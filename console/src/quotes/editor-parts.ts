/**
 * The quote editor's fields, one line item, the product library and the FAQ, rendered for the
 * `<leadline-quote-editor>` that owns the form and its problems (passed in as an `EditorHost`).
 */
import { html, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { FaqItem, Locale, Product } from '../../../contract'
import { KDV_RATES_BPS } from '../../../contract/quote'
import type { QuotesMessages } from '../i18n/quotes'
import { formatMoney } from '../localize'
import type { EditorForm, LineForm, Problems } from './draft'
import { formatRate } from './money'

/** What the editor's parts read from, and call back into, the element. */
export interface EditorHost {
  readonly t: QuotesMessages['editor']
  readonly locale: Locale
  readonly form: EditorForm
  readonly problems: Problems
  readonly taxRates: number[]
  readonly products: Product[]
  readonly faqs: FaqItem[]
  /** A field at `path` changed: its problem goes and the editor renders again. */
  change(path: string): void
  removeLine(index: number): void
  addProduct(): void
  addFaq(fromLibrary: boolean): void
  removeFaq(index: number): void
}

export interface FieldOptions {
  hint?: string
  multiline?: boolean
  type?: string
  inputmode?: string
  max?: number
}

const idOf = (path: string) => path.replaceAll('.', '-')

/** A labelled input or textarea at `path`, with its hint and the problem the editor found there. */
export function field(
  h: EditorHost,
  path: string,
  label: string,
  value: string,
  set: (value: string) => void,
  o: FieldOptions = {},
) {
  const id = idOf(path)
  const problem = h.problems[path]
  const describedBy = o.hint ? `${id}-hint ${id}-error` : `${id}-error`
  const input = (e: Event) => {
    set((e.target as HTMLInputElement).value)
    h.change(path)
  }
  return html`<div class="field ${o.multiline ? 'wide' : ''}">
    <label for=${id}>${label}</label>
    ${
      o.multiline
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
          />`
    }
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
    <p class="error" id="${id}-error">${problem ? h.t.why[problem] : ''}</p>
  </div>`
}

function rateLabel(h: EditorHost, bps: number) {
  const rate = formatRate(h.locale, bps)
  return (KDV_RATES_BPS as readonly number[]).includes(bps) ? h.t.kdv(rate) : h.t.ownRate(rate)
}

export function renderLine(h: EditorHost, line: LineForm, i: number, total: string | null) {
  const t = h.t
  const p = `lines.${i}`
  const decimal = { inputmode: 'decimal' }
  return html`<fieldset class="line">
    <legend>${t.lineN(i + 1)}</legend>
    ${field(h, `${p}.name`, t.name, line.name, (v) => (line.name = v))}
    ${field(
      h,
      `${p}.quantityMilli`,
      t.quantity,
      line.quantity,
      (v) => (line.quantity = v),
      decimal,
    )}
    ${field(h, `${p}.unit`, t.unit, line.unit, (v) => (line.unit = v), {
      hint: t.unitHint,
      max: 20,
    })}
    ${field(h, `${p}.unitPriceMinor`, t.price, line.price, (v) => (line.price = v), decimal)}
    <div class="field">
      <label for="lines-${i}-kind">${t.discountKind}</label>
      <select
        id="lines-${i}-kind"
        .value=${line.discountKind}
        @change=${(e: Event) => {
          line.discountKind = (e.target as HTMLSelectElement).value as LineForm['discountKind']
          h.change(`${p}.discount`)
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
    ${
      line.discountKind === 'none'
        ? nothing
        : field(h, `${p}.discount`, t.discount, line.discount, (v) => (line.discount = v), decimal)
    }
    <div class="field">
      <label for="lines-${i}-taxRateBps">${t.tax}</label>
      <select
        id="lines-${i}-taxRateBps"
        aria-invalid=${h.problems[`${p}.taxRateBps`] ? 'true' : 'false'}
        aria-describedby="lines-${i}-taxRateBps-error"
        @change=${(e: Event) => {
          line.taxRateBps = Number((e.target as HTMLSelectElement).value)
          h.change(`${p}.taxRateBps`)
        }}
      >
        ${h.taxRates.map(
          (bps) =>
            html`<option value=${bps} ?selected=${line.taxRateBps === bps}>
              ${rateLabel(h, bps)}
            </option>`,
        )}
      </select>
      <p class="error" id="lines-${i}-taxRateBps-error">
        ${h.problems[`${p}.taxRateBps`] ? t.why.invalid : ''}
      </p>
    </div>
    ${field(h, `${p}.description`, t.description, line.description, (v) => (line.description = v), {
      multiline: true,
      max: 2000,
    })}
    <p class="line-total">${t.lineTotal}: <strong>${total ?? t.notCounted}</strong></p>
    <button type="button" class="secondary" @click=${() => h.removeLine(i)}>
      ${t.removeLine(i + 1)}
    </button>
  </fieldset>`
}

export function renderLibrary(h: EditorHost) {
  const t = h.t
  const products = h.products.filter((p) => p.currency === h.form.currency)
  return html`<div class="library">
    ${
      products.length
        ? html`<label for="product">${t.product}</label>
            <select id="product">
              ${products.map(
                (p) =>
                  html`<option value=${p.id}>
                    ${p.name} ·
                    ${formatMoney(h.locale, p.unitPriceMinor, p.currency, {
                      exact: true,
                    })}/${p.unit}
                  </option>`,
              )}
            </select>
            <button type="button" class="secondary" @click=${() => h.addProduct()}>
              ${t.addProduct}
            </button>`
        : html`<p class="hint">${t.noProducts(h.form.currency)}</p>`
    }
  </div>`
}

export function renderFaq(h: EditorHost) {
  const t = h.t
  const form = h.form
  return html`<fieldset class="group" aria-describedby="sections-faq-error">
    <legend>${t.faq}</legend>
    <p class="error" id="sections-faq-error">
      ${h.problems['sections.faq'] ? t.why[h.problems['sections.faq']] : ''}
    </p>
    ${form.faq.length === 0 ? html`<p class="hint">${t.noFaq}</p>` : nothing}
    ${repeat(
      form.faq,
      (f) => f.key,
      (f, i) =>
        html`<fieldset class="faq">
          <legend>${t.faqN(i + 1)}</legend>
          ${field(
            h,
            `sections.faq.${i}.question`,
            t.question,
            f.question,
            (v) => (f.question = v),
            {
              max: 500,
            },
          )}
          ${field(h, `sections.faq.${i}.answer`, t.answer, f.answer, (v) => (f.answer = v), {
            multiline: true,
            hint: t.markupHelp,
          })}
          <button type="button" class="secondary" @click=${() => h.removeFaq(i)}>
            ${t.removeFaq(i + 1)}
          </button>
        </fieldset>`,
    )}
    <div class="library">
      <button id="add-faq" type="button" class="secondary" @click=${() => h.addFaq(false)}>
        ${t.addFaq}
      </button>
      ${
        h.faqs.length
          ? html`<label for="library-faq">${t.faqLibrary}</label>
              <select id="library-faq">
                ${h.faqs.map((f) => html`<option value=${f.id}>${f.question}</option>`)}
              </select>
              <button type="button" class="secondary" @click=${() => h.addFaq(true)}>
                ${t.addFaqFromLibrary}
              </button>`
          : nothing
      }
    </div>
  </fieldset>`
}
