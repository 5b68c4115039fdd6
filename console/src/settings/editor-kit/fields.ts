/**
 * Labelled form controls for the settings editors: a real `<label>`, the hint and the API's
 * issues tied to the control with `aria-describedby`, `aria-invalid` while an issue stands.
 * Editing is disabled by the `<fieldset disabled>` around a form, never per control.
 */
import { html, nothing, type TemplateResult } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'

interface Common {
  /** Unique in the section's shadow root. */
  id: string
  label: string
  hint?: string
  issues?: readonly string[]
}

export interface InputOptions extends Common {
  value: string | number | undefined | null
  type?: 'text' | 'number' | 'url' | 'time' | 'date' | 'email'
  required?: boolean
  min?: number
  max?: number
  step?: number | 'any'
  maxLength?: number
  list?: string
  onInput: (value: string) => void
}

const described = (o: Common) =>
  [o.hint ? `${o.id}-hint` : '', o.issues?.length ? `${o.id}-issue` : '']
    .filter(Boolean)
    .join(' ') || nothing

/** The hint and issues below a control. */
export function notes(o: Common): TemplateResult {
  return html`${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : nothing}
  ${
    o.issues?.length ? html`<p class="issue" id="${o.id}-issue">${o.issues.join(' ')}</p>` : nothing
  }`
}

const invalid = (o: Common) => (o.issues?.length ? 'true' : 'false')

export function input(o: InputOptions): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    <input
      id=${o.id}
      type=${o.type ?? 'text'}
      .value=${live(o.value === undefined || o.value === null ? '' : String(o.value))}
      ?required=${o.required}
      min=${ifDefined(o.min)}
      max=${ifDefined(o.max)}
      step=${ifDefined(o.step)}
      maxlength=${ifDefined(o.maxLength)}
      list=${ifDefined(o.list)}
      aria-invalid=${invalid(o)}
      aria-describedby=${described(o)}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    />
    ${notes(o)}
  </div>`
}

export interface TextAreaOptions extends Common {
  value: string
  rows?: number
  maxLength?: number
  onInput: (value: string) => void
}

export function textArea(o: TextAreaOptions): TemplateResult {
  return html`<div class="field wide">
    <label for=${o.id}>${o.label}</label>
    <textarea
      id=${o.id}
      rows=${o.rows ?? 4}
      maxlength=${ifDefined(o.maxLength)}
      .value=${live(o.value)}
      aria-invalid=${invalid(o)}
      aria-describedby=${described(o)}
      @input=${(e: Event) => o.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${notes(o)}
  </div>`
}

export interface SelectOptions<V extends string> extends Common {
  value: V | undefined
  options: readonly { value: V; label: string }[]
  onChange: (value: V) => void
}

export function select<V extends string>(o: SelectOptions<V>): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    <select
      id=${o.id}
      aria-invalid=${invalid(o)}
      aria-describedby=${described(o)}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value as V)}
    >
      ${o.options.map(
        (x) => html`<option value=${x.value} ?selected=${x.value === o.value}>${x.label}</option>`,
      )}
    </select>
    ${notes(o)}
  </div>`
}

export interface CheckboxOptions extends Common {
  checked: boolean
  onChange: (checked: boolean) => void
}

export function checkbox(o: CheckboxOptions): TemplateResult {
  return html`<div class="field check">
    <input
      id=${o.id}
      type="checkbox"
      .checked=${live(o.checked)}
      aria-invalid=${invalid(o)}
      aria-describedby=${described(o)}
      @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
    />
    <label for=${o.id}>${o.label}</label>
    ${notes(o)}
  </div>`
}

/** A number typed into a field: `undefined` when blank or not a number. */
export function numberOf(value: string): number | undefined {
  if (value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}
