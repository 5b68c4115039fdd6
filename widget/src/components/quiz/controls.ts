/**
 * The quiz's step templates: one fieldset per question with native inputs (radios, checkboxes,
 * a select, a number input or slider, a textarea), and the standalone contact step. Store text
 * is only ever bound as text, never as HTML.
 */
import { html, nothing } from 'lit'
import type { Answer, Channel, FieldDef, Locale, SiteConfig } from '../../../../contract'
import type { FieldError, Values } from '../../internal/form-helpers'
import type { PublicQuestion } from '../../internal/quiz-progress'
import type { QuizMessages as Messages } from '../../i18n/quiz'
import { renderNotice } from '../../internal/consent-view'

export interface Ctx {
  t: Messages
  locale: Locale
}

type OnAnswer = (q: PublicQuestion, value: Answer | undefined) => void

const legend = (ctx: Ctx, text: string, required: boolean) =>
  html`<legend>
    <h2 id="qh" tabindex="-1">
      ${text}${required ? nothing : html` <span class="opt">${ctx.t.optional}</span>`}
    </h2>
  </legend>`

/** The fieldset for one question; `error` is the id of the error message when there is one. */
export function renderControl(
  ctx: Ctx,
  q: PublicQuestion,
  answer: Answer | undefined,
  error: string | undefined,
  onAnswer: OnAnswer,
) {
  const { t, locale } = ctx
  const invalid = error ? 'true' : 'false'
  const help = q.help?.[locale]
  const described = [help ? 'help' : '', error ?? ''].join(' ').trim() || nothing
  const options =
    q.kind === 'yes_no'
      ? [
          { value: 'yes', text: t.yes },
          { value: 'no', text: t.no },
        ]
      : (q.options ?? []).map((o) => ({ value: o.value, text: o.label[locale] }))
  let control
  if (q.kind === 'multiple') {
    const picked = Array.isArray(answer) ? answer : []
    control = options.map(
      (o) =>
        html`<label part="option" class="check">
          <input
            type="checkbox"
            name=${q.id}
            value=${o.value}
            .checked=${picked.includes(o.value)}
            aria-invalid=${invalid}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked
              const next = on ? [...picked, o.value] : picked.filter((v) => v !== o.value)
              onAnswer(q, next.length ? next : undefined)
            }}
          />${o.text}
        </label>`,
    )
  } else if (q.kind === 'location' && options.length > 6) {
    control = html`<select
      part="input"
      name=${q.id}
      ?required=${q.required}
      aria-labelledby="qh"
      aria-invalid=${invalid}
      @change=${(e: Event) => onAnswer(q, (e.target as HTMLSelectElement).value || undefined)}
    >
      <option value="">${t.choose}</option>
      ${options.map(
        (o) => html`<option value=${o.value} ?selected=${answer === o.value}>${o.text}</option>`,
      )}
    </select>`
  } else if (q.kind === 'number' && q.number) {
    const n = q.number
    const unit = n.unit?.[locale] ?? ''
    const slider = n.display === 'slider'
    const value = typeof answer === 'number' ? answer : undefined
    const shown = value ?? (slider ? n.min : undefined)
    const text =
      shown === undefined ? '' : `${new Intl.NumberFormat(locale).format(shown)} ${unit}`.trim()
    control = html`<div class="number">
      <input
        part="input"
        name=${q.id}
        type=${slider ? 'range' : 'number'}
        inputmode=${slider ? nothing : 'decimal'}
        min=${n.min}
        max=${n.max}
        step=${n.step ?? 'any'}
        ?required=${q.required && !slider}
        .value=${shown === undefined ? '' : String(shown)}
        aria-labelledby="qh"
        aria-valuetext=${slider && text ? text : nothing}
        aria-invalid=${invalid}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value
          onAnswer(q, raw === '' ? undefined : Number(raw))
        }}
      />
      ${
        slider
          ? html`<output aria-hidden="true">${text}</output>`
          : unit
            ? html`<span class="unit">${unit}</span>`
            : nothing
      }
    </div>`
  } else if (q.kind === 'text') {
    control = html`<textarea
      part="input"
      name=${q.id}
      rows="4"
      maxlength=${q.maxLength ?? 2000}
      ?required=${q.required}
      .value=${typeof answer === 'string' ? answer : ''}
      aria-labelledby="qh"
      aria-invalid=${invalid}
      @input=${(e: Event) => onAnswer(q, (e.target as HTMLTextAreaElement).value || undefined)}
    ></textarea>`
  } else {
    control = options.map(
      (o) =>
        html`<label part="option" class="check">
          <input
            type="radio"
            name=${q.id}
            value=${o.value}
            ?required=${q.required}
            .checked=${answer === o.value}
            aria-invalid=${invalid}
            @change=${() => onAnswer(q, o.value)}
          />${o.text}
        </label>`,
    )
  }
  // Required is said on the inputs (a radio group is required when one of its radios is): the
  // fieldset's role, group, does not take `aria-required`
  // (https://www.w3.org/TR/wai-aria-1.2/#aria-required). A slider always has a value, and no
  // role conveys "tick at least one" for checkboxes: the legend marks the optional questions.
  return html`<fieldset part="question" aria-describedby=${described}>
    ${legend(ctx, q.text[locale], q.required)}
    ${help ? html`<p id="help" class="help">${help}</p>` : nothing} ${control}
  </fieldset>`
}

const CONTACT_FIELDS = ['name', 'email', 'phone'] as const

/** The contact step's fields as a form config, so the form's validation and body builder apply. */
export function contactConfig(config: SiteConfig, t: Messages): SiteConfig {
  const fields: FieldDef[] = CONTACT_FIELDS.map((name) => ({
    name,
    kind: 'standard',
    type: name === 'phone' ? 'tel' : name === 'email' ? 'email' : 'text',
    required: name !== 'phone',
    label: { tr: t.contactFields[name], en: t.contactFields[name] },
  }))
  return { ...config, fields }
}

const AUTOCOMPLETE = { name: 'name', email: 'email', phone: 'tel' }

/** The standalone quiz's last step: name, e-mail, phone, consent (never pre-ticked), honeypot. */
export function renderContact(
  ctx: Ctx,
  config: SiteConfig | undefined,
  values: Values,
  errors: Map<string, FieldError>,
  channels: Partial<Record<Channel, boolean>>,
  onChange: () => void,
) {
  const { t, locale } = ctx
  if (!config) return html`<p>${t.loadFailed}</p>`
  const message = (e: FieldError) => (e.kind === 'tooLong' ? t.tooLong(e.max) : t[e.kind])
  return html`<fieldset part="question">
    ${legend(ctx, t.contactTitle, true)}
    ${CONTACT_FIELDS.map((name) => {
      const error = errors.get(name)
      return html`<div class="field">
        <label for=${'c-' + name}
          >${t.contactFields[name]}${
            name === 'phone' ? html` <span class="opt">${t.optional}</span>` : nothing
          }</label
        >
        <input
          id=${'c-' + name}
          part="input"
          name=${name}
          type=${name === 'phone' ? 'tel' : name === 'email' ? 'email' : 'text'}
          autocomplete=${AUTOCOMPLETE[name]}
          ?required=${name !== 'phone'}
          .value=${typeof values[name] === 'string' ? values[name] : ''}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'ce-' + name : nothing}
          @input=${(e: Event) => {
            values[name] = (e.target as HTMLInputElement).value
            errors.delete(name)
            onChange()
          }}
        />
        ${
          error
            ? html`<p id=${'ce-' + name} part="error" class="error">${message(error)}</p>`
            : nothing
        }
      </div>`
    })}
    ${renderNotice(config.consent, locale, t)}
    <fieldset class="consent">
      <legend>${t.consentLegend}</legend>
      <p>${config.consent.text[locale]}</p>
      ${config.consent.channels.map(
        (c) =>
          html`<label part="option" class="check">
            <input
              type="checkbox"
              name=${'consent_' + c}
              .checked=${channels[c] === true}
              @change=${(e: Event) => (channels[c] = (e.target as HTMLInputElement).checked)}
            />${t.channels[c]}
          </label>`,
      )}
    </fieldset>
    <div class="hp" aria-hidden="true">
      <label for="hp">${t.honeypot}</label>
      <input
        id="hp"
        name=${config.spam.honeypotField}
        type="text"
        tabindex="-1"
        autocomplete="off"
      />
    </div>
  </fieldset>`
}
